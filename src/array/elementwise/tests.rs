//! Tests of elementwise operations. Every expected value and message is
//! what NumPy 2.4 gives for the same input.

use super::*;
use crate::array::index::{get_index, IndexItem};
use crate::array::{Array, ErrorKind, NdArray, Scalar};
use num_complex::Complex64;

fn ints(v: &[i64]) -> NdArray {
    NdArray::Int(Array::from_slice(v))
}
fn floats(v: &[f64]) -> NdArray {
    NdArray::Float(Array::from_slice(v))
}
fn bools(v: &[bool]) -> NdArray {
    NdArray::Bool(Array::from_slice(v))
}
fn complexes(v: &[(f64, f64)]) -> NdArray {
    NdArray::Complex(Array::from_slice(&v.iter().map(|&(r, i)| Complex64::new(r, i)).collect::<Vec<_>>()))
}
fn shaped(a: NdArray, shape: &[usize]) -> NdArray {
    let s = a.to_scalars();
    match a {
        NdArray::Bool(_) => {
            NdArray::Bool(Array::from_vec(shape.to_vec(), s.iter().map(|x| x.to_bool()).collect()).unwrap())
        }
        NdArray::Int(_) => {
            NdArray::Int(Array::from_vec(shape.to_vec(), s.iter().map(|x| x.to_i64().unwrap()).collect()).unwrap())
        }
        NdArray::Float(_) => {
            NdArray::Float(Array::from_vec(shape.to_vec(), s.iter().map(|x| x.to_f64()).collect()).unwrap())
        }
        NdArray::Complex(_) => {
            NdArray::Complex(Array::from_vec(shape.to_vec(), s.iter().map(|x| x.to_c64()).collect()).unwrap())
        }
    }
}
fn scalar_i(v: i64) -> NdArray {
    NdArray::from_scalar(Scalar::Int(v))
}
fn scalar_f(v: f64) -> NdArray {
    NdArray::from_scalar(Scalar::Float(v))
}
fn as_ints(a: &NdArray) -> Vec<i64> {
    assert_eq!(a.dtype(), DType::Int64);
    a.to_scalars().iter().map(|s| s.to_i64().unwrap()).collect()
}
fn as_floats(a: &NdArray) -> Vec<f64> {
    assert_eq!(a.dtype(), DType::Float64);
    a.to_scalars().iter().map(|s| s.to_f64()).collect()
}
fn as_bools(a: &NdArray) -> Vec<bool> {
    assert_eq!(a.dtype(), DType::Bool);
    a.to_scalars().iter().map(|s| s.to_bool()).collect()
}
fn as_complexes(a: &NdArray) -> Vec<(f64, f64)> {
    assert_eq!(a.dtype(), DType::Complex128);
    a.to_scalars().iter().map(|s| (s.to_c64().re, s.to_c64().im)).collect()
}
fn error(r: ArrayResult<NdArray>) -> (ErrorKind, String) {
    let e = r.unwrap_err();
    (e.kind, e.message)
}

#[test]
fn promotion_follows_the_dtype_chain() {
    let (i, f, b) = (ints(&[1, 2, 3]), floats(&[0.5, 1.5, 2.5]), bools(&[true, false, true]));
    assert_eq!(as_floats(&binary(BinaryOp::Add, &i, &f).unwrap()), vec![1.5, 3.5, 5.5]);
    assert_eq!(binary(BinaryOp::Mul, &i, &i).unwrap().dtype(), DType::Int64);
    assert_eq!(binary(BinaryOp::Mul, &i, &complexes(&[(0.0, 1.0)])).unwrap().dtype(), DType::Complex128);
    // bool + bool is logical or, bool * bool logical and; bool + int is int.
    let u = bools(&[true, true, false]);
    assert_eq!(as_bools(&binary(BinaryOp::Add, &b, &u).unwrap()), vec![true, true, true]);
    assert_eq!(as_bools(&binary(BinaryOp::Mul, &b, &u).unwrap()), vec![true, false, false]);
    assert_eq!(as_ints(&binary(BinaryOp::Add, &b, &scalar_i(1)).unwrap()), vec![2, 1, 2]);
    // / of ints is float64; comparisons give bool.
    assert_eq!(as_floats(&binary(BinaryOp::TrueDiv, &ints(&[6, 7, -8]), &scalar_i(2)).unwrap()), vec![3.0, 3.5, -4.0]);
    assert_eq!(as_bools(&binary(BinaryOp::Gt, &i, &scalar_f(1.5)).unwrap()), vec![false, true, true]);
}

