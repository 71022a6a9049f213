//! `numpy.random`: the legacy global generator and `default_rng`, on the
//! NumPy-exact streams of `crate::random`.

use super::args::{bind, Bound};
use super::array_glue::operand;
use super::convert::{optional_dtype, scalar_to_value, to_index, to_shape, value_to_scalar};
use super::Builtin;
use crate::array::broadcast::broadcast_many;
use crate::array::storage::check_allocation;
use crate::array::{Array, DType, IntoNdArray, NdArray, Scalar};
use crate::builtin;
use crate::eval::error::{raise, type_error, value_error, EvalResult, Unwind};
use crate::eval::function::Args;
use crate::eval::Interp;
use crate::random::{Generator, RandomState};
use crate::value::{ExcKind, NativeObject, Value};
use crate::with_array;
use std::cell::RefCell;
use std::rc::Rc;

/// The functions of `numpy.random`.
pub static BUILTINS: &[Builtin] = &[
    builtin!("numpy.random", "seed", Function, "(seed=None)",
        "Seed the legacy global generator (MT19937): an int in [0, 2**32), a list of them, or None for OS entropy.\n>>> np.random.seed(0); np.random.rand()\n0.5488135039273248", np_seed),
    builtin!("numpy.random", "rand", Function, "(*shape)",
        "Uniform floats in [0, 1) of the given shape; a float when no shape is given.\n>>> np.random.seed(0); np.random.rand(3)\narray([0.5488135 , 0.71518937, 0.60276338])", np_rand),
    builtin!("numpy.random", "randn", Function, "(*shape)",
        "Standard normal floats of the given shape; a float when no shape is given.\n>>> np.random.seed(0); np.random.randn(2)\narray([1.76405235, 0.40015721])", np_randn),
    builtin!("numpy.random", "random", Function, "(size=None)",
        "Uniform floats in [0, 1); `size` is an int or a shape tuple (None: one float).\n>>> np.random.seed(0); np.random.random((2, 2))\narray([[0.5488135 , 0.71518937],\n       [0.60276338, 0.54488318]])", np_random),
    builtin!("numpy.random", "random_sample", Function, "(size=None)",
        "Uniform floats in [0, 1) (same as `random`).\n>>> np.random.seed(0); np.random.random_sample(2)\narray([0.5488135 , 0.71518937])", np_random_sample),
    builtin!("numpy.random", "ranf", Function, "(size=None)",
        "Uniform floats in [0, 1) (an alias of `random`).\n>>> np.random.seed(0); np.random.ranf()\n0.5488135039273248", np_ranf),
    builtin!("numpy.random", "randint", Function, "(low, high=None, size=None, dtype=int)",
        "Random ints in [low, high), or in [0, low) when high is omitted. Raises ValueError if low >= high.\n>>> np.random.seed(0); np.random.randint(1, 7, size=5)\narray([5, 6, 1, 4, 4])", np_randint),
    builtin!("numpy.random", "uniform", Function, "(low=0.0, high=1.0, size=None)",
        "Uniform floats in [low, high); low and high may be arrays (broadcast).\n>>> np.random.seed(0); np.random.uniform(-1, 1, 3)\narray([0.09762701, 0.43037873, 0.20552675])", np_uniform),
    builtin!("numpy.random", "normal", Function, "(loc=0.0, scale=1.0, size=None)",
        "Normal (Gaussian) floats with mean `loc` and standard deviation `scale` (arrays broadcast). Raises ValueError if scale < 0.\n>>> np.random.seed(0); np.random.normal(10, 2, 3)\narray([13.52810469, 10.80031442, 11.95747597])", np_normal),
    builtin!("numpy.random", "standard_normal", Function, "(size=None)",
        "Standard normal floats (mean 0, standard deviation 1).\n>>> np.random.seed(0); np.random.standard_normal(2)\narray([1.76405235, 0.40015721])", np_standard_normal),
    builtin!("numpy.random", "choice", Function, "(a, size=None, replace=True, p=None)",
        "Random samples from a 1-D array (or from range(a) for an int), with or without replacement, optionally with probabilities `p`.\n>>> np.random.seed(0); np.random.choice([10, 20, 30], size=4)\narray([10, 20, 10, 20])", np_choice),
    builtin!("numpy.random", "shuffle", Function, "(x)",
        "Shuffle an array along its first axis (or a list) in place; returns None.\n>>> np.random.seed(0); a = np.arange(5); np.random.shuffle(a); a\narray([2, 0, 1, 3, 4])", np_shuffle),
    builtin!("numpy.random", "permutation", Function, "(x)",
        "A shuffled arange(x) for an int, or a shuffled copy of an array (along its first axis).\n>>> np.random.seed(0); np.random.permutation(5)\narray([2, 0, 1, 3, 4])", np_permutation),
    builtin!("numpy.random", "binomial", Function, "(n, p, size=None)",
        "Binomial counts: successes in n trials of probability p. Raises ValueError if n < 0 or p is outside [0, 1].\n>>> np.random.seed(0); np.random.binomial(10, 0.5, 4)\narray([5, 6, 5, 5])", np_binomial),
    builtin!("numpy.random", "poisson", Function, "(lam=1.0, size=None)",
        "Poisson counts with rate `lam`. Raises ValueError if lam < 0.\n>>> np.random.seed(0); np.random.poisson(3, 4)\narray([5, 6, 2, 0])", np_poisson),
    builtin!("numpy.random", "exponential", Function, "(scale=1.0, size=None)",
        "Exponential floats with mean `scale`. Raises ValueError if scale < 0.\n>>> np.random.seed(0); np.random.exponential(2.0, 2)\narray([1.59174902, 2.51186153])", np_exponential),
    builtin!("numpy.random", "default_rng", Function, "(seed=None)",
        "A new Generator (PCG64) seeded from an int, a list of ints, or OS entropy (None); its methods are random, integers, normal, uniform, choice, ...\n>>> rng = np.random.default_rng(42); rng.integers(0, 10, 3)\narray([0, 7, 6])", np_default_rng),
    builtin!("numpy.random", "RandomState", Function, "(seed=None)",
        "A legacy generator (MT19937) of its own, with the methods of np.random (rand, randn, randint, normal, choice, ...).\n>>> rs = np.random.RandomState(42); rs.randint(0, 10, 3)\narray([6, 3, 7])", np_random_state),
];

