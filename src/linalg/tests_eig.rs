//! Tests for eig / eigvals / eigh / eigvalsh.

use super::tests::{close, fro, m, Rng, EPS, SIZES};
use super::*;
use nalgebra::{DMatrix, DVector};
use num_complex::Complex64;

fn c(re: f64, im: f64) -> Complex64 {
    Complex64::new(re, im)
}

/// max_i |A v_i - w_i v_i| / |A|, and checks unit norms and no NaN.
fn eig_residual<T: LinalgScalar>(a: &DMatrix<T>, r: &EigResult) -> f64 {
    let ac = a.map(|x| x.to_c64());
    let n = a.nrows();
    let an = fro(&ac).max(f64::MIN_POSITIVE);
    let mut worst: f64 = 0.0;
    for i in 0..n {
        let v = r.vectors.column(i);
        assert!(v.iter().all(|z| z.re.is_finite() && z.im.is_finite()), "non-finite vector");
        assert!((v.norm() - 1.0).abs() < 1e-12, "vector {i} not unit: {}", v.norm());
        let res = &ac * v - v * r.values[i];
        worst = worst.max(res.norm() / an);
    }
    worst
}

fn sorted_re_im(v: &DVector<Complex64>) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = v.iter().map(|z| (z.re, z.im)).collect();
    out.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    out
}

#[test]
fn eig_random_real_and_complex() {
    let mut rng = Rng::new(11);
    for &n in &SIZES {
        for _ in 0..2 {
            let a = rng.mat(n, n);
            let r = eig(&a).unwrap();
            let res = eig_residual(&a, &r);
            assert!(res <= 10.0 * n as f64 * EPS, "real n={n} residual {res}");
            // Structure of real input: conjugate pairs, real vectors for real values.
            let mut i = 0;
            while i < n {
                if r.values[i].im != 0.0 {
                    assert!(r.values[i].im > 0.0 && r.values[i + 1] == r.values[i].conj());
                    let (v0, v1) = (r.vectors.column(i), r.vectors.column(i + 1));
                    assert!(v0.iter().zip(v1.iter()).all(|(x, y)| *y == x.conj()));
                    assert!(v0.iter().any(|z| z.im == 0.0 && z.re != 0.0));
                    i += 2;
                } else {
                    assert!(r.vectors.column(i).iter().all(|z| z.im == 0.0));
                    i += 1;
                }
            }
            let (w, real) = eigvals(&a).unwrap();
            assert_eq!(w, r.values);
            assert_eq!(real, r.values.iter().all(|z| z.im == 0.0));
            let ca = rng.cmat(n, n);
            let r = eig(&ca).unwrap();
            assert!(!r.real);
            let res = eig_residual(&ca, &r);
            assert!(res <= 10.0 * n as f64 * EPS, "complex n={n} residual {res}");
        }
    }
}