#[test]
fn broadcasting_and_its_error() {
    let col = shaped(ints(&[1, 2, 3]), &[3, 1]);
    let row = shaped(ints(&[10, 20, 30, 40]), &[1, 4]);
    let r = binary(BinaryOp::Add, &col, &row).unwrap();
    assert_eq!(r.shape(), &[3, 4]);
    assert_eq!(as_ints(&r)[..5], [11, 21, 31, 41, 12]);
    let x = shaped(ints(&(0..8).collect::<Vec<_>>()), &[4, 2]);
    let (kind, msg) = error(binary(BinaryOp::Add, &x, &ints(&[1, 2, 3])));
    assert_eq!(kind, ErrorKind::Value);
    assert_eq!(msg, "operands could not be broadcast together with shapes (4,2) (3,) ");
    // Zero-size and 0-d operands.
    let empty = shaped(floats(&[]), &[2, 0]);
    assert_eq!(binary(BinaryOp::Mul, &empty, &shaped(floats(&[1.0, 2.0]), &[2, 1])).unwrap().shape(), &[2, 0]);
    assert_eq!(as_floats(&binary(BinaryOp::Sub, &scalar_f(1.0), &scalar_f(0.25)).unwrap()), vec![0.75]);
}

#[test]
fn strided_and_reversed_operands() {
    let m = shaped(ints(&(0..6).collect::<Vec<_>>()), &[2, 3]);
    let rev =
        get_index(&m, &[IndexItem::Slice { start: None, stop: None, step: Some(-1) }, IndexItem::full()]).unwrap();
    let col = get_index(&m, &[IndexItem::full(), IndexItem::Int(1)]).unwrap();
    assert_eq!(as_ints(&binary(BinaryOp::Sub, &rev, &m).unwrap()), vec![3, 3, 3, -3, -3, -3]);
    assert_eq!(as_ints(&binary(BinaryOp::Mul, &col, &col).unwrap()), vec![1, 16]);
}

#[test]
fn floor_division_and_modulo_follow_the_divisor() {
    let (a, b) = (ints(&[7, -7, 7, -7]), ints(&[2, 2, -2, -2]));
    assert_eq!(as_ints(&binary(BinaryOp::FloorDiv, &a, &b).unwrap()), vec![3, -4, -4, 3]);
    assert_eq!(as_ints(&binary(BinaryOp::Mod, &a, &b).unwrap()), vec![1, 1, -1, -1]);
    let f = floats(&[7.5, -7.5, 7.5, -7.5]);
    assert_eq!(as_floats(&binary(BinaryOp::FloorDiv, &f, &b).unwrap()), vec![3.0, -4.0, -4.0, 3.0]);
    assert_eq!(as_floats(&binary(BinaryOp::Mod, &f, &b).unwrap()), vec![1.5, 0.5, -0.5, -1.5]);
    assert_eq!(as_floats(&binary(BinaryOp::Mod, &floats(&[0.7]), &scalar_f(0.1)).unwrap()), vec![0.09999999999999992]);
    assert_eq!(as_floats(&binary(BinaryOp::FloorDiv, &floats(&[1.0]), &scalar_f(0.1)).unwrap()), vec![9.0]);
    // Integer division by zero gives 0; float division by zero inf or nan.
    assert_eq!(as_ints(&binary(BinaryOp::FloorDiv, &ints(&[5]), &scalar_i(0)).unwrap()), vec![0]);
    assert_eq!(as_ints(&binary(BinaryOp::Mod, &ints(&[5]), &scalar_i(0)).unwrap()), vec![0]);
    let q = as_floats(&binary(BinaryOp::FloorDiv, &floats(&[1.5, -1.5, 0.0]), &scalar_f(0.0)).unwrap());
    assert_eq!(q[..2], [f64::INFINITY, f64::NEG_INFINITY]);
    assert!(q[2].is_nan());
    assert!(as_floats(&binary(BinaryOp::Mod, &floats(&[1.0]), &scalar_f(0.0)).unwrap())[0].is_nan());
    let (kind, msg) = error(binary(BinaryOp::FloorDiv, &complexes(&[(0.0, 1.0)]), &scalar_i(1)));
    assert_eq!(kind, ErrorKind::Type);
    assert!(msg.starts_with("ufunc 'floor_divide' not supported for the input types"));
}

