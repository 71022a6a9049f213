//! Hand-written tests: scalar reprs (expected strings from CPython 3.11 /
//! NumPy 2.4) and robustness on inputs NumPy cannot produce.

use super::*;

#[test]
fn python_float_reprs() {
    let cases: [(f64, &str); 14] = [
        (0.1 + 0.2, "0.30000000000000004"),
        (1e-5, "1e-05"),
        (0.0001, "0.0001"),
        (1e16, "1e+16"),
        (1e15, "1000000000000000.0"),
        (123456789012345678.0, "1.2345678901234568e+17"),
        (-0.0, "-0.0"),
        (5e-324, "5e-324"),
        (1.5e300, "1.5e+300"),
        (2.9802322387695312e-08, "2.9802322387695312e-08"),
        (1.0, "1.0"),
        (100.0, "100.0"),
        (1e22, "1e+22"),
        (std::f64::consts::SQRT_2, "1.4142135623730951"),
    ];
    for (value, want) in cases {
        assert_eq!(python_float_repr(value), want);
    }
    assert_eq!(python_float_repr(f64::NAN), "nan");
    assert_eq!(python_float_repr(-f64::NAN), "nan");
    assert_eq!(python_float_repr(f64::NEG_INFINITY), "-inf");
}

#[test]
fn python_complex_reprs() {
    let nan = f64::NAN;
    let inf = f64::INFINITY;
    let cases: [(f64, f64, &str); 9] = [
        (1.0, 2.0, "(1+2j)"),
        (-0.0, -1.0, "(-0-1j)"),
        (0.0, -1.0, "-1j"),
        (1.5, 0.0, "(1.5+0j)"),
        (1e16, 1e-5, "(1e+16+1e-05j)"),
        (nan, -nan, "(nan+nanj)"),
        (0.0, 0.0, "0j"),
        (0.0, -0.0, "-0j"),
        (inf, -inf, "(inf-infj)"),
    ];
    for (re, im, want) in cases {
        assert_eq!(python_complex_repr(re, im), want);
    }
}

#[test]
fn option_names_round_trip() {
    for mode in [FloatMode::MaxPrec, FloatMode::Fixed, FloatMode::Unique, FloatMode::MaxPrecEqual] {
        assert_eq!(FloatMode::from_name(mode.name()), Some(mode));
    }
    for mode in [SignMode::Minus, SignMode::Plus, SignMode::Space] {
        assert_eq!(SignMode::from_name(mode.name()), Some(mode));
    }
    assert_eq!(FloatMode::from_name("k"), None);
}

/// Inconsistent or extreme inputs must still give a string, never panic.
#[test]
fn odd_inputs_do_not_panic() {
    let options = [
        PrintOptions::default(),
        PrintOptions { linewidth: 0, threshold: 0, edgeitems: 0, ..PrintOptions::default() },
        PrintOptions { edgeitems: usize::MAX, threshold: 0, ..PrintOptions::default() },
        PrintOptions { precision: 60, floatmode: FloatMode::Fixed, ..PrintOptions::default() },
        PrintOptions {
            precision: 0,
            floatmode: FloatMode::MaxPrecEqual,
            sign: SignMode::Space,
            ..PrintOptions::default()
        },
    ];
    let floats = [1.5, f64::NAN, -0.0, 1e300, 5e-324, f64::NEG_INFINITY];
    let shapes: [&[usize]; 7] = [&[], &[0], &[6], &[2, 3], &[10], &[usize::MAX, 2], &[3, 0, usize::MAX]];
    for opts in &options {
        for shape in shapes {
            for elems in [
                Elems::Float(&floats),
                Elems::Float(&[]),
                Elems::Int(&[i64::MIN, i64::MAX]),
                Elems::Bool(&[true]),
                Elems::Complex(&[Complex64::new(f64::NAN, -0.0)]),
            ] {
                let _ = array_str(elems, shape, opts);
                let _ = array_repr(elems, shape, opts);
            }
        }
    }
}

#[test]
fn mismatched_shape_prints_data_as_1d() {
    let opts = PrintOptions::default();
    assert_eq!(array_str(Elems::Int(&[5, 6]), &[3], &opts), "[5 6]");
    assert_eq!(array_str(Elems::Float(&[]), &[], &opts), "[]");
    assert_eq!(array_repr(Elems::Int(&[1, 2]), &[usize::MAX, 2], &opts), "array([1, 2])");
}
