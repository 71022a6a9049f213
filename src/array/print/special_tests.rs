//! Unit tests of special values, 0-d and empty arrays, float modes. Every expected string below was printed by NumPy
//! 2.4 (`str(a)` and `repr(a)`); generated, with the NumPy expression as
//! the comment above each check.

use super::tests::*;
use super::*;

#[test]
fn nan_inf() {
    // np.array([np.nan, np.inf, -np.inf, 1.0])
    check(Elems::Float(&[NAN, INF, -INF, 1.0]), &[4], d(), "[ nan  inf -inf   1.]", "array([ nan,  inf, -inf,   1.])");
    // np.array([np.nan])
    check(Elems::Float(&[NAN]), &[1], d(), "[nan]", "array([nan])");
    // np.array([np.inf, 2.5])
    check(Elems::Float(&[INF, 2.5]), &[2], d(), "[inf 2.5]", "array([inf, 2.5])");
    // np.array([[np.nan, 1.0], [2.0, -np.inf]])
    check(
        Elems::Float(&[NAN, 1.0, 2.0, -INF]),
        &[2, 2],
        d(),
        "[[ nan   1.]\n [  2. -inf]]",
        "array([[ nan,   1.],\n       [  2., -inf]])",
    );
    // np.array([np.nan, 1.5, 1e-6])
    check(
        Elems::Float(&[NAN, 1.5, 1e-06]),
        &[3],
        d(),
        "[    nan 1.5e+00 1.0e-06]",
        "array([    nan, 1.5e+00, 1.0e-06])",
    );
    // np.array([np.inf, 1e10])
    check(Elems::Float(&[INF, 10000000000.0]), &[2], d(), "[   inf 1.e+10]", "array([   inf, 1.e+10])");
    // np.array([0.0, np.nan])
    check(Elems::Float(&[0.0, NAN]), &[2], d(), "[ 0. nan]", "array([ 0., nan])");
    // np.array([-np.inf])
    check(Elems::Float(&[-INF]), &[1], d(), "[-inf]", "array([-inf])");
    // np.array([np.nan, -np.inf])
    check(Elems::Float(&[NAN, -INF]), &[2], d(), "[ nan -inf]", "array([ nan, -inf])");
    // np.array([-np.nan, 1.0])
    check(Elems::Float(&[NAN, 1.0]), &[2], d(), "[nan  1.]", "array([nan,  1.])");
}

#[test]
fn zero_d() {
    // np.array(3.0)
    check(Elems::Float(&[3.0]), &[], d(), "3.0", "array(3.)");
    // np.array(2.5)
    check(Elems::Float(&[2.5]), &[], d(), "2.5", "array(2.5)");
    // np.array(0.1 + 0.2)
    check(Elems::Float(&[0.30000000000000004]), &[], d(), "0.30000000000000004", "array(0.3)");
    // np.array(1 / 3)
    check(Elems::Float(&[0.3333333333333333]), &[], d(), "0.3333333333333333", "array(0.33333333)");
    // np.array(1e16)
    check(Elems::Float(&[1e+16]), &[], d(), "1e+16", "array(1.e+16)");
    // np.array(1e15)
    check(Elems::Float(&[1000000000000000.0]), &[], d(), "1000000000000000.0", "array(1.e+15)");
    // np.array(1e-5)
    check(Elems::Float(&[1e-05]), &[], d(), "1e-05", "array(1.e-05)");
    // np.array(-0.0)
    check(Elems::Float(&[-0.0]), &[], d(), "-0.0", "array(-0.)");
    // np.array(np.nan)
    check(Elems::Float(&[NAN]), &[], d(), "nan", "array(nan)");
    // np.array(-np.inf)
    check(Elems::Float(&[-INF]), &[], d(), "-inf", "array(-inf)");
    // np.array(5e-324)
    check(Elems::Float(&[5e-324]), &[], d(), "5e-324", "array(5.e-324)");
    // np.array(123456789012345678.0)
    check(Elems::Float(&[1.2345678901234568e+17]), &[], d(), "1.2345678901234568e+17", "array(1.23456789e+17)");
    // np.array(1 + 2j)
    check(Elems::Complex(&[c(1.0, 2.0)]), &[], d(), "(1+2j)", "array(1.+2.j)");
    // np.array(1j)
    check(Elems::Complex(&[c(0.0, 1.0)]), &[], d(), "1j", "array(0.+1.j)");
    // np.array(-1j)
    check(Elems::Complex(&[c(-0.0, -1.0)]), &[], d(), "(-0-1j)", "array(-0.-1.j)");
    // np.array(complex(-0.0, -1))
    check(Elems::Complex(&[c(-0.0, -1.0)]), &[], d(), "(-0-1j)", "array(-0.-1.j)");
    // np.array(complex(np.nan, -np.nan))
    check(Elems::Complex(&[c(NAN, NAN)]), &[], d(), "(nan+nanj)", "array(nan+nanj)");
    // np.array(complex(1e16, 1e-5))
    check(Elems::Complex(&[c(1e+16, 1e-05)]), &[], d(), "(1e+16+1e-05j)", "array(1.e+16+1.e-05j)");
    // np.array(complex(np.inf, 0))
    check(Elems::Complex(&[c(INF, 0.0)]), &[], d(), "(inf+0j)", "array(inf+0.j)");
    // np.array(0j)
    check(Elems::Complex(&[c(0.0, 0.0)]), &[], d(), "0j", "array(0.+0.j)");
    // np.array(1 / 3) with precision=3
    check(
        Elems::Float(&[0.3333333333333333]),
        &[],
        &PrintOptions { precision: 3, ..PrintOptions::default() },
        "0.3333333333333333",
        "array(0.333)",
    );
    // np.array(5) with threshold=0
    check(Elems::Int(&[5]), &[], &PrintOptions { threshold: 0, ..PrintOptions::default() }, "5", "array(5, shape=())");
}