#[test]
fn powers() {
    let i = ints(&[1, 2, 3, 4]);
    assert_eq!(as_ints(&binary(BinaryOp::Pow, &i, &i).unwrap()), vec![1, 4, 27, 256]);
    assert_eq!(as_ints(&binary(BinaryOp::Pow, &ints(&[2]), &scalar_i(62)).unwrap()), vec![1 << 62]);
    assert_eq!(as_ints(&binary(BinaryOp::Pow, &ints(&[-1]), &ints(&[3])).unwrap()), vec![-1]);
    assert_eq!(as_floats(&binary(BinaryOp::Pow, &i, &scalar_f(-1.0)).unwrap()), vec![1.0, 0.5, 1.0 / 3.0, 0.25]);
    let (kind, msg) = error(binary(BinaryOp::Pow, &ints(&[1, 2]), &scalar_i(-1)));
    assert_eq!(kind, ErrorKind::Value);
    assert_eq!(msg, "Integers to negative integer powers are not allowed.");
    assert_eq!(error(binary(BinaryOp::Pow, &ints(&[1, 2]), &ints(&[1, -1]))).1, msg);
    // `** 0.5` is sqrt (so -0.0 stays -0.0 and -inf gives nan), as NumPy.
    let r = as_floats(&binary(BinaryOp::Pow, &floats(&[-0.0, f64::NEG_INFINITY, 2.25]), &scalar_f(0.5)).unwrap());
    assert!(r[0] == 0.0 && r[0].is_sign_negative() && r[1].is_nan() && r[2] == 1.5);
    assert_eq!(
        as_complexes(&binary(BinaryOp::Pow, &complexes(&[(2.0, 1.0)]), &scalar_i(3)).unwrap()),
        vec![(2.0, 11.0)]
    );
}

#[test]
fn int_overflow_raises_instead_of_wrapping() {
    let big = ints(&[i64::MAX]);
    for op in [BinaryOp::Add, BinaryOp::Mul] {
        let (kind, msg) = error(binary(op, &big, &scalar_i(2)));
        assert_eq!((kind, msg.as_str()), (ErrorKind::Overflow, "int64 overflow in array arithmetic"));
    }
    assert_eq!(error(binary(BinaryOp::Sub, &ints(&[i64::MIN]), &scalar_i(1))).0, ErrorKind::Overflow);
    assert_eq!(error(binary(BinaryOp::Pow, &ints(&[3]), &scalar_i(40))).0, ErrorKind::Overflow);
    assert_eq!(error(binary(BinaryOp::FloorDiv, &ints(&[i64::MIN]), &scalar_i(-1))).0, ErrorKind::Overflow);
    assert_eq!(error(unary(UnaryOp::Abs, &ints(&[i64::MIN]))).0, ErrorKind::Overflow);
    assert_eq!(error(unary(UnaryOp::Neg, &ints(&[i64::MIN]))).0, ErrorKind::Overflow);
    // (-2) ** 63 fits exactly.
    assert_eq!(as_ints(&binary(BinaryOp::Pow, &ints(&[-2]), &scalar_i(63)).unwrap()), vec![i64::MIN]);
    // In place, an overflow leaves the target as it was.
    let a = ints(&[1, i64::MAX, 3]);
    assert_eq!(binary_inplace(BinaryOp::Add, &a, &scalar_i(1)).unwrap_err().kind, ErrorKind::Overflow);
    assert_eq!(as_ints(&a), vec![1, i64::MAX, 3]);
    assert!(binary_inplace(BinaryOp::Mul, &a, &scalar_i(2)).is_err());
    assert_eq!(as_ints(&a), vec![1, i64::MAX, 3]);
}

