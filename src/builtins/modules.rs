//! The modules NPL provides: `numpy` (with `linalg` and `random`), `math`
//! and `time`; and `import`.

use super::args::bind;
use super::Builtin;
use crate::array::DType;
use crate::builtin;
use crate::eval::error::{type_error, value_error, EvalResult};
use crate::eval::function::Args;
use crate::eval::Interp;
use crate::value::{ExcKind, Module, TypeObj, Value};
use std::rc::Rc;

fn module_from(name: &'static str, tables: &[&'static [Builtin]], module_key: &str) -> Rc<Module> {
    let m = Rc::new(Module::new(name));
    for table in tables {
        for b in table.iter().filter(|b| b.module == module_key && !b.is_method()) {
            m.set(b.name, Value::Builtin(b));
        }
    }
    m
}

/// Builds the `numpy` module with its `linalg` and `random` submodules.
pub fn numpy_module() -> Rc<Module> {
    let tables: &[&'static [Builtin]] = &[
        super::creation::BUILTINS,
        super::math::BUILTINS,
        super::reductions::BUILTINS,
        super::shape::BUILTINS,
        super::io::BUILTINS,
        super::random::BUILTINS,
        super::linalg::BUILTINS,
    ];
    let np = module_from("numpy", tables, "numpy");
    let linalg = module_from("numpy.linalg", tables, "numpy.linalg");
    linalg.set("LinAlgError", Value::Type(TypeObj::Exception(ExcKind::LinAlgError)));
    let random = module_from("numpy.random", tables, "numpy.random");
    np.set("linalg", Value::Module(linalg));
    np.set("random", Value::Module(random));
    for (name, v) in [
        ("pi", Value::Float(std::f64::consts::PI)),
        ("e", Value::Float(std::f64::consts::E)),
        ("inf", Value::Float(f64::INFINITY)),
        ("nan", Value::Float(f64::NAN)),
        ("euler_gamma", Value::Float(0.577_215_664_901_532_9)),
        ("newaxis", Value::None),
        ("float64", Value::Type(TypeObj::Scalar(DType::Float64))),
        ("float_", Value::Type(TypeObj::Scalar(DType::Float64))),
        ("double", Value::Type(TypeObj::Scalar(DType::Float64))),
        ("int64", Value::Type(TypeObj::Scalar(DType::Int64))),
        ("int_", Value::Type(TypeObj::Scalar(DType::Int64))),
        ("bool_", Value::Type(TypeObj::Scalar(DType::Bool))),
        ("complex128", Value::Type(TypeObj::Scalar(DType::Complex128))),
        ("ndarray", Value::Type(TypeObj::NdArray)),
        ("dtype", Value::Type(TypeObj::DTypeClass)),
    ] {
        np.set(name, v);
    }
    np.set("bool", Value::Type(TypeObj::Scalar(DType::Bool)));
    np
}

/// The module named by a dotted path, if NPL has it.
pub fn import(interp: &mut Interp, name: &str) -> Option<Value> {
    let np = interp.numpy.clone();
    match name {
        "numpy" => Some(Value::Module(np)),
        "numpy.linalg" => np.get("linalg"),
        "numpy.random" => np.get("random"),
        "math" => Some(Value::Module(math_module())),
        "time" => Some(Value::Module(module_from("time", &[TIME_BUILTINS], "time"))),
        _ => None,
    }
}

fn math_module() -> Rc<Module> {
    let m = module_from("math", &[MATH_BUILTINS], "math");
    m.set("pi", Value::Float(std::f64::consts::PI));
    m.set("e", Value::Float(std::f64::consts::E));
    m.set("tau", Value::Float(std::f64::consts::TAU));
    m.set("inf", Value::Float(f64::INFINITY));
    m.set("nan", Value::Float(f64::NAN));
    m
}

fn real_arg(v: &Value, _context: &str) -> EvalResult<f64> {
    match v {
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(*b as u8 as f64),
        Value::Float(f) => Ok(*f),
        // NumPy 2.4 converts only 0-d arrays to Python numbers
        Value::Array(a) if a.ndim() != 0 => {
            Err(type_error("only 0-dimensional arrays can be converted to Python scalars"))
        }
        Value::Array(a) if a.dtype() != DType::Complex128 => Ok(a.get_flat(0).to_f64()),
        other => Err(type_error(format!("must be real number, not {}", other.type_name()))),
    }
}

/// CPython's rule for `math` functions: a NaN result from arguments that
/// were not NaN is a domain error; NaN in gives NaN out.
fn math_domain(inputs_nan: bool, x: f64) -> EvalResult<Value> {
    if x.is_nan() && !inputs_nan {
        Err(value_error("math domain error"))
    } else {
        Ok(Value::Float(x))
    }
}

