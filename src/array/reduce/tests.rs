//! Reductions checked against NumPy 2.4 (expected values printed by NumPy;
//! floats compared bit for bit where the summation order shows).

use super::*;
use crate::array::manip;
use crate::array::{DType, ErrorKind, Scalar};

fn floats(shape: &[usize], v: Vec<f64>) -> NdArray {
    NdArray::Float(Array::from_vec(shape.to_vec(), v).unwrap())
}
fn ints(shape: &[usize], v: Vec<i64>) -> NdArray {
    NdArray::Int(Array::from_vec(shape.to_vec(), v).unwrap())
}
fn f(a: &NdArray) -> f64 {
    a.item().unwrap().to_f64()
}
fn fv(a: &NdArray) -> Vec<f64> {
    a.to_float().to_vec()
}

/// `((i * 2654435761) % 2**32) / 2**32` for i in 0..n, as a 100 x 1000
/// matrix: reproducible in NumPy without a random generator.
fn lcg_matrix() -> NdArray {
    let v: Vec<f64> = (0..100_000u64).map(|i| ((i * 2_654_435_761) % (1 << 32)) as f64 / 4_294_967_296.0).collect();
    floats(&[100, 1000], v)
}

#[test]
fn float_sums_follow_numpys_pairwise_order() {
    let tenth = floats(&[10], vec![0.1; 10]);
    assert_eq!(f(&sum(&tenth, None, false).unwrap()), 1.0);
    let k = floats(&[1000], vec![0.1; 1000]);
    assert_eq!(f(&sum(&k, None, false).unwrap()), 100.00000000000001);
    let a = floats(&[1_000_000], (0..1_000_000).map(|i| i as f64 * 0.1).collect());
    assert_eq!(f(&sum(&a, None, false).unwrap()), 49999950000.0);
    assert_eq!(f(&mean(&a, None, false).unwrap()), 49999.95);
    assert_eq!(f(&var(&a, None, 0.0, false).unwrap()), 833333333.3325002);
    assert_eq!(f(&std(&a, None, 0.0, false).unwrap()), 28867.51345946686);
}

#[test]
fn axis_sums_follow_numpys_iteration_order() {
    let m = lcg_matrix();
    assert_eq!(f(&sum(&m, None, false).unwrap()), 50000.15805767104);
    let s0 = fv(&sum(&m, Some(&[0]), false).unwrap());
    assert_eq!((s0[0], s0[999]), (46.23451882228255, 51.82979729305953));
    let s1 = fv(&sum(&m, Some(&[1]), false).unwrap());
    assert_eq!((s1[0], s1[99]), (499.9763923538849, 500.66676879953593));
    assert_eq!(fv(&mean(&m, Some(&[0]), false).unwrap())[7], 0.49858309562318026);
    assert_eq!(fv(&var(&m, Some(&[1]), 0.0, false).unwrap())[3], 0.08333329833505755);
    assert_eq!(fv(&std(&m, Some(&[0]), 1.0, false).unwrap())[5], 0.2849629449182742);
    let t = manip::transpose(&m, None).unwrap();
    assert_eq!(fv(&sum(&t, Some(&[0]), false).unwrap())[4], 499.9234782708809);
    assert_eq!(fv(&var(&t, Some(&[0]), 0.0, false).unwrap())[4], 0.08335035969434014);
}

#[test]
fn strided_views_sum_like_numpy() {
    let m = lcg_matrix();
    let rows = with_array!(&m, x => x.view(vec![34, 1000], vec![3000, 1], 0).into_nd());
    assert_eq!(f(&sum(&rows, None, false).unwrap()), 16999.933739608154);
    let cols = with_array!(&m, x => x.view(vec![100, 500], vec![1000, 2], 0).into_nd());
    assert_eq!(f(&sum(&cols, None, false).unwrap()), 24999.22935954854);
    let rev = manip::flip(&m, None).unwrap();
    assert_eq!(f(&sum(&rev, None, false).unwrap()), 50000.15805767104);
}

