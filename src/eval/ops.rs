//! Python's operators on scalars and containers; arrays go to the array
//! library through `builtins::array_glue`.

use super::error::{raise, type_error, EvalResult};
use super::Interp;
use crate::ast::{BinOp, CmpOp, UnaryOp};
use crate::builtins::array_glue;
use crate::value::{ExcKind, Value};
use num_complex::Complex64;
use std::rc::Rc;

fn overflow() -> super::error::Unwind {
    raise(ExcKind::OverflowError, "int too large: NPL ints are 64-bit")
}

/// Python's floor division of ints (`None` on division by zero).
pub fn int_floordiv(a: i64, b: i64) -> Option<i64> {
    if b == 0 {
        return None;
    }
    // Wrapping: `i64::MIN // -1` (2**63) is refused by the caller as an overflow.
    let q = a.wrapping_div(b);
    if (a.wrapping_rem(b) != 0) && ((a < 0) != (b < 0)) {
        Some(q - 1)
    } else {
        Some(q)
    }
}

/// Python's modulo of ints (sign of the divisor).
pub fn int_mod(a: i64, b: i64) -> Option<i64> {
    if b == 0 {
        return None;
    }
    let r = a.wrapping_rem(b);
    if r != 0 && ((r < 0) != (b < 0)) {
        Some(r + b)
    } else {
        Some(r)
    }
}

/// Python's float modulo (sign of the divisor; `-0.0`/`0.0` as CPython).
pub fn float_mod(a: f64, b: f64) -> f64 {
    let mut m = a % b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
        }
    } else {
        m = 0.0f64.copysign(b);
    }
    m
}

/// Python's float floor division.
pub fn float_floordiv(a: f64, b: f64) -> f64 {
    let m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 && ((b < 0.0) != (m < 0.0)) {
        div -= 1.0;
    }
    if div != 0.0 {
        let floor = div.floor();
        if div - floor > 0.5 {
            floor + 1.0
        } else {
            floor
        }
    } else {
        0.0f64.copysign(a / b)
    }
}

/// A numeric view of a scalar value.
#[derive(Clone, Copy)]
enum Num {
    Int(i64),
    Float(f64),
    Complex(Complex64),
}

fn num(v: &Value) -> Option<Num> {
    match v {
        Value::Bool(b) => Some(Num::Int(*b as i64)),
        Value::Int(i) => Some(Num::Int(*i)),
        Value::Float(f) => Some(Num::Float(*f)),
        Value::Complex(c) => Some(Num::Complex(**c)),
        _ => None,
    }
}

fn int_pow(base: i64, exp: i64) -> EvalResult<Value> {
    if exp < 0 {
        if base == 0 {
            return Err(raise(ExcKind::ZeroDivisionError, "0.0 cannot be raised to a negative power"));
        }
        return Ok(Value::Float((base as f64).powf(exp as f64)));
    }
    let mut result: i64 = 1;
    let mut b = base;
    let mut e = exp;
    while e > 0 {
        if e & 1 == 1 {
            result = result.checked_mul(b).ok_or_else(overflow)?;
        }
        e >>= 1;
        if e > 0 {
            b = b.checked_mul(b).ok_or_else(overflow)?;
        }
    }
    Ok(Value::Int(result))
}

fn float_pow(a: f64, b: f64) -> EvalResult<Value> {
    if a == 0.0 && b < 0.0 {
        return Err(raise(ExcKind::ZeroDivisionError, "0.0 cannot be raised to a negative power"));
    }
    if a < 0.0 && b.fract() != 0.0 && b.is_finite() {
        // Python returns a complex result for a negative base and a fractional power.
        return Ok(Value::complex(complex_pow(Complex64::new(a, 0.0), Complex64::new(b, 0.0))?));
    }
    let r = a.powf(b);
    if r.is_infinite() && a.is_finite() && b.is_finite() {
        return Err(raise(ExcKind::OverflowError, "(34, 'Numerical result out of range')"));
    }
    Ok(Value::Float(r))
}