/// Methods of `Generator` objects (`np.random.default_rng(seed)`), then
/// those of legacy `RandomState` objects (module `RandomState`).
pub static GENERATOR_METHODS: &[Builtin] = &[
    builtin!("Generator", "random", Method, "(self, size=None)",
        "Uniform floats in [0, 1); `size` is an int or a shape tuple (None: one float).\n>>> np.random.default_rng(0).random(2)\narray([0.63696169, 0.26978671])", gen_random),
    builtin!("Generator", "integers", Method, "(self, low, high=None, size=None, dtype=int, endpoint=False)",
        "Random ints in [low, high) ([low, high] with endpoint=True), or from 0 when high is omitted.\n>>> np.random.default_rng(42).integers(1, 7, size=5)\narray([1, 5, 4, 3, 3])", gen_integers),
    builtin!("Generator", "normal", Method, "(self, loc=0.0, scale=1.0, size=None)",
        "Normal floats with mean `loc` and standard deviation `scale` (arrays broadcast). Raises ValueError if scale < 0.\n>>> np.random.default_rng(0).normal(10, 2, 2)\narray([10.25146044,  9.73579027])", gen_normal),
    builtin!("Generator", "standard_normal", Method, "(self, size=None)",
        "Standard normal floats (mean 0, standard deviation 1).\n>>> np.random.default_rng(0).standard_normal(2)\narray([ 0.12573022, -0.13210486])", gen_standard_normal),
    builtin!("Generator", "uniform", Method, "(self, low=0.0, high=1.0, size=None)",
        "Uniform floats in [low, high) (arrays broadcast).\n>>> np.random.default_rng(0).uniform(-1, 1, 2)\narray([ 0.27392337, -0.46042657])", gen_uniform),
    builtin!("Generator", "choice", Method, "(self, a, size=None, replace=True, p=None, axis=0, shuffle=True)",
        "Random samples from an array along `axis` (or from range(a) for an int), with or without replacement, optionally with probabilities `p`.\n>>> np.random.default_rng(0).choice(10, 3, replace=False)\narray([5, 9, 6])", gen_choice),
    builtin!("Generator", "permutation", Method, "(self, x, axis=0)",
        "A shuffled arange(x) for an int, or a copy of an array shuffled along `axis`.\n>>> np.random.default_rng(0).permutation(5)\narray([2, 4, 3, 0, 1])", gen_permutation),
    builtin!("Generator", "shuffle", Method, "(self, x, axis=0)",
        "Shuffle an array along `axis` (or a list) in place; returns None.\n>>> rng = np.random.default_rng(0); a = np.arange(5); rng.shuffle(a); a\narray([2, 4, 3, 0, 1])", gen_shuffle),
    builtin!("Generator", "exponential", Method, "(self, scale=1.0, size=None)",
        "Exponential floats with mean `scale`. Raises ValueError if scale < 0.\n>>> np.random.default_rng(0).exponential(1.0, 2)\narray([0.6799319, 1.0195971])", gen_exponential),
    builtin!("Generator", "binomial", Method, "(self, n, p, size=None)",
        "Binomial counts: successes in n trials of probability p.\n>>> np.random.default_rng(0).binomial(10, 0.5, 3)\narray([6, 4, 2])", gen_binomial),
    builtin!("Generator", "poisson", Method, "(self, lam=1.0, size=None)",
        "Poisson counts with rate `lam`. Raises ValueError if lam < 0.\n>>> np.random.default_rng(0).poisson(3, 3)\narray([2, 0, 7])", gen_poisson),
    // Methods of legacy `RandomState` objects (`np.random.RandomState(seed)`).
    builtin!("RandomState", "seed", Method, "(self, seed=None)",
        "Re-seed this RandomState (an int in [0, 2**32), a list of them, or None).\n>>> rs = np.random.RandomState(1); rs.seed(0); rs.rand()\n0.5488135039273248", rs_seed),
    builtin!("RandomState", "rand", Method, "(self, *shape)",
        "Uniform floats in [0, 1) of the given shape.\n>>> np.random.RandomState(0).rand(2)\narray([0.5488135 , 0.71518937])", rs_rand),
    builtin!("RandomState", "randn", Method, "(self, *shape)",
        "Standard normal floats of the given shape.\n>>> np.random.RandomState(0).randn(2)\narray([1.76405235, 0.40015721])", rs_randn),
    builtin!("RandomState", "random", Method, "(self, size=None)",
        "Uniform floats in [0, 1).\n>>> np.random.RandomState(0).random()\n0.5488135039273248", rs_random),
    builtin!("RandomState", "random_sample", Method, "(self, size=None)",
        "Uniform floats in [0, 1) (same as `random`).\n>>> np.random.RandomState(0).random_sample(2)\narray([0.5488135 , 0.71518937])", rs_random_sample),
    builtin!("RandomState", "randint", Method, "(self, low, high=None, size=None, dtype=int)",
        "Random ints in [low, high), or in [0, low) when high is omitted.\n>>> np.random.RandomState(0).randint(1, 7, size=5)\narray([5, 6, 1, 4, 4])", rs_randint),
    builtin!("RandomState", "uniform", Method, "(self, low=0.0, high=1.0, size=None)",
        "Uniform floats in [low, high).\n>>> np.random.RandomState(0).uniform(-1, 1, 2)\narray([0.09762701, 0.43037873])", rs_uniform),
    builtin!("RandomState", "normal", Method, "(self, loc=0.0, scale=1.0, size=None)",
        "Normal floats with mean `loc` and standard deviation `scale`.\n>>> np.random.RandomState(0).normal(10, 2, 2)\narray([13.52810469, 10.80031442])", rs_normal),
    builtin!("RandomState", "standard_normal", Method, "(self, size=None)",
        "Standard normal floats.\n>>> np.random.RandomState(0).standard_normal(2)\narray([1.76405235, 0.40015721])", rs_standard_normal),
    builtin!("RandomState", "choice", Method, "(self, a, size=None, replace=True, p=None)",
        "Random samples from a 1-D array (or from range(a) for an int).\n>>> np.random.RandomState(0).choice([10, 20, 30], size=4)\narray([10, 20, 10, 20])", rs_choice),
    builtin!("RandomState", "shuffle", Method, "(self, x)",
        "Shuffle an array along its first axis (or a list) in place; returns None.\n>>> a = np.arange(5); np.random.RandomState(0).shuffle(a); a\narray([2, 0, 1, 3, 4])", rs_shuffle),
    builtin!("RandomState", "permutation", Method, "(self, x)",
        "A shuffled arange(x) for an int, or a shuffled copy of an array.\n>>> np.random.RandomState(0).permutation(5)\narray([2, 0, 1, 3, 4])", rs_permutation),
    builtin!("RandomState", "binomial", Method, "(self, n, p, size=None)",
        "Binomial counts: successes in n trials of probability p.\n>>> np.random.RandomState(0).binomial(10, 0.5, 4)\narray([5, 6, 5, 5])", rs_binomial),
    builtin!("RandomState", "poisson", Method, "(self, lam=1.0, size=None)",
        "Poisson counts with rate `lam`.\n>>> np.random.RandomState(0).poisson(3, 4)\narray([5, 6, 2, 0])", rs_poisson),
    builtin!("RandomState", "exponential", Method, "(self, scale=1.0, size=None)",
        "Exponential floats with mean `scale`.\n>>> np.random.RandomState(0).exponential(2.0, 2)\narray([1.59174902, 2.51186153])", rs_exponential),
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

// ---------------------------------------------------------------------------
// The two generators behind one interface.

/// What the legacy `RandomState` and a `Generator` both provide.
trait Rng {
    /// Whether this is the legacy `RandomState` (its error wording differs).
    const LEGACY: bool;
    /// `n` doubles in [0, 1).
    fn floats(&mut self, n: usize) -> Vec<f64>;
    /// `n` standard normals.
    fn std_normal(&mut self, n: usize) -> Vec<f64>;
    /// `n` normals; errors on a negative scale.
    fn normal(&mut self, loc: f64, scale: f64, n: usize) -> Result<Vec<f64>, String>;
    /// `n` uniforms on [low, high).
    fn uniform(&mut self, low: f64, high: f64, n: usize) -> Result<Vec<f64>, String>;
    /// `n` exponentials with mean `scale`.
    fn exponential(&mut self, scale: f64, n: usize) -> Result<Vec<f64>, String>;
    /// `n` binomial counts.
    fn binomial(&mut self, trials: i64, p: f64, n: usize) -> Result<Vec<i64>, String>;
    /// `n` Poisson counts.
    fn poisson(&mut self, lam: f64, n: usize) -> Result<Vec<i64>, String>;
    /// `n` ints in [low, high) (or [low, high] with `endpoint`).
    fn ints(&mut self, low: i64, high: i64, endpoint: bool, n: usize) -> Result<Vec<i64>, String>;
    /// Indices chosen by `choice` from a population of `a`.
    fn choice_idx(
        &mut self,
        a: i64,
        is_array: bool,
        n: usize,
        replace: bool,
        p: Option<&[f64]>,
        shuffle: bool,
    ) -> Result<Vec<i64>, String>;
    /// Shuffles a slice in place.
    fn shuffle_items<T>(&mut self, items: &mut [T]);
    /// Shuffles the `n_rows` equal rows of a C-ordered buffer in place.
    fn shuffle_rows<T>(&mut self, data: &mut [T], n_rows: usize);
}

impl Rng for RandomState {
    const LEGACY: bool = true;
    fn floats(&mut self, n: usize) -> Vec<f64> {
        self.random_sample(n)
    }
    fn std_normal(&mut self, n: usize) -> Vec<f64> {
        self.standard_normal(n)
    }
    fn normal(&mut self, loc: f64, scale: f64, n: usize) -> Result<Vec<f64>, String> {
        RandomState::normal(self, loc, scale, n)
    }
    fn uniform(&mut self, low: f64, high: f64, n: usize) -> Result<Vec<f64>, String> {
        RandomState::uniform(self, low, high, n)
    }
    fn exponential(&mut self, scale: f64, n: usize) -> Result<Vec<f64>, String> {
        RandomState::exponential(self, scale, n)
    }
    fn binomial(&mut self, trials: i64, p: f64, n: usize) -> Result<Vec<i64>, String> {
        RandomState::binomial(self, trials, p, n)
    }
    fn poisson(&mut self, lam: f64, n: usize) -> Result<Vec<i64>, String> {
        RandomState::poisson(self, lam, n)
    }
    fn ints(&mut self, low: i64, high: i64, endpoint: bool, n: usize) -> Result<Vec<i64>, String> {
        let high = i128::from(high) + i128::from(endpoint);
        self.randint_wide(i128::from(low), high, n)
    }
    fn choice_idx(
        &mut self,
        a: i64,
        is_array: bool,
        n: usize,
        replace: bool,
        p: Option<&[f64]>,
        _: bool,
    ) -> Result<Vec<i64>, String> {
        if is_array {
            self.choice_array(a.max(0) as usize, n, replace, p)
        } else {
            self.choice(a, n, replace, p)
        }
    }
    fn shuffle_items<T>(&mut self, items: &mut [T]) {
        self.shuffle(items)
    }
    fn shuffle_rows<T>(&mut self, data: &mut [T], n_rows: usize) {
        RandomState::shuffle_rows(self, data, n_rows)
    }
}

impl Rng for Generator {
    const LEGACY: bool = false;
    fn floats(&mut self, n: usize) -> Vec<f64> {
        self.random(n)
    }
    fn std_normal(&mut self, n: usize) -> Vec<f64> {
        self.standard_normal(n)
    }
    fn normal(&mut self, loc: f64, scale: f64, n: usize) -> Result<Vec<f64>, String> {
        Generator::normal(self, loc, scale, n)
    }
    fn uniform(&mut self, low: f64, high: f64, n: usize) -> Result<Vec<f64>, String> {
        Generator::uniform(self, low, high, n)
    }
    fn exponential(&mut self, scale: f64, n: usize) -> Result<Vec<f64>, String> {
        Generator::exponential(self, scale, n)
    }
    fn binomial(&mut self, trials: i64, p: f64, n: usize) -> Result<Vec<i64>, String> {
        Generator::binomial(self, trials, p, n)
    }
    fn poisson(&mut self, lam: f64, n: usize) -> Result<Vec<i64>, String> {
        Generator::poisson(self, lam, n)
    }
    fn ints(&mut self, low: i64, high: i64, endpoint: bool, n: usize) -> Result<Vec<i64>, String> {
        self.integers_wide(i128::from(low), i128::from(high), endpoint, n)
    }
    fn choice_idx(
        &mut self,
        a: i64,
        is_array: bool,
        n: usize,
        replace: bool,
        p: Option<&[f64]>,
        shuffle: bool,
    ) -> Result<Vec<i64>, String> {
        self.choice_full(a, is_array, n, replace, p, shuffle)
    }
    fn shuffle_items<T>(&mut self, items: &mut [T]) {
        self.shuffle(items)
    }
    fn shuffle_rows<T>(&mut self, data: &mut [T], n_rows: usize) {
        Generator::shuffle_rows(self, data, n_rows)
    }
}

/// The legacy global state, seeded from the OS on first use.
fn legacy(interp: &mut Interp) -> &mut RandomState {
    interp.random.get_or_insert_with(RandomState::from_os)
}

/// A kernel error as NumPy raises it (`OverflowError` for uniform's range).
fn kernel_error(msg: String) -> Unwind {
    if msg.contains("exceeds valid bounds") {
        raise(ExcKind::OverflowError, msg)
    } else {
        value_error(msg)
    }
}

// ---------------------------------------------------------------------------
// Sizes, parameters and results.

/// The output shape for `size=` (None: a scalar result).
fn size_shape(v: Option<&Value>) -> EvalResult<Option<Vec<usize>>> {
    if let Some(f @ Value::Float(_)) = v {
        return Err(type_error(format!("expected a sequence of integers or a single integer, got '{}'", f.repr())));
    }
    v.map(to_shape).transpose()
}

/// The number of draws for an output shape (MemoryError if too large).
fn count(shape: &Option<Vec<usize>>) -> EvalResult<usize> {
    match shape {
        None => Ok(1),
        Some(s) => Ok(check_allocation(s, DType::Float64)?),
    }
}

/// A float result: a Python float for no shape, else an array.
fn float_result(shape: Option<Vec<usize>>, v: Vec<f64>) -> EvalResult {
    match shape {
        None => Ok(Value::Float(v.first().copied().unwrap_or(0.0))),
        Some(s) => Ok(Value::array(NdArray::Float(Array::from_vec(s, v)?))),
    }
}

/// An int result: a Python int for no shape, else an array.
fn int_result(shape: Option<Vec<usize>>, v: Vec<i64>) -> EvalResult {
    match shape {
        None => Ok(Value::Int(v.first().copied().unwrap_or(0))),
        Some(s) => Ok(Value::array(NdArray::Int(Array::from_vec(s, v)?))),
    }
}

/// A distribution parameter: a number, or an array (lists become arrays).
fn param(v: Option<&Value>, default: Scalar, name: &str) -> EvalResult<NdArray> {
    let Some(v) = v else {
        return Ok(NdArray::from_scalar(default));
    };
    if let Value::Str(t) = v {
        return Err(value_error(format!("could not convert string to float: {}", crate::value::quote_str(t))));
    }
    let a = match value_to_scalar(v) {
        Some(s) => NdArray::from_scalar(s),
        None => operand(v).map_err(|_| {
            type_error(format!("{name} must be a number or an array of numbers, not {}", v.type_name()))
        })?,
    };
    if a.dtype() == DType::Complex128 {
        return Err(type_error(format!("{name} must be real, not complex")));
    }
    Ok(a)
}

/// Python's repr of a shape tuple.
fn tuple_repr(shape: &[usize]) -> String {
    match shape {
        [n] => format!("({n},)"),
        _ => format!("({})", shape.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", ")),
    }
}