#[test]
fn eig_numpy_values() {
    // Rotation: +-1j, vectors of modulus 1/sqrt(2).
    let r = eig(&m(2, 2, &[0.0, -1.0, 1.0, 0.0])).unwrap();
    assert!(!r.real);
    assert_eq!(sorted_re_im(&r.values), vec![(0.0, -1.0), (0.0, 1.0)]);
    assert!(r.vectors.iter().all(|z| (z.norm() - 0.5f64.sqrt()).abs() < 1e-15));
    let w = eigvals(&m(2, 2, &[1.0, -2.0, 2.0, 1.0])).unwrap().0;
    let s = sorted_re_im(&w);
    assert!(close(s[0].0, 1.0, 1e-15) && close(s[0].1, -2.0, 1e-15) && close(s[1].1, 2.0, 1e-15));
    // Real eigenvalues: real flag and NumPy's (unsigned) vectors.
    let r = eig(&m(2, 2, &[2.0, 3.0, 1.0, 4.0])).unwrap();
    assert!(r.real);
    let s = sorted_re_im(&r.values);
    assert!(close(s[0].0, 1.0, 1e-14) && close(s[1].0, 5.0, 1e-14));
    let i1 = if r.values[0].re < r.values[1].re { 0 } else { 1 };
    let v1 = r.vectors.column(i1).map(|z| z.re.abs());
    assert!(close(v1[0], 0.9486832980505138, 1e-14) && close(v1[1], 0.31622776601683794, 1e-14));
    let r = eig(&m(3, 3, &[2.0, 0.0, 0.0, 0.0, 3.0, 4.0, 0.0, 4.0, 9.0])).unwrap();
    assert!(r.real);
    let s: Vec<f64> = sorted_re_im(&r.values).iter().map(|p| p.0).collect();
    assert!(close(s[0], 1.0, 1e-14) && close(s[1], 2.0, 1e-14) && close(s[2], 11.0, 1e-14));
    // Mixed: NumPy gives 5, 1 +- 2j, with the 5-vector exactly e_3 (up to sign).
    let a = m(3, 3, &[1.0, 2.0, 0.0, -2.0, 1.0, 0.0, 3.0, 1.0, 5.0]);
    let r = eig(&a).unwrap();
    assert!(!r.real && eig_residual(&a, &r) < 1e-15 * 10.0);
    let k = (0..3).find(|&i| r.values[i].im == 0.0).unwrap();
    assert!(close(r.values[k].re, 5.0, 1e-14));
    assert!(r.vectors[(0, k)].norm() < 1e-15 && (r.vectors[(2, k)].norm() - 1.0).abs() < 1e-15);
    let p = (0..3).find(|&i| r.values[i].im > 0.0).unwrap();
    assert!(close(r.values[p].im, 2.0, 1e-14) && close(r.values[p].re, 1.0, 1e-14));
    // NumPy: [0.632..., 0.632j, -0.316-0.316j] with the largest component real.
    // (|v0| = |v1|: which one is made real is a rounding tie, so compare up to a phase.)
    let v = r.vectors.column(p);
    let np = [c(0.6324555320336759, 0.0), c(0.0, 0.6324555320336757), c(-0.316227766016838, -0.316227766016838)];
    let phase = v[0] / np[0];
    assert!((phase.norm() - 1.0).abs() < 1e-14);
    assert!((0..3).all(|i| (v[i] - np[i] * phase).norm() < 1e-14));
    // Complex input, against NumPy (zgeev normalization: largest component real > 0).
    let ac = DMatrix::from_row_slice(2, 2, &[c(1.0, 1.0), c(2.0, 0.0), c(3.0, 0.0), c(0.0, 4.0)]);
    let r = eig(&ac).unwrap();
    let k = if r.values[0].re > 0.0 { 0 } else { 1 };
    assert!((r.values[k] - c(2.533716041223401, 2.131216952220708)).norm() < 1e-14);
    assert!((r.values[1 - k] - c(-1.5337160412234012, 2.8687830477792917)).norm() < 1e-14);
    assert!((r.vectors[(0, k)] - c(0.7239567407669114, 0.0)).norm() < 1e-14);
    assert!((r.vectors[(1, k)] - c(0.5551720332330115, 0.4094760689149916)).norm() < 1e-14);
    assert!((r.vectors[(1, 1 - k)] - c(0.8440851981633559, 0.0)).norm() < 1e-14);
}

#[test]
fn eig_triangular_order_and_defective() {
    // Upper triangular: LAPACK's order is the diagonal.
    let w = eigvals(&m(3, 3, &[1.0, 2.0, 3.0, 0.0, 3.0, 1.0, 0.0, 0.0, -2.0])).unwrap().0;
    assert_eq!(w.iter().map(|z| z.re).collect::<Vec<_>>(), vec![1.0, 3.0, -2.0]);
    // Defective Jordan block: NumPy gives [[1, -1], [0, 2.22e-16]].
    let r = eig(&m(2, 2, &[1.0, 1.0, 0.0, 1.0])).unwrap();
    assert!(r.real && r.values.iter().all(|z| *z == c(1.0, 0.0)));
    assert_eq!(r.vectors.column(0).iter().map(|z| z.re).collect::<Vec<_>>(), vec![1.0, 0.0]);
    assert_eq!(r.vectors[(0, 1)].re, -1.0);
    assert!(close(r.vectors[(1, 1)].re, 2.220446049250313e-16, 1e-12));
    // Larger Jordan blocks, identity, zero, repeated values hidden by a similarity.
    let j5 = DMatrix::from_fn(5, 5, |i, j| {
        if i == j {
            2.0
        } else if j == i + 1 {
            1.0
        } else {
            0.0
        }
    });
    let r = eig(&j5).unwrap();
    assert!(eig_residual(&j5, &r) < 1e-14);
    for a in [DMatrix::<f64>::identity(4, 4), DMatrix::zeros(3, 3)] {
        let r = eig(&a).unwrap();
        assert_eq!(r.vectors, DMatrix::<f64>::identity(a.nrows(), a.nrows()).map(|x| c(x, 0.0)));
    }
    let mut rng = Rng::new(12);
    let q = {
        let (q, _) = match qr(&rng.mat(6, 6), QrMode::Reduced).unwrap() {
            QrResult::QR(q, r) => (q, r),
            _ => unreachable!(),
        };
        q
    };
    let d = DMatrix::from_diagonal(&DVector::from_vec(vec![3.0, 3.0, 3.0, -1.0, -1.0, 0.5]));
    let a = &q * d * q.transpose();
    let r = eig(&a).unwrap();
    assert!(eig_residual(&a, &r) < 1e-14);
    // Lower-triangular Jordan block (needs a real Schur step) and nearly defective.
    let jl = j5.transpose();
    let r = eig(&jl).unwrap();
    assert!(eig_residual(&jl, &r) < 1e-12);
    let nd = m(2, 2, &[1.0, 1.0, 1e-10, 1.0]);
    let r = eig(&nd).unwrap();
    assert!(eig_residual(&nd, &r) < 1e-15);
    let s = sorted_re_im(&r.values);
    assert!(close(s[0].0, 1.0 - 1e-5, 1e-9) && close(s[1].0, 1.0 + 1e-5, 1e-9));
}

