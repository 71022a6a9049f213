//! Iteration over values and Python's truth values.

use super::error::{raise, type_error, EvalResult};
use super::Interp;
use crate::value::{ExcKind, Value};
use std::rc::Rc;

/// The ints of a `range`, in order: stops before passing `stop`, or when
/// the next value would leave the i64 range.
#[derive(Clone, Copy)]
pub struct IntRange {
    next: Option<i64>,
    stop: i64,
    step: i64,
}

impl IntRange {
    /// The values of `r`.
    pub fn of(r: &crate::value::RangeValue) -> IntRange {
        IntRange { next: Some(r.start), stop: r.stop, step: r.step }
    }
}

impl Iterator for IntRange {
    type Item = i64;

    #[inline(always)]
    fn next(&mut self) -> Option<i64> {
        let v = self.next?;
        if (self.step > 0 && v < self.stop) || (self.step < 0 && v > self.stop) {
            self.next = v.checked_add(self.step);
            Some(v)
        } else {
            None
        }
    }
}

/// Writes the int `v` into local slot `slot` (in place when it holds an int).
#[inline(always)]
pub fn store_local_int(frame: &mut super::function::Frame, slot: usize, v: i64) -> EvalResult<()> {
    match frame.locals.get_mut(slot) {
        Some(Some(Value::Int(x))) => *x = v,
        Some(held) => {
            if let Some(old) = held.replace(Value::Int(v)) {
                super::drop_value(old);
            }
        }
        None => return Err(raise(ExcKind::RuntimeError, "internal error: loop variable outside its frame")),
    }
    Ok(())
}

/// A running iteration over a value.
pub enum ValueIter {
    /// Over `range(...)` without building a list.
    Range(IntRange),
    /// Over a snapshot of items.
    Items(std::vec::IntoIter<Value>),
    /// Over a list, reading its current contents at each step (as Python does).
    List { list: Rc<std::cell::RefCell<Vec<Value>>>, index: usize },
    /// Over a dict's keys in order, reading the dict at each step; a change
    /// of its size raises, as in Python.
    Dict { dict: Rc<std::cell::RefCell<crate::value::Dict>>, index: usize, len: usize },
    /// Over the first axis of an array.
    Array { array: Rc<crate::array::NdArray>, index: usize, len: usize },
}

impl ValueIter {
    /// The next value, or `None` at the end.
    pub fn next_value(&mut self, interp: &mut Interp) -> EvalResult<Option<Value>> {
        match self {
            ValueIter::Range(r) => Ok(r.next().map(Value::Int)),
            ValueIter::Items(it) => Ok(it.next()),
            ValueIter::List { list, index } => {
                let v = list.borrow().get(*index).cloned();
                *index += 1;
                Ok(v)
            }
            ValueIter::Dict { dict, index, len } => {
                let d = dict.borrow();
                if d.len() != *len {
                    *len = d.len();
                    return Err(raise(ExcKind::RuntimeError, "dictionary changed size during iteration"));
                }
                let key = d.entries().get(*index).map(|(k, _)| k.clone());
                *index += 1;
                Ok(key)
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
            Value::Range(r) => ValueIter::Range(IntRange::of(r)),
            Value::List(l) => ValueIter::List { list: l.clone(), index: 0 },
            Value::Tuple(t) => ValueIter::Items(t.as_ref().clone().into_iter()),
            Value::NamedTuple(t) => ValueIter::Items(t.items.clone().into_iter()),
            Value::Str(s) => {
                let chars: Vec<Value> =
                    s.chars().map(|c| Value::Str(crate::value::PyStr::from(c.to_string()))).collect();
                ValueIter::Items(chars.into_iter())
            }
            Value::Dict(d) => ValueIter::Dict { dict: d.clone(), index: 0, len: d.borrow().len() },
            Value::Array(a) => {
                if a.ndim() == 0 {
                    return Err(type_error("iteration over a 0-d array"));
                }
                ValueIter::Array { array: a.clone(), index: 0, len: a.shape()[0] }
            }
            Value::Object(o) => {
                if let Some(items) = crate::builtins::io::iterate_object(&***o) {
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