#[test]
fn bitwise_and_shifts() {
    let a = ints(&[6, 3, 12]);
    assert_eq!(as_ints(&binary(BinaryOp::BitAnd, &a, &scalar_i(3)).unwrap()), vec![2, 3, 0]);
    assert_eq!(as_ints(&binary(BinaryOp::BitXor, &a, &scalar_i(5)).unwrap()), vec![3, 6, 9]);
    assert_eq!(as_ints(&unary(UnaryOp::Invert, &a).unwrap()), vec![-7, -4, -13]);
    assert_eq!(as_ints(&binary(BinaryOp::RShift, &ints(&[-16]), &scalar_i(2)).unwrap()), vec![-4]);
    assert_eq!(as_ints(&binary(BinaryOp::LShift, &ints(&[1, 1]), &ints(&[63, 64])).unwrap()), vec![i64::MIN, 0]);
    assert_eq!(as_ints(&binary(BinaryOp::RShift, &ints(&[-1, 5]), &ints(&[64, -1])).unwrap()), vec![-1, 0]);
    let t = bools(&[true, false]);
    assert_eq!(
        as_bools(&binary(BinaryOp::BitXor, &t, &NdArray::from_scalar(Scalar::Bool(true))).unwrap()),
        vec![false, true]
    );
    assert_eq!(as_bools(&unary(UnaryOp::Invert, &t).unwrap()), vec![false, true]);
    let (kind, msg) = error(binary(BinaryOp::BitAnd, &floats(&[1.0]), &scalar_i(1)));
    assert_eq!(kind, ErrorKind::Type);
    assert_eq!(
        msg,
        "ufunc 'bitwise_and' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''"
    );
}

#[test]
fn bool_arithmetic_errors_read_like_numpy() {
    let t = bools(&[true, false]);
    let (kind, msg) = error(binary(BinaryOp::Sub, &t, &bools(&[false, false])));
    assert_eq!(kind, ErrorKind::Type);
    assert_eq!(
        msg,
        "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead."
    );
    assert_eq!(
        error(unary(UnaryOp::Neg, &t)).1,
        "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead."
    );
    assert_eq!(
        error(unary(UnaryOp::Pos, &t)).1,
        "ufunc 'positive' did not contain a loop with signature matching types <class 'numpy.dtypes.BoolDType'> -> None"
    );
}

#[test]
fn inplace_keeps_the_dtype_and_writes_through_views() {
    let m = NdArray::zeros(vec![3, 4], DType::Float64).unwrap();
    binary_inplace(BinaryOp::Add, &m, &shaped(ints(&[0, 1, 2, 3]), &[4])).unwrap();
    binary_inplace(BinaryOp::Mul, &m, &shaped(ints(&[1, 2, 3]), &[3, 1])).unwrap();
    assert_eq!(as_floats(&m)[4..8], [0.0, 2.0, 4.0, 6.0]);
    let i = shaped(ints(&[0, 1, 2, 3, 4, 5]), &[2, 3]);
    binary_inplace(BinaryOp::Add, &i, &scalar_i(10)).unwrap();
    binary_inplace(BinaryOp::Mul, &i, &ints(&[1, -1, 2])).unwrap();
    binary_inplace(BinaryOp::FloorDiv, &i, &scalar_i(3)).unwrap();
    assert_eq!(as_ints(&i), vec![3, -4, 8, 4, -5, 10]);
    // Through a column view.
    let col = get_index(&m, &[IndexItem::full(), IndexItem::Int(2)]).unwrap();
    binary_inplace(BinaryOp::Add, &col, &scalar_f(5.0)).unwrap();
    assert_eq!(as_floats(&m)[2], 7.0);
    assert_eq!(as_floats(&m)[10], 11.0);
    // float += bool keeps float.
    let f = floats(&[1.0, 1.0]);
    binary_inplace(BinaryOp::Add, &f, &NdArray::from_scalar(Scalar::Bool(true))).unwrap();
    assert_eq!(as_floats(&f), vec![2.0, 2.0]);
}