macro_rules! math_unary {
    ($fname:ident, $idx:expr, $body:expr) => {
        fn $fname(_: &mut Interp, args: Args) -> EvalResult {
            let mut b = bind(&MATH_BUILTINS[$idx], args)?;
            let x = real_arg(&b.required(0)?, "")?;
            let f: fn(f64) -> EvalResult<Value> = $body;
            f(x)
        }
    };
}

math_unary!(m_sqrt, 0, |x| if x < 0.0 { Err(value_error("math domain error")) } else { Ok(Value::Float(x.sqrt())) });
math_unary!(m_exp, 1, |x| {
    let r = x.exp();
    if r.is_infinite() && x.is_finite() {
        Err(crate::eval::error::raise(ExcKind::OverflowError, "math range error"))
    } else {
        Ok(Value::Float(r))
    }
});
math_unary!(m_sin, 3, |x| math_domain(x.is_nan(), x.sin()));
math_unary!(m_cos, 4, |x| math_domain(x.is_nan(), x.cos()));
math_unary!(m_tan, 5, |x| math_domain(x.is_nan(), x.tan()));
math_unary!(m_floor, 6, |x| super::convert::float_to_int(x.floor()));
math_unary!(m_ceil, 7, |x| super::convert::float_to_int(x.ceil()));
math_unary!(m_fabs, 8, |x| Ok(Value::Float(x.abs())));
math_unary!(m_isnan, 9, |x| Ok(Value::Bool(x.is_nan())));
math_unary!(m_isinf, 10, |x| Ok(Value::Bool(x.is_infinite())));
math_unary!(m_atan, 11, |x| Ok(Value::Float(x.atan())));
math_unary!(m_asin, 12, |x| if !(-1.0..=1.0).contains(&x) {
    Err(value_error("math domain error"))
} else {
    Ok(Value::Float(x.asin()))
});
math_unary!(m_acos, 13, |x| if !(-1.0..=1.0).contains(&x) {
    Err(value_error("math domain error"))
} else {
    Ok(Value::Float(x.acos()))
});
math_unary!(m_log10, 14, |x| if x <= 0.0 {
    Err(value_error("math domain error"))
} else {
    Ok(Value::Float(x.log10()))
});
math_unary!(m_log2, 15, |x| if x <= 0.0 { Err(value_error("math domain error")) } else { Ok(Value::Float(x.log2())) });
math_unary!(m_trunc, 16, |x| super::convert::float_to_int(x.trunc()));
math_unary!(m_isfinite, 17, |x| Ok(Value::Bool(x.is_finite())));
math_unary!(m_tanh, 18, |x| Ok(Value::Float(x.tanh())));
math_unary!(m_sinh, 19, |x| Ok(Value::Float(x.sinh())));
math_unary!(m_cosh, 20, |x| Ok(Value::Float(x.cosh())));
math_unary!(m_degrees, 21, |x| Ok(Value::Float(x.to_degrees())));
math_unary!(m_radians, 22, |x| Ok(Value::Float(x.to_radians())));
math_unary!(m_log1p, 23, |x| if x <= -1.0 {
    Err(value_error("math domain error"))
} else {
    Ok(Value::Float(x.ln_1p()))
});
math_unary!(m_expm1, 24, |x| Ok(Value::Float(x.exp_m1())));
math_unary!(m_gamma, 25, |x| {
    if x <= 0.0 && x.fract() == 0.0 {
        Err(value_error("math domain error"))
    } else {
        Ok(Value::Float(gamma(x)))
    }
});

/// The gamma function (Lanczos approximation; exact factorials for small integers).
pub fn gamma(x: f64) -> f64 {
    if x.fract() == 0.0 && x > 0.0 && x < 171.0 {
        let mut r = 1.0;
        let mut k = 2.0;
        while k < x {
            r *= k;
            k += 1.0;
        }
        return r;
    }
    if x < 0.5 {
        return std::f64::consts::PI / ((std::f64::consts::PI * x).sin() * gamma(1.0 - x));
    }
    const G: f64 = 7.0;
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    let x = x - 1.0;
    let mut a = C[0];
    let t = x + G + 0.5;
    for (i, c) in C.iter().enumerate().skip(1) {
        a += c / (x + i as f64);
    }
    (2.0 * std::f64::consts::PI).sqrt() * t.powf(x + 0.5) * (-t).exp() * a
}