fn complex_pow(a: Complex64, b: Complex64) -> EvalResult<Complex64> {
    if a == Complex64::new(0.0, 0.0) {
        if b.im != 0.0 || b.re < 0.0 {
            return Err(raise(ExcKind::ZeroDivisionError, "0.0 to a negative or complex power"));
        }
        return Ok(if b.re == 0.0 { Complex64::new(1.0, 0.0) } else { Complex64::new(0.0, 0.0) });
    }
    if b.im == 0.0 && b.re.fract() == 0.0 && b.re.abs() <= 100.0 {
        // CPython uses repeated multiplication for small integral exponents.
        let n = b.re as i64;
        let mut result = Complex64::new(1.0, 0.0);
        let mut base = a;
        let mut e = n.unsigned_abs();
        while e > 0 {
            if e & 1 == 1 {
                result *= base;
            }
            base *= base;
            e >>= 1;
        }
        return Ok(if n < 0 { Complex64::new(1.0, 0.0) / result } else { result });
    }
    let vabs = a.norm();
    let len = vabs.powf(b.re);
    let at = a.im.atan2(a.re);
    let mut phase = at * b.re;
    let mut len = len;
    if b.im != 0.0 {
        len /= (at * b.im).exp();
        phase += b.im * vabs.ln();
    }
    Ok(Complex64::new(len * phase.cos(), len * phase.sin()))
}

/// Python's complex division (`ZeroDivisionError` on zero).
fn complex_div(a: Complex64, b: Complex64) -> EvalResult<Complex64> {
    if b.re == 0.0 && b.im == 0.0 {
        return Err(raise(ExcKind::ZeroDivisionError, "complex division by zero"));
    }
    Ok(a / b)
}

fn repeat_count(n: i64, len: usize) -> EvalResult<usize> {
    let n = n.max(0) as usize;
    if n.saturating_mul(len) > 1 << 31 {
        return Err(raise(ExcKind::MemoryError, ""));
    }
    Ok(n)
}

/// Python's bare `MemoryError` when a string or list of `count` items of
/// `item_bytes` each would take more than half the memory NPL may use
/// (`array::storage::allocation_limit`), so that sequences growing without
/// bound in a loop stop with an exception instead of aborting the process.
pub fn check_sequence_size(count: usize, item_bytes: usize) -> EvalResult<()> {
    let bytes = (count as u128).saturating_mul(item_bytes as u128);
    if bytes > crate::array::storage::allocation_limit() / 2 || count > isize::MAX as usize / 2 {
        return Err(raise(ExcKind::MemoryError, ""));
    }
    Ok(())
}

