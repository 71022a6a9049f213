//! Python's builtin functions and the constructors of its types.

use super::args::bind;
use super::Builtin;
use crate::builtin;
use crate::eval::error::{raise, type_error, value_error, EvalResult};
use crate::eval::function::Args;
use crate::eval::Interp;
use crate::value::{ExcKind, TypeObj, Value};

/// Python's builtin functions.
pub static BUILTINS: &[Builtin] = &[
    builtin!("builtins", "print", Function, "(*values, sep=' ', end='\\n')",
        "Print the values, separated by `sep` and followed by `end`.\nRaises TypeError when sep or end is not a string or None.\n>>> print(1, 'a', [2.5])\n1 a [2.5]", print),
    builtin!("builtins", "len", Function, "(obj)",
        "The number of items of a container (the first axis of an array).\nRaises TypeError for an object without a length (a number, a 0-d array).\n>>> len([1, 2, 3])\n3", len),
    builtin!("builtins", "abs", Function, "(x)",
        "The absolute value of a number (element-wise for arrays).\nRaises TypeError for a non-number; OverflowError for abs of the smallest int64.\n>>> abs(-2.5)\n2.5", abs),
    builtin!("builtins", "min", Function, "(*args, key=None, default=None)",
        "The smallest item of an iterable, or of several arguments.\nRaises ValueError for an empty iterable without default; TypeError for items that cannot be compared.\n>>> min([3, 1, 2])\n1", min),
    builtin!("builtins", "max", Function, "(*args, key=None, default=None)",
        "The largest item of an iterable, or of several arguments.\nRaises ValueError for an empty iterable without default; TypeError for items that cannot be compared.\n>>> max(3, 7, 5)\n7", max),
    builtin!("builtins", "sum", Function, "(iterable, /, start=0)",
        "The sum of the items of an iterable plus `start` (over the first axis of an array).\nRaises TypeError for strings or items that cannot be added.\n>>> sum([1, 2, 3], 10)\n16", sum),
    builtin!("builtins", "round", Function, "(number, ndigits=None)",
        "Round to `ndigits` decimals (half to even); an int when `ndigits` is omitted.\nRaises TypeError for a non-number or a non-int ndigits; ValueError for NaN and OverflowError for inf without ndigits.\n>>> round(2.675, 2)\n2.67", round),
    builtin!("builtins", "repr", Function, "(obj)",
        "The printable representation of an object.\n>>> repr('q')\n\"'q'\"", repr),
    builtin!("builtins", "enumerate", Function, "(iterable, start=0)",
        "Pairs (index, item) for the items of an iterable.\nRaises TypeError for a non-iterable or a non-int start.\n>>> list(enumerate('ab'))\n[(0, 'a'), (1, 'b')]", enumerate),
    builtin!("builtins", "zip", Function, "(*iterables)",
        "Tuples of the i-th items of each iterable, as long as the shortest.\nRaises TypeError when an argument is not iterable.\n>>> list(zip([1, 2], 'ab'))\n[(1, 'a'), (2, 'b')]", zip),
    builtin!("builtins", "sorted", Function, "(iterable, *, key=None, reverse=False)",
        "A new sorted list of the items (stable).\nRaises TypeError for a non-iterable or items that cannot be compared.\n>>> sorted([3, 1, 2], reverse=True)\n[3, 2, 1]", sorted),
    builtin!("builtins", "reversed", Function, "(seq)",
        "The items of a sequence in reverse order.\nRaises TypeError for a dict or a non-sequence.\n>>> list(reversed([1, 2, 3]))\n[3, 2, 1]", reversed),
    builtin!("builtins", "all", Function, "(iterable)",
        "True if every item is true (or there are none).\nRaises TypeError when an argument is not iterable.\n>>> all([1, 2, 0])\nFalse", all),
    builtin!("builtins", "any", Function, "(iterable)",
        "True if some item is true.\nRaises TypeError when an argument is not iterable.\n>>> any([0, 0, 3])\nTrue", any),
    builtin!("builtins", "map", Function, "(function, *iterables)",
        "The function applied to the items (of several iterables in parallel).\nRaises TypeError with fewer than two arguments or a non-iterable.\n>>> list(map(abs, [-1, 2]))\n[1, 2]", map),
    builtin!("builtins", "filter", Function, "(function, iterable)",
        "The items for which the function is true (or which are true, for None).\nRaises TypeError when an argument is not iterable.\n>>> list(filter(None, [0, 1, 2]))\n[1, 2]", filter),
    builtin!("builtins", "isinstance", Function, "(obj, class_or_tuple)",
        "Whether the object is an instance of the class (or of one of a tuple of classes).\nRaises TypeError when class_or_tuple is not a type or a tuple of types.\n>>> isinstance(True, int)\nTrue", isinstance),
    builtin!("builtins", "pow", Function, "(base, exp, mod=None)",
        "base ** exp, or (base ** exp) % mod for ints.\nRaises ValueError when mod is 0; TypeError for mod with non-int arguments; ZeroDivisionError for 0 to a negative power.\n>>> pow(2, 10, 1000)\n24", pow),
    builtin!("builtins", "divmod", Function, "(a, b)",
        "The pair (a // b, a % b).\nRaises ZeroDivisionError when b is 0; TypeError for non-numbers.\n>>> divmod(-7, 2)\n(-4, 1)", divmod),
    builtin!("builtins", "input", Function, "(prompt='')",
        "Read a line from standard input, without its newline.\nRaises EOFError at the end of input.\n>>> # input('name? ') waits for a line", input),
    builtin!("builtins", "format", Function, "(value, format_spec='')",
        "Format a value with a format spec, as f-strings do.\nRaises ValueError for an invalid format spec; TypeError when format_spec is not a string.\n>>> format(3.14159, '.2f')\n'3.14'", format),
    builtin!("builtins", "id", Function, "(obj)",
        "An integer identifying the object during its lifetime.\n>>> id(None) == id(None)\nTrue", id),
    builtin!("builtins", "hash", Function, "(obj)",
        "The hash of a hashable object.\nRaises TypeError for unhashable objects (lists, dicts, arrays).\n>>> hash(1) == hash(1.0)\nTrue", hash),
    builtin!("builtins", "callable", Function, "(obj)",
        "Whether the object can be called.\n>>> callable(len)\nTrue", callable),
    builtin!("builtins", "ord", Function, "(c)",
        "The Unicode code point of a one-character string.\nRaises TypeError unless c is a string of length 1.\n>>> ord('a')\n97", ord),
    builtin!("builtins", "chr", Function, "(i)",
        "The one-character string of a code point.\nRaises ValueError for i outside range(0x110000); TypeError for a non-int.\n>>> chr(97)\n'a'", chr),
    builtin!("builtins", "getattr", Function, "(obj, name, default=None)",
        "The attribute `name` of the object (or `default`).\nRaises AttributeError when there is no such attribute and no default; TypeError for a non-string name.\n>>> getattr([], 'append') is not None\nTrue", getattr),
    builtin!("builtins", "hasattr", Function, "(obj, name)",
        "Whether the object has the attribute.\nRaises TypeError for a non-string name.\n>>> hasattr('s', 'upper')\nTrue", hasattr),
];