#[test]
fn complex_arrays() {
    // np.array([1 + 2j, 3 - 4j])
    check(Elems::Complex(&[c(1.0, 2.0), c(3.0, -4.0)]), &[2], d(), "[1.+2.j 3.-4.j]", "array([1.+2.j, 3.-4.j])");
    // np.array([1.5 + 2j, -3 - 0.25j])
    check(
        Elems::Complex(&[c(1.5, 2.0), c(-3.0, -0.25)]),
        &[2],
        d(),
        "[ 1.5+2.j   -3. -0.25j]",
        "array([ 1.5+2.j  , -3. -0.25j])",
    );
    // np.array([1j, 2 + 0j])
    check(Elems::Complex(&[c(0.0, 1.0), c(2.0, 0.0)]), &[2], d(), "[0.+1.j 2.+0.j]", "array([0.+1.j, 2.+0.j])");
    // np.array([-1j])
    check(Elems::Complex(&[c(-0.0, -1.0)]), &[1], d(), "[-0.-1.j]", "array([-0.-1.j])");
    // np.array([complex(0, -1)])
    check(Elems::Complex(&[c(0.0, -1.0)]), &[1], d(), "[0.-1.j]", "array([0.-1.j])");
    // np.array([[1 + 1j, 2], [3, 4 - 1j]])
    check(
        Elems::Complex(&[c(1.0, 1.0), c(2.0, 0.0), c(3.0, 0.0), c(4.0, -1.0)]),
        &[2, 2],
        d(),
        "[[1.+1.j 2.+0.j]\n [3.+0.j 4.-1.j]]",
        "array([[1.+1.j, 2.+0.j],\n       [3.+0.j, 4.-1.j]])",
    );
    // np.array([1e-5 + 1j, 1e3])
    check(
        Elems::Complex(&[c(1e-05, 1.0), c(1000.0, 0.0)]),
        &[2],
        d(),
        "[1.e-05+1.j 1.e+03+0.j]",
        "array([1.e-05+1.j, 1.e+03+0.j])",
    );
    // np.array([complex(np.nan, 1), complex(1, np.inf), complex(-np.inf, -np.nan)])
    check(
        Elems::Complex(&[c(NAN, 1.0), c(1.0, INF), c(-INF, NAN)]),
        &[3],
        d(),
        "[ nan +1.j   1.+infj -inf+nanj]",
        "array([ nan +1.j,   1.+infj, -inf+nanj])",
    );
    // np.array([1 / 3 + 1e-9j, 1e5j])
    check(
        Elems::Complex(&[c(0.3333333333333333, 1e-09), c(0.0, 100000.0)]),
        &[2],
        d(),
        "[0.33333333+1.e-09j 0.        +1.e+05j]",
        "array([0.33333333+1.e-09j, 0.        +1.e+05j])",
    );
    // np.array([complex(1, -0.0)])
    check(Elems::Complex(&[c(1.0, -0.0)]), &[1], d(), "[1.-0.j]", "array([1.-0.j])");
    // np.arange(12).reshape(3, 4) * (1 + 0.5j)
    check(Elems::Complex(&[c(0.0, 0.0), c(1.0, 0.5), c(2.0, 1.0), c(3.0, 1.5), c(4.0, 2.0), c(5.0, 2.5), c(6.0, 3.0), c(7.0, 3.5), c(8.0, 4.0), c(9.0, 4.5), c(10.0, 5.0), c(11.0, 5.5)]), &[3, 4], d(), "[[ 0.+0.j   1.+0.5j  2.+1.j   3.+1.5j]\n [ 4.+2.j   5.+2.5j  6.+3.j   7.+3.5j]\n [ 8.+4.j   9.+4.5j 10.+5.j  11.+5.5j]]", "array([[ 0.+0.j ,  1.+0.5j,  2.+1.j ,  3.+1.5j],\n       [ 4.+2.j ,  5.+2.5j,  6.+3.j ,  7.+3.5j],\n       [ 8.+4.j ,  9.+4.5j, 10.+5.j , 11.+5.5j]])");
}

