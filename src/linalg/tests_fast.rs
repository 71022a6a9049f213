//! The faer paths (matrices of 64 rows or more) agree with the nalgebra
//! paths and keep NumPy's conventions: determinant signs, singular and
//! non-positive-definite errors, ascending eigenvalues, descending singular
//! values.

use super::tests::{fro, Rng};
use super::*;
use nalgebra::DMatrix;
use num_complex::Complex64;

#[test]
fn faer_slogdet_matches_the_permutation_parity() {
    let mut rng = Rng::new(11);
    for n in [64, 65, 100, 129] {
        let a = rng.mat(n, n);
        let (sign, logdet) = slogdet(&a).unwrap();
        let lu = nalgebra::LU::new(a.clone());
        let d = lu.determinant();
        assert_eq!(sign, d.signum(), "n = {n}");
        assert!((logdet - d.abs().ln()).abs() < 1e-9 * logdet.abs().max(1.0), "n = {n}");
        // Swapping two rows flips the sign.
        let mut b = a.clone();
        b.swap_rows(0, n - 1);
        assert_eq!(slogdet(&b).unwrap().0, -sign);
        let c = rng.cmat(n, n);
        let (cs, cl) = slogdet(&c).unwrap();
        let cd = nalgebra::LU::new(c.clone()).determinant();
        assert!((cs - cd / cd.norm()).norm() < 1e-9, "n = {n}: {cs} vs {cd}");
        assert!((cl - cd.norm().ln()).abs() < 1e-9 * cl.abs().max(1.0));
    }
}

#[test]
fn faer_singular_and_not_pd_errors() {
    let n = 80;
    let ones = DMatrix::<f64>::from_element(n, n, 1.0);
    assert_eq!(inv(&ones).unwrap_err().message, MSG_SINGULAR);
    assert_eq!(solve(&ones, &DMatrix::from_element(n, 1, 1.0)).unwrap_err().message, MSG_SINGULAR);
    assert_eq!(slogdet(&ones).unwrap(), (0.0, f64::NEG_INFINITY));
    assert_eq!(det(&ones).unwrap(), 0.0);
    let mut neg = DMatrix::<f64>::identity(n, n);
    neg[(n - 1, n - 1)] = -1.0;
    assert_eq!(cholesky(&neg).unwrap_err().message, MSG_NOT_PD);
    // Only the lower triangle is read: garbage above the diagonal is ignored.
    let mut rng = Rng::new(3);
    let r = rng.mat(n, n);
    let spd = &r * r.transpose() + DMatrix::identity(n, n) * n as f64;
    let mut messy = spd.clone();
    messy.fill_upper_triangle(7.0, 1);
    let l = cholesky(&messy).unwrap();
    assert!(fro(&(&l * l.transpose() - &spd)) < 1e-12 * fro(&spd));
    assert!((0..n).all(|j| (0..j).all(|i| l[(i, j)] == 0.0)));
}

#[test]
fn faer_eigh_and_svd_conventions() {
    let mut rng = Rng::new(5);
    for n in [64, 100] {
        let r = rng.mat(n, n);
        let s = &r + r.transpose();
        let (w, v) = eigh(&s).unwrap();
        assert!(w.as_slice().windows(2).all(|p| p[0] <= p[1]));
        let rebuilt = &v * DMatrix::from_diagonal(&w) * v.transpose();
        assert!(fro(&(rebuilt - &s)) < 1e-12 * fro(&s) * n as f64);
        let w2 = eigvalsh(&s).unwrap();
        assert!((w2 - &w).amax() < 1e-12 * w.amax() * n as f64);

        let c = rng.cmat(n, n);
        let h = &c + c.adjoint();
        let (wc, vc) = eigh(&h).unwrap();
        let dc = DMatrix::from_diagonal(&wc.map(|x| Complex64::new(x, 0.0)));
        assert!(fro(&(&vc * dc * vc.adjoint() - &h)) < 1e-12 * fro(&h) * n as f64);

        for (rows, cols) in [(n, n), (2 * n, n), (n, n + 7)] {
            let a = rng.mat(rows, cols);
            let (u, sv, vt) = svd(&a, false).unwrap();
            assert!(sv.as_slice().windows(2).all(|p| p[0] >= p[1]));
            let us = &u * DMatrix::from_diagonal(&sv);
            assert!(fro(&(us * &vt - &a)) < 1e-12 * fro(&a) * n as f64);
            let only = svd_values(&a).unwrap();
            assert!((only - &sv).amax() < 1e-12 * sv[0] * n as f64);
            let (uf, _, vtf) = svd(&a, true).unwrap();
            assert_eq!((uf.shape(), vtf.shape()), ((rows, rows), (cols, cols)));
        }
    }
}
