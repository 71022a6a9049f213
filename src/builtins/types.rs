//! Calling Python's type objects: `int(x)`, `float(s)`, `list(it)`,
//! `dict(pairs)`, `range(...)`, exception classes, `np.float64(x)`.

use crate::eval::error::{raise, type_error, value_error, EvalResult};
use crate::eval::function::Args;
use crate::eval::Interp;
use crate::value::{Dict, ExcKind, ExceptionValue, RangeValue, TypeObj, Value};
use num_complex::Complex64;
use std::cell::RefCell;
use std::rc::Rc;

/// Parses a Python int literal string as `int(s)` does (`ValueError` otherwise).
pub fn parse_int_str(s: &str, base: u32) -> EvalResult<i64> {
    let t = s.trim();
    let err = || value_error(format!("invalid literal for int() with base {}: {}", base, crate::value::quote_str(s)));
    let (neg, digits) = match t.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let mut digits = digits.replace('_', "");
    let prefix = match base {
        16 => Some(["0x", "0X"]),
        8 => Some(["0o", "0O"]),
        2 => Some(["0b", "0B"]),
        _ => None,
    };
    if let Some(prefixes) = prefix {
        for p in prefixes {
            if let Some(rest) = digits.strip_prefix(p) {
                digits = rest.to_string();
                break;
            }
        }
    }
    if !(2..=36).contains(&base) {
        return Err(value_error("int() base must be >= 2 and <= 36, or 0"));
    }
    if digits.is_empty() {
        return Err(err());
    }
    let v = i64::from_str_radix(&digits, base).map_err(|e| match e.kind() {
        std::num::IntErrorKind::PosOverflow | std::num::IntErrorKind::NegOverflow => {
            raise(ExcKind::OverflowError, "int too large: NPL ints are 64-bit")
        }
        _ => err(),
    })?;
    Ok(if neg { -v } else { v })
}