#[test]
fn empty_arrays() {
    // np.array([])
    check(Elems::Float(&[]), &[0], d(), "[]", "array([], dtype=float64)");
    // np.array([], dtype=int)
    check(Elems::Int(&[]), &[0], d(), "[]", "array([], dtype=int64)");
    // np.zeros((0, 3))
    check(Elems::Float(&[]), &[0, 3], d(), "[]", "array([], shape=(0, 3), dtype=float64)");
    // np.zeros((2, 0), dtype=int)
    check(Elems::Int(&[]), &[2, 0], d(), "[]", "array([], shape=(2, 0), dtype=int64)");
    // np.array([], dtype=bool)
    check(Elems::Bool(&[]), &[0], d(), "[]", "array([], dtype=bool)");
    // np.array([], dtype=complex)
    check(Elems::Complex(&[]), &[0], d(), "[]", "array([], dtype=complex128)");
    // np.zeros((1, 0, 3))
    check(Elems::Float(&[]), &[1, 0, 3], d(), "[]", "array([], shape=(1, 0, 3), dtype=float64)");
    // np.zeros((3, 0, 0), dtype=complex)
    check(Elems::Complex(&[]), &[3, 0, 0], d(), "[]", "array([], shape=(3, 0, 0), dtype=complex128)");
    // np.zeros((0, 30000)) with linewidth=30
    check(
        Elems::Float(&[]),
        &[0, 30000],
        &PrintOptions { linewidth: 30, ..PrintOptions::default() },
        "[]",
        "array([],\n      shape=(0, 30000), dtype=float64)",
    );
}