#[test]
fn result_dtypes_are_numpys() {
    let b = NdArray::Bool(Array::from_slice(&[true, true, false]));
    assert_eq!(sum(&b, None, false).unwrap().dtype(), DType::Int64);
    assert_eq!(prod(&b, None, false).unwrap().dtype(), DType::Int64);
    assert_eq!(cumsum(&b, None).unwrap().dtype(), DType::Int64);
    assert_eq!(f(&mean(&b, None, false).unwrap()), 2.0 / 3.0);
    assert_eq!(max(&b, None, false).unwrap().dtype(), DType::Bool);
    let i = ints(&[2, 2], vec![1, 2, 3, 4]);
    assert_eq!(sum(&i, None, false).unwrap().item(), Some(Scalar::Int(10)));
    assert_eq!(f(&mean(&i, None, false).unwrap()), 2.5);
    assert_eq!(f(&var(&i, None, 0.0, false).unwrap()), 1.25);
    assert_eq!(min(&i, None, false).unwrap().dtype(), DType::Int64);
    let i = ints(&[100, 1000], (0..100_000).map(|v| v % 1000).collect());
    assert_eq!(f(&mean(&i, None, false).unwrap()), 499.5);
    let z = NdArray::Complex(Array::from_slice(&[
        num_complex::Complex64::new(1.0, 1.0),
        num_complex::Complex64::new(2.0, -1.0),
    ]));
    let v = var(&z, None, 0.0, false).unwrap();
    assert_eq!((v.dtype(), f(&v)), (DType::Float64, 1.25));
}

#[test]
fn axis_errors_are_numpys() {
    let m = ints(&[2, 2], vec![1, 2, 3, 4]);
    let e = sum(&m, Some(&[0, -2]), false).unwrap_err();
    assert_eq!((e.kind, e.message.as_str()), (ErrorKind::Value, "duplicate value in 'axis'"));
    let e = sum(&m, Some(&[2]), false).unwrap_err();
    assert_eq!((e.kind, e.message.as_str()), (ErrorKind::Axis, "axis 2 is out of bounds for array of dimension 2"));
    let e = sum(&m, Some(&[-3]), false).unwrap_err();
    assert_eq!(e.message, "axis -3 is out of bounds for array of dimension 2");
    // 0-d arrays take axis 0 / -1 in ufunc reductions.
    let s = ints(&[], vec![3]);
    assert_eq!(sum(&s, Some(&[0]), false).unwrap().item(), Some(Scalar::Int(3)));
}

#[test]
fn empty_reductions() {
    let e = floats(&[0, 3], vec![]);
    assert_eq!(fv(&sum(&e, Some(&[0]), false).unwrap()), vec![0.0; 3]);
    assert!(f(&mean(&floats(&[0], vec![]), None, false).unwrap()).is_nan());
    assert_eq!(fv(&prod(&e, Some(&[0]), false).unwrap()), vec![1.0; 3]);
    let err = max(&e, Some(&[0]), false).unwrap_err();
    assert_eq!(err.message, "zero-size array to reduction operation maximum which has no identity");
    assert_eq!(max(&e, Some(&[1]), false).unwrap().shape(), &[0]);
    let err = min(&floats(&[0, 0], vec![]), Some(&[0]), false).unwrap_err();
    assert_eq!(err.message, "zero-size array to reduction operation minimum which has no identity");
    assert_eq!(all(&floats(&[0], vec![]), None, false).unwrap().item(), Some(Scalar::Bool(true)));
    assert_eq!(any(&floats(&[0], vec![]), None, false).unwrap().item(), Some(Scalar::Bool(false)));
    let err = argmax(&floats(&[0], vec![]), None, false).unwrap_err();
    assert_eq!(err.message, "attempt to get argmax of an empty sequence");
}

#[test]
fn int_overflow_raises() {
    let big = ints(&[2], vec![i64::MAX, 1]);
    assert_eq!(sum(&big, None, false).unwrap_err().kind, ErrorKind::Overflow);
    assert_eq!(cumsum(&big, None).unwrap_err().kind, ErrorKind::Overflow);
    assert_eq!(prod(&ints(&[2], vec![1 << 40, 1 << 40]), None, false).unwrap_err().kind, ErrorKind::Overflow);
    // Intermediate overflow that cancels is fine, as in NumPy's wrapping.
    assert_eq!(sum(&ints(&[3], vec![i64::MAX, 1, -1]), None, false).unwrap().item(), Some(Scalar::Int(i64::MAX)));
}

#[test]
fn nan_propagates() {
    let x = floats(&[3], vec![1.0, f64::NAN, 3.0]);
    assert!(f(&sum(&x, None, false).unwrap()).is_nan());
    assert!(f(&max(&x, None, false).unwrap()).is_nan());
    assert!(f(&min(&x, None, false).unwrap()).is_nan());
    assert_eq!(argmax(&x, None, false).unwrap().item(), Some(Scalar::Int(1)));
    assert_eq!(argmin(&x, None, false).unwrap().item(), Some(Scalar::Int(1)));
    assert!(f(&median(&x, None, false).unwrap()).is_nan());
}