impl Interp {
    /// `x op y`.
    pub fn binary(&mut self, op: BinOp, x: &Value, y: &Value) -> EvalResult<Value> {
        // Fast paths for the common scalar cases.
        if let (Value::Int(a), Value::Int(b)) = (x, y) {
            let (a, b) = (*a, *b);
            return match op {
                BinOp::Add => a.checked_add(b).map(Value::Int).ok_or_else(overflow),
                BinOp::Sub => a.checked_sub(b).map(Value::Int).ok_or_else(overflow),
                BinOp::Mul => a.checked_mul(b).map(Value::Int).ok_or_else(overflow),
                BinOp::Div => {
                    if b == 0 {
                        Err(raise(ExcKind::ZeroDivisionError, "division by zero"))
                    } else {
                        Ok(Value::Float(a as f64 / b as f64))
                    }
                }
                BinOp::FloorDiv if a == i64::MIN && b == -1 => Err(overflow()),
                BinOp::FloorDiv => int_floordiv(a, b)
                    .map(Value::Int)
                    .ok_or_else(|| raise(ExcKind::ZeroDivisionError, "integer division or modulo by zero")),
                BinOp::Mod => int_mod(a, b)
                    .map(Value::Int)
                    .ok_or_else(|| raise(ExcKind::ZeroDivisionError, "integer modulo by zero")),
                BinOp::Pow => int_pow(a, b),
                BinOp::BitAnd => Ok(Value::Int(a & b)),
                BinOp::BitOr => Ok(Value::Int(a | b)),
                BinOp::BitXor => Ok(Value::Int(a ^ b)),
                BinOp::LShift => {
                    if b < 0 {
                        return Err(raise(ExcKind::ValueError, "negative shift count"));
                    }
                    if a == 0 {
                        return Ok(Value::Int(0));
                    }
                    if b >= 63 || (a << b) >> b != a {
                        return Err(overflow());
                    }
                    Ok(Value::Int(a << b))
                }
                BinOp::RShift => {
                    if b < 0 {
                        return Err(raise(ExcKind::ValueError, "negative shift count"));
                    }
                    Ok(Value::Int(a >> b.min(63)))
                }
                BinOp::MatMul => Err(self.unsupported(op, x, y)),
            };
        }
        if let (Value::Float(a), Value::Float(b)) = (x, y) {
            if let Some(v) = float_op(op, *a, *b) {
                return v;
            }
        }
        if matches!(x, Value::Array(_)) || matches!(y, Value::Array(_)) {
            return array_glue::binary_op(self, op, x, y);
        }
        if let (Some(a), Some(b)) = (num(x), num(y)) {
            return self.numeric(op, a, b, x, y);
        }
        self.sequence_op(op, x, y)
    }

    fn unsupported(&self, op: BinOp, x: &Value, y: &Value) -> super::error::Unwind {
        type_error(format!(
            "unsupported operand type(s) for {}: '{}' and '{}'",
            op.symbol(),
            x.type_name(),
            y.type_name()
        ))
    }

    fn numeric(&mut self, op: BinOp, a: Num, b: Num, x: &Value, y: &Value) -> EvalResult<Value> {
        match (a, b) {
            (Num::Int(a), Num::Int(b)) => {
                if matches!((x, y), (Value::Bool(_), Value::Bool(_)))
                    && matches!(op, BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor)
                {
                    let r = match op {
                        BinOp::BitAnd => a & b,
                        BinOp::BitOr => a | b,
                        _ => a ^ b,
                    };
                    return Ok(Value::Bool(r != 0));
                }
                self.binary(op, &Value::Int(a), &Value::Int(b))
            }
            (Num::Complex(_), _) | (_, Num::Complex(_)) => {
                let to_c = |n: Num| match n {
                    Num::Int(i) => Complex64::new(i as f64, 0.0),
                    Num::Float(f) => Complex64::new(f, 0.0),
                    Num::Complex(c) => c,
                };
                let (a, b) = (to_c(a), to_c(b));
                Ok(Value::complex(match op {
                    BinOp::Add => a + b,
                    BinOp::Sub => a - b,
                    BinOp::Mul => a * b,
                    BinOp::Div => complex_div(a, b)?,
                    BinOp::Pow => complex_pow(a, b)?,
                    BinOp::FloorDiv | BinOp::Mod => {
                        return Err(type_error(format!(
                            "unsupported operand type(s) for {}: '{}' and '{}'",
                            op.symbol(),
                            x.type_name(),
                            y.type_name()
                        )))
                    }
                    _ => return Err(self.unsupported(op, x, y)),
                }))
            }
            (a, b) => {
                let to_f = |n: Num| match n {
                    Num::Int(i) => i as f64,
                    Num::Float(f) => f,
                    Num::Complex(c) => c.re,
                };
                if matches!(
                    op,
                    BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor | BinOp::LShift | BinOp::RShift | BinOp::MatMul
                ) {
                    return Err(self.unsupported(op, x, y));
                }
                match float_op(op, to_f(a), to_f(b)) {
                    Some(v) => v,
                    None => Err(self.unsupported(op, x, y)),
                }
            }
        }
    }

