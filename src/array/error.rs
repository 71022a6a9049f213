//! Errors raised by the array library, as values.
//!
//! The array library knows nothing of the interpreter: an [`ArrayError`] names
//! the kind of Python exception NumPy would raise and carries NumPy's message.
//! The interpreter turns it into its own error with a source location.

use std::fmt;

/// The Python exception NumPy raises for a failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// `ValueError` (bad shapes, bad values, broadcasting failures).
    Value,
    /// `TypeError` (operation not defined for a dtype).
    Type,
    /// `IndexError` (index out of bounds, bad index types).
    Index,
    /// `MemoryError` (allocation larger than this machine can hold).
    Memory,
    /// `OverflowError` (int64 overflow; NPL raises where NumPy wraps).
    Overflow,
    /// `ZeroDivisionError`.
    ZeroDivision,
    /// `numpy.exceptions.AxisError`.
    Axis,
    /// `numpy._core._exceptions._UFuncOutputCastingError` (in-place ops that
    /// would cast against the `same_kind` rule).
    UFuncOutputCasting,
    /// `numpy.linalg.LinAlgError`.
    LinAlg,
    /// `KeyboardInterrupt`: the host asked long work to stop (see [`super::cancel`]).
    Interrupted,
}

/// A failed array operation: the exception kind and NumPy's message.
#[derive(Clone, Debug, PartialEq)]
pub struct ArrayError {
    /// Which Python exception this is.
    pub kind: ErrorKind,
    /// The message, worded as NumPy words it.
    pub message: String,
}

impl ArrayError {
    /// An error of `kind` with `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        ArrayError { kind, message: message.into() }
    }
    /// A `ValueError`.
    pub fn value(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Value, message)
    }
    /// A `TypeError`.
    pub fn type_error(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Type, message)
    }
    /// An `IndexError`.
    pub fn index(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Index, message)
    }
    /// An `AxisError` for `axis` on an array of `ndim` dimensions, in NumPy's words.
    pub fn axis(axis: isize, ndim: usize) -> Self {
        Self::new(ErrorKind::Axis, format!("axis {axis} is out of bounds for array of dimension {ndim}"))
    }
    /// The `OverflowError` NPL raises when int64 arithmetic overflows.
    pub fn int_overflow() -> Self {
        Self::new(ErrorKind::Overflow, "int64 overflow in array arithmetic")
    }
}

impl fmt::Display for ArrayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Result of an array operation.
pub type ArrayResult<T> = Result<T, ArrayError>;
