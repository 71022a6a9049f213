//! Dense linear-algebra kernels behind `numpy.linalg`, on nalgebra matrices.
//!
//! Everything here works on `DMatrix<f64>` / `DMatrix<Complex64>` (through the
//! [`LinalgScalar`] trait) and knows nothing of NPL's arrays: the caller
//! converts arrays to matrices, loops over stacked inputs and prints. Results
//! follow NumPy 2.4 / LAPACK conventions (error messages, signs, edge cases
//! for empty and non-finite input). No function panics on any input.
//!
//! Files: `decompose` (LU: inv/det/slogdet/solve; cholesky; Householder qr;
//! matrix_power; multi_dot), `small` (LU and Cholesky on plain slices
//! below faer's size), `lapack_eigh`, `lapack_tridiag` and `lapack_blas`
//! (real symmetric eigen up to 25 rows along LAPACK's dsyevd path with
//! OpenBLAS's summation orders, NumPy's vector signs),
//! `small_eigh` (real symmetric eigen on plain slices from there to faer's
//! size), `eigen` (eig/eigvals/eigh/eigvalsh), `balance`
//! and `hqr` (LAPACK gebal, lanv2, gehd2 and dlahqr, so that real `eig`
//! follows LAPACK's eigenvalue order and vector signs), `svd` (svd, lstsq,
//! pinv, matrix_rank), `lapack_svd` and `lapack_bdsqr` and
//! `lapack_svd_wide` (LAPACK dgesdd's path for real matrices with
//! min(m, n) <= 25, so that `svd` has NumPy's singular-vector signs), `jacobi` (one-sided Jacobi SVD, the fallback when
//! nalgebra's SVD fails its accuracy check), `norms` (norm, cond), `fast`
//! (the faer crate for LU, QR, SVD, symmetric eigen and Cholesky of
//! matrices of 64 rows or columns and more), `interrupt` (Ctrl-C: polling and worker
//! threads).

use nalgebra::{ComplexField, DMatrix};
use num_complex::Complex64;
use std::fmt;

mod balance;
mod decompose;
mod eigen;
mod fast;
mod hqr;
mod interrupt;
mod jacobi;
mod lapack_bdsqr;
mod lapack_blas;
pub mod lapack_eigh;
pub mod lapack_svd;
mod lapack_svd_wide;
mod lapack_tridiag;
mod norms;
pub mod small;
pub mod small_eigh;
mod svd;

pub use decompose::{
    binary_power, cholesky, cholesky_rows_f64, det, inv, matrix_power, matrix_power_i64, multi_dot, qr, slogdet, solve,
    QrMode, QrResult,
};
pub use eigen::{eig, eigh, eigvals, eigvalsh, EigResult};
pub use norms::{cond, matrix_norm, vector_norm, MatrixOrd};
pub use svd::{lstsq, matrix_rank, pinv, svd, svd_values, LstsqResult};

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_eig;
#[cfg(test)]
mod tests_fast;
#[cfg(test)]
mod tests_lapack_svd;

/// Which Python exception a [`LinalgError`] maps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinalgErrorKind {
    /// `numpy.linalg.LinAlgError`.
    LinAlg,
    /// `ValueError`.
    Value,
    /// `KeyboardInterrupt`: the host's cancel flag was set
    /// ([`crate::array::cancel`]); the host reports and clears it.
    Interrupted,
}

/// An error with NumPy's exception kind and exact message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinalgError {
    /// The Python exception type.
    pub kind: LinalgErrorKind,
    /// The message NumPy prints (without the exception name).
    pub message: String,
}

impl LinalgError {
    /// A `numpy.linalg.LinAlgError` with `message`.
    pub fn linalg(message: impl Into<String>) -> Self {
        LinalgError { kind: LinalgErrorKind::LinAlg, message: message.into() }
    }

    /// A `ValueError` with `message`.
    pub fn value(message: impl Into<String>) -> Self {
        LinalgError { kind: LinalgErrorKind::Value, message: message.into() }
    }

    /// The computation stopped because a stop (Ctrl-C) was requested.
    pub fn interrupted() -> Self {
        LinalgError { kind: LinalgErrorKind::Interrupted, message: String::new() }
    }
}

impl fmt::Display for LinalgError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self.kind {
            LinalgErrorKind::LinAlg => "LinAlgError",
            LinalgErrorKind::Value => "ValueError",
            LinalgErrorKind::Interrupted => "KeyboardInterrupt",
        };
        write!(f, "{}: {}", name, self.message)
    }
}

