//! Unit tests of number formats. Every expected string below was printed by NumPy
//! 2.4 (`str(a)` and `repr(a)`); generated, with the NumPy expression as
//! the comment above each check.

use super::*;
pub(super) use std::f64::consts::{E, PI};

pub(super) const NAN: f64 = f64::NAN;
pub(super) const INF: f64 = f64::INFINITY;

pub(super) fn c(re: f64, im: f64) -> Complex64 {
    Complex64::new(re, im)
}

/// The default options.
pub(super) fn d() -> &'static PrintOptions {
    static DEFAULT: std::sync::OnceLock<PrintOptions> = std::sync::OnceLock::new();
    DEFAULT.get_or_init(PrintOptions::default)
}

/// Asserts both `array_str` and `array_repr`.
pub(super) fn check(elems: Elems, shape: &[usize], opts: &PrintOptions, want_str: &str, want_repr: &str) {
    assert_eq!(array_str(elems, shape, opts), want_str, "str, shape {shape:?}");
    assert_eq!(array_repr(elems, shape, opts), want_repr, "repr, shape {shape:?}");
}

#[test]
fn bool_arrays() {
    // np.array([True, False, True])
    check(Elems::Bool(&[true, false, true]), &[3], d(), "[ True False  True]", "array([ True, False,  True])");
    // np.array([[True, False], [False, True]])
    check(
        Elems::Bool(&[true, false, false, true]),
        &[2, 2],
        d(),
        "[[ True False]\n [False  True]]",
        "array([[ True, False],\n       [False,  True]])",
    );
    // np.array([False])
    check(Elems::Bool(&[false]), &[1], d(), "[False]", "array([False])");
    // np.array([True, True])
    check(Elems::Bool(&[true, true]), &[2], d(), "[ True  True]", "array([ True,  True])");
    // np.array(True)
    check(Elems::Bool(&[true]), &[], d(), "True", "array(True)");
    // np.array(False)
    check(Elems::Bool(&[false]), &[], d(), "False", "array(False)");
    // np.ones(30) > 0
    check(Elems::Bool(&[true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true]), &[30], d(), "[ True  True  True  True  True  True  True  True  True  True  True  True\n  True  True  True  True  True  True  True  True  True  True  True  True\n  True  True  True  True  True  True]", "array([ True,  True,  True,  True,  True,  True,  True,  True,  True,\n        True,  True,  True,  True,  True,  True,  True,  True,  True,\n        True,  True,  True,  True,  True,  True,  True,  True,  True,\n        True,  True,  True])");
}

