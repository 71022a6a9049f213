//! `numpy.random`: the legacy global generator and `default_rng`, on the
//! NumPy-exact streams of `crate::random`.
//!
//! This module holds the declarations; the implementations live in the
//! submodules.

mod generator;
mod legacy;
mod params;
mod rng;
mod sampling;

use super::Builtin;
use crate::builtin;
use generator::{
    gen_binomial, gen_choice, gen_exponential, gen_integers, gen_normal, gen_permutation, gen_poisson, gen_random,
    gen_shuffle, gen_standard_normal, gen_uniform, np_default_rng,
};
use legacy::{
    np_binomial, np_choice, np_exponential, np_normal, np_permutation, np_poisson, np_rand, np_randint, np_randn,
    np_random, np_random_sample, np_random_state, np_ranf, np_seed, np_shuffle, np_standard_normal, np_uniform,
    rs_binomial, rs_choice, rs_exponential, rs_normal, rs_permutation, rs_poisson, rs_rand, rs_randint, rs_randn,
    rs_random, rs_random_sample, rs_seed, rs_shuffle, rs_standard_normal, rs_uniform,
};

/// The functions of `numpy.random`.
pub static BUILTINS: &[Builtin] = &[
    builtin!("numpy.random", "seed", Function, "(seed=None)",
        "Seed the legacy global generator (MT19937): an int in [0, 2**32), a list of them, or None for OS entropy.\nRaises ValueError for a seed outside [0, 2**32); TypeError for a float seed.\n>>> np.random.seed(0); np.random.rand()\n0.5488135039273248", np_seed),
    builtin!("numpy.random", "rand", Function, "(*shape)",
        "Uniform floats in [0, 1) of the given shape; a float when no shape is given.\nRaises ValueError for a negative dimension; TypeError for a non-integer one.\n>>> np.random.seed(0); np.random.rand(3)\narray([0.5488135 , 0.71518937, 0.60276338])", np_rand),
    builtin!("numpy.random", "randn", Function, "(*shape)",
        "Standard normal floats of the given shape; a float when no shape is given.\nRaises ValueError for a negative dimension; TypeError for a non-integer one.\n>>> np.random.seed(0); np.random.randn(2)\narray([1.76405235, 0.40015721])", np_randn),
    builtin!("numpy.random", "random", Function, "(size=None)",
        "Uniform floats in [0, 1); `size` is an int or a shape tuple (None: one float).\nRaises TypeError when size is not an int or a tuple of ints.\n>>> np.random.seed(0); np.random.random((2, 2))\narray([[0.5488135 , 0.71518937],\n       [0.60276338, 0.54488318]])", np_random),
    builtin!("numpy.random", "random_sample", Function, "(size=None)",
        "Uniform floats in [0, 1) (same as `random`).\nRaises TypeError when size is not an int or a tuple of ints.\n>>> np.random.seed(0); np.random.random_sample(2)\narray([0.5488135 , 0.71518937])", np_random_sample),
    builtin!("numpy.random", "ranf", Function, "(size=None)",
        "Uniform floats in [0, 1) (an alias of `random`).\nRaises TypeError when size is not an int or a tuple of ints.\n>>> np.random.seed(0); np.random.ranf()\n0.5488135039273248", np_ranf),
    builtin!("numpy.random", "randint", Function, "(low, high=None, size=None, dtype=int)",
        "Random ints in [low, high), or in [0, low) when high is omitted. Raises ValueError if low >= high.\n>>> np.random.seed(0); np.random.randint(1, 7, size=5)\narray([5, 6, 1, 4, 4])", np_randint),
    builtin!("numpy.random", "uniform", Function, "(low=0.0, high=1.0, size=None)",
        "Uniform floats in [low, high); low and high may be arrays (broadcast).\nRaises ValueError when low, high and size do not broadcast; TypeError for non-numeric bounds.\n>>> np.random.seed(0); np.random.uniform(-1, 1, 3)\narray([0.09762701, 0.43037873, 0.20552675])", np_uniform),
    builtin!("numpy.random", "normal", Function, "(loc=0.0, scale=1.0, size=None)",
        "Normal (Gaussian) floats with mean `loc` and standard deviation `scale` (arrays broadcast). Raises ValueError if scale < 0.\n>>> np.random.seed(0); np.random.normal(10, 2, 3)\narray([13.52810469, 10.80031442, 11.95747597])", np_normal),
    builtin!("numpy.random", "standard_normal", Function, "(size=None)",
        "Standard normal floats (mean 0, standard deviation 1).\nRaises TypeError when size is not an int or a tuple of ints.\n>>> np.random.seed(0); np.random.standard_normal(2)\narray([1.76405235, 0.40015721])", np_standard_normal),
    builtin!("numpy.random", "choice", Function, "(a, size=None, replace=True, p=None)",
        "Random samples from a 1-D array (or from range(a) for an int), with or without replacement, optionally with probabilities `p`.\nRaises ValueError when a is not 1-D or a positive int, p is invalid, or size exceeds the population with replace=False.\n>>> np.random.seed(0); np.random.choice([10, 20, 30], size=4)\narray([10, 20, 10, 20])", np_choice),
    builtin!("numpy.random", "shuffle", Function, "(x)",
        "Shuffle an array along its first axis (or a list) in place; returns None.\nRaises TypeError for an object without a length or item assignment.\n>>> np.random.seed(0); a = np.arange(5); np.random.shuffle(a); a\narray([2, 0, 1, 3, 4])", np_shuffle),
    builtin!("numpy.random", "permutation", Function, "(x)",
        "A shuffled arange(x) for an int, or a shuffled copy of an array (along its first axis).\nRaises IndexError for a 0-d array.\n>>> np.random.seed(0); np.random.permutation(5)\narray([2, 0, 1, 3, 4])", np_permutation),
    builtin!("numpy.random", "binomial", Function, "(n, p, size=None)",
        "Binomial counts: successes in n trials of probability p. Raises ValueError if n < 0 or p is outside [0, 1].\n>>> np.random.seed(0); np.random.binomial(10, 0.5, 4)\narray([5, 6, 5, 5])", np_binomial),
    builtin!("numpy.random", "poisson", Function, "(lam=1.0, size=None)",
        "Poisson counts with rate `lam`. Raises ValueError if lam < 0.\n>>> np.random.seed(0); np.random.poisson(3, 4)\narray([5, 6, 2, 0])", np_poisson),
    builtin!("numpy.random", "exponential", Function, "(scale=1.0, size=None)",
        "Exponential floats with mean `scale`. Raises ValueError if scale < 0.\n>>> np.random.seed(0); np.random.exponential(2.0, 2)\narray([1.59174902, 2.51186153])", np_exponential),
    builtin!("numpy.random", "default_rng", Function, "(seed=None)",
        "A new Generator (PCG64) seeded from an int, a list of ints, or OS entropy (None); its methods are random, integers, normal, uniform, choice, ...\nRaises ValueError for a negative seed; TypeError for a seed that is not an int or ints.\n>>> rng = np.random.default_rng(42); rng.integers(0, 10, 3)\narray([0, 7, 6])", np_default_rng),
    builtin!("numpy.random", "RandomState", Function, "(seed=None)",
        "A legacy generator (MT19937) of its own, with the methods of np.random (rand, randn, randint, normal, choice, ...).\nRaises ValueError for a seed outside [0, 2**32); TypeError for a float seed.\n>>> rs = np.random.RandomState(42); rs.randint(0, 10, 3)\narray([6, 3, 7])", np_random_state),
];

