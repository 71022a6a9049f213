//! `x[i]` for Python's sequences and dicts; arrays go to `array_glue`.

use super::error::{raise, type_error, EvalResult};
use super::Interp;
use crate::builtins::array_glue;
use crate::value::{ExcKind, SliceValue, Value};
use std::rc::Rc;

/// The indices `start, stop, step` of a slice over a sequence of `len`
/// items, clamped as Python's `slice.indices` does.
pub fn slice_indices(s: &SliceValue, len: i64) -> EvalResult<(i64, i64, i64)> {
    let get = |v: &Value| -> EvalResult<Option<i64>> {
        match v {
            Value::None => Ok(None),
            Value::Int(i) => Ok(Some(*i)),
            Value::Bool(b) => Ok(Some(*b as i64)),
            _ => Err(type_error("slice indices must be integers or None or have an __index__ method")),
        }
    };
    let step = get(&s.step)?.unwrap_or(1);
    if step == 0 {
        return Err(raise(ExcKind::ValueError, "slice step cannot be zero"));
    }
    let (lower, upper) = if step < 0 { (-1, len - 1) } else { (0, len) };
    let clamp = |v: Option<i64>, default: i64| -> i64 {
        match v {
            None => default,
            Some(i) if i < 0 => (i.saturating_add(len)).max(lower),
            Some(i) => i.min(upper),
        }
    };
    let start = clamp(get(&s.start)?, if step < 0 { upper } else { lower });
    let stop = clamp(get(&s.stop)?, if step < 0 { lower } else { upper });
    Ok((start, stop, step))
}

/// The positions a slice selects from a sequence of `len` items.
pub fn slice_positions(s: &SliceValue, len: usize) -> EvalResult<Vec<usize>> {
    let (start, stop, step) = slice_indices(s, len as i64)?;
    let mut out = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        out.push(i as usize);
        i += step;
    }
    Ok(out)
}

fn seq_index(v: &Value, len: usize, what: &str) -> EvalResult<usize> {
    let i = match v {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        Value::Array(a) if a.ndim() == 0 && a.dtype() == crate::array::DType::Int64 => {
            a.get_flat(0).to_i64().unwrap_or(0)
        }
        other => {
            return Err(type_error(format!("{what} indices must be integers or slices, not {}", other.type_name())));
        }
    };
    let n = len as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        let msg = match what {
            "str" => "string index out of range".to_string(),
            "tuple" => "tuple index out of range".to_string(),
            "range object" => "range object index out of range".to_string(),
            _ => "list index out of range".to_string(),
        };
        return Err(raise(ExcKind::IndexError, msg));
    }
    Ok(j as usize)
}

impl Interp {
    /// `obj[index]`.
    pub fn get_item(&mut self, obj: &Value, index: &Value) -> EvalResult<Value> {
        match obj {
            Value::List(l) => {
                let items = l.borrow();
                match index {
                    Value::Slice(s) => {
                        let pos = slice_positions(s, items.len())?;
                        Ok(Value::list(pos.into_iter().map(|i| items[i].clone()).collect()))
                    }
                    _ => Ok(items[seq_index(index, items.len(), "list")?].clone()),
                }
            }
            Value::Tuple(t) => match index {
                Value::Slice(s) => {
                    let pos = slice_positions(s, t.len())?;
                    Ok(Value::tuple(pos.into_iter().map(|i| t[i].clone()).collect()))
                }
                _ => Ok(t[seq_index(index, t.len(), "tuple")?].clone()),
            },
            Value::Str(s) => {
                let chars: Vec<char> = s.chars().collect();
                match index {
                    Value::Slice(sl) => {
                        let pos = slice_positions(sl, chars.len())?;
                        Ok(Value::Str(crate::value::PyStr::from(pos.into_iter().map(|i| chars[i]).collect::<String>())))
                    }
                    _ => Ok(Value::Str(crate::value::PyStr::from(
                        chars[seq_index(index, chars.len(), "str")?].to_string(),
                    ))),
                }
            }
            Value::Range(r) => match index {
                Value::Slice(s) => {
                    let (start, stop, step) = slice_indices(s, r.len())?;
                    Ok(Value::Range(Rc::new(crate::value::RangeValue {
                        start: r.get(start),
                        stop: r.get(stop),
                        step: r.step * step,
                    })))
                }
                _ => Ok(Value::Int(r.get(seq_index(index, r.len() as usize, "range object")? as i64))),
            },
            Value::NamedTuple(t) => {
                let as_tuple = Value::tuple(t.items.clone());
                self.get_item(&as_tuple, index)
            }
            Value::Dict(d) => {
                let r = d.borrow().get(index);
                match r {
                    Ok(Some(v)) => Ok(v),
                    Ok(None) => {
                        let exc = Rc::new(crate::value::ExceptionValue {
                            kind: ExcKind::KeyError,
                            args: vec![index.clone()],
                        });
                        Err(super::error::Unwind::Raise(Box::new(super::error::NplError::from_exception(exc))))
                    }
                    Err(t) => Err(type_error(format!("unhashable type: '{t}'"))),
                }
            }
            Value::Array(a) => array_glue::get_item(self, a, index),
            Value::Object(o) => crate::builtins::io::object_get_item(&***o, index),
            Value::Type(t) => Err(type_error(format!("type '{}' is not subscriptable", t.name()))),
            other => Err(type_error(format!("'{}' object is not subscriptable", other.type_name()))),
        }
    }