    fn sequence_op(&mut self, op: BinOp, x: &Value, y: &Value) -> EvalResult<Value> {
        match (op, x, y) {
            (BinOp::Add, Value::Str(a), Value::Str(b)) => {
                if a.len().saturating_add(b.len()) > crate::value::pystr::MAX_STR_LEN {
                    return Err(raise(ExcKind::MemoryError, ""));
                }
                check_sequence_size(a.len().saturating_add(b.len()), 1)?;
                let mut s = String::with_capacity(a.len() + b.len());
                s.push_str(a);
                s.push_str(b);
                Ok(Value::Str(crate::value::PyStr::from(s)))
            }
            (BinOp::Add, Value::List(a), Value::List(b)) => {
                check_sequence_size(a.borrow().len().saturating_add(b.borrow().len()), std::mem::size_of::<Value>())?;
                let mut v = a.borrow().clone();
                v.extend(b.borrow().iter().cloned());
                Ok(Value::list(v))
            }
            (BinOp::Add, Value::Tuple(a), Value::Tuple(b)) => {
                check_sequence_size(a.len().saturating_add(b.len()), std::mem::size_of::<Value>())?;
                let mut v = a.as_ref().clone();
                v.extend(b.iter().cloned());
                Ok(Value::tuple(v))
            }
            (BinOp::Mul, Value::Str(s), n) | (BinOp::Mul, n, Value::Str(s))
                if matches!(n, Value::Int(_) | Value::Bool(_)) =>
            {
                let k = repeat_count(as_int(n), s.len())?;
                Ok(Value::Str(crate::value::PyStr::from(s.repeat(k))))
            }
            (BinOp::Mul, Value::List(l), n) | (BinOp::Mul, n, Value::List(l))
                if matches!(n, Value::Int(_) | Value::Bool(_)) =>
            {
                let items = l.borrow();
                let k = repeat_count(as_int(n), items.len())?;
                let mut v = Vec::with_capacity(items.len() * k);
                for _ in 0..k {
                    v.extend(items.iter().cloned());
                }
                Ok(Value::list(v))
            }
            (BinOp::Mul, Value::Tuple(t), n) | (BinOp::Mul, n, Value::Tuple(t))
                if matches!(n, Value::Int(_) | Value::Bool(_)) =>
            {
                let k = repeat_count(as_int(n), t.len())?;
                let mut v = Vec::with_capacity(t.len() * k);
                for _ in 0..k {
                    v.extend(t.iter().cloned());
                }
                Ok(Value::tuple(v))
            }
            (BinOp::Mod, Value::Str(fmt), args) => crate::builtins::python_more::percent_format(self, fmt, args),
            (BinOp::Add, Value::Str(_), other) | (BinOp::Add, other, Value::Str(_))
                if !matches!(other, Value::Str(_)) =>
            {
                if let Value::Str(_) = x {
                    Err(type_error(format!("can only concatenate str (not \"{}\") to str", y.type_name())))
                } else {
                    Err(self.unsupported(op, x, y))
                }
            }
            (BinOp::Add, Value::List(_), other) if !matches!(other, Value::List(_)) => {
                Err(type_error(format!("can only concatenate list (not \"{}\") to list", other.type_name())))
            }
            (BinOp::Add, Value::Tuple(_), other) if !matches!(other, Value::Tuple(_)) => {
                Err(type_error(format!("can only concatenate tuple (not \"{}\") to tuple", other.type_name())))
            }
            (BinOp::Mul, Value::Str(_) | Value::List(_) | Value::Tuple(_), other)
            | (BinOp::Mul, other, Value::Str(_) | Value::List(_) | Value::Tuple(_)) => {
                Err(type_error(format!("can't multiply sequence by non-int of type '{}'", other.type_name())))
            }
            _ => Err(self.unsupported(op, x, y)),
        }
    }