/// Parameters broadcast to the output: `(shape, per-parameter values)`.
/// All-scalar parameters give one value each and the shape of `size`
/// (None when size is None); array parameters give one value per draw.
/// `dist`: word errors as NumPy's distributions do (else as `integers`).
fn broadcast(
    params: Vec<NdArray>,
    size: Option<Vec<usize>>,
    dist: bool,
) -> EvalResult<(Option<Vec<usize>>, Vec<NdArray>, bool)> {
    if params.iter().all(|p| p.ndim() == 0) {
        return Ok((size, params, true));
    }
    let mut shapes: Vec<Vec<usize>> = params.iter().map(|p| p.shape().to_vec()).collect();
    if let Some(s) = &size {
        shapes.insert(0, s.clone());
    }
    let refs: Vec<&[usize]> = shapes.iter().map(|s| s.as_slice()).collect();
    let common = match broadcast_many(&refs) {
        Ok(c) => c,
        Err(e) if !dist => return Err(e.into()),
        Err(_) => {
            for j in 1..shapes.len() {
                for i in 0..j {
                    if broadcast_many(&[&shapes[i], &shapes[j]]).is_err() {
                        return Err(value_error(format!(
                            "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg {i} with shape {} and arg {j} with shape {}.",
                            tuple_repr(&shapes[i]),
                            tuple_repr(&shapes[j])
                        )));
                    }
                }
            }
            return Err(value_error("shape mismatch: objects cannot be broadcast to a single shape."));
        }
    };
    let shape = match size {
        Some(s) if s != common => {
            return Err(value_error(format!(
                "Output size {} is not compatible with broadcast dimensions of inputs {}.",
                tuple_repr(&s),
                tuple_repr(&common)
            )))
        }
        Some(s) => s,
        None => common,
    };
    check_allocation(&shape, DType::Float64)?;
    let out: Vec<NdArray> = params
        .iter()
        .map(|p| with_array!(p, x => x.broadcast_to(&shape).map(|b| b.copy().into_nd())))
        .collect::<Result<_, _>>()?;
    Ok((Some(shape), out, false))
}

