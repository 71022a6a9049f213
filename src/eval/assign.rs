//! Assignment: to names, unpacked tuples and lists, subscripts and
//! attributes; augmented assignment (in place for lists and arrays, as
//! Python and NumPy do) and `del`.

use super::error::{raise, type_error, EvalResult};
use super::function::Frame;
use super::Interp;
use crate::ast::*;
use crate::value::{ExcKind, PyStr, Value};

impl Interp {
    /// Assigns to a target (name, tuple/list with optional star, subscript, attribute).
    pub fn assign(&mut self, target: &Expr, value: Value, frame: &mut Frame) -> EvalResult<()> {
        match &target.kind {
            ExprKind::Name(n) => {
                self.store_name(n, value, frame);
                Ok(())
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let values = self.unpack(&value, items).map_err(|u| self.locate(u, target.span))?;
                for (t, v) in items.iter().zip(values) {
                    let t = match &t.kind {
                        ExprKind::Starred(inner) => inner,
                        _ => t,
                    };
                    self.assign(t, v, frame)?;
                }
                Ok(())
            }
            ExprKind::Subscript(obj, index) => {
                let o = self.eval(obj, frame)?;
                let i = self.eval(index, frame)?;
                self.set_item(&o, &i, value).map_err(|u| self.locate(u, target.span))
            }
            ExprKind::Attribute(obj, attr) => {
                let name: &str = &attr.name;
                let o = self.eval(obj, frame)?;
                let err = match &o {
                    Value::Module(m) => {
                        m.set(name, value);
                        return Ok(());
                    }
                    Value::Array(_) => crate::builtins::ndarray::set_attribute(&o, name, value),
                    other => Err(raise(
                        ExcKind::AttributeError,
                        format!("'{}' object has no attribute '{}'", other.type_name(), name),
                    )),
                };
                err.map_err(|u| self.locate(u, target.span))
            }
            _ => Err(self.locate(raise(ExcKind::SyntaxError, "cannot assign to expression"), target.span)),
        }
    }

    /// Splits `value` into as many values as `targets` (one may be starred).
    fn unpack(&mut self, value: &Value, targets: &[Expr]) -> EvalResult<Vec<Value>> {
        let mut it = self
            .iterate(value)
            .map_err(|_| type_error(format!("cannot unpack non-iterable {} object", value.type_name())))?;
        let mut items = Vec::new();
        while let Some(x) = it.next_value(self)? {
            items.push(x);
            if items.len() > targets.len() + 1_000_000 {
                break;
            }
        }
        let star = targets.iter().position(|t| matches!(t.kind, ExprKind::Starred(_)));
        match star {
            None => {
                if items.len() > targets.len() {
                    return Err(raise(
                        ExcKind::ValueError,
                        format!("too many values to unpack (expected {})", targets.len()),
                    ));
                }
                if items.len() < targets.len() {
                    return Err(raise(
                        ExcKind::ValueError,
                        format!("not enough values to unpack (expected {}, got {})", targets.len(), items.len()),
                    ));
                }
                Ok(items)
            }
            Some(s) => {
                let after = targets.len() - s - 1;
                if items.len() < targets.len() - 1 {
                    return Err(raise(
                        ExcKind::ValueError,
                        format!(
                            "not enough values to unpack (expected at least {}, got {})",
                            targets.len() - 1,
                            items.len()
                        ),
                    ));
                }
                let tail = items.split_off(items.len() - after);
                let middle = items.split_off(s);
                items.push(Value::list(middle));
                items.extend(tail);
                Ok(items)
            }
        }
    }

    /// `name op= v` once `current` (the variable's value) and `v` (the
    /// evaluated right side) are known.
    #[allow(clippy::too_many_arguments)]
    pub fn aug_assign_name(
        &mut self,
        target: &Expr,
        n: &NameRef,
        op: BinOp,
        value: &Expr,
        current: Value,
        v: Value,
        frame: &mut Frame,
    ) -> EvalResult<()> {
        let new = match (op, current, &v) {
            (BinOp::Add, Value::Str(text), Value::Str(tail)) => {
                self.append_to_name(n, text, tail, frame).map_err(|u| self.locate(u, target.span))?
            }
            (_, current, _) => match super::num::scalar_binary(op, &current, &v) {
                Some(r) => r,
                None => self.inplace(op, &current, &v).map_err(|u| self.locate(u, target.span.to(value.span)))?,
            },
        };
        self.store_name(n, new, frame);
        Ok(())
    }