/// Methods of `Generator` objects (`np.random.default_rng(seed)`), then
/// those of legacy `RandomState` objects (module `RandomState`).
pub static GENERATOR_METHODS: &[Builtin] = &[
    builtin!("Generator", "random", Method, "(self, size=None)",
        "Uniform floats in [0, 1); `size` is an int or a shape tuple (None: one float).\nRaises TypeError when size is not an int or a tuple of ints.\n>>> np.random.default_rng(0).random(2)\narray([0.63696169, 0.26978671])", gen_random),
    builtin!("Generator", "integers", Method, "(self, low, high=None, size=None, dtype=int, endpoint=False)",
        "Random ints in [low, high) ([low, high] with endpoint=True), or from 0 when high is omitted.\nRaises ValueError if low >= high (low > high with endpoint=True); TypeError for an unsupported dtype.\n>>> np.random.default_rng(42).integers(1, 7, size=5)\narray([1, 5, 4, 3, 3])", gen_integers),
    builtin!("Generator", "normal", Method, "(self, loc=0.0, scale=1.0, size=None)",
        "Normal floats with mean `loc` and standard deviation `scale` (arrays broadcast). Raises ValueError if scale < 0.\n>>> np.random.default_rng(0).normal(10, 2, 2)\narray([10.25146044,  9.73579027])", gen_normal),
    builtin!("Generator", "standard_normal", Method, "(self, size=None)",
        "Standard normal floats (mean 0, standard deviation 1).\nRaises TypeError when size is not an int or a tuple of ints.\n>>> np.random.default_rng(0).standard_normal(2)\narray([ 0.12573022, -0.13210486])", gen_standard_normal),
    builtin!("Generator", "uniform", Method, "(self, low=0.0, high=1.0, size=None)",
        "Uniform floats in [low, high) (arrays broadcast).\nRaises ValueError when low, high and size do not broadcast; TypeError for non-numeric bounds.\n>>> np.random.default_rng(0).uniform(-1, 1, 2)\narray([ 0.27392337, -0.46042657])", gen_uniform),
    builtin!("Generator", "choice", Method, "(self, a, size=None, replace=True, p=None, axis=0, shuffle=True)",
        "Random samples from an array along `axis` (or from range(a) for an int), with or without replacement, optionally with probabilities `p`.\nRaises ValueError for a float a, an invalid p, or size larger than the population with replace=False; AxisError for a bad axis.\n>>> np.random.default_rng(0).choice(10, 3, replace=False)\narray([5, 9, 6])", gen_choice),
    builtin!("Generator", "permutation", Method, "(self, x, axis=0)",
        "A shuffled arange(x) for an int, or a copy of an array shuffled along `axis`.\nRaises IndexError for a 0-d array; AxisError for a bad axis.\n>>> np.random.default_rng(0).permutation(5)\narray([2, 4, 3, 0, 1])", gen_permutation),
    builtin!("Generator", "shuffle", Method, "(self, x, axis=0)",
        "Shuffle an array along `axis` (or a list) in place; returns None.\nRaises TypeError for an object without a length or item assignment; AxisError for a bad axis.\n>>> rng = np.random.default_rng(0); a = np.arange(5); rng.shuffle(a); a\narray([2, 4, 3, 0, 1])", gen_shuffle),
    builtin!("Generator", "exponential", Method, "(self, scale=1.0, size=None)",
        "Exponential floats with mean `scale`. Raises ValueError if scale < 0.\n>>> np.random.default_rng(0).exponential(1.0, 2)\narray([0.6799319, 1.0195971])", gen_exponential),
    builtin!("Generator", "binomial", Method, "(self, n, p, size=None)",
        "Binomial counts: successes in n trials of probability p.\nRaises ValueError if n < 0 or p is outside [0, 1].\n>>> np.random.default_rng(0).binomial(10, 0.5, 3)\narray([6, 4, 2])", gen_binomial),
    builtin!("Generator", "poisson", Method, "(self, lam=1.0, size=None)",
        "Poisson counts with rate `lam`. Raises ValueError if lam < 0.\n>>> np.random.default_rng(0).poisson(3, 3)\narray([2, 0, 7])", gen_poisson),
    // Methods of legacy `RandomState` objects (`np.random.RandomState(seed)`).
    builtin!("RandomState", "seed", Method, "(self, seed=None)",
        "Re-seed this RandomState (an int in [0, 2**32), a list of them, or None).\nRaises ValueError for a seed outside [0, 2**32); TypeError for a float seed.\n>>> rs = np.random.RandomState(1); rs.seed(0); rs.rand()\n0.5488135039273248", rs_seed),
    builtin!("RandomState", "rand", Method, "(self, *shape)",
        "Uniform floats in [0, 1) of the given shape.\nRaises ValueError for a negative dimension; TypeError for a non-integer one.\n>>> np.random.RandomState(0).rand(2)\narray([0.5488135 , 0.71518937])", rs_rand),
    builtin!("RandomState", "randn", Method, "(self, *shape)",
        "Standard normal floats of the given shape.\nRaises ValueError for a negative dimension; TypeError for a non-integer one.\n>>> np.random.RandomState(0).randn(2)\narray([1.76405235, 0.40015721])", rs_randn),
    builtin!("RandomState", "random", Method, "(self, size=None)",
        "Uniform floats in [0, 1).\nRaises TypeError when size is not an int or a tuple of ints.\n>>> np.random.RandomState(0).random()\n0.5488135039273248", rs_random),
    builtin!("RandomState", "random_sample", Method, "(self, size=None)",
        "Uniform floats in [0, 1) (same as `random`).\nRaises TypeError when size is not an int or a tuple of ints.\n>>> np.random.RandomState(0).random_sample(2)\narray([0.5488135 , 0.71518937])", rs_random_sample),
    builtin!("RandomState", "randint", Method, "(self, low, high=None, size=None, dtype=int)",
        "Random ints in [low, high), or in [0, low) when high is omitted.\nRaises ValueError if low >= high; TypeError for an unsupported dtype.\n>>> np.random.RandomState(0).randint(1, 7, size=5)\narray([5, 6, 1, 4, 4])", rs_randint),
    builtin!("RandomState", "uniform", Method, "(self, low=0.0, high=1.0, size=None)",
        "Uniform floats in [low, high).\nRaises ValueError when low, high and size do not broadcast; TypeError for non-numeric bounds.\n>>> np.random.RandomState(0).uniform(-1, 1, 2)\narray([0.09762701, 0.43037873])", rs_uniform),
    builtin!("RandomState", "normal", Method, "(self, loc=0.0, scale=1.0, size=None)",
        "Normal floats with mean `loc` and standard deviation `scale`.\nRaises ValueError if scale < 0.\n>>> np.random.RandomState(0).normal(10, 2, 2)\narray([13.52810469, 10.80031442])", rs_normal),
    builtin!("RandomState", "standard_normal", Method, "(self, size=None)",
        "Standard normal floats.\nRaises TypeError when size is not an int or a tuple of ints.\n>>> np.random.RandomState(0).standard_normal(2)\narray([1.76405235, 0.40015721])", rs_standard_normal),
    builtin!("RandomState", "choice", Method, "(self, a, size=None, replace=True, p=None)",
        "Random samples from a 1-D array (or from range(a) for an int).\nRaises ValueError when a is not 1-D or a positive int, p is invalid, or size exceeds the population with replace=False.\n>>> np.random.RandomState(0).choice([10, 20, 30], size=4)\narray([10, 20, 10, 20])", rs_choice),
    builtin!("RandomState", "shuffle", Method, "(self, x)",
        "Shuffle an array along its first axis (or a list) in place; returns None.\nRaises TypeError for an object without a length or item assignment.\n>>> a = np.arange(5); np.random.RandomState(0).shuffle(a); a\narray([2, 0, 1, 3, 4])", rs_shuffle),
    builtin!("RandomState", "permutation", Method, "(self, x)",
        "A shuffled arange(x) for an int, or a shuffled copy of an array.\nRaises IndexError for a 0-d array.\n>>> np.random.RandomState(0).permutation(5)\narray([2, 0, 1, 3, 4])", rs_permutation),
    builtin!("RandomState", "binomial", Method, "(self, n, p, size=None)",
        "Binomial counts: successes in n trials of probability p.\nRaises ValueError if n < 0 or p is outside [0, 1].\n>>> np.random.RandomState(0).binomial(10, 0.5, 4)\narray([5, 6, 5, 5])", rs_binomial),
    builtin!("RandomState", "poisson", Method, "(self, lam=1.0, size=None)",
        "Poisson counts with rate `lam`.\nRaises ValueError if lam < 0.\n>>> np.random.RandomState(0).poisson(3, 4)\narray([5, 6, 2, 0])", rs_poisson),
    builtin!("RandomState", "exponential", Method, "(self, scale=1.0, size=None)",
        "Exponential floats with mean `scale`.\nRaises ValueError if scale < 0.\n>>> np.random.RandomState(0).exponential(2.0, 2)\narray([1.59174902, 2.51186153])", rs_exponential),
];

/// The declaration of `module.name` in `table` (the first one if misnamed).
fn decl_in(table: &'static [Builtin], module: &str, name: &str) -> &'static Builtin {
    table.iter().find(|b| b.module == module && b.name == name).unwrap_or(&table[0])
}

/// The declaration named `name`: a `numpy.random` function or a `Generator` method.
fn decl(table: &'static [Builtin], name: &str) -> &'static Builtin {
    let module = if std::ptr::eq(table, GENERATOR_METHODS) { "Generator" } else { "numpy.random" };
    decl_in(table, module, name)
}