/// The values of an array as float64, in C order.
fn floats_of(a: &NdArray) -> Vec<f64> {
    a.to_float().to_vec()
}

/// The values of an array as int64, in C order.
fn ints_of(a: &NdArray) -> Vec<i64> {
    a.to_int().to_vec()
}

/// A continuous distribution with float parameters.
fn continuous<R: Rng>(
    rng: &mut R,
    params: Vec<NdArray>,
    size: Option<Vec<usize>>,
    draw: fn(&mut R, &[f64], usize) -> Result<Vec<f64>, String>,
) -> EvalResult {
    let (shape, params, scalar) = broadcast(params, size, true)?;
    let cols: Vec<Vec<f64>> = params.iter().map(floats_of).collect();
    if scalar {
        let p: Vec<f64> = cols.iter().map(|c| c[0]).collect();
        let n = count(&shape)?;
        let v = draw(rng, &p, n).map_err(kernel_error)?;
        return float_result(shape, v);
    }
    let n = count(&shape)?;
    // Check every parameter before drawing, as NumPy does.
    for k in 0..n {
        let p: Vec<f64> = cols.iter().map(|c| c[k]).collect();
        draw(rng, &p, 0).map_err(kernel_error)?;
    }
    let mut out = Vec::with_capacity(n);
    for k in 0..n {
        let p: Vec<f64> = cols.iter().map(|c| c[k]).collect();
        out.extend(draw(rng, &p, 1).map_err(kernel_error)?);
    }
    float_result(shape, out)
}

/// A discrete distribution with an int and a float parameter (binomial) or
/// one float parameter (poisson).
fn discrete<R: Rng>(
    rng: &mut R,
    params: Vec<NdArray>,
    size: Option<Vec<usize>>,
    draw: fn(&mut R, i64, f64, usize) -> Result<Vec<i64>, String>,
) -> EvalResult {
    let (shape, params, scalar) = broadcast(params, size, true)?;
    let ints = ints_of(&params[0]);
    let floats = params.get(1).map(floats_of).unwrap_or_else(|| floats_of(&params[0]));
    let n = count(&shape)?;
    if scalar {
        let v = draw(rng, ints[0], floats[0], n).map_err(kernel_error)?;
        return int_result(shape, v);
    }
    for k in 0..n {
        draw(rng, ints[k], floats[k], 0).map_err(kernel_error)?;
    }
    let mut out = Vec::with_capacity(n);
    for k in 0..n {
        out.extend(draw(rng, ints[k], floats[k], 1).map_err(kernel_error)?);
    }
    int_result(shape, out)
}

/// `normal` with parameters (loc, scale).
fn draw_normal<R: Rng>(r: &mut R, p: &[f64], n: usize) -> Result<Vec<f64>, String> {
    r.normal(p[0], p[1], n)
}
/// `uniform` with parameters (low, high).
fn draw_uniform<R: Rng>(r: &mut R, p: &[f64], n: usize) -> Result<Vec<f64>, String> {
    r.uniform(p[0], p[1], n)
}
/// `exponential` with parameter (scale).
fn draw_exponential<R: Rng>(r: &mut R, p: &[f64], n: usize) -> Result<Vec<f64>, String> {
    r.exponential(p[0], n)
}
/// `binomial` with parameters (n, p).
fn draw_binomial<R: Rng>(r: &mut R, trials: i64, p: f64, n: usize) -> Result<Vec<i64>, String> {
    r.binomial(trials, p, n)
}
/// `poisson` with parameter (lam).
fn draw_poisson<R: Rng>(r: &mut R, _: i64, lam: f64, n: usize) -> Result<Vec<i64>, String> {
    r.poisson(lam, n)
}

/// The `n` of binomial (finite numbers only).
fn binomial_n(v: Option<&Value>) -> EvalResult<NdArray> {
    let a = param(v, Scalar::Int(0), "n")?;
    if a.dtype() == DType::Float64 {
        let f = a.to_float().to_vec();
        if f.iter().any(|x| !x.is_finite()) {
            return Err(value_error("n must be a finite number"));
        }
    }
    Ok(a)
}