#[test]
fn inplace_casting_and_shape_errors() {
    let a = ints(&[0, 1, 2]);
    let e = binary_inplace(BinaryOp::Add, &a, &scalar_f(1.5)).unwrap_err();
    assert_eq!(e.kind, ErrorKind::UFuncOutputCasting);
    assert_eq!(
        e.message,
        "Cannot cast ufunc 'add' output from dtype('float64') to dtype('int64') with casting rule 'same_kind'"
    );
    assert_eq!(as_ints(&a), vec![0, 1, 2]);
    let e = binary_inplace(BinaryOp::TrueDiv, &a, &scalar_i(2)).unwrap_err();
    assert!(e.message.starts_with("Cannot cast ufunc 'divide' output from dtype('float64')"));
    let e = binary_inplace(BinaryOp::Add, &bools(&[true]), &scalar_i(1)).unwrap_err();
    assert_eq!(
        e.message,
        "Cannot cast ufunc 'add' output from dtype('int64') to dtype('bool') with casting rule 'same_kind'"
    );
    let f = floats(&[0.0, 0.0, 0.0]);
    let e = binary_inplace(BinaryOp::Add, &f, &NdArray::zeros(vec![2, 3], DType::Float64).unwrap()).unwrap_err();
    assert_eq!(e.message, "non-broadcastable output operand with shape (3,) doesn't match the broadcast shape (2,3)");
    let g = NdArray::zeros(vec![2, 3], DType::Float64).unwrap();
    let e = binary_inplace(BinaryOp::Add, &g, &floats(&[0.0; 4])).unwrap_err();
    assert_eq!(e.message, "operands could not be broadcast together with shapes (2,3) (4,) (2,3) ");
}

#[test]
fn inplace_with_an_aliasing_operand() {
    // a += a[::-1] reads the original values.
    let a = ints(&[1, 2, 3, 4]);
    let rev = get_index(&a, &[IndexItem::Slice { start: None, stop: None, step: Some(-1) }]).unwrap();
    binary_inplace(BinaryOp::Add, &a, &rev).unwrap();
    assert_eq!(as_ints(&a), vec![5, 5, 5, 5]);
    let b = floats(&[1.0, 2.0]);
    binary_inplace(BinaryOp::Mul, &b, &b).unwrap();
    assert_eq!(as_floats(&b), vec![1.0, 4.0]);
}

#[test]
fn maximum_minimum_and_nan() {
    let a = floats(&[1.0, f64::NAN, 3.0, -1.0]);
    let b = floats(&[2.0, 0.0, f64::NAN, -2.0]);
    let mx = as_floats(&binary(BinaryOp::Maximum, &a, &b).unwrap());
    assert!(mx[0] == 2.0 && mx[1].is_nan() && mx[2].is_nan() && mx[3] == -1.0);
    assert_eq!(as_floats(&binary(BinaryOp::Fmax, &a, &b).unwrap()), vec![2.0, 0.0, 3.0, -1.0]);
    assert_eq!(as_floats(&binary(BinaryOp::Fmin, &a, &b).unwrap()), vec![1.0, 0.0, 3.0, -2.0]);
    assert_eq!(as_ints(&binary(BinaryOp::Maximum, &ints(&[1, 5, 3]), &scalar_i(2)).unwrap()), vec![2, 5, 3]);
}

#[test]
fn comparisons_including_complex_order() {
    let (a, b) = (ints(&[1, 5, 3]), ints(&[2, 5, 1]));
    assert_eq!(as_bools(&binary(BinaryOp::Le, &a, &b).unwrap()), vec![true, true, false]);
    assert_eq!(as_bools(&binary(BinaryOp::Ne, &a, &b).unwrap()), vec![true, false, true]);
    let nan = floats(&[f64::NAN]);
    assert_eq!(as_bools(&binary(BinaryOp::Eq, &nan, &nan).unwrap()), vec![false]);
    let z = complexes(&[(1.0, 1.0), (0.0, 2.0)]);
    let w = complexes(&[(1.0, 2.0), (0.0, 2.0)]);
    assert_eq!(as_bools(&binary(BinaryOp::Lt, &z, &w).unwrap()), vec![true, false]);
    assert_eq!(
        as_bools(&binary(BinaryOp::LogicalXor, &ints(&[0, 2]), &bools(&[true, true])).unwrap()),
        vec![true, false]
    );
}