fn m_log(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&MATH_BUILTINS[2], args)?;
    let x = real_arg(&b.required(0)?, "")?;
    if x <= 0.0 {
        return Err(value_error("math domain error"));
    }
    match b.take(1) {
        None => Ok(Value::Float(x.ln())),
        Some(base) => {
            let base = real_arg(&base, "")?;
            if base <= 0.0 || base == 1.0 {
                return Err(value_error("math domain error"));
            }
            Ok(Value::Float(x.ln() / base.ln()))
        }
    }
}

fn two_reals(b: &mut super::args::Bound) -> EvalResult<(f64, f64)> {
    Ok((real_arg(&b.required(0)?, "")?, real_arg(&b.required(1)?, "")?))
}

fn m_atan2(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&MATH_BUILTINS[26], args)?;
    let (y, x) = two_reals(&mut b)?;
    Ok(Value::Float(y.atan2(x)))
}
fn m_hypot(_: &mut Interp, args: Args) -> EvalResult {
    let b = bind(&MATH_BUILTINS[27], args)?;
    let coordinates = b.rest.iter().map(|v| real_arg(v, "")).collect::<EvalResult<Vec<f64>>>()?;
    Ok(Value::Float(super::hypot::hypot(&coordinates)))
}
fn m_pow(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&MATH_BUILTINS[28], args)?;
    let (x, y) = two_reals(&mut b)?;
    if x == 0.0 && y < 0.0 {
        return Err(value_error("math domain error"));
    }
    math_domain(x.is_nan() || y.is_nan(), x.powf(y))
}
fn m_isclose(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&MATH_BUILTINS[29], args)?;
    let (a, c) = two_reals(&mut b)?;
    let rel = b.take(2).map(|v| real_arg(&v, "")).transpose()?.unwrap_or(1e-9);
    let abs = b.take(3).map(|v| real_arg(&v, "")).transpose()?.unwrap_or(0.0);
    if a == c {
        return Ok(Value::Bool(true));
    }
    if a.is_infinite() || c.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let diff = (a - c).abs();
    Ok(Value::Bool(diff <= (rel * c.abs()).max(rel * a.abs()) || diff <= abs))
}
fn int_arg(v: &Value) -> EvalResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::Float(_) => Err(type_error("'float' object cannot be interpreted as an integer")),
        other => Err(type_error(format!("'{}' object cannot be interpreted as an integer", other.type_name()))),
    }
}
fn m_factorial(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&MATH_BUILTINS[30], args)?;
    let n = int_arg(&b.required(0)?)?;
    if n < 0 {
        return Err(value_error("factorial() not defined for negative values"));
    }
    let mut r: i64 = 1;
    for k in 2..=n {
        r = r
            .checked_mul(k)
            .ok_or_else(|| crate::eval::error::raise(ExcKind::OverflowError, "int too large: NPL ints are 64-bit"))?;
    }
    Ok(Value::Int(r))
}
fn m_gcd(_: &mut Interp, args: Args) -> EvalResult {
    let b = bind(&MATH_BUILTINS[31], args)?;
    let mut g: i64 = 0;
    for v in &b.rest {
        let mut x = int_arg(v)?.unsigned_abs();
        let mut y = g.unsigned_abs();
        while y != 0 {
            (x, y) = (y, x % y);
        }
        g = x as i64;
    }
    Ok(Value::Int(g))
}
fn m_comb(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&MATH_BUILTINS[32], args)?;
    let n = int_arg(&b.required(0)?)?;
    let k = int_arg(&b.required(1)?)?;
    if n < 0 || k < 0 {
        return Err(value_error("n must be a non-negative integer"));
    }
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = k.min(n - k);
    let mut r: i128 = 1;
    for i in 0..k {
        r = r * (n - i) as i128 / (i + 1) as i128;
        if r > i64::MAX as i128 {
            return Err(crate::eval::error::raise(ExcKind::OverflowError, "int too large: NPL ints are 64-bit"));
        }
    }
    Ok(Value::Int(r as i64))
}
fn m_fsum(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&MATH_BUILTINS[33], args)?;
    let items = interp.collect(&b.required(0)?)?;
    // Shewchuk's exact summation, as math.fsum.
    let mut partials: Vec<f64> = Vec::new();
    for v in items {
        let mut x = real_arg(&v, "")?;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        partials.push(x);
    }
    Ok(Value::Float(partials.iter().sum()))
}
fn m_copysign(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&MATH_BUILTINS[34], args)?;
    let (x, y) = two_reals(&mut b)?;
    Ok(Value::Float(x.copysign(y)))
}