#[test]
fn eig_hard_cases() {
    // Cyclic permutations stall a plain Francis iteration.
    for n in [2usize, 3, 4, 7, 10] {
        let p = DMatrix::from_fn(n, n, |i, j| if i == (j + 1) % n { 1.0 } else { 0.0 });
        let r = eig(&p).unwrap();
        assert!(eig_residual(&p, &r) < 100.0 * n as f64 * EPS, "cyclic n={n}");
        assert!(r.values.iter().all(|z| (z.norm() - 1.0).abs() < 1e-12));
    }
    // Companion matrix of (x-1)(x-2)...(x-6) and a badly scaled matrix.
    let coeffs = [720.0, -1764.0, 1624.0, -735.0, 175.0, -21.0];
    let comp = DMatrix::from_fn(6, 6, |i, j| {
        if i == j + 1 {
            1.0
        } else if j == 5 {
            -coeffs[i]
        } else {
            0.0
        }
    });
    let r = eig(&comp).unwrap();
    assert!(eig_residual(&comp, &r) < 1e-13);
    let s = sorted_re_im(&r.values);
    for (k, &(re, im)) in s.iter().enumerate() {
        assert!((re - (k + 1) as f64).abs() < 1e-8 && im.abs() < 1e-8);
    }
    let bad = m(3, 3, &[1.0, 1e8, 0.0, 1e-8, 1.0, 1e8, 0.0, 1e-8, 1.0]);
    let r = eig(&bad).unwrap();
    assert!(eig_residual(&bad, &r) < 1e-13);
    // Sparse integer matrix with a triple zero eigenvalue: the back
    // substitution divides by tiny perturbed pivots and must rescale instead
    // of overflowing (once gave NaN through the complex path).
    let sp = m(
        9,
        9,
        &[
            0., 0., 0., 0., 0., 0., 1., 0., 0., 0., 0., -3., 0., 0., 0., 0., 0., 2., 0., 0., 0., -2., 0., 0., -1., 0.,
            0., 0., 0., 0., 0., 0., 0., -2., 0., -1., 0., 0., 0., -1., 2., -2., 0., 0., 0., 0., 0., 0., 0., 0., 0.,
            -1., 2., 3., 0., 0., 0., 1., 0., 3., 0., 0., 0., -2., 0., 0., 0., 0., 0., 0., 0., 0., 2., 0., 0., 0., 0.,
            0., 0., 0., 0.,
        ],
    );
    let r = eig(&sp).unwrap();
    assert!(eig_residual(&sp, &r) < 1e-14);
    let spc = sp.map(|x| c(x, 0.0));
    let r = eig(&spc).unwrap();
    assert!(eig_residual(&spc, &r) < 1e-14);
    // Extreme magnitudes are scaled internally.
    for f in [1e300, 1e-300] {
        let a = m(3, 3, &[1.0, 2.0, 0.0, -2.0, 1.0, 0.0, 3.0, 1.0, 5.0]) * f;
        let r = eig(&a).unwrap();
        let k = (0..3).find(|&i| r.values[i].im > 0.0).unwrap();
        assert!(close(r.values[k].re, f, 1e-14) && close(r.values[k].im, 2.0 * f, 1e-14));
        assert!(eig_residual(&a, &r) < 1e-14);
    }
    // Errors.
    let e = eig(&m(2, 2, &[f64::NAN, 0.0, 0.0, 1.0])).unwrap_err();
    assert_eq!(e.message, "Array must not contain infs or NaNs");
    let e = eigvals(&m(2, 2, &[f64::INFINITY, 0.0, 0.0, 1.0])).unwrap_err();
    assert_eq!(e.message, "Array must not contain infs or NaNs");
    assert_eq!(eig(&DMatrix::<f64>::zeros(2, 3)).unwrap_err().message, MSG_NOT_SQUARE);
    let r = eig(&DMatrix::<f64>::zeros(0, 0)).unwrap();
    assert!(r.real && r.values.is_empty() && r.vectors.shape() == (0, 0));
    let r = eig(&m(1, 1, &[-3.5])).unwrap();
    assert_eq!((r.values[0], r.vectors[(0, 0)]), (c(-3.5, 0.0), c(1.0, 0.0)));
}

