//! Builds arrays of random dtype, shape, strides (negative, zero) and
//! values (NaN, infinities, extreme integers), then prints, indexes,
//! assigns, broadcasts, reduces, reshapes and sorts them through the array
//! library directly. Every call must return a value or an `ArrayError`,
//! never panic.
#![no_main]

use arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use npl::array::elementwise::{binary, unary, BinaryOp, UnaryOp};
use npl::array::index::{get_index, set_index, IndexItem};
use npl::array::print::{array_repr, array_str, Elems, FloatMode, PrintOptions, SignMode};
use npl::array::{manip, reduce, sort, Array, IntoNdArray, NdArray};
use num_complex::Complex64;

/// Largest allocation the library may make while fuzzing (MemoryError above).
const ALLOCATION_LIMIT: u64 = 64 << 20;

const BINARY: [BinaryOp; 27] = [
    BinaryOp::Add,
    BinaryOp::Sub,
    BinaryOp::Mul,
    BinaryOp::TrueDiv,
    BinaryOp::FloorDiv,
    BinaryOp::Mod,
    BinaryOp::Pow,
    BinaryOp::Eq,
    BinaryOp::Ne,
    BinaryOp::Lt,
    BinaryOp::Le,
    BinaryOp::Gt,
    BinaryOp::Ge,
    BinaryOp::BitAnd,
    BinaryOp::BitOr,
    BinaryOp::BitXor,
    BinaryOp::LShift,
    BinaryOp::RShift,
    BinaryOp::Maximum,
    BinaryOp::Minimum,
    BinaryOp::Fmax,
    BinaryOp::Fmin,
    BinaryOp::Arctan2,
    BinaryOp::Hypot,
    BinaryOp::LogicalAnd,
    BinaryOp::LogicalOr,
    BinaryOp::LogicalXor,
];

const UNARY: [UnaryOp; 41] = [
    UnaryOp::Neg,
    UnaryOp::Pos,
    UnaryOp::Invert,
    UnaryOp::LogicalNot,
    UnaryOp::Abs,
    UnaryOp::Sqrt,
    UnaryOp::Square,
    UnaryOp::Exp,
    UnaryOp::Exp2,
    UnaryOp::Log,
    UnaryOp::Log2,
    UnaryOp::Log10,
    UnaryOp::Log1p,
    UnaryOp::Expm1,
    UnaryOp::Sin,
    UnaryOp::Cos,
    UnaryOp::Tan,
    UnaryOp::Arcsin,
    UnaryOp::Arccos,
    UnaryOp::Arctan,
    UnaryOp::Sinh,
    UnaryOp::Cosh,
    UnaryOp::Tanh,
    UnaryOp::Arcsinh,
    UnaryOp::Arccosh,
    UnaryOp::Arctanh,
    UnaryOp::Floor,
    UnaryOp::Ceil,
    UnaryOp::Rint,
    UnaryOp::Trunc,
    UnaryOp::Sign,
    UnaryOp::IsNan,
    UnaryOp::IsInf,
    UnaryOp::IsFinite,
    UnaryOp::Conj,
    UnaryOp::Angle,
    UnaryOp::Real,
    UnaryOp::Imag,
    UnaryOp::Reciprocal,
    UnaryOp::Deg2rad,
    UnaryOp::Cbrt,
];

/// A float that is often special (NaN, ±inf, ±0, subnormal, huge).
fn float(u: &mut Unstructured) -> Result<f64> {
    Ok(match u.int_in_range(0..=9u8)? {
        0 => f64::NAN,
        1 => f64::INFINITY,
        2 => f64::NEG_INFINITY,
        3 => -0.0,
        4 => 5e-324,
        5 => 1e308,
        6 => f64::from_bits(u.arbitrary()?),
        _ => f64::from(u.int_in_range(-100i32..=100)?) / 4.0,
    })
}

/// An integer that is often extreme.
fn int(u: &mut Unstructured) -> Result<i64> {
    Ok(match u.int_in_range(0..=5u8)? {
        0 => i64::MIN,
        1 => i64::MAX,
        2 => u.arbitrary()?,
        _ => i64::from(u.int_in_range(-10i32..=10)?),
    })
}