    /// `target op= value`: in place for lists and arrays, as Python and NumPy do.
    pub fn aug_assign(&mut self, target: &Expr, op: BinOp, value: &Expr, frame: &mut Frame) -> EvalResult<()> {
        match &target.kind {
            ExprKind::Name(n) => {
                let current = self.load_name(n, frame).map_err(|u| self.locate(u, target.span))?;
                let v = self.eval(value, frame)?;
                self.aug_assign_name(target, n, op, value, current, v, frame)
            }
            ExprKind::Subscript(obj, index) => {
                let o = self.eval(obj, frame)?;
                let i = self.eval(index, frame)?;
                let current = self.get_item(&o, &i).map_err(|u| self.locate(u, target.span))?;
                let v = self.eval(value, frame)?;
                let new = self.inplace(op, &current, &v).map_err(|u| self.locate(u, target.span.to(value.span)))?;
                // An array element view updated in place needs no store back,
                // but storing is harmless and needed for scalars and lists.
                self.set_item(&o, &i, new).map_err(|u| self.locate(u, target.span))
            }
            ExprKind::Attribute(obj, attr) => {
                let name: &str = &attr.name;
                let o = self.eval(obj, frame)?;
                let current = self.get_attr(&o, name).map_err(|u| self.locate(u, target.span))?;
                let v = self.eval(value, frame)?;
                let new = self.inplace(op, &current, &v).map_err(|u| self.locate(u, target.span))?;
                match &o {
                    Value::Module(m) => {
                        m.set(name, new);
                        Ok(())
                    }
                    _ => {
                        crate::builtins::ndarray::set_attribute(&o, name, new).map_err(|u| self.locate(u, target.span))
                    }
                }
            }
            _ => {
                Err(self
                    .locate(raise(ExcKind::SyntaxError, "illegal expression for augmented assignment"), target.span))
            }
        }
    }

    /// `name += tail` for a string: takes the text out of the variable so
    /// that, when nothing else shares it, it grows in place (amortized
    /// linear, as in CPython) instead of being copied on every step.
    fn append_to_name(&mut self, n: &NameRef, text: PyStr, tail: &PyStr, frame: &mut Frame) -> EvalResult<Value> {
        if text.len().saturating_add(tail.len()) > crate::value::pystr::MAX_STR_LEN {
            return Err(raise(ExcKind::MemoryError, ""));
        }
        let held = match n.slot.get() {
            NameSlot::Local(i) => frame.locals.get_mut(i as usize).and_then(Option::take),
            NameSlot::Cell(i) => frame.cells.get(i as usize).and_then(|c| c.borrow_mut().take()),
            NameSlot::Global => self.globals.remove(&n.name),
        };
        // The variable may have been rebound while the right side ran (a
        // global set by a called function): then append to the value read.
        let mut owned = match held {
            Some(Value::Str(s)) if PyStr::ptr_eq(&s, &text) => {
                drop(text);
                s
            }
            _ => text,
        };
        owned.push_str(tail);
        Ok(Value::Str(owned))
    }

    /// `del target`.
    pub fn delete(&mut self, target: &Expr, frame: &mut Frame) -> EvalResult<()> {
        match &target.kind {
            ExprKind::Name(n) => {
                let existed = match n.slot.get() {
                    NameSlot::Local(i) => frame.locals[i as usize].take().is_some(),
                    NameSlot::Cell(i) => frame.cells[i as usize].borrow_mut().take().is_some(),
                    NameSlot::Global => self.globals.remove(&n.name).is_some(),
                };
                if existed {
                    Ok(())
                } else {
                    Err(raise(ExcKind::NameError, format!("name '{}' is not defined", n.name)))
                }
            }
            ExprKind::Subscript(obj, index) => {
                let o = self.eval(obj, frame)?;
                let i = self.eval(index, frame)?;
                self.del_item(&o, &i)
            }
            _ => Err(raise(ExcKind::SyntaxError, "cannot delete expression")),
        }
    }
}