/// The names Python binds before a program starts: functions, types, exceptions.
pub fn builtin_names() -> crate::value::fxhash::FxHashMap<&'static str, Value> {
    let mut m = crate::value::fxhash::FxHashMap::default();
    for b in BUILTINS.iter().chain(super::python_more::BUILTINS.iter()) {
        m.insert(b.name, Value::Builtin(b));
    }
    for t in [
        TypeObj::Int,
        TypeObj::Float,
        TypeObj::Complex,
        TypeObj::Bool,
        TypeObj::Str,
        TypeObj::List,
        TypeObj::Tuple,
        TypeObj::Dict,
        TypeObj::Range,
        TypeObj::Slice,
        TypeObj::Type,
    ] {
        m.insert(t.name(), Value::Type(t));
    }
    for k in ExcKind::ALL {
        if !matches!(k, ExcKind::LinAlgError | ExcKind::AxisError | ExcKind::UFuncOutputCastingError) {
            m.insert(k.name(), Value::Type(TypeObj::Exception(k)));
        }
    }
    m.insert("IOError", Value::Type(TypeObj::Exception(ExcKind::OSError)));
    m.insert("Ellipsis", Value::Ellipsis);
    m
}

fn print(interp: &mut Interp, args: Args) -> EvalResult {
    let b = bind(&BUILTINS[0], args)?;
    let sep = match b.get_raw(1) {
        None | Some(Value::None) => " ".to_string(),
        Some(Value::Str(s)) => s.to_string(),
        Some(other) => return Err(type_error(format!("sep must be None or a string, not {}", other.type_name()))),
    };
    let end = match b.get_raw(2) {
        None | Some(Value::None) => "\n".to_string(),
        Some(Value::Str(s)) => s.to_string(),
        Some(other) => return Err(type_error(format!("end must be None or a string, not {}", other.type_name()))),
    };
    let mut out = String::new();
    for (i, v) in b.rest.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        out.push_str(&crate::eval::str_of(v)?);
    }
    out.push_str(&end);
    interp.write_out(&out);
    interp.check_interrupt()?;
    Ok(Value::None)
}