/// Python's `math` module functions.
pub static MATH_BUILTINS: &[Builtin] = &[
    builtin!(
        "math",
        "sqrt",
        Function,
        "(x)",
        "Square root; ValueError for negative x.\nRaises ValueError for x < 0 (math domain error); TypeError when x is not a real number.\n>>> math.sqrt(2)\n1.4142135623730951",
        m_sqrt
    ),
    builtin!("math", "exp", Function, "(x)", "e raised to x.\nRaises OverflowError when the result is too large; TypeError when x is not a real number.\n>>> math.exp(1)\n2.718281828459045", m_exp),
    builtin!(
        "math",
        "log",
        Function,
        "(x, base=None)",
        "Natural logarithm, or logarithm to `base`.\nRaises ValueError for x <= 0 or a base <= 0 or == 1; TypeError for non-real arguments.\n>>> math.log(8, 2)\n3.0",
        m_log
    ),
    builtin!("math", "sin", Function, "(x)", "Sine of x radians (NaN gives NaN).\nRaises ValueError for an infinite x; TypeError when x is not a real number.\n>>> math.sin(0)\n0.0", m_sin),
    builtin!("math", "cos", Function, "(x)", "Cosine of x radians (NaN gives NaN).\nRaises ValueError for an infinite x; TypeError when x is not a real number.\n>>> math.cos(0)\n1.0", m_cos),
    builtin!("math", "tan", Function, "(x)", "Tangent of x radians (NaN gives NaN).\nRaises ValueError for an infinite x; TypeError when x is not a real number.\n>>> math.tan(0)\n0.0", m_tan),
    builtin!("math", "floor", Function, "(x)", "The largest int <= x.\nRaises ValueError for NaN; OverflowError for inf or a result beyond int64.\n>>> math.floor(-2.5)\n-3", m_floor),
    builtin!("math", "ceil", Function, "(x)", "The smallest int >= x.\nRaises ValueError for NaN; OverflowError for inf or a result beyond int64.\n>>> math.ceil(2.1)\n3", m_ceil),
    builtin!("math", "fabs", Function, "(x)", "Absolute value as a float.\nRaises TypeError when x is not a real number.\n>>> math.fabs(-2)\n2.0", m_fabs),
    builtin!("math", "isnan", Function, "(x)", "Whether x is NaN.\nRaises TypeError when x is not a real number.\n>>> math.isnan(float('nan'))\nTrue", m_isnan),
    builtin!("math", "isinf", Function, "(x)", "Whether x is infinite.\nRaises TypeError when x is not a real number.\n>>> math.isinf(math.inf)\nTrue", m_isinf),
    builtin!("math", "atan", Function, "(x)", "Arc tangent in radians.\nRaises TypeError when x is not a real number.\n>>> math.atan(0)\n0.0", m_atan),
    builtin!("math", "asin", Function, "(x)", "Arc sine in radians.\nRaises ValueError for x outside [-1, 1]; TypeError when x is not a real number.\n>>> math.asin(1)\n1.5707963267948966", m_asin),
    builtin!("math", "acos", Function, "(x)", "Arc cosine in radians.\nRaises ValueError for x outside [-1, 1]; TypeError when x is not a real number.\n>>> math.acos(1)\n0.0", m_acos),
    builtin!("math", "log10", Function, "(x)", "Base-10 logarithm.\nRaises ValueError for x <= 0; TypeError when x is not a real number.\n>>> math.log10(1000)\n3.0", m_log10),
    builtin!("math", "log2", Function, "(x)", "Base-2 logarithm.\nRaises ValueError for x <= 0; TypeError when x is not a real number.\n>>> math.log2(8)\n3.0", m_log2),
    builtin!(
        "math",
        "trunc",
        Function,
        "(x)",
        "x truncated toward zero, as an int.\nRaises ValueError for NaN; OverflowError for inf or a result beyond int64.\n>>> math.trunc(-2.7)\n-2",
        m_trunc
    ),
    builtin!(
        "math",
        "isfinite",
        Function,
        "(x)",
        "Whether x is neither infinite nor NaN.\nRaises TypeError when x is not a real number.\n>>> math.isfinite(1.0)\nTrue",
        m_isfinite
    ),
    builtin!("math", "tanh", Function, "(x)", "Hyperbolic tangent.\nRaises TypeError when x is not a real number.\n>>> math.tanh(0)\n0.0", m_tanh),
    builtin!("math", "sinh", Function, "(x)", "Hyperbolic sine.\nRaises TypeError when x is not a real number.\n>>> math.sinh(0)\n0.0", m_sinh),
    builtin!("math", "cosh", Function, "(x)", "Hyperbolic cosine.\nRaises TypeError when x is not a real number.\n>>> math.cosh(0)\n1.0", m_cosh),
    builtin!("math", "degrees", Function, "(x)", "Radians to degrees.\nRaises TypeError when x is not a real number.\n>>> math.degrees(math.pi)\n180.0", m_degrees),
    builtin!(
        "math",
        "radians",
        Function,
        "(x)",
        "Degrees to radians.\nRaises TypeError when x is not a real number.\n>>> math.radians(180)\n3.141592653589793",
        m_radians
    ),
    builtin!("math", "log1p", Function, "(x)", "log(1 + x), accurate for small x.\nRaises ValueError for x <= -1; TypeError when x is not a real number.\n>>> math.log1p(0)\n0.0", m_log1p),
    builtin!("math", "expm1", Function, "(x)", "exp(x) - 1, accurate for small x.\nRaises TypeError when x is not a real number.\n>>> math.expm1(0)\n0.0", m_expm1),
    builtin!("math", "gamma", Function, "(x)", "The gamma function.\nRaises ValueError for 0 and negative integers; TypeError when x is not a real number.\n>>> math.gamma(5)\n24.0", m_gamma),
    builtin!(
        "math",
        "atan2",
        Function,
        "(y, x)",
        "Arc tangent of y/x in the right quadrant.\nRaises TypeError when x is not a real number.\n>>> math.atan2(1, 1)\n0.7853981633974483",
        m_atan2
    ),
    builtin!(
        "math",
        "hypot",
        Function,
        "(*coordinates)",
        "Euclidean norm sqrt(sum of squares), without overflow or underflow.\nRaises TypeError for an argument that is not a real number.\n>>> math.hypot(3, 4)\n5.0",
        m_hypot
    ),
    builtin!(
        "math",
        "pow",
        Function,
        "(x, y)",
        "x raised to y as floats.\nRaises ValueError for 0 to a negative power or a non-real result; TypeError for non-real arguments.\n>>> math.pow(2, 0.5)\n1.4142135623730951",
        m_pow
    ),
    builtin!(
        "math",
        "isclose",
        Function,
        "(a, b, *, rel_tol=1e-09, abs_tol=0.0)",
        "Whether a and b are close.\nRaises TypeError for non-real arguments.\n>>> math.isclose(0.1 + 0.2, 0.3)\nTrue",
        m_isclose
    ),
    builtin!(
        "math",
        "factorial",
        Function,
        "(n)",
        "n! for a non-negative int.\nRaises ValueError for n < 0; TypeError for a non-int; OverflowError beyond int64.\n>>> math.factorial(5)\n120",
        m_factorial
    ),
    builtin!("math", "gcd", Function, "(*integers)", "Greatest common divisor.\nRaises TypeError for a non-int argument.\n>>> math.gcd(12, 18)\n6", m_gcd),
    builtin!(
        "math",
        "comb",
        Function,
        "(n, k)",
        "Number of ways to choose k of n items.\nRaises ValueError for negative n or k; TypeError for non-ints; OverflowError beyond int64.\n>>> math.comb(5, 2)\n10",
        m_comb
    ),
    builtin!(
        "math",
        "fsum",
        Function,
        "(iterable)",
        "Exactly rounded sum of floats.\nRaises TypeError for a non-iterable or a non-real item.\n>>> math.fsum([0.1] * 10)\n1.0",
        m_fsum
    ),
    builtin!(
        "math",
        "copysign",
        Function,
        "(x, y)",
        "x with the sign of y.\nRaises TypeError when x is not a real number.\n>>> math.copysign(2, -0.0)\n-2.0",
        m_copysign
    ),
];

fn time_perf_counter(_: &mut Interp, args: Args) -> EvalResult {
    bind(&TIME_BUILTINS[0], args)?;
    use std::sync::OnceLock;
    static START: OnceLock<std::time::Instant> = OnceLock::new();
    let start = START.get_or_init(std::time::Instant::now);
    Ok(Value::Float(start.elapsed().as_secs_f64()))
}
fn time_time(_: &mut Interp, args: Args) -> EvalResult {
    bind(&TIME_BUILTINS[1], args)?;
    let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or(0.0);
    Ok(Value::Float(t))
}

/// Python's `time` module functions.
pub static TIME_BUILTINS: &[Builtin] = &[
    builtin!(
        "time",
        "perf_counter",
        Function,
        "()",
        "A clock for measuring durations, in seconds.\n>>> t = time.perf_counter(); time.perf_counter() >= t\nTrue",
        time_perf_counter
    ),
    builtin!("time", "time", Function, "()", "Seconds since the epoch.\n>>> time.time() > 0\nTrue", time_time),
];