#[test]
fn eigh_values_and_accuracy() {
    let (w, v) = eigh(&m(2, 2, &[2.0, 1.0, 1.0, 2.0])).unwrap();
    assert!(close(w[0], 1.0, 1e-15) && close(w[1], 3.0, 1e-15));
    assert!(v.iter().all(|x| (x.abs() - 0.5f64.sqrt()).abs() < 1e-15));
    let cm = m(3, 3, &[4.0, 1.0, 0.0, 1.0, 3.0, 1.0, 0.0, 1.0, 2.0]);
    let w = eigvalsh(&cm).unwrap();
    let want = [1.2679491924311228, 3.0, 4.732050807568877];
    assert!((0..3).all(|i| close(w[i], want[i], 1e-14)));
    // Only the lower triangle is read.
    let lower_only = m(2, 2, &[1.0, 99.0, 2.0, 1.0]);
    let w = eigvalsh(&lower_only).unwrap();
    assert!(close(w[0], -1.0, 1e-15) && close(w[1], 3.0, 1e-15));
    // Complex Hermitian, against NumPy (upper triangle ignored, diagonal imag ignored).
    let h = DMatrix::from_row_slice(2, 2, &[c(1.0, 0.0), c(2.0, 1.0), c(3.0, -1.0), c(5.0, 7.0)]);
    let (w, v) = eigh(&h).unwrap();
    assert!(close(w[0], -0.7416573867739413, 1e-14) && close(w[1], 6.741657386773941, 1e-14));
    assert!((v[(0, 0)].norm() - 0.8759345).abs() < 1e-7);
    let mut rng = Rng::new(13);
    for &n in &SIZES {
        let b = rng.mat(n, n);
        let a = &b + b.transpose();
        let (w, v) = eigh(&a).unwrap();
        assert!(w.iter().zip(w.iter().skip(1)).all(|(x, y)| x <= y));
        let tol = 10.0 * n as f64 * EPS;
        assert!(fro(&(&a * &v - &v * DMatrix::from_diagonal(&w))) <= tol * fro(&a), "n={n}");
        assert!(fro(&(v.transpose() * &v - DMatrix::identity(n, n))) <= tol, "n={n}");
        // Agreement with the general solver.
        let mut g: Vec<f64> = eigvals(&a).unwrap().0.iter().map(|z| z.re).collect();
        g.sort_by(f64::total_cmp);
        assert!(g.iter().zip(w.iter()).all(|(x, y)| (x - y).abs() <= tol * fro(&a)));
        let cb = rng.cmat(n, n);
        let ca = &cb + cb.adjoint();
        let (w, v) = eigh(&ca).unwrap();
        let wc = DMatrix::from_diagonal(&w.map(|x| c(x, 0.0)));
        assert!(fro(&(&ca * &v - &v * wc)) <= tol * fro(&ca), "complex n={n}");
        assert!(fro(&(v.adjoint() * &v - DMatrix::identity(n, n))) <= tol);
    }
    let (w, v) = eigh(&m(2, 2, &[f64::NAN, 1.0, 1.0, 2.0])).unwrap();
    assert!(w.iter().all(|x| x.is_nan()) && v.iter().all(|x| x.is_nan()));
    assert_eq!(eigh(&DMatrix::<f64>::zeros(0, 0)).unwrap().0.len(), 0);
    assert!(eigvalsh(&DMatrix::<f64>::zeros(3, 2)).is_err());
}

