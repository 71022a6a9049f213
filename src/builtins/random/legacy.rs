//! Legacy functions: the global state (`np.random.rand`) or a `RandomState`
//! object (`np.random.RandomState(0).rand`), one implementation for both.

use super::params::{binomial_n, count, float_result, param, replace_flag, shape_args, size_shape};
use super::rng::Rng;
use super::sampling::{
    choice, continuous, discrete, draw_binomial, draw_exponential, draw_normal, draw_poisson, draw_uniform, integers,
    permutation, shuffle,
};
use super::{decl_in, BUILTINS, GENERATOR_METHODS};
use crate::array::{DType, Scalar};
use crate::builtins::args::{bind, Bound};
use crate::builtins::array_glue::operand;
use crate::builtins::convert::to_index;
use crate::builtins::Builtin;
use crate::eval::error::{raise, type_error, value_error, EvalResult};
use crate::eval::function::Args;
use crate::eval::Interp;
use crate::random::RandomState;
use crate::value::{ExcKind, NativeObject, Value};
use std::cell::RefCell;

/// The legacy global state, seeded from the OS on first use.
fn legacy(interp: &mut Interp) -> &mut RandomState {
    interp.random.get_or_insert_with(RandomState::from_os)
}

/// Where a legacy call draws from, and the index of its first parameter
/// after `self`.
struct Legacy {
    obj: Option<crate::value::ObjectRef>,
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

/// `np.random.ranf`.
pub(super) fn np_ranf(interp: &mut Interp, args: Args) -> EvalResult {
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
            pub(super) fn $np(interp: &mut Interp, args: Args) -> EvalResult {
                $imp(interp, args, false)
            }
            pub(super) fn $rs(interp: &mut Interp, args: Args) -> EvalResult {
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
    fn type_name(&self) -> &'static &'static str {
        &"RandomState"
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

/// `np.random.RandomState`.
pub(super) fn np_random_state(_: &mut Interp, args: Args) -> EvalResult {
    let b = bind(decl_in(BUILTINS, "numpy.random", "RandomState"), args)?;
    let mut rs = RandomState::from_os();
    seed_state(&mut rs, b.get(0))?;
    Ok(Value::object(RandomStateObject { state: RefCell::new(rs) }))
}