/// `len(v)` as a number, or Python's `TypeError`.
pub fn length(v: &Value) -> EvalResult<usize> {
    Ok(match v {
        Value::Str(s) => s.chars().count(),
        Value::List(l) => l.borrow().len(),
        Value::Tuple(t) => t.len(),
        Value::NamedTuple(t) => t.items.len(),
        Value::Dict(d) => d.borrow().len(),
        Value::Range(r) => {
            if r.exact_len() > i64::MAX as i128 {
                return Err(raise(ExcKind::OverflowError, "Python int too large to convert to C ssize_t"));
            }
            r.len() as usize
        }
        Value::Array(a) => {
            if a.ndim() == 0 {
                return Err(type_error("len() of unsized object"));
            }
            a.shape()[0]
        }
        Value::Object(o) => match super::io::object_len(&***o) {
            Some(n) => n,
            None => return Err(type_error(format!("object of type '{}' has no len()", o.type_name()))),
        },
        other => return Err(type_error(format!("object of type '{}' has no len()", other.type_name()))),
    })
}

fn len(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[1], args)?;
    let v = b.required(0)?;
    Ok(Value::Int(length(&v)? as i64))
}

fn abs(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[2], args)?;
    match b.required(0)? {
        Value::Int(i) => i
            .checked_abs()
            .map(Value::Int)
            .ok_or_else(|| raise(ExcKind::OverflowError, "int too large: NPL ints are 64-bit")),
        Value::Bool(x) => Ok(Value::Int(x as i64)),
        Value::Float(f) => Ok(Value::Float(f.abs())),
        Value::Complex(c) => Ok(Value::Float(c.re.hypot(c.im))),
        v @ Value::Array(_) => super::array_glue::call_ufunc(interp, "absolute", &[v]),
        other => Err(type_error(format!("bad operand type for abs(): '{}'", other.type_name()))),
    }
}

fn extremum(interp: &mut Interp, args: Args, want_max: bool, decl: &'static Builtin) -> EvalResult {
    let b = bind(decl, args)?;
    let key = b.get(1).cloned();
    let default = b.get_raw(2).cloned();
    let name = decl.name;
    let items = if b.rest.len() == 1 {
        interp.collect(&b.rest[0])?
    } else if b.rest.is_empty() {
        return Err(type_error(format!("{name} expected at least 1 argument, got 0")));
    } else {
        b.rest.clone()
    };
    if items.is_empty() {
        return match default {
            Some(d) => Ok(d),
            None => Err(value_error(format!("{name}() iterable argument is empty"))),
        };
    }
    let mut best = items[0].clone();
    let mut best_key = match &key {
        Some(k) => interp.call(k, Args::positional(vec![best.clone()]))?,
        None => best.clone(),
    };
    for item in items.into_iter().skip(1) {
        let k = match &key {
            Some(f) => interp.call(f, Args::positional(vec![item.clone()]))?,
            None => item.clone(),
        };
        let op = if want_max { crate::ast::CmpOp::Gt } else { crate::ast::CmpOp::Lt };
        let better = interp.compare(op, &k, &best_key)?;
        if interp.truthy(&better)? {
            best = item;
            best_key = k;
        }
    }
    Ok(best)
}

fn min(interp: &mut Interp, args: Args) -> EvalResult {
    extremum(interp, args, false, &BUILTINS[3])
}

fn max(interp: &mut Interp, args: Args) -> EvalResult {
    extremum(interp, args, true, &BUILTINS[4])
}

