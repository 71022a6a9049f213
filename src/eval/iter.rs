//! Iteration over values and Python's truth values.

use super::error::{raise, type_error, EvalResult};
use super::Interp;
use crate::value::{ExcKind, Value};
use std::rc::Rc;

/// A running iteration over a value.
pub enum ValueIter {
    /// Over `range(...)` without building a list.
    Range { next: i64, stop: i64, step: i64 },
    /// Over a snapshot of items.
    Items(std::vec::IntoIter<Value>),
    /// Over a list, reading its current contents at each step (as Python does).
    List { list: Rc<std::cell::RefCell<Vec<Value>>>, index: usize },
    /// Over the first axis of an array.
    Array { array: Rc<crate::array::NdArray>, index: usize, len: usize },
}

impl ValueIter {
    /// The next value, or `None` at the end.
    pub fn next_value(&mut self, interp: &mut Interp) -> EvalResult<Option<Value>> {
        match self {
            ValueIter::Range { next, stop, step } => {
                if (*step > 0 && *next < *stop) || (*step < 0 && *next > *stop) {
                    let v = *next;
                    *next = next.saturating_add(*step);
                    if *next == v {
                        *next = *stop;
                    }
                    Ok(Some(Value::Int(v)))
                } else {
                    Ok(None)
                }
            }
            ValueIter::Items(it) => Ok(it.next()),
            ValueIter::List { list, index } => {
                let v = list.borrow().get(*index).cloned();
                *index += 1;
                Ok(v)
            }
            ValueIter::Array { array, index, len } => {
                if *index >= *len {
                    return Ok(None);
                }
                let v = crate::builtins::array_glue::index_first_axis(interp, array, *index)?;
                *index += 1;
                Ok(Some(v))
            }
        }
    }
}

impl Interp {
    /// Starts iterating over `v` (`TypeError` if it is not iterable).
    pub fn iterate(&mut self, v: &Value) -> EvalResult<ValueIter> {
        Ok(match v {
            Value::Range(r) => ValueIter::Range { next: r.start, stop: r.stop, step: r.step },
            Value::List(l) => ValueIter::List { list: l.clone(), index: 0 },
            Value::Tuple(t) => ValueIter::Items(t.as_ref().clone().into_iter()),
            Value::NamedTuple(t) => ValueIter::Items(t.items.clone().into_iter()),
            Value::Str(s) => {
                let chars: Vec<Value> =
                    s.chars().map(|c| Value::Str(crate::value::PyStr::from(c.to_string()))).collect();
                ValueIter::Items(chars.into_iter())
            }
            Value::Dict(d) => ValueIter::Items(d.borrow().keys().into_iter()),
            Value::Array(a) => {
                if a.ndim() == 0 {
                    return Err(type_error("iteration over a 0-d array"));
                }
                ValueIter::Array { array: a.clone(), index: 0, len: a.shape()[0] }
            }
            Value::Object(o) => {
                if let Some(items) = crate::builtins::io::iterate_object(o.as_ref()) {
                    ValueIter::Items(items.into_iter())
                } else {
                    return Err(type_error(format!("'{}' object is not iterable", o.type_name())));
                }
            }
            other => return Err(type_error(format!("'{}' object is not iterable", other.type_name()))),
        })
    }

    /// All items of an iterable, collected.
    pub fn collect(&mut self, v: &Value) -> EvalResult<Vec<Value>> {
        if let Value::List(l) = v {
            return Ok(l.borrow().clone());
        }
        if let Value::Tuple(t) = v {
            return Ok(t.as_ref().clone());
        }
        let mut it = self.iterate(v)?;
        let mut out = Vec::new();
        while let Some(x) = it.next_value(self)? {
            out.push(x);
            if out.len() % 4096 == 0 {
                self.check_interrupt()?;
                super::ops::check_sequence_size(out.len(), std::mem::size_of::<Value>())?;
            }
        }
        Ok(out)
    }

    /// Python's truth value (`ValueError` for arrays of several elements).
    pub fn truthy(&mut self, v: &Value) -> EvalResult<bool> {
        Ok(match v {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::Complex(c) => c.re != 0.0 || c.im != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::List(l) => !l.borrow().is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::NamedTuple(t) => !t.items.is_empty(),
            Value::Dict(d) => !d.borrow().is_empty(),
            Value::Range(r) => !r.is_empty(),
            Value::Array(a) => {
                match a.size() {
                    1 => a.get_flat(0).to_bool(),
                    // NumPy 2.2 made this an error, as it was deprecated before
                    0 => {
                        return Err(raise(
                            ExcKind::ValueError,
                            "The truth value of an empty array is ambiguous. Use `array.size > 0` to check that an array is not empty.",
                        ))
                    }
                    _ => return Err(raise(
                        ExcKind::ValueError,
                        "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()",
                    )),
                }
            }
            _ => true,
        })
    }
}
