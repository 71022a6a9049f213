//! Vector and matrix norms and condition numbers, as `numpy.linalg.norm` and
//! `numpy.linalg.cond`.

use super::{any_nan, inv, require_square, svd_values, LinalgError, LinalgResult, LinalgScalar};
use nalgebra::DMatrix;

const MSG_EMPTY_MIN: &str = "zero-size array to reduction operation minimum which has no identity";

/// Maximum that propagates NaN, as NumPy's `max`.
fn nan_max(it: impl Iterator<Item = f64>) -> Option<f64> {
    it.fold(None, |acc, x| match acc {
        None => Some(x),
        Some(m) if m.is_nan() || x.is_nan() => Some(f64::NAN),
        Some(m) => Some(if x > m { x } else { m }),
    })
}

/// Minimum that propagates NaN, as NumPy's `min`.
fn nan_min(it: impl Iterator<Item = f64>) -> Option<f64> {
    nan_max(it.map(|x| -x)).map(|x| -x)
}

/// Sum of squared moduli (no scaling: overflows to inf exactly when NumPy does).
fn sum_sq<'a, T: LinalgScalar + 'a>(it: impl Iterator<Item = &'a T>) -> f64 {
    it.fold(0.0, |acc, v| {
        let c = v.to_c64();
        acc + (c.re * c.re + c.im * c.im)
    })
}

/// Vector norm of `x` for NumPy's `ord`: `None` or 2 (Euclidean), `inf`,
/// `-inf`, 0 (count of non-zeros), 1, or any other p (`(sum |x|^p)^(1/p)`).
///
/// An empty vector gives 0, except `-inf` (NumPy's `ValueError`).
pub fn vector_norm<T: LinalgScalar>(x: &[T], ord: Option<f64>) -> LinalgResult<f64> {
    let abs = || x.iter().map(|v| v.modulus());
    let p = ord.unwrap_or(2.0);
    Ok(if p == 2.0 {
        sum_sq(x.iter()).sqrt()
    } else if p == f64::INFINITY {
        nan_max(abs()).unwrap_or(0.0)
    } else if p == f64::NEG_INFINITY {
        nan_min(abs()).ok_or_else(|| LinalgError::value(MSG_EMPTY_MIN))?
    } else if p == 0.0 {
        x.iter().filter(|v| **v != T::zero()).count() as f64
    } else if p == 1.0 {
        abs().fold(0.0, |s, a| s + a)
    } else {
        abs().fold(0.0, |s, a| s + a.powf(p)).powf(1.0 / p)
    })
}

/// The `ord` of a matrix norm (also used by [`cond`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatrixOrd {
    /// Frobenius, NumPy's default (`None` / `'fro'`).
    Fro,
    /// Nuclear norm (`'nuc'`), the sum of singular values.
    Nuc,
    /// Maximum absolute column sum (`1`).
    One,
    /// Minimum absolute column sum (`-1`).
    NegOne,
    /// Largest singular value (`2`).
    Two,
    /// Smallest singular value (`-2`).
    NegTwo,
    /// Maximum absolute row sum (`inf`).
    Inf,
    /// Minimum absolute row sum (`-inf`).
    NegInf,
}

impl MatrixOrd {
    /// Numeric `ord` (1, -1, 2, -2, inf, -inf); `None` for anything else
    /// (NumPy: `ValueError: Invalid norm order for matrices.`).
    pub fn from_f64(p: f64) -> Option<Self> {
        Some(match p {
            1.0 => MatrixOrd::One,
            -1.0 => MatrixOrd::NegOne,
            2.0 => MatrixOrd::Two,
            -2.0 => MatrixOrd::NegTwo,
            f64::INFINITY => MatrixOrd::Inf,
            f64::NEG_INFINITY => MatrixOrd::NegInf,
            _ => return None,
        })
    }

    /// String `ord` (`'fro'`, `'f'`, `'nuc'`).
    pub fn from_name(s: &str) -> Option<Self> {
        match s {
            "fro" | "f" => Some(MatrixOrd::Fro),
            "nuc" => Some(MatrixOrd::Nuc),
            _ => None,
        }
    }
}

/// Absolute column sums (`rows == false`) or row sums (`rows == true`).
fn abs_sums<T: LinalgScalar>(a: &DMatrix<T>, rows: bool) -> Vec<f64> {
    if rows {
        let mut s = vec![0.0; a.nrows()];
        for col in a.column_iter() {
            for (acc, v) in s.iter_mut().zip(col.iter()) {
                *acc += v.modulus();
            }
        }
        s
    } else {
        a.column_iter().map(|c| c.iter().fold(0.0, |s, v| s + v.modulus())).collect()
    }
}

/// Matrix norm of `a` for `ord`. Maxima over nothing are 0 and minima over
/// nothing are NumPy's `ValueError`, so empty matrices behave as NumPy's.
pub fn matrix_norm<T: LinalgScalar>(a: &DMatrix<T>, ord: MatrixOrd) -> LinalgResult<f64> {
    let empty_min = || LinalgError::value(MSG_EMPTY_MIN);
    Ok(match ord {
        MatrixOrd::Fro => sum_sq(a.iter()).sqrt(),
        MatrixOrd::Nuc => svd_values(a)?.iter().fold(0.0, |s, x| s + x),
        MatrixOrd::Two => nan_max(svd_values(a)?.iter().copied()).unwrap_or(0.0),
        MatrixOrd::NegTwo => nan_min(svd_values(a)?.iter().copied()).ok_or_else(empty_min)?,
        MatrixOrd::One => nan_max(abs_sums(a, false).into_iter()).unwrap_or(0.0),
        MatrixOrd::NegOne => nan_min(abs_sums(a, false).into_iter()).ok_or_else(empty_min)?,
        MatrixOrd::Inf => nan_max(abs_sums(a, true).into_iter()).unwrap_or(0.0),
        MatrixOrd::NegInf => nan_min(abs_sums(a, true).into_iter()).ok_or_else(empty_min)?,
    })
}

/// Condition number of `a` in the norm `p` (`None` means 2), as NumPy's
/// `cond`: 2 / -2 from the singular values (any shape), others as
/// `norm(a) * norm(inv(a))` (square only). A singular matrix gives inf; NaN
/// results become inf unless `a` itself holds NaN.
pub fn cond<T: LinalgScalar>(a: &DMatrix<T>, p: Option<MatrixOrd>) -> LinalgResult<f64> {
    if a.is_empty() {
        return Err(LinalgError::linalg("cond is not defined on empty arrays"));
    }
    let p = p.unwrap_or(MatrixOrd::Two);
    let r = match p {
        MatrixOrd::Two | MatrixOrd::NegTwo => {
            let s = svd_values(a)?;
            let (big, small) = (s[0], s[s.len() - 1]);
            if p == MatrixOrd::Two {
                big / small
            } else {
                small / big
            }
        }
        _ => {
            require_square(a)?;
            match inv(a) {
                Ok(ai) => matrix_norm(a, p)? * matrix_norm(&ai, p)?,
                Err(_) => f64::NAN,
            }
        }
    };
    if r.is_nan() && !any_nan(a) {
        return Ok(f64::INFINITY);
    }
    Ok(r)
}