fn sum(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[5], args)?;
    let iterable = b.required(0)?;
    let mut total = b.take(1).unwrap_or(Value::Int(0));
    if let Value::Str(_) = total {
        return Err(type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    let mut it = interp.iterate(&iterable)?;
    while let Some(x) = it.next_value(interp)? {
        total = interp.binary(crate::ast::BinOp::Add, &total, &x)?;
    }
    Ok(total)
}

/// Python's `round(x)` of a float: half to even, as an int.
pub fn round_half_even(f: f64) -> f64 {
    let r = f.round();
    if (f - f.trunc()).abs() == 0.5 {
        2.0 * (f / 2.0).round()
    } else {
        r
    }
}

fn round(_interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[6], args)?;
    let x = b.required(0)?;
    let nd = b.take(1);
    let ndigits = match &nd {
        None => None,
        Some(Value::Int(i)) => Some(*i),
        Some(Value::Bool(v)) => Some(*v as i64),
        Some(other) => {
            return Err(type_error(format!("'{}' object cannot be interpreted as an integer", other.type_name())))
        }
    };
    match (x, ndigits) {
        (Value::Int(i), None) => Ok(Value::Int(i)),
        (Value::Bool(v), None) => Ok(Value::Int(v as i64)),
        (Value::Int(i), Some(n)) => {
            if n >= 0 {
                return Ok(Value::Int(i));
            }
            if n < -18 {
                return Ok(Value::Int(0));
            }
            let p = 10i64.pow((-n) as u32);
            let q = crate::eval::ops::int_floordiv(i, p).unwrap_or(0);
            let r = i - q * p;
            let half = p / 2;
            let q = if r > half || (r == half && q % 2 != 0) { q + 1 } else { q };
            Ok(Value::Int(q * p))
        }
        (Value::Float(f), None) => {
            if !f.is_finite() {
                return Err(if f.is_nan() {
                    value_error("cannot convert float NaN to integer")
                } else {
                    raise(ExcKind::OverflowError, "cannot convert float infinity to integer")
                });
            }
            let r = round_half_even(f);
            crate::array::dtype::float_to_i64(r)
                .map(Value::Int)
                .ok_or_else(|| raise(ExcKind::OverflowError, "int too large: NPL ints are 64-bit"))
        }
        (Value::Float(f), Some(n)) => Ok(Value::Float(crate::value::pyfmt::round_float(f, n))),
        (Value::Array(_), _) => Err(type_error("type numpy.ndarray doesn't define __round__ method")),
        (other, _) => Err(type_error(format!("type {} doesn't define __round__ method", other.type_name()))),
    }
}

fn repr(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[7], args)?;
    Ok(Value::str(&crate::eval::repr_of(&b.required(0)?)?))
}

fn enumerate(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[8], args)?;
    let it = b.required(0)?;
    let start = match b.take(1) {
        Some(Value::Int(i)) => i,
        None => 0,
        Some(other) => {
            return Err(type_error(format!("'{}' object cannot be interpreted as an integer", other.type_name())))
        }
    };
    let items = interp.collect(&it)?;
    Ok(Value::list(
        items.into_iter().enumerate().map(|(i, v)| Value::tuple(vec![Value::Int(start + i as i64), v])).collect(),
    ))
}

fn zip(interp: &mut Interp, args: Args) -> EvalResult {
    let b = bind(&BUILTINS[9], args)?;
    let mut columns = Vec::new();
    for it in &b.rest {
        columns.push(interp.collect(it)?);
    }
    let n = columns.iter().map(|c| c.len()).min().unwrap_or(0);
    let rows = (0..n).map(|i| Value::tuple(columns.iter().map(|c| c[i].clone()).collect())).collect();
    Ok(Value::list(rows))
}

/// Sorts values with Python's ordering (stable; `key` and `reverse` as `sorted`).
pub fn sort_values(
    interp: &mut Interp,
    items: Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
) -> EvalResult<Vec<Value>> {
    let keys = match key {
        Some(k) => {
            let mut ks = Vec::with_capacity(items.len());
            for item in &items {
                ks.push(interp.call(k, Args::positional(vec![item.clone()]))?);
            }
            ks
        }
        None => items.clone(),
    };
    let mut order: Vec<usize> = (0..items.len()).collect();
    // Merge sort on indices so comparison errors propagate.
    let mut error = None;
    let mut cmp = |a: usize, b: usize, interp: &mut Interp| -> bool {
        if error.is_some() {
            return false;
        }
        match interp.py_order(&keys[b], &keys[a], crate::ast::CmpOp::Lt) {
            Ok(o) => o == Some(std::cmp::Ordering::Less),
            Err(e) => {
                error = Some(e);
                false
            }
        }
    };
    // Insertion into runs via a simple stable merge sort.
    let mut width = 1;
    let n = order.len();
    let mut buf = order.clone();
    while width < n {
        let mut i = 0;
        while i < n {
            let mid = (i + width).min(n);
            let hi = (i + 2 * width).min(n);
            let (mut l, mut r, mut k) = (i, mid, i);
            while l < mid && r < hi {
                // take from the right only if strictly less (stability)
                if cmp(order[l], order[r], interp) {
                    buf[k] = order[r];
                    r += 1;
                } else {
                    buf[k] = order[l];
                    l += 1;
                }
                k += 1;
            }
            while l < mid {
                buf[k] = order[l];
                l += 1;
                k += 1;
            }
            while r < hi {
                buf[k] = order[r];
                r += 1;
                k += 1;
            }
            i += 2 * width;
        }
        std::mem::swap(&mut order, &mut buf);
        width *= 2;
    }
    if let Some(e) = error {
        return Err(e);
    }
    if reverse {
        // Python's reverse keeps equal items in their original order.
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for &i in &order {
            let same = match groups.last() {
                Some(g) => interp.py_eq(&keys[g[0]], &keys[i]).unwrap_or(false),
                None => false,
            };
            if same {
                if let Some(g) = groups.last_mut() {
                    g.push(i);
                }
            } else {
                groups.push(vec![i]);
            }
        }
        order = groups.into_iter().rev().flatten().collect();
    }
    Ok(order.into_iter().map(|i| items[i].clone()).collect())
}