#[test]
fn int_arrays() {
    // np.array([1, 2, 3])
    check(Elems::Int(&[1, 2, 3]), &[3], d(), "[1 2 3]", "array([1, 2, 3])");
    // np.array([-1, 20, -300])
    check(Elems::Int(&[-1, 20, -300]), &[3], d(), "[  -1   20 -300]", "array([  -1,   20, -300])");
    // np.array([[1, 2, 3], [40, 50, 60]])
    check(
        Elems::Int(&[1, 2, 3, 40, 50, 60]),
        &[2, 3],
        d(),
        "[[ 1  2  3]\n [40 50 60]]",
        "array([[ 1,  2,  3],\n       [40, 50, 60]])",
    );
    // np.array([[-5, 10], [100, -1000]])
    check(
        Elems::Int(&[-5, 10, 100, -1000]),
        &[2, 2],
        d(),
        "[[   -5    10]\n [  100 -1000]]",
        "array([[   -5,    10],\n       [  100, -1000]])",
    );
    // np.array([0])
    check(Elems::Int(&[0]), &[1], d(), "[0]", "array([0])");
    // np.array([123456789012, -1, 0])
    check(
        Elems::Int(&[123456789012, -1, 0]),
        &[3],
        d(),
        "[123456789012           -1            0]",
        "array([123456789012,           -1,            0])",
    );
    // np.array([-9223372036854775808, 9223372036854775807])
    check(
        Elems::Int(&[-9223372036854775808, 9223372036854775807]),
        &[2],
        d(),
        "[-9223372036854775808  9223372036854775807]",
        "array([-9223372036854775808,  9223372036854775807])",
    );
    // np.array(7)
    check(Elems::Int(&[7]), &[], d(), "7", "array(7)");
    // np.array(-3)
    check(Elems::Int(&[-3]), &[], d(), "-3", "array(-3)");
    // np.arange(12).reshape(3, 4) - 6
    check(
        Elems::Int(&[-6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5]),
        &[3, 4],
        d(),
        "[[-6 -5 -4 -3]\n [-2 -1  0  1]\n [ 2  3  4  5]]",
        "array([[-6, -5, -4, -3],\n       [-2, -1,  0,  1],\n       [ 2,  3,  4,  5]])",
    );
    // np.arange(26) - 13
    check(Elems::Int(&[-13, -12, -11, -10, -9, -8, -7, -6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), &[26], d(), "[-13 -12 -11 -10  -9  -8  -7  -6  -5  -4  -3  -2  -1   0   1   2   3   4\n   5   6   7   8   9  10  11  12]", "array([-13, -12, -11, -10,  -9,  -8,  -7,  -6,  -5,  -4,  -3,  -2,  -1,\n         0,   1,   2,   3,   4,   5,   6,   7,   8,   9,  10,  11,  12])");
}

#[test]
fn float_positional() {
    // np.array([1.5, 2.0, 3.25])
    check(Elems::Float(&[1.5, 2.0, 3.25]), &[3], d(), "[1.5  2.   3.25]", "array([1.5 , 2.  , 3.25])");
    // np.array([0.1, 0.25, 0.125])
    check(Elems::Float(&[0.1, 0.25, 0.125]), &[3], d(), "[0.1   0.25  0.125]", "array([0.1  , 0.25 , 0.125])");
    // np.array([[1.5, 2.0], [10.25, -3.0]])
    check(
        Elems::Float(&[1.5, 2.0, 10.25, -3.0]),
        &[2, 2],
        d(),
        "[[ 1.5   2.  ]\n [10.25 -3.  ]]",
        "array([[ 1.5 ,  2.  ],\n       [10.25, -3.  ]])",
    );
    // np.array([0.5, 100.0])
    check(Elems::Float(&[0.5, 100.0]), &[2], d(), "[  0.5 100. ]", "array([  0.5, 100. ])");
    // np.array([1.1, 22.22, 333.333])
    check(
        Elems::Float(&[1.1, 22.22, 333.333]),
        &[3],
        d(),
        "[  1.1    22.22  333.333]",
        "array([  1.1  ,  22.22 , 333.333])",
    );
    // np.array([-1.5, 2.0, -0.001])
    check(
        Elems::Float(&[-1.5, 2.0, -0.001]),
        &[3],
        d(),
        "[-1.5e+00  2.0e+00 -1.0e-03]",
        "array([-1.5e+00,  2.0e+00, -1.0e-03])",
    );
    // np.array([1 / 3, 2 / 3])
    check(
        Elems::Float(&[0.3333333333333333, 0.6666666666666666]),
        &[2],
        d(),
        "[0.33333333 0.66666667]",
        "array([0.33333333, 0.66666667])",
    );
    // np.array([np.pi, np.e])
    check(Elems::Float(&[PI, E]), &[2], d(), "[3.14159265 2.71828183]", "array([3.14159265, 2.71828183])");
    // np.array([0.1, 0.123456789])
    check(Elems::Float(&[0.1, 0.123456789]), &[2], d(), "[0.1        0.12345679]", "array([0.1       , 0.12345679])");
    // np.array([0.1 + 0.2])
    check(Elems::Float(&[0.30000000000000004]), &[1], d(), "[0.3]", "array([0.3])");
    // np.array([1.000000001, 2.0])
    check(Elems::Float(&[1.000000001, 2.0]), &[2], d(), "[1. 2.]", "array([1., 2.])");
    // np.array([1.23456789012, 123.456])
    check(
        Elems::Float(&[1.23456789012, 123.456]),
        &[2],
        d(),
        "[  1.23456789 123.456     ]",
        "array([  1.23456789, 123.456     ])",
    );
    // np.array([0.99999999999])
    check(Elems::Float(&[0.99999999999]), &[1], d(), "[1.]", "array([1.])");
    // np.array([[1 / 7, 1.0], [2.0, 1 / 9]])
    check(
        Elems::Float(&[0.14285714285714285, 1.0, 2.0, 0.1111111111111111]),
        &[2, 2],
        d(),
        "[[0.14285714 1.        ]\n [2.         0.11111111]]",
        "array([[0.14285714, 1.        ],\n       [2.        , 0.11111111]])",
    );
    // np.array([0.10000000049])
    check(Elems::Float(&[0.10000000049]), &[1], d(), "[0.1]", "array([0.1])");
    // np.array([0.125, 0.375])
    check(Elems::Float(&[0.125, 0.375]), &[2], d(), "[0.125 0.375]", "array([0.125, 0.375])");
}

#[test]
fn float_whole() {
    // np.array([1.0, 2.0, 3.0])
    check(Elems::Float(&[1.0, 2.0, 3.0]), &[3], d(), "[1. 2. 3.]", "array([1., 2., 3.])");
    // np.array([[1.0, -2.0], [30.0, 4.0]])
    check(
        Elems::Float(&[1.0, -2.0, 30.0, 4.0]),
        &[2, 2],
        d(),
        "[[ 1. -2.]\n [30.  4.]]",
        "array([[ 1., -2.],\n       [30.,  4.]])",
    );
    // np.array([-0.0, 0.0, 1.0])
    check(Elems::Float(&[-0.0, 0.0, 1.0]), &[3], d(), "[-0.  0.  1.]", "array([-0.,  0.,  1.])");
    // np.array([100.0, 2.0])
    check(Elems::Float(&[100.0, 2.0]), &[2], d(), "[100.   2.]", "array([100.,   2.])");
    // np.array([0.0, 0.0])
    check(Elems::Float(&[0.0, 0.0]), &[2], d(), "[0. 0.]", "array([0., 0.])");
    // np.array([-0.0])
    check(Elems::Float(&[-0.0]), &[1], d(), "[-0.]", "array([-0.])");
}

#[test]
fn float_scientific() {
    // np.array([99999999.0])
    check(Elems::Float(&[99999999.0]), &[1], d(), "[99999999.]", "array([99999999.])");
    // np.array([100000000.0])
    check(Elems::Float(&[100000000.0]), &[1], d(), "[1.e+08]", "array([1.e+08])");
    // np.array([123456789.0, 1.0])
    check(
        Elems::Float(&[123456789.0, 1.0]),
        &[2],
        d(),
        "[1.23456789e+08 1.00000000e+00]",
        "array([1.23456789e+08, 1.00000000e+00])",
    );
    // np.array([1e16, 1.0])
    check(Elems::Float(&[1e+16, 1.0]), &[2], d(), "[1.e+16 1.e+00]", "array([1.e+16, 1.e+00])");
    // np.array([-2.5e10, 3.0e9])
    check(
        Elems::Float(&[-25000000000.0, 3000000000.0]),
        &[2],
        d(),
        "[-2.5e+10  3.0e+09]",
        "array([-2.5e+10,  3.0e+09])",
    );
    // np.array([1e300, -1e-300])
    check(Elems::Float(&[1e+300, -1e-300]), &[2], d(), "[ 1.e+300 -1.e-300]", "array([ 1.e+300, -1.e-300])");
    // np.array([6.02214076e23])
    check(Elems::Float(&[6.02214076e+23]), &[1], d(), "[6.02214076e+23]", "array([6.02214076e+23])");
    // np.array([1e-5, 1.0, 1000.0])
    check(Elems::Float(&[1e-05, 1.0, 1000.0]), &[3], d(), "[1.e-05 1.e+00 1.e+03]", "array([1.e-05, 1.e+00, 1.e+03])");
    // np.array([1.0, 1000.0])
    check(Elems::Float(&[1.0, 1000.0]), &[2], d(), "[   1. 1000.]", "array([   1., 1000.])");
    // np.array([1.0, 1001.0])
    check(Elems::Float(&[1.0, 1001.0]), &[2], d(), "[1.000e+00 1.001e+03]", "array([1.000e+00, 1.001e+03])");
    // np.array([1.5, 1500.0])
    check(Elems::Float(&[1.5, 1500.0]), &[2], d(), "[   1.5 1500. ]", "array([   1.5, 1500. ])");
    // np.array([0.0, 1.0, 1000.0])
    check(Elems::Float(&[0.0, 1.0, 1000.0]), &[3], d(), "[   0.    1. 1000.]", "array([   0.,    1., 1000.])");
    // np.array([0.001, 2.0])
    check(Elems::Float(&[0.001, 2.0]), &[2], d(), "[1.e-03 2.e+00]", "array([1.e-03, 2.e+00])");
    // np.array([[1.0, 2.0], [3.0, 5000.0]])
    check(
        Elems::Float(&[1.0, 2.0, 3.0, 5000.0]),
        &[2, 2],
        d(),
        "[[1.e+00 2.e+00]\n [3.e+00 5.e+03]]",
        "array([[1.e+00, 2.e+00],\n       [3.e+00, 5.e+03]])",
    );
    // np.array([0.0001])
    check(Elems::Float(&[0.0001]), &[1], d(), "[0.0001]", "array([0.0001])");
    // np.array([0.00009])
    check(Elems::Float(&[9e-05]), &[1], d(), "[9.e-05]", "array([9.e-05])");
    // np.array([1e-10, 0.0])
    check(Elems::Float(&[1e-10, 0.0]), &[2], d(), "[1.e-10 0.e+00]", "array([1.e-10, 0.e+00])");
    // np.array([0.0001, 0.5])
    check(Elems::Float(&[0.0001, 0.5]), &[2], d(), "[1.e-04 5.e-01]", "array([1.e-04, 5.e-01])");
    // np.array([5e-324, 1.0])
    check(Elems::Float(&[5e-324, 1.0]), &[2], d(), "[5.e-324 1.e+000]", "array([5.e-324, 1.e+000])");
    // np.array([1.5e-8, -2.25e-7])
    check(Elems::Float(&[1.5e-08, -2.25e-07]), &[2], d(), "[ 1.50e-08 -2.25e-07]", "array([ 1.50e-08, -2.25e-07])");
    // np.array([1234567.0, 0.5])
    check(
        Elems::Float(&[1234567.0, 0.5]),
        &[2],
        d(),
        "[1.234567e+06 5.000000e-01]",
        "array([1.234567e+06, 5.000000e-01])",
    );
    // np.array([12345678.0, 0.5])
    check(
        Elems::Float(&[12345678.0, 0.5]),
        &[2],
        d(),
        "[1.2345678e+07 5.0000000e-01]",
        "array([1.2345678e+07, 5.0000000e-01])",
    );
    // np.array([99999.5, 0.25])
    check(Elems::Float(&[99999.5, 0.25]), &[2], d(), "[9.99995e+04 2.50000e-01]", "array([9.99995e+04, 2.50000e-01])");
    // np.array([2.0 ** 52, 1.0])
    check(
        Elems::Float(&[4503599627370496.0, 1.0]),
        &[2],
        d(),
        "[4.50359963e+15 1.00000000e+00]",
        "array([4.50359963e+15, 1.00000000e+00])",
    );
    // np.array([-1e-5, 1.0])
    check(Elems::Float(&[-1e-05, 1.0]), &[2], d(), "[-1.e-05  1.e+00]", "array([-1.e-05,  1.e+00])");
    // np.array([1.7976931348623157e308, 2.0 ** -1074])
    check(
        Elems::Float(&[1.7976931348623157e+308, 5e-324]),
        &[2],
        d(),
        "[1.79769313e+308 4.94065646e-324]",
        "array([1.79769313e+308, 4.94065646e-324])",
    );
    // np.array([2.0 ** -25, 1e20])
    check(
        Elems::Float(&[2.9802322387695312e-08, 1e+20]),
        &[2],
        d(),
        "[2.98023224e-08 1.00000000e+20]",
        "array([2.98023224e-08, 1.00000000e+20])",
    );
}