#[test]
fn extrema_and_arg_extrema() {
    let m = ints(&[2, 3], vec![4, 9, 2, 9, 1, 5]);
    assert_eq!(max(&m, Some(&[0]), false).unwrap().to_int().to_vec(), vec![9, 9, 5]);
    assert_eq!(argmax(&m, Some(0), false).unwrap().to_int().to_vec(), vec![1, 0, 1]);
    assert_eq!(argmax(&m, None, false).unwrap().item(), Some(Scalar::Int(1)));
    assert_eq!(argmin(&m, Some(-1), false).unwrap().to_int().to_vec(), vec![2, 1]);
    assert_eq!(argmax(&m, None, true).unwrap().shape(), &[1, 1]);
    assert_eq!(ptp(&m, Some(&[1]), false).unwrap().to_int().to_vec(), vec![7, 8]);
    let b = NdArray::Bool(Array::from_slice(&[true, false]));
    assert_eq!(ptp(&b, None, false).unwrap_err().kind, ErrorKind::Type);
}

#[test]
fn keepdims_shapes() {
    let t = floats(&[2, 3, 4], vec![1.0; 24]);
    assert_eq!(sum(&t, Some(&[0, 2]), true).unwrap().shape(), &[1, 3, 1]);
    assert_eq!(std(&t, Some(&[1]), 0.0, true).unwrap().shape(), &[2, 1, 4]);
    assert_eq!(mean(&t, None, true).unwrap().shape(), &[1, 1, 1]);
    let s = sum(&t, Some(&[0, 2]), false).unwrap();
    assert_eq!(fv(&s), vec![8.0; 3]);
}

#[test]
fn cumulative_sums_and_products() {
    let m = ints(&[2, 3], vec![1, 2, 3, 4, 5, 6]);
    assert_eq!(cumsum(&m, None).unwrap().to_int().to_vec(), vec![1, 3, 6, 10, 15, 21]);
    assert_eq!(cumsum(&m, Some(0)).unwrap().to_int().to_vec(), vec![1, 2, 3, 5, 7, 9]);
    assert_eq!(cumprod(&m, Some(1)).unwrap().to_int().to_vec(), vec![1, 2, 6, 4, 20, 120]);
    assert_eq!(cumsum(&ints(&[], vec![5]), Some(0)).unwrap().shape(), &[1]);
    assert_eq!(fv(&cumprod(&floats(&[3], vec![0.5, 0.5, 2.0]), None).unwrap()), vec![0.5, 0.25, 0.5]);
}

#[test]
fn counting_and_trace() {
    let m = floats(&[2, 2], vec![1.0, 0.0, 2.0, 0.0]);
    assert_eq!(count_nonzero(&m, Some(&[0]), false).unwrap().to_int().to_vec(), vec![2, 0]);
    assert_eq!(count_nonzero(&m, None, false).unwrap().item(), Some(Scalar::Int(2)));
    let a = ints(&[3, 3], (0..9).collect());
    assert_eq!(trace(&a, 0).unwrap().item(), Some(Scalar::Int(12)));
    assert_eq!(trace(&ints(&[2, 3], (0..6).collect()), 5).unwrap().item(), Some(Scalar::Int(0)));
    assert_eq!(trace(&ints(&[2, 3], (0..6).collect()), -1).unwrap().item(), Some(Scalar::Int(3)));
    let e = trace(&ints(&[2], vec![1, 2]), 0).unwrap_err();
    assert_eq!(e.message, "diag requires an array of at least two dimensions");
}