/// `randint` / `integers`: bounds as int arrays (broadcast), `endpoint`.
fn integers<R: Rng>(rng: &mut R, b: &Bound, base: usize, endpoint: bool) -> EvalResult {
    let low = b.get(base).ok_or_else(|| type_error("missing required argument 'low'"))?;
    let bound = |v: &Value| -> EvalResult<NdArray> {
        match v {
            Value::Int(_) | Value::Bool(_) => Ok(NdArray::from_scalar(Scalar::Int(to_index(v, "")?))),
            Value::Float(f) => match super::convert::float_to_int(*f)? {
                Value::Int(i) => Ok(NdArray::from_scalar(Scalar::Int(i))),
                _ => Err(type_error("an integer is required")),
            },
            Value::Complex(_) | Value::Str(_) | Value::None => {
                Err(type_error(format!("'{}' object cannot be interpreted as an integer", v.type_name())))
            }
            other => {
                let a = operand(other)?;
                match a.dtype() {
                    DType::Int64 | DType::Bool => Ok(a.cast_to(DType::Int64)),
                    d => Err(type_error(format!(
                        "Cannot cast array data from dtype('{}') to dtype('int64') according to the rule 'safe'",
                        d.name()
                    ))),
                }
            }
        }
    };
    let (low, high, high_given) = match b.get(base + 1) {
        Some(h) => (bound(low)?, bound(h)?, true),
        None => (NdArray::from_scalar(Scalar::Int(0)), bound(low)?, false),
    };
    let size = size_shape(b.get(base + 2))?;
    if let Some(d) = optional_dtype(b.get(base + 3))? {
        if d != DType::Int64 {
            let what = if R::LEGACY { "randint" } else { "integers" };
            return Err(type_error(format!("Unsupported dtype dtype('{}') for {what}", d.name())));
        }
    }
    let (shape, params, scalar) = broadcast(vec![low, high], size, false)?;
    let lows = ints_of(&params[0]);
    let highs = ints_of(&params[1]);
    let n = count(&shape)?;
    let fix = |e: String, hi: i64| -> Unwind {
        if !high_given && ((endpoint && hi < 0) || (!endpoint && hi <= 0)) {
            value_error(if endpoint { "high < 0" } else { "high <= 0" })
        } else {
            kernel_error(e)
        }
    };
    if n == 0 {
        return int_result(shape, Vec::new());
    }
    if scalar {
        let v = rng.ints(lows[0], highs[0], endpoint, n).map_err(|e| fix(e, highs[0]))?;
        return int_result(shape, v);
    }
    for k in 0..n {
        let top = i128::from(highs[k]) - i128::from(!endpoint);
        if i128::from(lows[k]) > top {
            let e = if endpoint { "low > high" } else { "low >= high" };
            return Err(fix(e.to_string(), highs[k]));
        }
    }
    let mut out = Vec::with_capacity(n);
    for k in 0..n {
        out.extend(rng.ints(lows[k], highs[k], endpoint, 1).map_err(|e| fix(e, highs[k]))?);
    }
    int_result(shape, out)
}

/// Rows `idx` of `a` along its first axis, shaped `lead + a.shape[1:]`.
fn take_rows(a: &NdArray, idx: &[i64], lead: &[usize]) -> EvalResult<NdArray> {
    let mut shape = lead.to_vec();
    shape.extend_from_slice(&a.shape()[1..]);
    let rows = a.shape().first().copied().unwrap_or(0);
    Ok(with_array!(a, x => {
        let data = x.to_vec();
        let row = if rows == 0 { 0 } else { data.len() / rows };
        let mut out = Vec::with_capacity(idx.len() * row);
        for &i in idx {
            let i = i.max(0) as usize;
            out.extend_from_slice(&data[i * row..(i + 1) * row]);
        }
        Array::from_vec(shape, out)?.into_nd()
    }))
}

/// `choice(a, size, replace, p)` for either generator; `axis` (Generator
/// only) picks along another axis of an n-d `a`.
#[allow(clippy::too_many_arguments)]
fn choice<R: Rng>(
    rng: &mut R,
    a: &Value,
    size: Option<&Value>,
    replace: bool,
    p: Option<&Value>,
    shuffle: bool,
    axis: isize,
) -> EvalResult {
    let shape = size_shape(size)?;
    let n = count(&shape)?;
    let not_array = || {
        value_error(if R::LEGACY {
            "a must be 1-dimensional or an integer"
        } else {
            "a must be a sequence or an integer, not a float"
        })
    };
    let arr = match a {
        Value::Int(_) | Value::Bool(_) => None,
        Value::Array(x) if x.ndim() == 0 => {
            if matches!(x.dtype(), DType::Int64 | DType::Bool) {
                None
            } else {
                return Err(not_array());
            }
        }
        Value::Float(_) | Value::Complex(_) => return Err(not_array()),
        other => Some(operand(other)?),
    };
    let mut ax = 0usize;
    if let Some(x) = &arr {
        if x.ndim() == 0 || (R::LEGACY && x.ndim() != 1) {
            return Err(value_error("a must be 1-dimensional"));
        }
        ax = crate::array::manip::axes::normalize_axis(axis, x.ndim())?;
    }
    let arr = match arr {
        Some(x) if ax != 0 => Some(crate::array::manip::moveaxis(&x, &[ax as isize], &[0])?),
        other => other,
    };
    let p = match p {
        None => None,
        Some(v) => {
            let pa = operand(v)?;
            if pa.ndim() != 1 {
                return Err(value_error(if R::LEGACY {
                    "'p' must be 1-dimensional"
                } else {
                    "p must be 1-dimensional"
                }));
            }
            Some(pa.to_float().to_vec())
        }
    };
    let (pop, is_array) = match &arr {
        Some(x) => (x.shape()[0] as i64, true),
        None => (to_index(a, "")?, false),
    };
    // Sampling without replacement may shuffle the whole population.
    if !replace && p.is_none() && n <= pop.max(0) as usize && (R::LEGACY || (pop > 10_000 && n as i64 > pop / 50)) {
        check_allocation(&[pop.max(0) as usize], DType::Int64)?;
    }
    let idx = rng.choice_idx(pop, is_array, n, replace, p.as_deref(), shuffle).map_err(kernel_error)?;
    match (arr, shape) {
        (None, shape) => int_result(shape, idx),
        (Some(x), None) => {
            let picked = take_rows(&x, &idx[..1.min(idx.len())], &[])?;
            if picked.ndim() == 0 {
                Ok(scalar_to_value(picked.get_flat(0)))
            } else {
                Ok(Value::array(picked))
            }
        }
        (Some(x), Some(s)) => {
            let picked = take_rows(&x, &idx, &s)?;
            if ax == 0 {
                return Ok(Value::array(picked));
            }
            // Put the sampled axes where `axis` was: a.shape[:axis] + size + a.shape[axis+1:].
            let k = s.len();
            let r = picked.ndim();
            let perm: Vec<isize> = (k..k + ax).chain(0..k).chain(k + ax..r).map(|i| i as isize).collect();
            Ok(Value::array(crate::array::manip::transpose(&picked, Some(&perm))?.copy()))
        }
    }
}

/// Shuffles an array along `axis` (or a list) in place.
fn shuffle<R: Rng>(rng: &mut R, x: &Value, axis: isize) -> EvalResult {
    match x {
        Value::List(l) => {
            if axis != 0 {
                return Err(raise(ExcKind::NotImplementedError, "Axis argument is only supported on ndarray objects"));
            }
            let mut items =
                l.try_borrow_mut().map_err(|_| raise(ExcKind::RuntimeError, "list is being used elsewhere"))?;
            rng.shuffle_items(&mut items[..]);
            Ok(Value::None)
        }
        Value::Array(a) => {
            if a.ndim() == 0 {
                return Err(type_error("len() of unsized object"));
            }
            let ax = crate::array::manip::axes::normalize_axis(axis, a.ndim())?;
            let view = if ax == 0 { (**a).clone() } else { crate::array::manip::swapaxes(a, 0, ax as isize)? };
            let rows = view.shape()[0];
            with_array!(&view, arr => {
                let mut data = arr.to_vec();
                rng.shuffle_rows(&mut data, rows);
                arr.assign_from_slice(&data)?;
            });
            Ok(Value::None)
        }
        Value::Tuple(_) | Value::Str(_) => {
            Err(type_error(format!("'{}' object does not support item assignment", x.type_name())))
        }
        other => Err(type_error(format!("object of type '{}' has no len()", other.type_name()))),
    }
}

