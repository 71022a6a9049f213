//! `default_rng` and the methods of `Generator` objects.

use super::params::{binomial_n, count, float_result, param, replace_flag, size_shape};
use super::rng::Rng;
use super::sampling::{
    choice, continuous, discrete, draw_binomial, draw_exponential, draw_normal, draw_poisson, draw_uniform, integers,
    permutation, shuffle,
};
use super::{decl, BUILTINS, GENERATOR_METHODS};
use crate::array::{DType, Scalar};
use crate::builtins::args::{bind, Bound};
use crate::builtins::array_glue::operand;
use crate::builtins::convert::to_index;
use crate::builtins::Builtin;
use crate::eval::error::{raise, type_error, value_error, EvalResult};
use crate::eval::function::Args;
use crate::eval::Interp;
use crate::random::Generator;
use crate::value::{ExcKind, NativeObject, Value};
use std::cell::RefCell;

/// A `numpy.random.Generator` (PCG64) as an NPL object.
pub struct GeneratorObject {
    gen: RefCell<Generator>,
}

impl NativeObject for GeneratorObject {
    fn type_name(&self) -> &'static &'static str {
        &"Generator"
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

/// `np.random.default_rng`.
pub(super) fn np_default_rng(_: &mut Interp, args: Args) -> EvalResult {
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
    Ok(Value::object(GeneratorObject { gen: RefCell::new(gen) }))
}

/// The Generator a method was called on (positional 0).
fn receiver(b: &Bound) -> EvalResult<crate::value::ObjectRef> {
    match b.get_raw(0) {
        Some(Value::Object(o)) if o.as_any().is::<GeneratorObject>() => Ok(o.clone()),
        _ => Err(type_error("descriptor requires a 'numpy.random.Generator' object")),
    }
}

/// Runs `f` on the receiver's generator.
fn with_gen<T>(o: &crate::value::ObjectRef, f: impl FnOnce(&mut Generator) -> EvalResult<T>) -> EvalResult<T> {
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

/// `Generator.random`.
pub(super) fn gen_random(_: &mut Interp, args: Args) -> EvalResult {
    let b = bind(decl(GENERATOR_METHODS, "random"), args)?;
    let o = receiver(&b)?;
    let shape = size_shape(b.get(1))?;
    let n = count(&shape)?;
    let v = with_gen(&o, |g| Ok(g.floats(n)))?;
    float_result(shape, v)
}

/// `Generator.integers`.
pub(super) fn gen_integers(interp: &mut Interp, args: Args) -> EvalResult {
    let b = bind(decl(GENERATOR_METHODS, "integers"), args)?;
    let o = receiver(&b)?;
    let endpoint = crate::builtins::reductions::flag(interp, &b, 5)?;
    with_gen(&o, |g| integers(g, &b, 1, endpoint))
}

/// `Generator.normal`.
pub(super) fn gen_normal(_: &mut Interp, args: Args) -> EvalResult {
    let b = bind(decl(GENERATOR_METHODS, "normal"), args)?;
    let o = receiver(&b)?;
    let params = vec![param(b.get(1), Scalar::Float(0.0), "loc")?, param(b.get(2), Scalar::Float(1.0), "scale")?];
    let size = size_shape(b.get(3))?;
    with_gen(&o, |g| continuous(g, params, size, draw_normal))
}

/// `Generator.standard_normal`.
pub(super) fn gen_standard_normal(_: &mut Interp, args: Args) -> EvalResult {
    let b = bind(decl(GENERATOR_METHODS, "standard_normal"), args)?;
    let o = receiver(&b)?;
    let shape = size_shape(b.get(1))?;
    let n = count(&shape)?;
    let v = with_gen(&o, |g| Ok(g.std_normal(n)))?;
    float_result(shape, v)
}

/// `Generator.uniform`.
pub(super) fn gen_uniform(_: &mut Interp, args: Args) -> EvalResult {
    let b = bind(decl(GENERATOR_METHODS, "uniform"), args)?;
    let o = receiver(&b)?;
    let params = vec![param(b.get(1), Scalar::Float(0.0), "low")?, param(b.get(2), Scalar::Float(1.0), "high")?];
    let size = size_shape(b.get(3))?;
    with_gen(&o, |g| continuous(g, params, size, draw_uniform))
}

/// `Generator.choice`.
pub(super) fn gen_choice(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl(GENERATOR_METHODS, "choice"), args)?;
    let o = receiver(&b)?;
    let a = b.required(1)?;
    let replace = replace_flag(interp, b.get(3))?;
    let axis = axis_arg(&b, 5)?;
    let shuffle_flag = replace_flag(interp, b.get(6))?;
    with_gen(&o, |g| choice(g, &a, b.get(2), replace, b.get(4), shuffle_flag, axis))
}

/// `Generator.permutation`.
pub(super) fn gen_permutation(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl(GENERATOR_METHODS, "permutation"), args)?;
    let o = receiver(&b)?;
    let axis = axis_arg(&b, 2)?;
    let x = b.required(1)?;
    with_gen(&o, |g| permutation(g, &x, axis))
}

/// `Generator.shuffle`.
pub(super) fn gen_shuffle(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl(GENERATOR_METHODS, "shuffle"), args)?;
    let o = receiver(&b)?;
    let axis = axis_arg(&b, 2)?;
    let x = b.required(1)?;
    with_gen(&o, |g| shuffle(g, &x, axis))
}

/// `Generator.exponential`.
pub(super) fn gen_exponential(_: &mut Interp, args: Args) -> EvalResult {
    let b = bind(decl(GENERATOR_METHODS, "exponential"), args)?;
    let o = receiver(&b)?;
    let params = vec![param(b.get(1), Scalar::Float(1.0), "scale")?];
    let size = size_shape(b.get(2))?;
    with_gen(&o, |g| continuous(g, params, size, draw_exponential))
}

/// `Generator.binomial`.
pub(super) fn gen_binomial(_: &mut Interp, args: Args) -> EvalResult {
    let b = bind(decl(GENERATOR_METHODS, "binomial"), args)?;
    let o = receiver(&b)?;
    let params = vec![binomial_n(b.get(1))?, param(b.get(2), Scalar::Float(0.5), "p")?];
    let size = size_shape(b.get(3))?;
    with_gen(&o, |g| discrete(g, params, size, draw_binomial))
}

/// `Generator.poisson`.
pub(super) fn gen_poisson(_: &mut Interp, args: Args) -> EvalResult {
    let b = bind(decl(GENERATOR_METHODS, "poisson"), args)?;
    let o = receiver(&b)?;
    let params = vec![param(b.get(1), Scalar::Float(1.0), "lam")?];
    let size = size_shape(b.get(2))?;
    with_gen(&o, |g| discrete(g, params, size, draw_poisson))
}