    /// `obj[index] = value`.
    pub fn set_item(&mut self, obj: &Value, index: &Value, value: Value) -> EvalResult<()> {
        match obj {
            Value::List(l) => match index {
                Value::Slice(s) => {
                    let new_items = self.collect(&value).map_err(|_| type_error("can only assign an iterable"))?;
                    let mut items = l.borrow_mut();
                    let (start, stop, step) = slice_indices(s, items.len() as i64)?;
                    if step == 1 {
                        let stop = stop.max(start);
                        items.splice(start as usize..stop as usize, new_items);
                    } else {
                        let pos = slice_positions(s, items.len())?;
                        if pos.len() != new_items.len() {
                            return Err(raise(
                                ExcKind::ValueError,
                                format!(
                                    "attempt to assign sequence of size {} to extended slice of size {}",
                                    new_items.len(),
                                    pos.len()
                                ),
                            ));
                        }
                        for (p, v) in pos.into_iter().zip(new_items) {
                            items[p] = v;
                        }
                    }
                    Ok(())
                }
                _ => {
                    let mut items = l.borrow_mut();
                    let len = items.len();
                    let i = seq_index(index, len, "list").map_err(|e| match e {
                        super::error::Unwind::Raise(mut err) if err.kind() == ExcKind::IndexError => {
                            err.exc = crate::value::ExceptionValue::new(
                                ExcKind::IndexError,
                                "list assignment index out of range",
                            );
                            super::error::Unwind::Raise(err)
                        }
                        other => other,
                    })?;
                    items[i] = value;
                    Ok(())
                }
            },
            Value::Dict(d) => {
                d.borrow_mut().insert(index.clone(), value).map_err(|t| type_error(format!("unhashable type: '{t}'")))
            }
            Value::Array(a) => array_glue::set_item(self, a, index, &value),
            Value::Tuple(_) => Err(type_error("'tuple' object does not support item assignment")),
            Value::Str(_) => Err(type_error("'str' object does not support item assignment")),
            other => Err(type_error(format!("'{}' object does not support item assignment", other.type_name()))),
        }
    }

    /// `del obj[index]`.
    pub fn del_item(&mut self, obj: &Value, index: &Value) -> EvalResult<()> {
        match obj {
            Value::List(l) => {
                let mut items = l.borrow_mut();
                match index {
                    Value::Slice(s) => {
                        let mut pos = slice_positions(s, items.len())?;
                        pos.sort_unstable();
                        for p in pos.into_iter().rev() {
                            items.remove(p);
                        }
                    }
                    _ => {
                        let i = seq_index(index, items.len(), "list")
                            .map_err(|_| raise(ExcKind::IndexError, "list assignment index out of range"))?;
                        items.remove(i);
                    }
                }
                Ok(())
            }
            Value::Dict(d) => {
                let r = d.borrow_mut().remove(index);
                match r {
                    Ok(Some(_)) => Ok(()),
                    Ok(None) => {
                        let exc = Rc::new(crate::value::ExceptionValue {
                            kind: ExcKind::KeyError,
                            args: vec![index.clone()],
                        });
                        Err(super::error::Unwind::Raise(Box::new(super::error::NplError::from_exception(exc))))
                    }
                    Err(t) => Err(type_error(format!("unhashable type: '{t}'"))),
                }
            }
            other => Err(type_error(format!("'{}' object does not support item deletion", other.type_name()))),
        }
    }
}