    /// `x op= y`: in place on arrays and lists, otherwise `x op y`.
    pub fn inplace(&mut self, op: BinOp, x: &Value, y: &Value) -> EvalResult<Value> {
        match x {
            Value::Array(_) => array_glue::inplace_op(self, op, x, y),
            Value::List(l) if op == BinOp::Add => {
                let mut it = self.iterate(y)?;
                let mut extra = Vec::new();
                while let Some(v) = it.next_value(self)? {
                    extra.push(v);
                }
                check_sequence_size(l.borrow().len().saturating_add(extra.len()), std::mem::size_of::<Value>())?;
                l.borrow_mut().extend(extra);
                Ok(x.clone())
            }
            _ => self.binary(op, x, y).map_err(|u| augmented_symbol(u, op)),
        }
    }

    /// `op x`.
    pub fn unary(&mut self, op: UnaryOp, x: &Value) -> EvalResult<Value> {
        match (op, x) {
            (UnaryOp::Not, v) => Ok(Value::Bool(!self.truthy(v)?)),
            (_, Value::Array(_)) => array_glue::unary_op(self, op, x),
            (UnaryOp::Neg, Value::Int(i)) => i.checked_neg().map(Value::Int).ok_or_else(overflow),
            (UnaryOp::Neg, Value::Bool(b)) => Ok(Value::Int(-(*b as i64))),
            (UnaryOp::Neg, Value::Float(f)) => Ok(Value::Float(-f)),
            (UnaryOp::Neg, Value::Complex(c)) => Ok(Value::complex(-**c)),
            (UnaryOp::Pos, Value::Int(_) | Value::Float(_) | Value::Complex(_)) => Ok(x.clone()),
            (UnaryOp::Pos, Value::Bool(b)) => Ok(Value::Int(*b as i64)),
            (UnaryOp::Invert, Value::Int(i)) => Ok(Value::Int(!i)),
            (UnaryOp::Invert, Value::Bool(b)) => Ok(Value::Int(!(*b as i64))),
            (op, v) => {
                let sym = match op {
                    UnaryOp::Neg => "unary -",
                    UnaryOp::Pos => "unary +",
                    UnaryOp::Invert => "unary ~",
                    UnaryOp::Not => "not",
                };
                Err(type_error(format!("bad operand type for {sym}: '{}'", v.type_name())))
            }
        }
    }

    /// `x op y` for comparisons (`in`, `is` included).
    pub fn compare(&mut self, op: CmpOp, x: &Value, y: &Value) -> EvalResult<Value> {
        match op {
            CmpOp::Is => return Ok(Value::Bool(is_same(x, y))),
            CmpOp::IsNot => return Ok(Value::Bool(!is_same(x, y))),
            CmpOp::In => return Ok(Value::Bool(self.contains(y, x)?)),
            CmpOp::NotIn => return Ok(Value::Bool(!self.contains(y, x)?)),
            _ => {}
        }
        if matches!(x, Value::Array(_)) || matches!(y, Value::Array(_)) {
            return array_glue::compare_op(self, op, x, y);
        }
        match op {
            CmpOp::Eq => Ok(Value::Bool(self.py_eq(x, y)?)),
            CmpOp::Ne => Ok(Value::Bool(!self.py_eq(x, y)?)),
            _ => {
                let ord = self.py_order(x, y, op)?;
                Ok(Value::Bool(match op {
                    CmpOp::Lt => ord == Some(std::cmp::Ordering::Less),
                    CmpOp::Le => matches!(ord, Some(std::cmp::Ordering::Less | std::cmp::Ordering::Equal)),
                    CmpOp::Gt => ord == Some(std::cmp::Ordering::Greater),
                    CmpOp::Ge => matches!(ord, Some(std::cmp::Ordering::Greater | std::cmp::Ordering::Equal)),
                    _ => false,
                }))
            }
        }
    }