#[test]
fn floatmodes() {
    // np.array([0.1, 0.125, 1 / 3, 2.0]) with floatmode='fixed'
    check(
        Elems::Float(&[0.1, 0.125, 0.3333333333333333, 2.0]),
        &[4],
        &PrintOptions { floatmode: FloatMode::Fixed, ..PrintOptions::default() },
        "[0.10000000 0.12500000 0.33333333 2.00000000]",
        "array([0.10000000, 0.12500000, 0.33333333, 2.00000000])",
    );
    // np.array([1e-5, 1.5, 2.0]) with floatmode='fixed'
    check(
        Elems::Float(&[1e-05, 1.5, 2.0]),
        &[3],
        &PrintOptions { floatmode: FloatMode::Fixed, ..PrintOptions::default() },
        "[1.00000000e-05 1.50000000e+00 2.00000000e+00]",
        "array([1.00000000e-05, 1.50000000e+00, 2.00000000e+00])",
    );
    // np.array([1.0, 2.0]) with floatmode='fixed'
    check(
        Elems::Float(&[1.0, 2.0]),
        &[2],
        &PrintOptions { floatmode: FloatMode::Fixed, ..PrintOptions::default() },
        "[1.00000000 2.00000000]",
        "array([1.00000000, 2.00000000])",
    );
    // np.array([np.nan, 1.0]) with floatmode='fixed'
    check(
        Elems::Float(&[NAN, 1.0]),
        &[2],
        &PrintOptions { floatmode: FloatMode::Fixed, ..PrintOptions::default() },
        "[       nan 1.00000000]",
        "array([       nan, 1.00000000])",
    );
    // np.array([1 / 3 + 2j, 0.5 - 1j]) with floatmode='fixed'
    check(
        Elems::Complex(&[c(0.3333333333333333, 2.0), c(0.5, -1.0)]),
        &[2],
        &PrintOptions { floatmode: FloatMode::Fixed, ..PrintOptions::default() },
        "[0.33333333+2.00000000j 0.50000000-1.00000000j]",
        "array([0.33333333+2.00000000j, 0.50000000-1.00000000j])",
    );
    // np.array([0.1, 0.125, 1 / 3, 2.0]) with floatmode='unique'
    check(
        Elems::Float(&[0.1, 0.125, 0.3333333333333333, 2.0]),
        &[4],
        &PrintOptions { floatmode: FloatMode::Unique, ..PrintOptions::default() },
        "[0.1                0.125              0.3333333333333333\n 2.                ]",
        "array([0.1               , 0.125             , 0.3333333333333333,\n       2.                ])",
    );
    // np.array([1e-5, 1.5, 2.0]) with floatmode='unique'
    check(
        Elems::Float(&[1e-05, 1.5, 2.0]),
        &[3],
        &PrintOptions { floatmode: FloatMode::Unique, ..PrintOptions::default() },
        "[1.0e-05 1.5e+00 2.0e+00]",
        "array([1.0e-05, 1.5e+00, 2.0e+00])",
    );
    // np.array([1.0, 2.0]) with floatmode='unique'
    check(
        Elems::Float(&[1.0, 2.0]),
        &[2],
        &PrintOptions { floatmode: FloatMode::Unique, ..PrintOptions::default() },
        "[1. 2.]",
        "array([1., 2.])",
    );
    // np.array([np.nan, 1.0]) with floatmode='unique'
    check(
        Elems::Float(&[NAN, 1.0]),
        &[2],
        &PrintOptions { floatmode: FloatMode::Unique, ..PrintOptions::default() },
        "[nan  1.]",
        "array([nan,  1.])",
    );
    // np.array([1 / 3 + 2j, 0.5 - 1j]) with floatmode='unique'
    check(
        Elems::Complex(&[c(0.3333333333333333, 2.0), c(0.5, -1.0)]),
        &[2],
        &PrintOptions { floatmode: FloatMode::Unique, ..PrintOptions::default() },
        "[0.3333333333333333+2.j 0.5               -1.j]",
        "array([0.3333333333333333+2.j, 0.5               -1.j])",
    );
    // np.array([0.1, 0.125, 1 / 3, 2.0]) with floatmode='maxprec_equal'
    check(
        Elems::Float(&[0.1, 0.125, 0.3333333333333333, 2.0]),
        &[4],
        &PrintOptions { floatmode: FloatMode::MaxPrecEqual, ..PrintOptions::default() },
        "[0.10000000 0.12500000 0.33333333 2.00000000]",
        "array([0.10000000, 0.12500000, 0.33333333, 2.00000000])",
    );
    // np.array([1e-5, 1.5, 2.0]) with floatmode='maxprec_equal'
    check(
        Elems::Float(&[1e-05, 1.5, 2.0]),
        &[3],
        &PrintOptions { floatmode: FloatMode::MaxPrecEqual, ..PrintOptions::default() },
        "[1.0e-05 1.5e+00 2.0e+00]",
        "array([1.0e-05, 1.5e+00, 2.0e+00])",
    );
    // np.array([1.0, 2.0]) with floatmode='maxprec_equal'
    check(
        Elems::Float(&[1.0, 2.0]),
        &[2],
        &PrintOptions { floatmode: FloatMode::MaxPrecEqual, ..PrintOptions::default() },
        "[1. 2.]",
        "array([1., 2.])",
    );
    // np.array([np.nan, 1.0]) with floatmode='maxprec_equal'
    check(
        Elems::Float(&[NAN, 1.0]),
        &[2],
        &PrintOptions { floatmode: FloatMode::MaxPrecEqual, ..PrintOptions::default() },
        "[nan  1.]",
        "array([nan,  1.])",
    );
    // np.array([1 / 3 + 2j, 0.5 - 1j]) with floatmode='maxprec_equal'
    check(
        Elems::Complex(&[c(0.3333333333333333, 2.0), c(0.5, -1.0)]),
        &[2],
        &PrintOptions { floatmode: FloatMode::MaxPrecEqual, ..PrintOptions::default() },
        "[0.33333333+2.j 0.50000000-1.j]",
        "array([0.33333333+2.j, 0.50000000-1.j])",
    );
    // np.array([0.3, 0.125]) with floatmode='maxprec_equal', precision=20
    check(
        Elems::Float(&[0.3, 0.125]),
        &[2],
        &PrintOptions { precision: 20, floatmode: FloatMode::MaxPrecEqual, ..PrintOptions::default() },
        "[0.300 0.125]",
        "array([0.300, 0.125])",
    );
    // np.array([1 / 3, 1e-20]) with floatmode='maxprec_equal', precision=20
    check(
        Elems::Float(&[0.3333333333333333, 1e-20]),
        &[2],
        &PrintOptions { precision: 20, floatmode: FloatMode::MaxPrecEqual, ..PrintOptions::default() },
        "[3.333333333333333e-01 9.999999999999999e-21]",
        "array([3.333333333333333e-01, 9.999999999999999e-21])",
    );
    // np.array([5e-324, 1.0]) with floatmode='maxprec_equal'
    check(
        Elems::Float(&[5e-324, 1.0]),
        &[2],
        &PrintOptions { floatmode: FloatMode::MaxPrecEqual, ..PrintOptions::default() },
        "[5.e-324 1.e+000]",
        "array([5.e-324, 1.e+000])",
    );
}