/// A buffer of `len` random elements viewed with `shape`, `strides`, `offset`.
fn typed<T: npl::array::Element>(
    u: &mut Unstructured,
    len: usize,
    shape: Vec<usize>,
    strides: Vec<isize>,
    offset: usize,
    mut elem: impl FnMut(&mut Unstructured) -> Result<T>,
) -> Result<Array<T>> {
    let mut data = Vec::with_capacity(len);
    for _ in 0..len {
        data.push(elem(u)?);
    }
    let base = Array::from_slice(&data);
    Ok(base.view(shape, strides, offset))
}

/// An array with random dtype, shape and (possibly negative or zero) strides
/// that stay inside its buffer.
fn array(u: &mut Unstructured) -> Result<NdArray> {
    let ndim = u.int_in_range(0..=4usize)?;
    let mut shape = Vec::with_capacity(ndim);
    let mut strides = Vec::with_capacity(ndim);
    for _ in 0..ndim {
        shape.push(u.int_in_range(0..=5usize)?);
        strides.push(u.int_in_range(-7isize..=7)?);
    }
    let empty = shape.contains(&0);
    let (mut low, mut high) = (0isize, 0isize);
    if !empty {
        for (&n, &s) in shape.iter().zip(&strides) {
            let reach = s * (n as isize - 1);
            low += reach.min(0);
            high += reach.max(0);
        }
    }
    let offset = (-low) as usize;
    let len = (high - low) as usize + 1 + u.int_in_range(0..=2usize)?;
    Ok(match u.int_in_range(0..=3u8)? {
        0 => typed(u, len, shape, strides, offset, |u| u.arbitrary::<bool>())?.into_nd(),
        1 => typed(u, len, shape, strides, offset, int)?.into_nd(),
        2 => typed(u, len, shape, strides, offset, float)?.into_nd(),
        _ => typed(u, len, shape, strides, offset, |u| Ok(Complex64::new(float(u)?, float(u)?)))?.into_nd(),
    })
}

fn small(u: &mut Unstructured) -> Result<i64> {
    u.int_in_range(-7i64..=7)
}

fn opt_small(u: &mut Unstructured) -> Result<Option<i64>> {
    Ok(if u.arbitrary()? { Some(small(u)?) } else { None })
}

fn axes(u: &mut Unstructured) -> Result<Option<Vec<isize>>> {
    if u.arbitrary()? {
        return Ok(None);
    }
    let n = u.int_in_range(0..=3usize)?;
    let mut v = Vec::with_capacity(n);
    for _ in 0..n {
        v.push(u.int_in_range(-5isize..=5)?);
    }
    Ok(Some(v))
}

fn index(u: &mut Unstructured) -> Result<Vec<IndexItem>> {
    let n = u.int_in_range(0..=5usize)?;
    let mut items = Vec::with_capacity(n);
    for _ in 0..n {
        items.push(match u.int_in_range(0..=5u8)? {
            0 => IndexItem::Int(small(u)?),
            1 => IndexItem::Slice { start: opt_small(u)?, stop: opt_small(u)?, step: opt_small(u)? },
            2 => IndexItem::NewAxis,
            3 => IndexItem::Ellipsis,
            4 => {
                let n = u.int_in_range(0..=6usize)?;
                let mut v = Vec::with_capacity(n);
                for _ in 0..n {
                    v.push(small(u)?);
                }
                IndexItem::Array(Array::from_slice(&v).into_nd())
            }
            _ => IndexItem::Array(array(u)?),
        });
    }
    Ok(items)
}

fn print_options(u: &mut Unstructured) -> Result<PrintOptions> {
    if u.arbitrary()? {
        return Ok(PrintOptions::default());
    }
    Ok(PrintOptions {
        precision: u.int_in_range(0..=20usize)?,
        threshold: u.int_in_range(0..=1000usize)?,
        edgeitems: u.int_in_range(0..=5usize)?,
        linewidth: u.int_in_range(0..=120usize)?,
        suppress: u.arbitrary()?,
        floatmode: [FloatMode::MaxPrec, FloatMode::Fixed, FloatMode::Unique, FloatMode::MaxPrecEqual]
            [u.int_in_range(0..=3usize)?],
        sign: [SignMode::Minus, SignMode::Plus, SignMode::Space][u.int_in_range(0..=2usize)?],
    })
}