#[test]
fn complex_arithmetic() {
    let z = complexes(&[(1.0, 2.0), (3.0, -1.0)]);
    let conj = unary(UnaryOp::Conj, &z).unwrap();
    assert_eq!(as_complexes(&binary(BinaryOp::Mul, &z, &conj).unwrap()), vec![(5.0, 0.0), (10.0, 0.0)]);
    assert_eq!(
        as_complexes(&binary(BinaryOp::TrueDiv, &z, &complexes(&[(0.0, 1.0)])).unwrap()),
        vec![(2.0, -1.0), (-1.0, -3.0)]
    );
    assert_eq!(as_floats(&unary(UnaryOp::Abs, &complexes(&[(3.0, 4.0), (0.0, -5.0)])).unwrap()), vec![5.0, 5.0]);
    assert_eq!(as_floats(&unary(UnaryOp::Real, &z).unwrap()), vec![1.0, 3.0]);
    assert_eq!(as_floats(&unary(UnaryOp::Imag, &z).unwrap()), vec![2.0, -1.0]);
    // Real of a real array is the array itself (a view); imag is zeros of its dtype.
    let i = ints(&[1, 2]);
    assert!(unary(UnaryOp::Real, &i).unwrap().shares_buffer(&i));
    assert_eq!(as_ints(&unary(UnaryOp::Imag, &i).unwrap()), vec![0, 0]);
    let r = as_complexes(&binary(BinaryOp::TrueDiv, &complexes(&[(1.0, 2.0)]), &complexes(&[(0.0, 0.0)])).unwrap());
    assert!(r[0].0.is_infinite() && r[0].1.is_infinite());
}

#[test]
fn unary_math() {
    assert_eq!(as_floats(&unary(UnaryOp::Sqrt, &ints(&[0, 1, 4])).unwrap()), vec![0.0, 1.0, 2.0]);
    assert!(as_floats(&unary(UnaryOp::Sqrt, &floats(&[-1.0])).unwrap())[0].is_nan());
    assert_eq!(
        as_complexes(&unary(UnaryOp::Sqrt, &complexes(&[(-4.0, 0.0), (3.0, 4.0)])).unwrap()),
        vec![(0.0, 2.0), (2.0, 1.0)]
    );
    let l = as_floats(&unary(UnaryOp::Log, &floats(&[0.0, -1.0])).unwrap());
    assert!(l[0] == f64::NEG_INFINITY && l[1].is_nan());
    assert_eq!(as_floats(&unary(UnaryOp::Log1p, &floats(&[1e-10])).unwrap()), vec![9.999999999500001e-11]);
    assert_eq!(as_floats(&unary(UnaryOp::Expm1, &floats(&[1e-10])).unwrap()), vec![1.00000000005e-10]);
    assert_eq!(as_floats(&unary(UnaryOp::Log2, &floats(&[1.0, 8.0, 1024.0])).unwrap()), vec![0.0, 3.0, 10.0]);
    assert_eq!(as_ints(&unary(UnaryOp::Square, &ints(&[2, -3])).unwrap()), vec![4, 9]);
    assert_eq!(
        as_floats(
            &binary(BinaryOp::Arctan2, &floats(&[1.0, 1.0, -1.0, 0.0]), &floats(&[1.0, -1.0, -1.0, -1.0])).unwrap()
        ),
        vec![std::f64::consts::FRAC_PI_4, 2.356194490192345, -2.356194490192345, std::f64::consts::PI]
    );
    let h = binary(BinaryOp::Hypot, &floats(&[3.0, 5.0]), &shaped(floats(&[4.0, 12.0]), &[2, 1])).unwrap();
    assert_eq!(as_floats(&h), vec![5.0, 6.4031242374328485, 12.36931687685298, 13.0]);
    let (kind, msg) = error(unary(UnaryOp::Cbrt, &complexes(&[(1.0, 0.0)])));
    assert_eq!(kind, ErrorKind::Type);
    assert!(msg.starts_with("ufunc 'cbrt' not supported"));
}

