//! The evaluator's fast path for arithmetic on plain numbers.
//!
//! An expression built from int and float literals, variables that hold
//! ints or floats, and operators that cannot fail on them (`+ - *`, `/` by
//! a nonzero float, `%` and `//` by a positive int, comparisons) is
//! computed here in registers, without making a [`Value`] for each step.
//! Anything else (another type, an operator that could raise, an unbound
//! name) answers `None`, and the caller evaluates the expression the
//! general way, which gives the result or raises the error. Reading
//! literals and variables has no effects, so that second evaluation is
//! always safe.

use super::function::Frame;
use super::Interp;
use crate::array::NdArray;
use crate::ast::{BinOp, CmpOp, Expr, ExprKind, NameRef, NameSlot, UnaryOp};
use crate::value::Value;

/// An int or a float, as the fast path carries it.
#[derive(Clone, Copy, Debug)]
pub enum Num {
    /// A Python int.
    Int(i64),
    /// A Python float.
    Float(f64),
}

impl Num {
    /// The number a value holds, if it is an int or a float (not a bool).
    #[inline(always)]
    pub fn of(v: &Value) -> Option<Num> {
        match v {
            Value::Int(i) => Some(Num::Int(*i)),
            Value::Float(f) => Some(Num::Float(*f)),
            _ => None,
        }
    }

    /// The number as a value.
    #[inline(always)]
    pub fn into_value(self) -> Value {
        match self {
            Num::Int(i) => Value::Int(i),
            Num::Float(f) => Value::Float(f),
        }
    }
}

/// Element `i` of a 1-d int or float array (negative `i` counts from the
/// end), as the plain number NPL gives for it; `None` for other arrays and
/// indices out of range.
#[inline(always)]
pub fn element_1d(a: &NdArray, i: i64) -> Option<Num> {
    match a {
        NdArray::Float(x) => x.element_1d(i).map(Num::Float),
        NdArray::Int(x) => x.element_1d(i).map(Num::Int),
        _ => None,
    }
}

/// Largest magnitude of an int that converts to a float exactly.
const EXACT_INT_IN_FLOAT: i64 = 1 << 53;

/// `x op y` when the operator cannot fail on these operands (no overflow,
/// no division by zero, no power), as Python computes it; `None` otherwise.
#[inline(always)]
pub fn num_binary(op: BinOp, x: Num, y: Num) -> Option<Num> {
    let (a, b) = match (x, y) {
        (Num::Int(a), Num::Int(b)) => {
            return match op {
                BinOp::Add => a.checked_add(b).map(Num::Int),
                BinOp::Sub => a.checked_sub(b).map(Num::Int),
                BinOp::Mul => a.checked_mul(b).map(Num::Int),
                BinOp::Mod if b > 0 => Some(Num::Int(a.rem_euclid(b))),
                BinOp::FloorDiv if b > 0 => Some(Num::Int(a.div_euclid(b))),
                _ => None,
            };
        }
        (Num::Float(a), Num::Float(b)) => (a, b),
        (Num::Int(a), Num::Float(b)) => (a as f64, b),
        (Num::Float(a), Num::Int(b)) => (a, b as f64),
    };
    match op {
        BinOp::Add => Some(Num::Float(a + b)),
        BinOp::Sub => Some(Num::Float(a - b)),
        BinOp::Mul => Some(Num::Float(a * b)),
        BinOp::Div if b != 0.0 => Some(Num::Float(a / b)),
        _ => None,
    }
}

/// `x op y` for an ordering or equality of two numbers, exactly as Python
/// compares them; `None` for `in`/`is` and for an int too large to convert
/// to a float exactly when compared with a float.
#[inline(always)]
pub fn num_compare(op: CmpOp, x: Num, y: Num) -> Option<bool> {
    match (x, y) {
        (Num::Int(a), Num::Int(b)) => ordering(op, a, b),
        (Num::Float(a), Num::Float(b)) => ordering(op, a, b),
        (Num::Int(a), Num::Float(b)) if a.unsigned_abs() <= EXACT_INT_IN_FLOAT as u64 => ordering(op, a as f64, b),
        (Num::Float(a), Num::Int(b)) if b.unsigned_abs() <= EXACT_INT_IN_FLOAT as u64 => ordering(op, a, b as f64),
        _ => None,
    }
}

#[inline(always)]
fn ordering<T: PartialOrd>(op: CmpOp, a: T, b: T) -> Option<bool> {
    Some(match op {
        CmpOp::Lt => a < b,
        CmpOp::Le => a <= b,
        CmpOp::Gt => a > b,
        CmpOp::Ge => a >= b,
        CmpOp::Eq => a == b,
        CmpOp::Ne => a != b,
        _ => return None,
    })
}

/// `x op y` for two int or float values when it cannot fail (see [`num_binary`]).
#[inline(always)]
pub fn scalar_binary(op: BinOp, x: &Value, y: &Value) -> Option<Value> {
    num_binary(op, Num::of(x)?, Num::of(y)?).map(Num::into_value)
}

/// `x op y` for an ordering or equality of two int or float values (see [`num_compare`]).
#[inline(always)]
pub fn scalar_compare(op: CmpOp, x: &Value, y: &Value) -> Option<bool> {
    num_compare(op, Num::of(x)?, Num::of(y)?)
}

/// How many operators deep the fast path follows an expression; deeper
/// trees take the general path, which guards the stack.
const MAX_NUM_DEPTH: u32 = 6;