#[test]
fn medians_and_percentiles() {
    assert_eq!(f(&median(&floats(&[4], vec![2.5, -1.0, 0.5, 10.0]), None, false).unwrap()), 1.5);
    let m = ints(&[2, 3], vec![1, 5, 3, 4, 2, 6]);
    assert_eq!(fv(&median(&m, Some(&[0]), false).unwrap()), vec![2.5, 3.5, 4.5]);
    assert_eq!(median(&m, Some(&[1]), true).unwrap().shape(), &[2, 1]);
    let q = floats(&[], vec![33.0]);
    assert_eq!(f(&percentile(&ints(&[10], (0..10).collect()), &q, None, false).unwrap()), 2.97);
    let q2 = floats(&[2], vec![40.0, 30.0]);
    let p = percentile(&ints(&[5], vec![15, 20, 35, 40, 50]), &q2, None, false).unwrap();
    assert_eq!(fv(&p), vec![29.0, 23.0]);
    let m = ints(&[2, 3], vec![10, 7, 4, 3, 2, 1]);
    let q3 = floats(&[2], vec![25.0, 75.0]);
    let p = percentile(&m, &q3, Some(&[1]), false).unwrap();
    assert_eq!((p.shape().to_vec(), fv(&p)), (vec![2, 2], vec![5.5, 1.5, 8.5, 2.5]));
    let bad = percentile(&m, &floats(&[], vec![101.0]), None, false).unwrap_err();
    assert_eq!(bad.message, "Percentiles must be in the range [0, 100]");
    let bad = quantile(&m, &floats(&[], vec![1.5]), None, false).unwrap_err();
    assert_eq!(bad.message, "Quantiles must be in the range [0, 1]");
    let bad = percentile(&floats(&[0], vec![]), &q, None, false).unwrap_err();
    assert_eq!(bad.kind, ErrorKind::Index);
    assert!(f(&percentile(&floats(&[2], vec![1.0, f64::INFINITY]), &floats(&[], vec![50.0]), None, false).unwrap())
        .is_nan());
}

#[test]
fn weighted_averages() {
    let (avg, scl) = average(&ints(&[4], vec![1, 2, 3, 4]), None, Some(&ints(&[4], vec![4, 3, 2, 1])), false).unwrap();
    assert_eq!((f(&avg), f(&scl)), (2.0, 10.0));
    let m = floats(&[2, 2], vec![1.0, 2.0, 3.0, 4.0]);
    let (avg, _) = average(&m, Some(&[0]), Some(&ints(&[2], vec![3, 1])), false).unwrap();
    assert_eq!(fv(&avg), vec![1.5, 2.5]);
    let e = average(&m, None, Some(&ints(&[2], vec![1, 2])), false).unwrap_err();
    assert_eq!(
        (e.kind, e.message.as_str()),
        (ErrorKind::Type, "Axis must be specified when shapes of a and weights differ.")
    );
    let e = average(&m, Some(&[0]), Some(&ints(&[3], vec![1, 2, 3])), false).unwrap_err();
    assert_eq!(e.message, "Shape of weights must be consistent with shape of a along specified axis.");
    let e = average(&ints(&[2], vec![1, 2]), None, Some(&ints(&[2], vec![1, -1])), false).unwrap_err();
    assert_eq!((e.kind, e.message.as_str()), (ErrorKind::ZeroDivision, "Weights sum to zero, can't be normalized"));
}

#[test]
fn covariance_and_correlation() {
    let x = ints(&[2, 4], vec![1, 2, 3, 4, 2, 4, 6, 9]);
    assert_eq!(
        fv(&cov(&x, None, true, false, None).unwrap()),
        vec![1.6666666666666665, 3.833333333333333, 3.833333333333333, 8.916666666666666]
    );
    assert_eq!(fv(&corrcoef(&x, None, true).unwrap()), vec![1.0, 0.994376712684369, 0.9943767126843689, 1.0]);
    let d = floats(&[3, 2], vec![1.0, 2.0, 3.0, 4.0, 5.0, 7.0]);
    assert_eq!(fv(&cov(&d, None, false, false, None).unwrap()), vec![4.0, 5.0, 5.0, 6.333333333333333]);
    let dt = manip::transpose(&d, None).unwrap();
    assert_eq!(
        fv(&cov(&dt, None, true, false, Some(0)).unwrap()),
        vec![2.6666666666666665, 3.333333333333333, 3.333333333333333, 4.222222222222221]
    );
    let one = cov(&ints(&[3], vec![1, 2, 3]), None, true, true, None).unwrap();
    assert_eq!((one.ndim(), f(&one)), (0, 0.6666666666666666));
    assert_eq!(cov(&floats(&[0, 3], vec![]), None, true, false, None).unwrap().shape(), &[0, 0]);
    let e = cov(&floats(&[2, 2, 2], vec![0.0; 8]), None, true, false, None).unwrap_err();
    assert_eq!(e.message, "m has more than 2 dimensions");
}

#[test]
fn complex_means_divide_as_numpy() {
    let z: Vec<num_complex::Complex64> =
        (0..10).map(|k| num_complex::Complex64::new(0.1 * k as f64, 0.3 - 0.07 * k as f64)).collect();
    let a = NdArray::Complex(Array::from_slice(&z));
    let m = mean(&a, None, false).unwrap().item().unwrap().to_c64();
    // NumPy divides by (n + 0j): each part is multiplied by 1/n.
    assert_eq!(m, num_complex::Complex64::new(0.45, -0.015000000000000048));
}
