//! `numpy.linalg`: the glue from arrays to the nalgebra-based kernels in
//! `crate::linalg`.

use super::Builtin;

/// The functions of `numpy.linalg`.
pub static BUILTINS: &[Builtin] = &[];