    /// Python's `==` for non-array values (element-wise for containers).
    pub fn py_eq(&mut self, x: &Value, y: &Value) -> EvalResult<bool> {
        Ok(match (x, y) {
            (Value::None, Value::None) | (Value::Ellipsis, Value::Ellipsis) => true,
            (Value::Str(a), Value::Str(b)) => a == b,
            (Value::List(a), Value::List(b)) => {
                if Rc::ptr_eq(a, b) {
                    return Ok(true);
                }
                let (a, b) = (a.borrow().clone(), b.borrow().clone());
                self.seq_eq(&a, &b)?
            }
            (Value::Tuple(a), Value::Tuple(b)) => self.seq_eq(a, b)?,
            (Value::NamedTuple(a), Value::NamedTuple(b)) => self.seq_eq(&a.items, &b.items)?,
            (Value::NamedTuple(a), Value::Tuple(b)) | (Value::Tuple(b), Value::NamedTuple(a)) => {
                self.seq_eq(&a.items, b)?
            }
            (Value::Dict(a), Value::Dict(b)) => {
                let (a, b) = (a.borrow().clone(), b.borrow().clone());
                if a.len() != b.len() {
                    return Ok(false);
                }
                for (k, v) in a.entries() {
                    match b.get(k) {
                        Ok(Some(w)) => {
                            if !self.values_equal(v, &w)? {
                                return Ok(false);
                            }
                        }
                        _ => return Ok(false),
                    }
                }
                true
            }
            (Value::Range(a), Value::Range(b)) => {
                a.len() == b.len() && (a.is_empty() || (a.start == b.start && (a.len() == 1 || a.step == b.step)))
            }
            (Value::Type(a), Value::Type(b)) => a == b,
            (Value::DType(a), Value::DType(b)) => a == b,
            (Value::DType(a), Value::Type(t)) | (Value::Type(t), Value::DType(a)) => {
                crate::builtins::convert::dtype_of_type(*t) == Some(*a)
            }
            (Value::DType(a), Value::Str(s)) | (Value::Str(s), Value::DType(a)) => {
                crate::array::DType::from_name(s) == Some(*a)
            }
            _ => match (num(x), num(y)) {
                (Some(a), Some(b)) => match (a, b) {
                    (Num::Int(a), Num::Int(b)) => a == b,
                    (Num::Complex(_), _) | (_, Num::Complex(_)) => to_complex(a) == to_complex(b),
                    (Num::Int(a), Num::Float(b)) | (Num::Float(b), Num::Int(a)) => int_float_eq(a, b),
                    (Num::Float(a), Num::Float(b)) => a == b,
                },
                _ => is_same(x, y),
            },
        })
    }

    /// Equality as containers use it: identity first, then `==` (arrays compare by identity).
    pub fn values_equal(&mut self, x: &Value, y: &Value) -> EvalResult<bool> {
        if is_same(x, y) {
            return Ok(true);
        }
        if let (Value::Array(_), _) | (_, Value::Array(_)) = (x, y) {
            let r = self.compare(CmpOp::Eq, x, y)?;
            return self.truthy(&r);
        }
        self.py_eq(x, y)
    }