/// `permutation(x)`: a shuffled `arange(x)` or a shuffled copy of an array
/// (along `axis`).
fn permutation<R: Rng>(rng: &mut R, x: &Value, axis: isize) -> EvalResult {
    let a = match x {
        Value::Int(_) | Value::Bool(_) => {
            let n = to_index(x, "")?.max(0) as usize;
            check_allocation(&[n], DType::Int64)?;
            let mut v: Vec<i64> = (0..n as i64).collect();
            rng.shuffle_items(&mut v);
            return Ok(Value::array(NdArray::Int(Array::from_vec(vec![n], v)?)));
        }
        Value::Float(_) | Value::Complex(_) => {
            return Err(raise(ExcKind::IndexError, "x must be an integer or at least 1-dimensional"))
        }
        other => operand(other)?,
    };
    if a.ndim() == 0 {
        return Err(raise(ExcKind::IndexError, "x must be an integer or at least 1-dimensional"));
    }
    let ax = crate::array::manip::axes::normalize_axis(axis, a.ndim())?;
    let moved = if ax == 0 { a } else { crate::array::manip::swapaxes(&a, 0, ax as isize)? };
    let rows = moved.shape()[0];
    let out = with_array!(&moved, arr => {
        let mut data = arr.to_vec();
        rng.shuffle_rows(&mut data, rows);
        Array::from_vec(arr.shape().to_vec(), data)?.into_nd()
    });
    let out = if ax == 0 { out } else { crate::array::manip::swapaxes(&out, 0, ax as isize)?.copy() };
    Ok(Value::array(out))
}

/// The shape from `rand(2, 3)`-style arguments (None when there are none).
fn shape_args(args: &[Value]) -> EvalResult<Option<Vec<usize>>> {
    if args.is_empty() {
        return Ok(None);
    }
    let dims = args
        .iter()
        .map(|v| {
            if let Value::Bool(_) = v {
                return Err(type_error("an integer is required"));
            }
            let d = to_index(v, "")?;
            if d < 0 {
                Err(value_error("negative dimensions are not allowed"))
            } else {
                Ok(d as usize)
            }
        })
        .collect::<EvalResult<Vec<usize>>>()?;
    Ok(Some(dims))
}

/// A flag that defaults to True (`replace=`, `shuffle=`).
fn replace_flag(interp: &mut Interp, v: Option<&Value>) -> EvalResult<bool> {
    match v {
        Some(v) => {
            let v = v.clone();
            interp.truthy(&v)
        }
        None => Ok(true),
    }
}

// ---------------------------------------------------------------------------
// Legacy functions: the global state (`np.random.rand`) or a `RandomState`
// object (`np.random.RandomState(0).rand`), one implementation for both.

/// Where a legacy call draws from, and the index of its first parameter
/// after `self`.
struct Legacy {
    obj: Option<Rc<dyn NativeObject>>,
    base: usize,
}

/// Binds a legacy call: a `numpy.random` function or a `RandomState` method.
fn legacy_call(args: Args, name: &str, method: bool) -> EvalResult<(Bound, Legacy)> {
    let (table, module) = if method { (GENERATOR_METHODS, "RandomState") } else { (BUILTINS, "numpy.random") };
    let b = bind(decl_in(table, module, name), args)?;
    let obj = if method {
        match b.get_raw(0) {
            Some(Value::Object(o)) if o.as_any().is::<RandomStateObject>() => Some(o.clone()),
            _ => return Err(type_error("descriptor requires a 'numpy.random.RandomState' object")),
        }
    } else {
        None
    };
    Ok((b, Legacy { obj, base: usize::from(method) }))
}

/// Runs `f` on the state a legacy call draws from.
fn with_rs<T>(interp: &mut Interp, l: &Legacy, f: impl FnOnce(&mut RandomState) -> EvalResult<T>) -> EvalResult<T> {
    match &l.obj {
        None => f(legacy(interp)),
        Some(o) => {
            let r = o.as_any().downcast_ref::<RandomStateObject>().ok_or_else(|| type_error("not a RandomState"))?;
            let mut state =
                r.state.try_borrow_mut().map_err(|_| raise(ExcKind::RuntimeError, "RandomState is already in use"))?;
            f(&mut state)
        }
    }
}

/// Seeds a legacy state from `seed(...)`'s argument.
fn seed_state(rs: &mut RandomState, v: Option<&Value>) -> EvalResult<()> {
    match v {
        None => rs.seed_from_os(),
        Some(v @ (Value::Int(_) | Value::Bool(_))) => rs.seed(to_index(v, "")?).map_err(value_error)?,
        Some(Value::Float(_)) => {
            return Err(type_error(
                "Cannot cast scalar from dtype('float64') to dtype('int64') according to the rule 'safe'",
            ))
        }
        Some(v) => {
            let a = operand(v)?;
            if !matches!(a.dtype(), DType::Int64 | DType::Bool) {
                return Err(type_error(format!(
                    "Cannot cast array data from dtype('{}') to dtype('int64') according to the rule 'safe'",
                    a.dtype().name()
                )));
            }
            let words = a.to_int().to_vec();
            if a.ndim() == 0 {
                rs.seed(words[0]).map_err(value_error)?;
            } else {
                rs.seed_array(&words).map_err(value_error)?;
            }
        }
    }
    Ok(())
}

fn l_seed(interp: &mut Interp, args: Args, method: bool) -> EvalResult {
    let (b, l) = legacy_call(args, "seed", method)?;
    let v = b.get(l.base).cloned();
    with_rs(interp, &l, |rs| seed_state(rs, v.as_ref()))?;
    Ok(Value::None)
}

fn l_rand(interp: &mut Interp, args: Args, method: bool) -> EvalResult {
    let (b, l) = legacy_call(args, "rand", method)?;
    let shape = shape_args(&b.rest)?;
    let n = count(&shape)?;
    let v = with_rs(interp, &l, |rs| Ok(rs.floats(n)))?;
    float_result(shape, v)
}

fn l_randn(interp: &mut Interp, args: Args, method: bool) -> EvalResult {
    let (b, l) = legacy_call(args, "randn", method)?;
    let shape = shape_args(&b.rest)?;
    let n = count(&shape)?;
    let v = with_rs(interp, &l, |rs| Ok(rs.std_normal(n)))?;
    float_result(shape, v)
}

fn l_floats(interp: &mut Interp, args: Args, method: bool, name: &str) -> EvalResult {
    let (b, l) = legacy_call(args, name, method)?;
    let shape = size_shape(b.get(l.base))?;
    let n = count(&shape)?;
    let v = with_rs(interp, &l, |rs| Ok(rs.floats(n)))?;
    float_result(shape, v)
}