#[test]
fn signs_angles_and_tests_for_special_values() {
    assert_eq!(as_ints(&unary(UnaryOp::Sign, &ints(&[-3, 0, 5])).unwrap()), vec![-1, 0, 1]);
    let s = as_floats(&unary(UnaryOp::Sign, &floats(&[-2.5, -0.0, f64::NAN])).unwrap());
    assert!(s[0] == -1.0 && s[1] == 0.0 && s[1].is_sign_positive() && s[2].is_nan());
    assert_eq!(
        as_complexes(&unary(UnaryOp::Sign, &complexes(&[(3.0, 4.0), (0.0, -1.0), (0.0, 0.0)])).unwrap()),
        vec![(0.6, 0.8), (0.0, -1.0), (0.0, 0.0)]
    );
    assert_eq!(
        as_floats(&unary(UnaryOp::Angle, &complexes(&[(1.0, 0.0), (0.0, 1.0), (-1.0, 0.0), (1.0, 1.0)])).unwrap()),
        vec![0.0, std::f64::consts::FRAC_PI_2, std::f64::consts::PI, std::f64::consts::FRAC_PI_4]
    );
    assert_eq!(as_floats(&unary(UnaryOp::Angle, &ints(&[-1, 2])).unwrap()), vec![std::f64::consts::PI, 0.0]);
    let x = floats(&[1.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 0.0]);
    assert_eq!(as_bools(&unary(UnaryOp::IsNan, &x).unwrap()), vec![false, true, false, false, false]);
    assert_eq!(as_bools(&unary(UnaryOp::IsInf, &x).unwrap()), vec![false, false, true, true, false]);
    assert_eq!(as_bools(&unary(UnaryOp::IsFinite, &x).unwrap()), vec![true, false, false, false, true]);
    assert_eq!(
        as_bools(&unary(UnaryOp::IsNan, &complexes(&[(f64::NAN, 0.0), (0.0, 1.0)])).unwrap()),
        vec![true, false]
    );
    assert_eq!(as_bools(&unary(UnaryOp::IsFinite, &ints(&[1, 2])).unwrap()), vec![true, true]);
}

#[test]
fn rounding_family() {
    let x = floats(&[-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 2.7, -2.7]);
    assert_eq!(as_floats(&unary(UnaryOp::Floor, &x).unwrap()), vec![-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 2.0, -3.0]);
    assert_eq!(as_floats(&unary(UnaryOp::Ceil, &x).unwrap()), vec![-2.0, -1.0, -0.0, 1.0, 2.0, 3.0, 3.0, -2.0]);
    assert_eq!(as_floats(&unary(UnaryOp::Trunc, &x).unwrap()), vec![-2.0, -1.0, -0.0, 0.0, 1.0, 2.0, 2.0, -2.0]);
    let r = as_floats(&unary(UnaryOp::Rint, &x).unwrap());
    assert_eq!(r, vec![-2.0, -2.0, -0.0, 0.0, 2.0, 2.0, 3.0, -3.0]);
    assert!(r[2].is_sign_negative());
    assert_eq!(as_floats(&round(&x, 0).unwrap()), r);
    let y = floats(&[1.2345, 2.675, -0.125, 1234.5678]);
    assert_eq!(as_floats(&round(&y, 2).unwrap()), vec![1.23, 2.68, -0.12, 1234.57]);
    assert_eq!(as_floats(&round(&y, -2).unwrap()), vec![0.0, 0.0, -0.0, 1200.0]);
    assert_eq!(as_floats(&round(&floats(&[0.125, 0.375]), 2).unwrap()), vec![0.12, 0.38]);
    assert_eq!(as_ints(&round(&ints(&[15, 25, 149]), -1).unwrap()), vec![20, 20, 150]);
    assert_eq!(as_ints(&round(&ints(&[15, 25]), 2).unwrap()), vec![15, 25]);
    // Ints stay ints in floor and round; rint gives floats.
    assert_eq!(unary(UnaryOp::Floor, &ints(&[1, 2])).unwrap().dtype(), DType::Int64);
    assert_eq!(unary(UnaryOp::Rint, &ints(&[1, 2])).unwrap().dtype(), DType::Float64);
    // Complex rounds each part.
    assert_eq!(as_complexes(&round(&complexes(&[(1.25, -2.675)]), 1).unwrap()), vec![(1.2, -2.7)]);
    assert!(round(&floats(&[1.5]), i64::MAX).is_ok());
}

#[test]
fn reciprocal_of_ints_truncates_as_numpy() {
    assert_eq!(as_ints(&unary(UnaryOp::Reciprocal, &ints(&[1, 2, -1, -3, 0])).unwrap()), vec![1, 0, -1, 0, i64::MIN]);
    assert_eq!(as_floats(&unary(UnaryOp::Reciprocal, &floats(&[4.0])).unwrap()), vec![0.25]);
}