fn sorted(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[10], args)?;
    let it = b.required(0)?;
    let key = b.take(1);
    let reverse = match b.take(2) {
        Some(v) => interp.truthy(&v)?,
        None => false,
    };
    let items = interp.collect(&it)?;
    Ok(Value::list(sort_values(interp, items, key.as_ref(), reverse)?))
}

fn reversed(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[11], args)?;
    let v = b.required(0)?;
    if let Value::Dict(_) = v {
        return Err(type_error("'dict' object is not reversible"));
    }
    let mut items = interp.collect(&v)?;
    items.reverse();
    Ok(Value::list(items))
}

fn all(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[12], args)?;
    let v = b.required(0)?;
    let mut it = interp.iterate(&v)?;
    while let Some(x) = it.next_value(interp)? {
        if !interp.truthy(&x)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

fn any(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[13], args)?;
    let v = b.required(0)?;
    let mut it = interp.iterate(&v)?;
    while let Some(x) = it.next_value(interp)? {
        if interp.truthy(&x)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn map(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[14], args)?;
    let f = b.required(0)?;
    let mut columns = Vec::new();
    for it in &b.rest {
        columns.push(interp.collect(it)?);
    }
    if columns.is_empty() {
        return Err(type_error("map() must have at least two arguments."));
    }
    let n = columns.iter().map(|c| c.len()).min().unwrap_or(0);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let call_args = columns.iter().map(|c| c[i].clone()).collect();
        out.push(interp.call(&f, Args::positional(call_args))?);
    }
    Ok(Value::list(out))
}

fn filter(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[15], args)?;
    let f = b.take(0);
    let items = interp.collect(&b.required(1)?)?;
    let mut out = Vec::new();
    for item in items {
        let keep = match &f {
            Some(f) => {
                let r = interp.call(f, Args::positional(vec![item.clone()]))?;
                interp.truthy(&r)?
            }
            None => interp.truthy(&item)?,
        };
        if keep {
            out.push(item);
        }
    }
    Ok(Value::list(out))
}

/// Whether `v` is an instance of the type `t` (with Python's subclassing of
/// bool by int and the exception hierarchy).
pub fn is_instance(v: &Value, t: TypeObj) -> bool {
    let vt = v.type_of();
    match (vt, t) {
        (a, b) if a == b => true,
        (TypeObj::Bool, TypeObj::Int) => true,
        (_, TypeObj::Tuple) => matches!(v, Value::NamedTuple(_)),
        (TypeObj::Exception(k), TypeObj::Exception(c)) => k.is_subclass_of(c),
        _ => false,
    }
}

fn isinstance(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[16], args)?;
    let v = b.required(0)?;
    let classes = b.required(1)?;
    fn check(v: &Value, c: &Value) -> EvalResult<bool> {
        match c {
            Value::Type(t) => Ok(is_instance(v, *t)),
            Value::Tuple(items) => {
                for i in items.iter() {
                    if check(v, i)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(type_error("isinstance() arg 2 must be a type, a tuple of types, or a union")),
        }
    }
    Ok(Value::Bool(check(&v, &classes)?))
}

fn pow(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[17], args)?;
    let base = b.required(0)?;
    let exp = b.required(1)?;
    match b.take(2) {
        None => interp.binary(crate::ast::BinOp::Pow, &base, &exp),
        Some(m) => match (base, exp, m) {
            (Value::Int(a), Value::Int(e), Value::Int(m)) => {
                if m == 0 {
                    return Err(value_error("pow() 3rd argument cannot be 0"));
                }
                if e < 0 {
                    return Err(value_error("base is not invertible for the given modulus"));
                }
                let m128 = m as i128;
                let mut result: i128 = 1;
                let mut base = (a as i128).rem_euclid(m128);
                let mut e = e;
                while e > 0 {
                    if e & 1 == 1 {
                        result = (result * base).rem_euclid(m128);
                    }
                    base = (base * base).rem_euclid(m128);
                    e >>= 1;
                }
                let r = result as i64;
                Ok(Value::Int(if m < 0 && r > 0 { r + m } else { r }))
            }
            _ => Err(type_error("pow() 3rd argument not allowed unless all arguments are integers")),
        },
    }
}