fn l_random(interp: &mut Interp, args: Args, method: bool) -> EvalResult {
    l_floats(interp, args, method, "random")
}

fn l_random_sample(interp: &mut Interp, args: Args, method: bool) -> EvalResult {
    l_floats(interp, args, method, "random_sample")
}

fn np_ranf(interp: &mut Interp, args: Args) -> EvalResult {
    l_floats(interp, args, false, "ranf")
}

fn l_randint(interp: &mut Interp, args: Args, method: bool) -> EvalResult {
    let (b, l) = legacy_call(args, "randint", method)?;
    with_rs(interp, &l, |rs| integers(rs, &b, l.base, false))
}

fn l_uniform(interp: &mut Interp, args: Args, method: bool) -> EvalResult {
    let (b, l) = legacy_call(args, "uniform", method)?;
    let k = l.base;
    let params = vec![param(b.get(k), Scalar::Float(0.0), "low")?, param(b.get(k + 1), Scalar::Float(1.0), "high")?];
    let size = size_shape(b.get(k + 2))?;
    with_rs(interp, &l, |rs| continuous(rs, params, size, draw_uniform))
}

fn l_normal(interp: &mut Interp, args: Args, method: bool) -> EvalResult {
    let (b, l) = legacy_call(args, "normal", method)?;
    let k = l.base;
    let params = vec![param(b.get(k), Scalar::Float(0.0), "loc")?, param(b.get(k + 1), Scalar::Float(1.0), "scale")?];
    let size = size_shape(b.get(k + 2))?;
    with_rs(interp, &l, |rs| continuous(rs, params, size, draw_normal))
}

fn l_standard_normal(interp: &mut Interp, args: Args, method: bool) -> EvalResult {
    let (b, l) = legacy_call(args, "standard_normal", method)?;
    let shape = size_shape(b.get(l.base))?;
    let n = count(&shape)?;
    let v = with_rs(interp, &l, |rs| Ok(rs.std_normal(n)))?;
    float_result(shape, v)
}

fn l_choice(interp: &mut Interp, args: Args, method: bool) -> EvalResult {
    let (b, l) = legacy_call(args, "choice", method)?;
    let k = l.base;
    let a = b.get_raw(k).cloned().ok_or_else(|| type_error("choice() missing required argument 'a' (pos 1)"))?;
    let replace = replace_flag(interp, b.get(k + 2))?;
    with_rs(interp, &l, |rs| choice(rs, &a, b.get(k + 1), replace, b.get(k + 3), true, 0))
}

fn l_shuffle(interp: &mut Interp, args: Args, method: bool) -> EvalResult {
    let (b, l) = legacy_call(args, "shuffle", method)?;
    let x = b.get_raw(l.base).cloned().unwrap_or(Value::None);
    with_rs(interp, &l, |rs| shuffle(rs, &x, 0))
}

fn l_permutation(interp: &mut Interp, args: Args, method: bool) -> EvalResult {
    let (b, l) = legacy_call(args, "permutation", method)?;
    let x = b.get_raw(l.base).cloned().unwrap_or(Value::None);
    with_rs(interp, &l, |rs| permutation(rs, &x, 0))
}

fn l_binomial(interp: &mut Interp, args: Args, method: bool) -> EvalResult {
    let (b, l) = legacy_call(args, "binomial", method)?;
    let k = l.base;
    let params = vec![binomial_n(b.get(k))?, param(b.get(k + 1), Scalar::Float(0.5), "p")?];
    let size = size_shape(b.get(k + 2))?;
    with_rs(interp, &l, |rs| discrete(rs, params, size, draw_binomial))
}

fn l_poisson(interp: &mut Interp, args: Args, method: bool) -> EvalResult {
    let (b, l) = legacy_call(args, "poisson", method)?;
    let params = vec![param(b.get(l.base), Scalar::Float(1.0), "lam")?];
    let size = size_shape(b.get(l.base + 1))?;
    with_rs(interp, &l, |rs| discrete(rs, params, size, draw_poisson))
}

fn l_exponential(interp: &mut Interp, args: Args, method: bool) -> EvalResult {
    let (b, l) = legacy_call(args, "exponential", method)?;
    let params = vec![param(b.get(l.base), Scalar::Float(1.0), "scale")?];
    let size = size_shape(b.get(l.base + 1))?;
    with_rs(interp, &l, |rs| continuous(rs, params, size, draw_exponential))
}

/// Declares the `numpy.random` function and the `RandomState` method of
/// one legacy implementation.
macro_rules! legacy_pair {
    ($($np:ident $rs:ident => $imp:ident;)*) => {
        $(
            fn $np(interp: &mut Interp, args: Args) -> EvalResult {
                $imp(interp, args, false)
            }
            fn $rs(interp: &mut Interp, args: Args) -> EvalResult {
                $imp(interp, args, true)
            }
        )*
    };
}

legacy_pair! {
    np_seed rs_seed => l_seed;
    np_rand rs_rand => l_rand;
    np_randn rs_randn => l_randn;
    np_random rs_random => l_random;
    np_random_sample rs_random_sample => l_random_sample;
    np_randint rs_randint => l_randint;
    np_uniform rs_uniform => l_uniform;
    np_normal rs_normal => l_normal;
    np_standard_normal rs_standard_normal => l_standard_normal;
    np_choice rs_choice => l_choice;
    np_shuffle rs_shuffle => l_shuffle;
    np_permutation rs_permutation => l_permutation;
    np_binomial rs_binomial => l_binomial;
    np_poisson rs_poisson => l_poisson;
    np_exponential rs_exponential => l_exponential;
}

/// A legacy `numpy.random.RandomState` (MT19937) as an NPL object.
pub struct RandomStateObject {
    state: RefCell<RandomState>,
}

impl NativeObject for RandomStateObject {
    fn type_name(&self) -> &'static str {
        "RandomState"
    }
    fn repr(&self) -> String {
        format!("RandomState(MT19937) at 0x{:X}", self as *const Self as usize)
    }
    fn method(&self, name: &str) -> Option<&'static Builtin> {
        GENERATOR_METHODS.iter().find(|b| b.module == "RandomState" && b.name == name)
    }
    fn method_names(&self) -> Vec<&'static str> {
        GENERATOR_METHODS.iter().filter(|b| b.module == "RandomState").map(|b| b.name).collect()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn np_random_state(_: &mut Interp, args: Args) -> EvalResult {
    let b = bind(decl_in(BUILTINS, "numpy.random", "RandomState"), args)?;
    let mut rs = RandomState::from_os();
    seed_state(&mut rs, b.get(0))?;
    Ok(Value::Object(Rc::new(RandomStateObject { state: RefCell::new(rs) })))
}

// ---------------------------------------------------------------------------
// Generator objects.

/// A `numpy.random.Generator` (PCG64) as an NPL object.
pub struct GeneratorObject {
    gen: RefCell<Generator>,
}

impl NativeObject for GeneratorObject {
    fn type_name(&self) -> &'static str {
        "Generator"
    }
    fn repr(&self) -> String {
        format!("Generator(PCG64) at 0x{:X}", self as *const Self as usize)
    }
    fn method(&self, name: &str) -> Option<&'static Builtin> {
        GENERATOR_METHODS.iter().find(|b| b.module == "Generator" && b.name == name)
    }
    fn method_names(&self) -> Vec<&'static str> {
        GENERATOR_METHODS.iter().filter(|b| b.module == "Generator").map(|b| b.name).collect()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// SeedSequence entropy words for a non-negative int.
