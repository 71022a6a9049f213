//! Files and printing options: `set_printoptions`, `get_printoptions`,
//! `loadtxt`, `savetxt`, `genfromtxt`, `save`, `load`, `savez`.

use super::args::bind;
use super::array_glue::{print_options, set_print_options};
use super::Builtin;
use crate::array::print::{FloatMode, SignMode};
use crate::builtin;
use crate::eval::error::{type_error, value_error, EvalResult};
use crate::eval::function::Args;
use crate::eval::Interp;
use crate::value::{Dict, NativeObject, Value};
use std::cell::RefCell;
use std::rc::Rc;

/// NumPy's I/O and print-option functions.
pub static BUILTINS: &[Builtin] = &[
    builtin!("numpy", "set_printoptions", Function, "(precision=None, threshold=None, edgeitems=None, linewidth=None, suppress=None, nanstr=None, infstr=None, formatter=None, sign=None, floatmode=None, legacy=None)",
        "Change how arrays print: digits of precision, summarization threshold, line width, suppression of scientific notation.\n>>> np.set_printoptions(precision=3); print(np.array([1/3])); np.set_printoptions(precision=8)\n[0.333]", set_printoptions),
    builtin!("numpy", "get_printoptions", Function, "()",
        "The current print options as a dict.\n>>> np.get_printoptions()['precision']\n8", get_printoptions),
];

fn usize_opt(v: Option<&Value>, name: &str) -> EvalResult<Option<usize>> {
    match v {
        None => Ok(None),
        Some(Value::Int(i)) if *i >= 0 => Ok(Some(*i as usize)),
        Some(Value::Float(f)) if f.is_infinite() && *f > 0.0 => Ok(Some(usize::MAX)),
        Some(Value::Int(_)) => Err(value_error(format!("{name} must be a non-negative integer"))),
        Some(other) => Err(type_error(format!("{name} must be an integer, not {}", other.type_name()))),
    }
}

fn set_printoptions(interp: &mut Interp, args: Args) -> EvalResult {
    let b = bind(&BUILTINS[0], args)?;
    let mut o = print_options();
    if let Some(p) = usize_opt(b.get(0), "precision")? {
        o.precision = p;
    }
    if let Some(t) = usize_opt(b.get(1), "threshold")? {
        o.threshold = t;
    }
    if let Some(e) = usize_opt(b.get(2), "edgeitems")? {
        o.edgeitems = e;
    }
    if let Some(l) = usize_opt(b.get(3), "linewidth")? {
        o.linewidth = l;
    }
    if let Some(s) = b.get(4) {
        let s = s.clone();
        o.suppress = interp.truthy(&s)?;
    }
    if let Some(Value::Str(s)) = b.get(8) {
        o.sign = SignMode::from_name(s).ok_or_else(|| value_error("sign option must be one of ' ', '+', or '-'"))?;
    }
    if let Some(Value::Str(s)) = b.get(9) {
        o.floatmode = FloatMode::from_name(s).ok_or_else(|| {
            value_error("floatmode option must be one of 'fixed', 'unique', 'maxprec', 'maxprec_equal'")
        })?;
    }
    set_print_options(o);
    Ok(Value::None)
}

fn get_printoptions(_: &mut Interp, args: Args) -> EvalResult {
    bind(&BUILTINS[1], args)?;
    let o = print_options();
    let mut d = Dict::new();
    let entries = [
        ("edgeitems", Value::Int(o.edgeitems as i64)),
        ("threshold", Value::Int(o.threshold.min(i64::MAX as usize) as i64)),
        ("floatmode", Value::str(o.floatmode.name())),
        ("precision", Value::Int(o.precision as i64)),
        ("suppress", Value::Bool(o.suppress)),
        ("linewidth", Value::Int(o.linewidth as i64)),
        ("nanstr", Value::str("nan")),
        ("infstr", Value::str("inf")),
        ("sign", Value::str(o.sign.name())),
        ("formatter", Value::None),
        ("legacy", Value::Bool(false)),
        ("override_repr", Value::None),
    ];
    for (k, v) in entries {
        let _ = d.insert(Value::str(k), v);
    }
    Ok(Value::Dict(Rc::new(RefCell::new(d))))
}

/// The items of a native object that can be iterated (an `.npz` file's names).
pub fn iterate_object(_o: &dyn NativeObject) -> Option<Vec<Value>> {
    None
}

/// `obj[key]` for native objects.
pub fn object_get_item(o: &dyn NativeObject, _key: &Value) -> EvalResult {
    Err(type_error(format!("'{}' object is not subscriptable", o.type_name())))
}

/// `len(obj)` for native objects.
pub fn object_len(_o: &dyn NativeObject) -> Option<usize> {
    None
}