fn print(a: &NdArray, opts: &PrintOptions) {
    let shape = a.shape().to_vec();
    let _ = match a {
        NdArray::Bool(x) => {
            x.with_slice(|s| (array_str(Elems::Bool(s), &shape, opts), array_repr(Elems::Bool(s), &shape, opts)))
        }
        NdArray::Int(x) => {
            x.with_slice(|s| (array_str(Elems::Int(s), &shape, opts), array_repr(Elems::Int(s), &shape, opts)))
        }
        NdArray::Float(x) => {
            x.with_slice(|s| (array_str(Elems::Float(s), &shape, opts), array_repr(Elems::Float(s), &shape, opts)))
        }
        NdArray::Complex(x) => {
            x.with_slice(|s| (array_str(Elems::Complex(s), &shape, opts), array_repr(Elems::Complex(s), &shape, opts)))
        }
    };
}

fn step(u: &mut Unstructured, a: NdArray) -> Result<NdArray> {
    let keep = u.arbitrary::<bool>()?;
    let result = match u.int_in_range(0..=13u8)? {
        0 => {
            let opts = print_options(u)?;
            print(&a, &opts);
            return Ok(a);
        }
        1 => get_index(&a, &index(u)?),
        2 => {
            let items = index(u)?;
            let value = array(u)?;
            set_index(&a, &items, &value).map(|()| a.clone())
        }
        3 => binary(BINARY[u.choose_index(BINARY.len())?], &a, &array(u)?),
        4 => unary(UNARY[u.choose_index(UNARY.len())?], &a),
        5 => {
            let ax = axes(u)?;
            let kd = u.arbitrary()?;
            match u.int_in_range(0..=6u8)? {
                0 => reduce::sum(&a, ax.as_deref(), kd),
                1 => reduce::prod(&a, ax.as_deref(), kd),
                2 => reduce::mean(&a, ax.as_deref(), kd),
                3 => reduce::var(&a, ax.as_deref(), f64::from(u.int_in_range(0..=3u8)?), kd),
                4 => reduce::std(&a, ax.as_deref(), 1.0, kd),
                5 => reduce::max(&a, ax.as_deref(), kd),
                _ => reduce::min(&a, ax.as_deref(), kd),
            }
        }
        6 => {
            let axis = if u.arbitrary()? { Some(u.int_in_range(-4isize..=4)?) } else { None };
            match u.int_in_range(0..=4u8)? {
                0 => reduce::cumsum(&a, axis),
                1 => reduce::cumprod(&a, axis),
                2 => reduce::argmax(&a, axis, u.arbitrary()?),
                3 => sort::sort(&a, axis),
                _ => sort::argsort(&a, axis),
            }
        }
        7 => {
            let n = u.int_in_range(0..=4usize)?;
            let mut dims = Vec::with_capacity(n);
            for _ in 0..n {
                dims.push(u.int_in_range(-2isize..=8)?);
            }
            manip::reshape(&a, &dims)
        }
        8 => manip::transpose(&a, axes(u)?.as_deref()),
        9 => match u.int_in_range(0..=5u8)? {
            0 => manip::squeeze(&a, axes(u)?.as_deref()),
            1 => manip::flip(&a, axes(u)?.as_deref()),
            2 => manip::roll(&a, &[u.int_in_range(-9isize..=9)?], axes(u)?.as_deref()),
            3 => manip::diagonal(
                &a,
                u.int_in_range(-3isize..=3)?,
                u.int_in_range(-3isize..=3)?,
                u.int_in_range(-3isize..=3)?,
            ),
            4 => manip::expand_dims(&a, &axes(u)?.unwrap_or_default()),
            _ => Ok(manip::ravel(&a)),
        },
        10 => {
            let b = array(u)?;
            let axis = if u.arbitrary()? { Some(u.int_in_range(-3isize..=3)?) } else { None };
            manip::concatenate(&[a.clone(), b], axis)
        }
        11 => {
            let b = array(u)?;
            if u.arbitrary()? {
                npl::array::product::matmul(&a, &b)
            } else {
                npl::array::product::dot(&a, &b)
            }
        }
        12 => sort::unique(&a, u.arbitrary()?, u.arbitrary()?, u.arbitrary()?).map(|_| a.clone()),
        _ => npl::array::broadcast::broadcast_shapes(a.shape(), array(u)?.shape()).map(|_| a.clone()),
    };
    Ok(match result {
        Ok(r) if !keep => r,
        _ => a,
    })
}

fn run(data: &[u8]) -> Result<()> {
    let mut u = Unstructured::new(data);
    let mut a = array(&mut u)?;
    for _ in 0..16 {
        a = step(&mut u, a)?;
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    npl::array::storage::set_allocation_limit(ALLOCATION_LIMIT);
    let _ = run(data);
});
