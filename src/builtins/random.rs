//! `numpy.random`: the legacy global generator and `default_rng`, on the
//! NumPy-exact streams of `crate::random`.

use super::Builtin;

/// The functions of `numpy.random`.
pub static BUILTINS: &[Builtin] = &[];

/// Methods of `Generator` objects (`np.random.default_rng(seed)`).
pub static GENERATOR_METHODS: &[Builtin] = &[];