impl Interp {
    /// The number `e` evaluates to, when the fast path can compute it (see
    /// the module documentation); `None` sends the caller to the general
    /// evaluator.
    pub(crate) fn eval_num(&self, e: &Expr, frame: &Frame, depth: u32) -> Option<Num> {
        match &e.kind {
            ExprKind::Binary(op, a, b) => self.num_binary_of(*op, a, b, frame, depth),
            ExprKind::Unary(UnaryOp::Neg, x) => match self.num_operand(x, frame, depth)? {
                Num::Int(i) => i.checked_neg().map(Num::Int),
                Num::Float(f) => Some(Num::Float(-f)),
            },
            // `a[i]` of a 1-d int or float array (a plain number, as NPL
            // gives array elements)
            ExprKind::Subscript(obj, index) => self.num_element(obj, index, frame, depth),
            _ => self.num_operand(e, frame, depth),
        }
    }

    /// `a[i]` of a 1-d int or float array named by a variable, with an int index.
    #[inline(never)]
    pub(crate) fn num_element(&self, obj: &Expr, index: &Expr, frame: &Frame, depth: u32) -> Option<Num> {
        let ExprKind::Name(n) = &obj.kind else { return None };
        let Value::Array(a) = self.variable(n, frame)? else { return None };
        let i = match &index.kind {
            ExprKind::Name(m) => match self.variable(m, frame)? {
                Value::Int(i) => *i,
                _ => return None,
            },
            _ => match self.num_operand(index, frame, depth)? {
                Num::Int(i) => i,
                Num::Float(_) => return None,
            },
        };
        element_1d(a, i)
    }

    /// The value of a local or (already looked-up) global variable, if bound.
    #[inline(always)]
    pub(crate) fn variable<'a>(&'a self, n: &NameRef, frame: &'a Frame) -> Option<&'a Value> {
        match n.slot.get() {
            NameSlot::Local(i) => frame.locals.get(i as usize)?.as_ref(),
            NameSlot::Global => self.globals.get_cached(n),
            NameSlot::Cell(_) => None,
        }
    }

    /// `a op b` on the fast path.
    #[inline(always)]
    pub(crate) fn num_binary_of(&self, op: BinOp, a: &Expr, b: &Expr, frame: &Frame, depth: u32) -> Option<Num> {
        let x = self.num_operand(a, frame, depth)?;
        let y = self.num_operand(b, frame, depth)?;
        num_binary(op, x, y)
    }

    /// An operand on the fast path: literals and variables inline, nested
    /// operators through [`Interp::eval_num`] up to a bounded depth.
    #[inline(always)]
    fn num_operand(&self, e: &Expr, frame: &Frame, depth: u32) -> Option<Num> {
        match &e.kind {
            ExprKind::Int(i) => Some(Num::Int(*i)),
            ExprKind::Float(f) => Some(Num::Float(*f)),
            ExprKind::Name(n) => Num::of(self.variable(n, frame)?),
            ExprKind::Binary(..) | ExprKind::Unary(UnaryOp::Neg, _) | ExprKind::Subscript(..)
                if depth < MAX_NUM_DEPTH =>
            {
                self.eval_num(e, frame, depth + 1)
            }
            _ => None,
        }
    }

    /// The truth of a condition `a < b` (one comparison) when the fast path
    /// can compute both sides; `None` otherwise.
    #[inline(always)]
    pub(crate) fn num_condition(&self, cond: &Expr, frame: &Frame) -> Option<bool> {
        let ExprKind::Compare(first, rest) = &cond.kind else { return None };
        let [(op, right)] = rest.as_slice() else { return None };
        let x = self.num_operand(first, frame, 0)?;
        let y = self.num_operand(right, frame, 0)?;
        num_compare(*op, x, y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_float_comparisons_are_exact() {
        let big = (1i64 << 53) + 1;
        assert_eq!(num_compare(CmpOp::Eq, Num::Int(1), Num::Float(1.0)), Some(true));
        assert_eq!(num_compare(CmpOp::Lt, Num::Int(-3), Num::Float(f64::NAN)), Some(false));
        assert_eq!(num_compare(CmpOp::Ne, Num::Float(f64::NAN), Num::Int(0)), Some(true));
        // too large to convert exactly: the general path decides
        assert_eq!(num_compare(CmpOp::Eq, Num::Int(big), Num::Float(big as f64)), None);
        assert_eq!(num_compare(CmpOp::In, Num::Int(1), Num::Int(1)), None);
    }

    #[test]
    fn operators_that_could_fail_are_left_to_the_general_path() {
        assert!(num_binary(BinOp::Add, Num::Int(i64::MAX), Num::Int(1)).is_none());
        assert!(num_binary(BinOp::Mod, Num::Int(7), Num::Int(-2)).is_none());
        assert!(num_binary(BinOp::Div, Num::Float(1.0), Num::Int(0)).is_none());
        assert!(num_binary(BinOp::Pow, Num::Int(2), Num::Int(3)).is_none());
        assert!(matches!(num_binary(BinOp::Mod, Num::Int(-7), Num::Int(3)), Some(Num::Int(2))));
        assert!(matches!(num_binary(BinOp::FloorDiv, Num::Int(-7), Num::Int(2)), Some(Num::Int(-4))));
        assert!(matches!(num_binary(BinOp::Mul, Num::Int(3), Num::Float(0.5)), Some(Num::Float(x)) if x == 1.5));
    }
}