/// Parses a float string as `float(s)` does.
pub fn parse_float_str(s: &str) -> EvalResult<f64> {
    let t = s.trim().replace('_', "");
    let lower = t.to_ascii_lowercase();
    let v = match lower.trim_start_matches(['+', '-']) {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    if let Some(v) = v {
        return Ok(if lower.starts_with('-') { -v } else { v });
    }
    t.parse::<f64>()
        .map_err(|_| value_error(format!("could not convert string to float: {}", crate::value::quote_str(s))))
}

/// Calls a type object: `int(x)`, `list(it)`, `ValueError("msg")`, `np.float64(x)`.
pub fn call_type(interp: &mut Interp, t: TypeObj, args: Args) -> EvalResult {
    let n = args.positional.len();
    let mut pos = args.positional.into_iter();
    let first = pos.next();
    let keywords = args.keywords;
    if !keywords.is_empty() && !matches!(t, TypeObj::Dict) {
        return Err(type_error(format!("{}() takes no keyword arguments", t.name())));
    }
    match t {
        TypeObj::Int | TypeObj::Scalar(crate::array::DType::Int64) => {
            let base = pos.next();
            match (first, base) {
                (None, _) => Ok(Value::Int(0)),
                (Some(Value::Str(s)), Some(Value::Int(b))) => Ok(Value::Int(parse_int_str(&s, b as u32)?)),
                (Some(Value::Str(s)), None) => Ok(Value::Int(parse_int_str(&s, 10)?)),
                (Some(v), None) => super::convert::to_int_value(&v),
                _ => Err(type_error("int() can't convert non-string with explicit base")),
            }
        }
        TypeObj::Float | TypeObj::Scalar(crate::array::DType::Float64) => match first {
            None => Ok(Value::Float(0.0)),
            Some(Value::Str(s)) => Ok(Value::Float(parse_float_str(&s)?)),
            Some(v) => super::convert::to_float_value(&v),
        },
        TypeObj::Complex | TypeObj::Scalar(crate::array::DType::Complex128) => {
            // arrays convert through __complex__ in CPython, so they count as complex arguments
            let is_complex = |v: &Value| matches!(v, Value::Complex(_) | Value::Array(_));
            let re = match &first {
                None => Complex64::new(0.0, 0.0),
                Some(v) => super::convert::to_complex_scalar(v)?,
            };
            let second = pos.next();
            let im = match &second {
                None => return Ok(Value::complex(re)),
                Some(v) => super::convert::to_complex_scalar(v)?,
            };
            // As CPython: parts are added only where an argument is complex, so complex(1.0, -0.0) keeps its -0.0
            let mut value = Complex64::new(re.re, im.re);
            if first.as_ref().is_some_and(is_complex) {
                value.im += re.im;
            }
            if second.as_ref().is_some_and(is_complex) {
                value.re -= im.im;
            }
            Ok(Value::complex(value))
        }
        TypeObj::Bool | TypeObj::Scalar(crate::array::DType::Bool) => match first {
            None => Ok(Value::Bool(false)),
            Some(v) => Ok(Value::Bool(interp.truthy(&v)?)),
        },
        TypeObj::Str => match first {
            None => Ok(Value::str("")),
            Some(v) => Ok(Value::str(&crate::eval::str_of(&v)?)),
        },
        TypeObj::List => match first {
            None => Ok(Value::list(vec![])),
            Some(v) => Ok(Value::list(interp.collect(&v)?)),
        },
        TypeObj::Tuple => match first {
            None => Ok(Value::tuple(vec![])),
            Some(Value::Tuple(t)) => Ok(Value::Tuple(t)),
            Some(v) => Ok(Value::tuple(interp.collect(&v)?)),
        },
        TypeObj::Dict => {
            let mut d = Dict::new();
            if let Some(v) = first {
                match &v {
                    Value::Dict(src) => {
                        for (k, val) in src.borrow().entries() {
                            let _ = d.insert(k.clone(), val.clone());
                        }
                    }
                    other => {
                        for (i, pair) in interp.collect(other)?.into_iter().enumerate() {
                            let kv = interp.collect(&pair).map_err(|_| {
                                type_error(format!(
                                    "cannot convert dictionary update sequence element #{i} to a sequence"
                                ))
                            })?;
                            if kv.len() != 2 {
                                return Err(value_error(format!(
                                    "dictionary update sequence element #{i} has length {}; 2 is required",
                                    kv.len()
                                )));
                            }
                            d.insert(kv[0].clone(), kv[1].clone())
                                .map_err(|t| type_error(format!("unhashable type: '{t}'")))?;
                        }
                    }
                }
            }
            for (k, v) in keywords {
                let _ = d.insert(Value::Str(k.into()), v);
            }
            Ok(Value::Dict(Rc::new(RefCell::new(d))))
        }
        TypeObj::Range => {
            let mut nums = Vec::new();
            for v in first.into_iter().chain(pos) {
                nums.push(match v {
                    Value::Int(i) => i,
                    Value::Bool(b) => b as i64,
                    other => {
                        return Err(type_error(format!(
                            "'{}' object cannot be interpreted as an integer",
                            other.type_name()
                        )))
                    }
                });
            }
            let (start, stop, step) = match nums.as_slice() {
                [stop] => (0, *stop, 1),
                [start, stop] => (*start, *stop, 1),
                [start, stop, step] => (*start, *stop, *step),
                [] => return Err(type_error("range expected at least 1 argument, got 0")),
                _ => return Err(type_error(format!("range expected at most 3 arguments, got {n}"))),
            };
            if step == 0 {
                return Err(value_error("range() arg 3 must not be zero"));
            }
            Ok(Value::Range(Rc::new(RangeValue { start, stop, step })))
        }
        TypeObj::Slice => {
            let mut parts: Vec<Value> = first.into_iter().chain(pos).collect();
            let (start, stop, step) = match parts.len() {
                1 => (Value::None, parts.remove(0), Value::None),
                2 => (parts.remove(0), parts.remove(0), Value::None),
                3 => (parts.remove(0), parts.remove(0), parts.remove(0)),
                _ => return Err(type_error("slice expected 1 to 3 arguments")),
            };
            Ok(Value::Slice(Rc::new(crate::value::SliceValue { start, stop, step })))
        }
        TypeObj::Type => match (first, n) {
            (Some(v), 1) => Ok(Value::Type(v.type_of())),
            _ => Err(type_error("type() takes 1 argument in NPL")),
        },
        TypeObj::Exception(kind) => {
            let args: Vec<Value> = first.into_iter().chain(pos).collect();
            Ok(Value::Exception(Rc::new(ExceptionValue { kind, args })))
        }
        TypeObj::NdArray => Err(type_error("create arrays with np.array(...), np.zeros(...) and friends")),
        TypeObj::DTypeClass => match first {
            Some(v) => Ok(Value::DType(super::convert::parse_dtype(&v)?)),
            None => Err(type_error("dtype() missing required argument 'dtype'")),
        },
        other => Err(type_error(format!("cannot create '{}' instances", other.name()))),
    }
}