    fn seq_eq(&mut self, a: &[Value], b: &[Value]) -> EvalResult<bool> {
        if a.len() != b.len() {
            return Ok(false);
        }
        for (x, y) in a.iter().zip(b) {
            if !self.values_equal(x, y)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Python's ordering of two values, or `TypeError` if they cannot be ordered.
    pub fn py_order(&mut self, x: &Value, y: &Value, op: CmpOp) -> EvalResult<Option<std::cmp::Ordering>> {
        use std::cmp::Ordering;
        match (x, y) {
            (Value::Str(a), Value::Str(b)) => Ok(Some(a.cmp(b))),
            (Value::List(a), Value::List(b)) => {
                let (a, b) = (a.borrow().clone(), b.borrow().clone());
                self.seq_order(&a, &b, op)
            }
            (Value::Tuple(a), Value::Tuple(b)) => {
                let (a, b) = (a.clone(), b.clone());
                self.seq_order(&a, &b, op)
            }
            _ => match (num(x), num(y)) {
                (Some(Num::Complex(_)), Some(_)) | (Some(_), Some(Num::Complex(_))) => Err(self.order_error(op, x, y)),
                (Some(Num::Int(a)), Some(Num::Int(b))) => Ok(Some(a.cmp(&b))),
                // exactly, as Python does: 2**53 + 1 > 2.0**53
                (Some(Num::Int(a)), Some(Num::Float(b))) => Ok(int_float_cmp(a, b)),
                (Some(Num::Float(a)), Some(Num::Int(b))) => Ok(int_float_cmp(b, a).map(|o| o.reverse())),
                (Some(a), Some(b)) => {
                    let fa = match a {
                        Num::Int(i) => i as f64,
                        Num::Float(f) => f,
                        Num::Complex(c) => c.re,
                    };
                    let fb = match b {
                        Num::Int(i) => i as f64,
                        Num::Float(f) => f,
                        Num::Complex(c) => c.re,
                    };
                    Ok(fa.partial_cmp(&fb))
                }
                _ => {
                    let _ = Ordering::Equal;
                    Err(self.order_error(op, x, y))
                }
            },
        }
    }

    fn order_error(&self, op: CmpOp, x: &Value, y: &Value) -> super::error::Unwind {
        type_error(format!(
            "'{}' not supported between instances of '{}' and '{}'",
            op.symbol(),
            x.type_name(),
            y.type_name()
        ))
    }

    fn seq_order(&mut self, a: &[Value], b: &[Value], op: CmpOp) -> EvalResult<Option<std::cmp::Ordering>> {
        for (x, y) in a.iter().zip(b) {
            if !self.values_equal(x, y)? {
                return self.py_order(x, y, op);
            }
        }
        Ok(Some(a.len().cmp(&b.len())))
    }

    /// `needle in haystack`.
    pub fn contains(&mut self, haystack: &Value, needle: &Value) -> EvalResult<bool> {
        match haystack {
            Value::Str(s) => match needle {
                Value::Str(n) => Ok(s.contains(n.as_ref())),
                other => {
                    Err(type_error(format!("'in <string>' requires string as left operand, not {}", other.type_name())))
                }
            },
            Value::Dict(d) => {
                let r = d.borrow().contains(needle);
                r.map_err(|t| type_error(format!("unhashable type: '{t}'")))
            }
            Value::Range(r) => Ok(match needle {
                Value::Int(i) => {
                    let i = *i;
                    if r.step > 0 {
                        i >= r.start && i < r.stop && (i - r.start) % r.step == 0
                    } else {
                        i <= r.start && i > r.stop && (r.start - i) % (-r.step) == 0
                    }
                }
                _ => false,
            }),
            Value::Array(_) => array_glue::array_contains(self, haystack, needle),
            Value::List(_) | Value::Tuple(_) => {
                let items: Vec<Value> = match haystack {
                    Value::List(l) => l.borrow().clone(),
                    Value::Tuple(t) => t.as_ref().clone(),
                    _ => vec![],
                };
                for item in &items {
                    if self.values_equal(item, needle)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Object(o) => match crate::builtins::io::iterate_object(&***o) {
                Some(items) => {
                    for item in &items {
                        if self.values_equal(item, needle)? {
                            return Ok(true);
                        }
                    }
                    Ok(false)
                }
                None => Err(type_error(format!("argument of type '{}' is not iterable", o.type_name()))),
            },
            other => Err(type_error(format!("argument of type '{}' is not iterable", other.type_name()))),
        }
    }
}

fn as_int(v: &Value) -> i64 {
    match v {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        _ => 0,
    }
}

fn to_complex(n: Num) -> Complex64 {
    match n {
        Num::Int(i) => Complex64::new(i as f64, 0.0),
        Num::Float(f) => Complex64::new(f, 0.0),
        Num::Complex(c) => c,
    }
}

/// The exact order of an int and a float (`None` when the float is NaN).
fn int_float_cmp(i: i64, f: f64) -> Option<std::cmp::Ordering> {
    use std::cmp::Ordering;
    if f.is_nan() {
        return None;
    }
    if i.unsigned_abs() <= 1 << 53 {
        // converts exactly
        return (i as f64).partial_cmp(&f);
    }
    if f >= 9_223_372_036_854_775_808.0 {
        return Some(Ordering::Less);
    }
    if f < -9_223_372_036_854_775_808.0 {
        return Some(Ordering::Greater);
    }
    let whole = f.trunc();
    match i.cmp(&(whole as i64)) {
        Ordering::Equal => 0.0f64.partial_cmp(&(f - whole)),
        other => Some(other),
    }
}

fn int_float_eq(i: i64, f: f64) -> bool {
    f.fract() == 0.0 && (i64::MIN as f64..-(i64::MIN as f64)).contains(&f) && f as i64 == i
}

/// `x is y`.
pub fn is_same(x: &Value, y: &Value) -> bool {
    match (x, y) {
        (Value::None, Value::None) | (Value::Ellipsis, Value::Ellipsis) => true,
        (Value::Bool(a), Value::Bool(b)) => a == b,
        (Value::Int(a), Value::Int(b)) => a == b && (-5..=256).contains(a),
        (Value::Type(a), Value::Type(b)) => a == b,
        (Value::DType(a), Value::DType(b)) => a == b,
        (Value::Builtin(a), Value::Builtin(b)) => std::ptr::eq(*a, *b),
        (Value::Str(a), Value::Str(b)) => crate::value::PyStr::ptr_eq(a, b) || (a.len() <= 1 && a == b),
        (Value::Float(_), _) | (Value::Complex(_), _) | (Value::Int(_), _) => false,
        (Value::Tuple(a), Value::Tuple(b)) => Rc::ptr_eq(a, b) || (a.is_empty() && b.is_empty()),
        _ => std::mem::discriminant(x) == std::mem::discriminant(y) && x.identity() == y.identity(),
    }
}

fn float_op(op: BinOp, a: f64, b: f64) -> Option<EvalResult<Value>> {
    Some(match op {
        BinOp::Add => Ok(Value::Float(a + b)),
        BinOp::Sub => Ok(Value::Float(a - b)),
        BinOp::Mul => Ok(Value::Float(a * b)),
        BinOp::Div => {
            if b == 0.0 {
                Err(raise(ExcKind::ZeroDivisionError, "float division by zero"))
            } else {
                Ok(Value::Float(a / b))
            }
        }
        BinOp::FloorDiv => {
            if b == 0.0 {
                Err(raise(ExcKind::ZeroDivisionError, "float floor division by zero"))
            } else {
                Ok(Value::Float(float_floordiv(a, b)))
            }
        }
        BinOp::Mod => {
            if b == 0.0 {
                Err(raise(ExcKind::ZeroDivisionError, "float modulo"))
            } else {
                Ok(Value::Float(float_mod(a, b)))
            }
        }
        BinOp::Pow => float_pow(a, b),
        _ => return None,
    })
}

/// Python names the augmented operator in a failed `x op= y` ("for +=:", not "for +:").
fn augmented_symbol(u: super::error::Unwind, op: BinOp) -> super::error::Unwind {
    let plain = format!("unsupported operand type(s) for {}:", op.symbol());
    match u {
        super::error::Unwind::Raise(e) if e.exc.kind == ExcKind::TypeError => match e.exc.args.first() {
            Some(Value::Str(m)) if m.starts_with(&plain) => {
                type_error(format!("unsupported operand type(s) for {}={}", op.symbol(), &m[plain.len() - 1..]))
            }
            _ => super::error::Unwind::Raise(e),
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_division_and_modulo_follow_python() {
        assert_eq!(int_floordiv(-7, 2), Some(-4));
        assert_eq!(int_mod(-7, 2), Some(1));
        assert_eq!(int_mod(7, -2), Some(-1));
        assert_eq!(float_mod(-7.5, 2.0), 0.5);
        assert_eq!(float_floordiv(-7.5, 2.0), -4.0);
        assert_eq!(int_floordiv(1, 0), None);
    }
}