#[test]
fn where_broadcasts_and_promotes() {
    let x = shaped(floats(&[-1.0, 0.5, 2.0, -3.0]), &[2, 2]);
    let pos = binary(BinaryOp::Gt, &x, &scalar_i(0)).unwrap();
    assert_eq!(as_floats(&where_select(&pos, &x, &scalar_f(0.0)).unwrap()), vec![0.0, 0.5, 2.0, 0.0]);
    let r = where_select(&pos, &scalar_i(1), &shaped(ints(&[10, 20]), &[2, 1])).unwrap();
    assert_eq!(as_ints(&r), vec![10, 1, 1, 20]);
    let r = where_select(&ints(&[1, 0]), &scalar_i(1), &scalar_f(2.5)).unwrap();
    assert_eq!(as_floats(&r), vec![1.0, 2.5]);
    let e =
        where_select(&bools(&[true, false]), &NdArray::zeros(vec![2, 1], DType::Float64).unwrap(), &floats(&[0.0; 3]));
    assert_eq!(e.unwrap_err().message, "operands could not be broadcast together with shapes (2,) (2,1) (3,) ");
}

#[test]
fn clip_bounds() {
    let x = ints(&[-2, -1, 0, 1, 2]);
    assert_eq!(as_ints(&clip(&x, Some(&scalar_i(-1)), Some(&scalar_i(1))).unwrap()), vec![-1, -1, 0, 1, 1]);
    assert_eq!(as_ints(&clip(&x, Some(&ints(&[0, 0, 0, -5, -5])), Some(&scalar_i(1))).unwrap()), vec![0, 0, 0, 1, 1]);
    assert_eq!(
        as_floats(&clip(&ints(&[1, 2, 3]), Some(&scalar_f(1.5)), Some(&scalar_i(2))).unwrap()),
        vec![1.5, 2.0, 2.0]
    );
    // lo > hi gives hi; NaN propagates; one bound may be missing.
    assert_eq!(as_ints(&clip(&ints(&[1, 5, 3]), Some(&scalar_i(4)), Some(&scalar_i(2))).unwrap()), vec![2, 2, 2]);
    let r = as_floats(&clip(&floats(&[1.0, f64::NAN]), Some(&scalar_i(0)), Some(&scalar_i(1))).unwrap());
    assert!(r[0] == 1.0 && r[1].is_nan());
    assert_eq!(as_ints(&clip(&x, None, Some(&scalar_i(0))).unwrap()), vec![-2, -1, 0, 0, 0]);
    assert_eq!(as_ints(&clip(&x, None, None).unwrap()), vec![-2, -1, 0, 1, 2]);
    let e = clip(&floats(&[0.0; 3]), Some(&floats(&[0.0; 2])), Some(&scalar_i(1))).unwrap_err();
    assert_eq!(e.message, "operands could not be broadcast together with shapes (3,) (2,) () ");
}

#[test]
fn closeness_and_equality() {
    let close = isclose(&floats(&[1e10, 1e-7]), &floats(&[1.00001e10, 1e-8]), 1e-5, 1e-8, false).unwrap();
    assert_eq!(as_bools(&close), vec![true, false]);
    let inf_nan = floats(&[1.0, f64::INFINITY, f64::NAN]);
    assert_eq!(as_bools(&isclose(&inf_nan, &inf_nan, 1e-5, 1e-8, false).unwrap()), vec![true, true, false]);
    assert_eq!(as_bools(&isclose(&inf_nan, &inf_nan, 1e-5, 1e-8, true).unwrap()), vec![true, true, true]);
    assert_eq!(as_bools(&isclose(&ints(&[1, 2]), &ints(&[1, 3]), 1e-5, 1e-8, false).unwrap()), vec![true, false]);
    assert!(allclose(&floats(&[1.0, 2.0]), &floats(&[1.0 + 1e-10, 2.0]), 1e-5, 1e-8, false).unwrap());
    assert!(!allclose(&floats(&[1.0]), &floats(&[1.1]), 1e-5, 1e-8, false).unwrap());
    let (a, b) = (ints(&[1, 5, 3]), ints(&[2, 5, 1]));
    assert!(!array_equal(&a, &b, false));
    assert!(array_equal(&a, &a, false));
    assert!(array_equal(&ints(&[1, 2]), &floats(&[1.0, 2.0]), false));
    assert!(!array_equal(&ints(&[1, 2]), &shaped(ints(&[1, 2]), &[1, 2]), false));
    let n = floats(&[1.0, f64::NAN]);
    assert!(!array_equal(&n, &n, false));
    assert!(array_equal(&n, &n, true));
}