/// NumPy 2.4 (LAPACK dgeev) results, compared without any sign freedom:
/// balancing, Hessenberg + dlahqr and trevc give LAPACK's order and signs.
#[test]
fn eig_matches_lapack_order_and_signs() {
    let cases: Vec<(DMatrix<f64>, Vec<f64>, Vec<f64>)> = vec![
        (
            m(2, 2, &[1.0, 2.0, 2.0, 1.0]),
            vec![3.0000000000000004, -0.9999999999999996],
            vec![
                std::f64::consts::FRAC_1_SQRT_2,
                -0.7071067811865474,
                0.7071067811865474,
                std::f64::consts::FRAC_1_SQRT_2,
            ],
        ),
        (
            m(3, 3, &[2.0, 0.0, 0.0, 0.0, 3.0, 4.0, 0.0, 4.0, 9.0]),
            vec![11.0, 1.0, 2.0],
            vec![
                0.0,
                0.0,
                1.0,
                0.4472135954999579,
                0.8944271909999159,
                0.0,
                0.8944271909999159,
                -0.4472135954999579,
                0.0,
            ],
        ),
        (
            m(3, 3, &[1.0, 0.0, 0.0, 2.0, 3.0, 0.0, 4.0, 5.0, 6.0]),
            vec![6.0, 3.0, 1.0],
            vec![
                0.0,
                0.0,
                0.7001400420140049,
                0.0,
                0.5144957554275265,
                -0.7001400420140049,
                1.0,
                -0.8574929257125441,
                0.140028008402801,
            ],
        ),
        (
            m(3, 3, &[1.0, 7.0, 0.0, 0.0, 3.0, 0.0, 0.0, 5.0, 6.0]),
            vec![6.0, 1.0, 3.0],
            vec![0.0, 1.0, 0.874241438955808, 0.0, 0.0, 0.24978326827308797, 1.0, 0.0, -0.4163054471218133],
        ),
        (
            m(2, 2, &[2.0, 3.0, 1.0, 4.0]),
            vec![1.0, 5.0],
            vec![-0.9486832980505138, -0.7071067811865475, 0.31622776601683794, -0.7071067811865475],
        ),
        (
            m(3, 3, &[-2.0, -4.0, 2.0, -2.0, 1.0, 2.0, 4.0, 2.0, 5.0]),
            vec![-5.000000000000005, 3.0, 6.0],
            vec![
                0.8164965809277261,
                0.5345224838248487,
                0.0584206237836989,
                0.40824829046386296,
                -0.801783725737273,
                0.3505237427021912,
                -0.4082482904638632,
                -0.26726124191242495,
                0.9347299805391778,
            ],
        ),
        (
            m(4, 4, &[0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, -24.0, 50.0, -35.0, 10.0]),
            vec![4.0, 3.0, 2.0, 1.0],
            vec![
                0.0151289566213421,
                0.03492151478847772,
                -0.10846522890933064,
                -0.4999999999999951,
                0.06051582648536818,
                0.10476454436543438,
                -0.2169304578186592,
                -0.49999999999999734,
                0.24206330594147174,
                0.3142936330963066,
                -0.4338609156373142,
                -0.4999999999999998,
                0.9682532237658845,
                0.942880899288932,
                -0.8677218312746228,
                -0.5000000000000079,
            ],
        ),
    ];
    for (a, w, v) in cases {
        let n = a.nrows();
        let r = eig(&a).unwrap();
        assert!(r.real);
        for (got, want) in r.values.iter().zip(w.iter()) {
            assert!((got.re - want).abs() <= 1e-12 * want.abs().max(1.0), "{a}: {:?}", r.values);
        }
        let want = DMatrix::from_row_slice(n, n, &v);
        let got = r.vectors.map(|z| z.re);
        assert!((got - &want).amax() < 1e-10, "{a}: {}", r.vectors);
    }
    // A real matrix with a complex pair: NumPy's order (isolated 5 first) and
    // phase (largest component real, sign of its real part kept).
    let r = eig(&m(3, 3, &[1.0, 2.0, 0.0, -2.0, 1.0, 0.0, 3.0, 1.0, 5.0])).unwrap();
    assert_eq!(r.values[0], c(5.0, 0.0));
    assert!((r.values[1] - c(1.0, 2.0000000000000004)).norm() < 1e-15 && r.values[2] == r.values[1].conj());
    let np = [c(0.6324555320336759, 0.0), c(0.0, 0.6324555320336757), c(-0.316227766016838, -0.316227766016838)];
    assert!((0..3).all(|i| (r.vectors[(i, 1)] - np[i]).norm() < 1e-14), "{}", r.vectors);
}
