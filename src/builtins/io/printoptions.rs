//! `set_printoptions` and `get_printoptions`.

use crate::array::print::{FloatMode, SignMode};
use crate::builtins::args::bind;
use crate::builtins::array_glue::{print_options, set_print_options};
use crate::eval::error::{type_error, value_error, EvalResult};
use crate::eval::function::Args;
use crate::eval::Interp;
use crate::value::{Dict, Value};
use std::cell::RefCell;
use std::rc::Rc;

fn usize_opt(v: Option<&Value>, name: &str) -> EvalResult<Option<usize>> {
    match v {
        None => Ok(None),
        Some(Value::Int(i)) if *i >= 0 => Ok(Some(*i as usize)),
        Some(Value::Float(f)) if f.is_infinite() && *f > 0.0 => Ok(Some(usize::MAX)),
        Some(Value::Int(_)) => Err(value_error(format!("{name} must be a non-negative integer"))),
        Some(other) => Err(type_error(format!("{name} must be an integer, not {}", other.type_name()))),
    }
}

/// `np.set_printoptions`.
pub(super) fn set_printoptions(interp: &mut Interp, args: Args) -> EvalResult {
    let b = bind(&super::BUILTINS[0], args)?;
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

/// `np.get_printoptions`.
pub(super) fn get_printoptions(_: &mut Interp, args: Args) -> EvalResult {
    bind(&super::BUILTINS[1], args)?;
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