impl std::error::Error for LinalgError {}

/// Shorthand for results of this module.
pub type LinalgResult<T> = Result<T, LinalgError>;

/// NumPy's message for `inv`/`solve` on a matrix with a zero pivot.
pub const MSG_SINGULAR: &str = "Singular matrix";
/// NumPy's message for `cholesky` of a matrix that is not positive definite.
pub const MSG_NOT_PD: &str = "Matrix is not positive definite";
/// NumPy's message when a square matrix is required.
pub const MSG_NOT_SQUARE: &str = "Last 2 dimensions of the array must be square";
/// NumPy's message when the SVD iteration fails (also used for NaN input).
pub const MSG_SVD: &str = "SVD did not converge";
/// NumPy's message for `eig`/`eigvals` on non-finite input.
pub const MSG_NONFINITE: &str = "Array must not contain infs or NaNs";
/// NumPy's message when an eigenvalue iteration fails.
pub const MSG_EIG: &str = "Eigenvalues did not converge";

/// The scalar types the kernels accept: `f64` and `Complex64`.
pub trait LinalgScalar:
    ComplexField<RealField = f64> + faer::traits::ComplexField<Real = f64> + Copy + Send + Sync + 'static
{
    /// True for `Complex64`.
    const IS_COMPLEX: bool;
    /// Widen to a complex number.
    fn to_c64(self) -> Complex64;
    /// Narrow from a complex number (the imaginary part is dropped for `f64`).
    fn from_c64(c: Complex64) -> Self;
    /// A value with the given real part and zero imaginary part.
    fn of_real(x: f64) -> Self;
    /// |re| + |im|, LAPACK's cheap magnitude.
    fn abs1(self) -> f64;
    /// True when neither part is NaN.
    fn not_nan(self) -> bool;
}

impl LinalgScalar for f64 {
    const IS_COMPLEX: bool = false;
    fn to_c64(self) -> Complex64 {
        Complex64::new(self, 0.0)
    }
    fn from_c64(c: Complex64) -> Self {
        c.re
    }
    fn of_real(x: f64) -> Self {
        x
    }
    fn abs1(self) -> f64 {
        self.abs()
    }
    fn not_nan(self) -> bool {
        !self.is_nan()
    }
}

impl LinalgScalar for Complex64 {
    const IS_COMPLEX: bool = true;
    fn to_c64(self) -> Complex64 {
        self
    }
    fn from_c64(c: Complex64) -> Self {
        c
    }
    fn of_real(x: f64) -> Self {
        Complex64::new(x, 0.0)
    }
    fn abs1(self) -> f64 {
        self.re.abs() + self.im.abs()
    }
    fn not_nan(self) -> bool {
        !self.re.is_nan() && !self.im.is_nan()
    }
}

/// Errors with [`MSG_NOT_SQUARE`] unless `a` is square.
pub(crate) fn require_square<T>(a: &DMatrix<T>) -> LinalgResult<()> {
    if a.nrows() == a.ncols() {
        Ok(())
    } else {
        Err(LinalgError::linalg(MSG_NOT_SQUARE))
    }
}

/// True when every entry is finite.
pub(crate) fn all_finite<T: LinalgScalar>(a: &DMatrix<T>) -> bool {
    a.iter().all(|x| x.is_finite())
}

/// True when some entry is NaN.
pub(crate) fn any_nan<T: LinalgScalar>(a: &DMatrix<T>) -> bool {
    a.iter().any(|x| !x.not_nan())
}

/// Complex division that neither overflows nor underflows needlessly (Smith).
pub(crate) fn cdiv(a: Complex64, b: Complex64) -> Complex64 {
    if b.im == 0.0 {
        return Complex64::new(a.re / b.re, a.im / b.re);
    }
    if b.re.abs() >= b.im.abs() {
        let r = b.im / b.re;
        let d = b.re + b.im * r;
        Complex64::new((a.re + a.im * r) / d, (a.im - a.re * r) / d)
    } else {
        let r = b.re / b.im;
        let d = b.re * r + b.im;
        Complex64::new((a.re * r + a.im) / d, (a.im * r - a.re) / d)
    }
}

/// Iteration cap handed to nalgebra's iterative decompositions.
pub(crate) fn iter_limit(n: usize) -> usize {
    200 * n.max(10)
}