fn seed_words(v: i64, out: &mut Vec<u32>) -> EvalResult<()> {
    if v < 0 {
        return Err(value_error("expected non-negative integer"));
    }
    let mut x = v as u64;
    out.push(x as u32);
    x >>= 32;
    while x > 0 {
        out.push(x as u32);
        x >>= 32;
    }
    Ok(())
}

fn np_default_rng(_: &mut Interp, args: Args) -> EvalResult {
    let b = bind(decl(BUILTINS, "default_rng"), args)?;
    let gen = match b.get(0) {
        None => Generator::from_os(),
        Some(Value::Object(o)) if o.as_any().is::<GeneratorObject>() => return Ok(Value::Object(o.clone())),
        Some(v @ (Value::Int(_) | Value::Bool(_))) => Generator::new_seeded(to_index(v, "")?).map_err(value_error)?,
        Some(v @ (Value::List(_) | Value::Tuple(_) | Value::Array(_))) => {
            let a = operand(v)?;
            if !matches!(a.dtype(), DType::Int64 | DType::Bool) {
                return Err(type_error("SeedSequence expects int or sequence of ints for entropy"));
            }
            let ints = a.to_int().to_vec();
            if a.ndim() == 0 {
                Generator::new_seeded(ints[0]).map_err(value_error)?
            } else {
                let mut words = Vec::new();
                for i in ints {
                    seed_words(i, &mut words)?;
                }
                Generator::from_entropy_words(&words)
            }
        }
        Some(other) => {
            return Err(type_error(format!(
                "SeedSequence expects int or sequence of ints for entropy not {}",
                other.repr()
            )))
        }
    };
    Ok(Value::Object(Rc::new(GeneratorObject { gen: RefCell::new(gen) })))
}

/// The Generator a method was called on (positional 0).
fn receiver(b: &Bound) -> EvalResult<Rc<dyn NativeObject>> {
    match b.get_raw(0) {
        Some(Value::Object(o)) if o.as_any().is::<GeneratorObject>() => Ok(o.clone()),
        _ => Err(type_error("descriptor requires a 'numpy.random.Generator' object")),
    }
}

/// Runs `f` on the receiver's generator.
fn with_gen<T>(o: &Rc<dyn NativeObject>, f: impl FnOnce(&mut Generator) -> EvalResult<T>) -> EvalResult<T> {
    let g = o.as_any().downcast_ref::<GeneratorObject>().ok_or_else(|| type_error("not a Generator"))?;
    let mut gen = g.gen.try_borrow_mut().map_err(|_| raise(ExcKind::RuntimeError, "Generator is already in use"))?;
    f(&mut gen)
}

/// An `axis=` argument (default 0).
fn axis_arg(b: &Bound, i: usize) -> EvalResult<isize> {
    match b.get(i) {
        None => Ok(0),
        Some(v) => Ok(to_index(v, "")? as isize),
    }
}

fn gen_random(_: &mut Interp, args: Args) -> EvalResult {
    let b = bind(decl(GENERATOR_METHODS, "random"), args)?;
    let o = receiver(&b)?;
    let shape = size_shape(b.get(1))?;
    let n = count(&shape)?;
    let v = with_gen(&o, |g| Ok(g.floats(n)))?;
    float_result(shape, v)
}

fn gen_integers(interp: &mut Interp, args: Args) -> EvalResult {
    let b = bind(decl(GENERATOR_METHODS, "integers"), args)?;
    let o = receiver(&b)?;
    let endpoint = super::reductions::flag(interp, &b, 5)?;
    with_gen(&o, |g| integers(g, &b, 1, endpoint))
}

fn gen_normal(_: &mut Interp, args: Args) -> EvalResult {
    let b = bind(decl(GENERATOR_METHODS, "normal"), args)?;
    let o = receiver(&b)?;
    let params = vec![param(b.get(1), Scalar::Float(0.0), "loc")?, param(b.get(2), Scalar::Float(1.0), "scale")?];
    let size = size_shape(b.get(3))?;
    with_gen(&o, |g| continuous(g, params, size, draw_normal))
}

fn gen_standard_normal(_: &mut Interp, args: Args) -> EvalResult {
    let b = bind(decl(GENERATOR_METHODS, "standard_normal"), args)?;
    let o = receiver(&b)?;
    let shape = size_shape(b.get(1))?;
    let n = count(&shape)?;
    let v = with_gen(&o, |g| Ok(g.std_normal(n)))?;
    float_result(shape, v)
}

fn gen_uniform(_: &mut Interp, args: Args) -> EvalResult {
    let b = bind(decl(GENERATOR_METHODS, "uniform"), args)?;
    let o = receiver(&b)?;
    let params = vec![param(b.get(1), Scalar::Float(0.0), "low")?, param(b.get(2), Scalar::Float(1.0), "high")?];
    let size = size_shape(b.get(3))?;
    with_gen(&o, |g| continuous(g, params, size, draw_uniform))
}

fn gen_choice(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl(GENERATOR_METHODS, "choice"), args)?;
    let o = receiver(&b)?;
    let a = b.required(1)?;
    let replace = replace_flag(interp, b.get(3))?;
    let axis = axis_arg(&b, 5)?;
    let shuffle_flag = replace_flag(interp, b.get(6))?;
    with_gen(&o, |g| choice(g, &a, b.get(2), replace, b.get(4), shuffle_flag, axis))
}

fn gen_permutation(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl(GENERATOR_METHODS, "permutation"), args)?;
    let o = receiver(&b)?;
    let axis = axis_arg(&b, 2)?;
    let x = b.required(1)?;
    with_gen(&o, |g| permutation(g, &x, axis))
}

fn gen_shuffle(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl(GENERATOR_METHODS, "shuffle"), args)?;
    let o = receiver(&b)?;
    let axis = axis_arg(&b, 2)?;
    let x = b.required(1)?;
    with_gen(&o, |g| shuffle(g, &x, axis))
}

fn gen_exponential(_: &mut Interp, args: Args) -> EvalResult {
    let b = bind(decl(GENERATOR_METHODS, "exponential"), args)?;
    let o = receiver(&b)?;
    let params = vec![param(b.get(1), Scalar::Float(1.0), "scale")?];
    let size = size_shape(b.get(2))?;
    with_gen(&o, |g| continuous(g, params, size, draw_exponential))
}

fn gen_binomial(_: &mut Interp, args: Args) -> EvalResult {
    let b = bind(decl(GENERATOR_METHODS, "binomial"), args)?;
    let o = receiver(&b)?;
    let params = vec![binomial_n(b.get(1))?, param(b.get(2), Scalar::Float(0.5), "p")?];
    let size = size_shape(b.get(3))?;
    with_gen(&o, |g| discrete(g, params, size, draw_binomial))
}

fn gen_poisson(_: &mut Interp, args: Args) -> EvalResult {
    let b = bind(decl(GENERATOR_METHODS, "poisson"), args)?;
    let o = receiver(&b)?;
    let params = vec![param(b.get(1), Scalar::Float(1.0), "lam")?];
    let size = size_shape(b.get(2))?;
    with_gen(&o, |g| discrete(g, params, size, draw_poisson))
}