fn divmod(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[18], args)?;
    let a = b.required(0)?;
    let c = b.required(1)?;
    let q = interp.binary(crate::ast::BinOp::FloorDiv, &a, &c)?;
    let r = interp.binary(crate::ast::BinOp::Mod, &a, &c)?;
    Ok(Value::tuple(vec![q, r]))
}

fn input(interp: &mut Interp, args: Args) -> EvalResult {
    let b = bind(&BUILTINS[19], args)?;
    if let Some(p) = b.get(0) {
        let text = p.to_str();
        interp.write_out(&text);
    }
    let _ = interp.out.flush();
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(0) => Err(raise(ExcKind::EOFError, "EOF when reading a line")),
        Ok(_) => {
            while line.ends_with('\n') || line.ends_with('\r') {
                line.pop();
            }
            Ok(Value::str(&line))
        }
        Err(e) => Err(raise(ExcKind::OSError, e.to_string())),
    }
}

fn format(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[20], args)?;
    let v = b.required(0)?;
    let spec = match b.take(1) {
        Some(Value::Str(s)) => s.to_string(),
        None => String::new(),
        Some(other) => return Err(type_error(format!("format() argument 2 must be str, not {}", other.type_name()))),
    };
    Ok(Value::str(&interp.format_value(&v, &spec)?))
}

fn id(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[21], args)?;
    Ok(Value::Int(b.required(0)?.identity() as i64))
}

fn hash(_: &mut Interp, args: Args) -> EvalResult {
    use std::hash::{Hash, Hasher};
    let mut b = bind(&BUILTINS[22], args)?;
    let v = b.required(0)?;
    let key = crate::value::HashKey::of(&v).map_err(|t| type_error(format!("unhashable type: '{t}'")))?;
    if let crate::value::HashKey::Int(i) = key {
        return Ok(Value::Int(if i == -1 { -2 } else { i }));
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    key.hash(&mut h);
    Ok(Value::Int(h.finish() as i64))
}

fn callable(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[23], args)?;
    Ok(Value::Bool(matches!(
        b.required(0)?,
        Value::Function(_) | Value::Builtin(_) | Value::Method(_) | Value::Type(_)
    )))
}

fn ord(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[24], args)?;
    match b.required(0)? {
        Value::Str(s) if s.chars().count() == 1 => Ok(Value::Int(s.chars().next().map_or(0, |c| c as i64))),
        Value::Str(s) => {
            Err(type_error(format!("ord() expected a character, but string of length {} found", s.chars().count())))
        }
        other => Err(type_error(format!("ord() expected string of length 1, but {} found", other.type_name()))),
    }
}

fn chr(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[25], args)?;
    match b.required(0)? {
        Value::Int(i) => u32::try_from(i)
            .ok()
            .and_then(char::from_u32)
            .map(|c| Value::str(&c.to_string()))
            .ok_or_else(|| value_error("chr() arg not in range(0x110000)")),
        other => Err(type_error(format!("'{}' object cannot be interpreted as an integer", other.type_name()))),
    }
}

fn getattr(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[26], args)?;
    let v = b.required(0)?;
    let Value::Str(name) = b.required(1)? else { return Err(type_error("attribute name must be string")) };
    let default = b.get_raw(2).cloned();
    match interp.get_attr(&v, &name) {
        Ok(x) => Ok(x),
        Err(e) => match default {
            Some(d) => Ok(d),
            None => Err(e),
        },
    }
}

fn hasattr(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[27], args)?;
    let v = b.required(0)?;
    let Value::Str(name) = b.required(1)? else { return Err(type_error("attribute name must be string")) };
    Ok(Value::Bool(interp.get_attr(&v, &name).is_ok()))
}

pub use super::types::{call_type, parse_float_str, parse_int_str};
