//! The four dtypes of NPL arrays, their promotion order, and scalars.

use num_complex::Complex64;
use std::fmt::Debug;

/// An array's element type.
///
/// The four dtypes form a chain `Bool < Int64 < Float64 < Complex128`, so
/// NumPy's promotion between them is the larger of the two, and Python
/// scalars (which NumPy 2 treats as "weak") promote the same way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DType {
    /// `bool`
    Bool,
    /// `int64`
    Int64,
    /// `float64`
    Float64,
    /// `complex128`
    Complex128,
}

impl DType {
    /// NumPy's name of the dtype (`"float64"`).
    pub fn name(self) -> &'static str {
        match self {
            DType::Bool => "bool",
            DType::Int64 => "int64",
            DType::Float64 => "float64",
            DType::Complex128 => "complex128",
        }
    }

    /// Bytes per element.
    pub fn itemsize(self) -> usize {
        match self {
            DType::Bool => 1,
            DType::Int64 | DType::Float64 => 8,
            DType::Complex128 => 16,
        }
    }

    /// The dtype both operands are cast to for arithmetic.
    pub fn promote(self, other: DType) -> DType {
        self.max(other)
    }

    /// The dtype a name such as `"float64"`, `"float"`, `"int"`, `"f8"` or
    /// `"complex"` stands for; `None` for names NPL does not support.
    pub fn from_name(name: &str) -> Option<DType> {
        Some(match name {
            "bool" | "bool_" | "?" | "b1" => DType::Bool,
            "int" | "int64" | "i8" | "int_" | "intp" | "long" | "<i8" => DType::Int64,
            "float" | "float64" | "f8" | "double" | "float_" | "<f8" | "d" => DType::Float64,
            "complex" | "complex128" | "c16" | "cdouble" | "complex_" | "<c16" | "D" => DType::Complex128,
            _ => return None,
        })
    }

    /// Whether NumPy's `same_kind` casting rule allows casting `self` to `to`
    /// (used for in-place operators such as `a += 1.5`).
    pub fn can_cast_same_kind(self, to: DType) -> bool {
        self <= to
    }
}

/// One element pulled out of an array, or a Python number given to one.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar {
    /// A `bool` element.
    Bool(bool),
    /// An `int64` element.
    Int(i64),
    /// A `float64` element.
    Float(f64),
    /// A `complex128` element.
    Complex(Complex64),
}

impl Scalar {
    /// The dtype an array made from this scalar has.
    pub fn dtype(self) -> DType {
        match self {
            Scalar::Bool(_) => DType::Bool,
            Scalar::Int(_) => DType::Int64,
            Scalar::Float(_) => DType::Float64,
            Scalar::Complex(_) => DType::Complex128,
        }
    }

    /// The value as a float (real part of a complex).
    pub fn to_f64(self) -> f64 {
        match self {
            Scalar::Bool(b) => b as u8 as f64,
            Scalar::Int(i) => i as f64,
            Scalar::Float(f) => f,
            Scalar::Complex(c) => c.re,
        }
    }

    /// The value as a complex number.
    pub fn to_c64(self) -> Complex64 {
        match self {
            Scalar::Complex(c) => c,
            other => Complex64::new(other.to_f64(), 0.0),
        }
    }

    /// The value as an int, truncating floats toward zero as NumPy's cast
    /// does (`None` for NaN or values outside int64's range).
    pub fn to_i64(self) -> Option<i64> {
        match self {
            Scalar::Bool(b) => Some(b as i64),
            Scalar::Int(i) => Some(i),
            Scalar::Float(f) => float_to_i64(f),
            Scalar::Complex(c) => float_to_i64(c.re),
        }
    }

    /// Truth value (non-zero).
    pub fn to_bool(self) -> bool {
        match self {
            Scalar::Bool(b) => b,
            Scalar::Int(i) => i != 0,
            Scalar::Float(f) => f != 0.0,
            Scalar::Complex(c) => c.re != 0.0 || c.im != 0.0,
        }
    }

    /// The scalar cast to `dtype` (NumPy's `unsafe` casting).
    pub fn cast(self, dtype: DType) -> Scalar {
        match dtype {
            DType::Bool => Scalar::Bool(self.to_bool()),
            DType::Int64 => Scalar::Int(match self {
                Scalar::Int(i) => i,
                other => other.to_i64().unwrap_or(i64::MIN),
            }),
            DType::Float64 => Scalar::Float(self.to_f64()),
            DType::Complex128 => Scalar::Complex(self.to_c64()),
        }
    }
}

/// Truncates a float toward zero into an int64, or `None` if it does not fit.
pub fn float_to_i64(f: f64) -> Option<i64> {
    if (i64::MIN as f64..-(i64::MIN as f64)).contains(&f) {
        Some(f as i64)
    } else {
        None
    }
}

/// A Rust type that can be an array element: `bool`, `i64`, `f64`, `Complex64`.
pub trait Element: Copy + Default + PartialEq + Debug + Send + Sync + 'static {
    /// The dtype of arrays of this element type.
    const DTYPE: DType;
    /// The element as a [`Scalar`].
    fn to_scalar(self) -> Scalar;
    /// The scalar cast to this element type (NumPy's `unsafe` cast).
    fn from_scalar(s: Scalar) -> Self;
}

impl Element for bool {
    const DTYPE: DType = DType::Bool;
    fn to_scalar(self) -> Scalar {
        Scalar::Bool(self)
    }
    fn from_scalar(s: Scalar) -> Self {
        s.to_bool()
    }
}

impl Element for i64 {
    const DTYPE: DType = DType::Int64;
    fn to_scalar(self) -> Scalar {
        Scalar::Int(self)
    }
    fn from_scalar(s: Scalar) -> Self {
        match s {
            Scalar::Int(i) => i,
            other => other.to_i64().unwrap_or(i64::MIN),
        }
    }
}

impl Element for f64 {
    const DTYPE: DType = DType::Float64;
    fn to_scalar(self) -> Scalar {
        Scalar::Float(self)
    }
    fn from_scalar(s: Scalar) -> Self {
        s.to_f64()
    }
}

impl Element for Complex64 {
    const DTYPE: DType = DType::Complex128;
    fn to_scalar(self) -> Scalar {
        Scalar::Complex(self)
    }
    fn from_scalar(s: Scalar) -> Self {
        s.to_c64()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn promotion_is_the_larger_dtype() {
        assert_eq!(DType::Bool.promote(DType::Int64), DType::Int64);
        assert_eq!(DType::Float64.promote(DType::Int64), DType::Float64);
        assert_eq!(DType::Float64.promote(DType::Complex128), DType::Complex128);
        assert_eq!(DType::Bool.promote(DType::Bool), DType::Bool);
    }

    #[test]
    fn names_round_trip() {
        for d in [DType::Bool, DType::Int64, DType::Float64, DType::Complex128] {
            assert_eq!(DType::from_name(d.name()), Some(d));
        }
        assert_eq!(DType::from_name("float32"), None);
    }

    #[test]
    fn float_casts_truncate_and_refuse_nan() {
        assert_eq!(Scalar::Float(-2.7).to_i64(), Some(-2));
        assert_eq!(Scalar::Float(f64::NAN).to_i64(), None);
        assert_eq!(Scalar::Float(1e300).to_i64(), None);
    }
}
