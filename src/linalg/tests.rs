//! Accuracy and NumPy-value tests for the non-eigen kernels.

use super::*;
use nalgebra::{DMatrix, DVector};
use num_complex::Complex64;

/// Small deterministic PRNG (xorshift64*) for test matrices.
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    /// Uniform in [-1, 1).
    pub(super) fn uniform(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let x = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D);
        (x >> 11) as f64 / (1u64 << 52) as f64 - 1.0
    }
    pub(super) fn mat(&mut self, m: usize, n: usize) -> DMatrix<f64> {
        DMatrix::from_fn(m, n, |_, _| self.uniform())
    }
    pub(super) fn cmat(&mut self, m: usize, n: usize) -> DMatrix<Complex64> {
        DMatrix::from_fn(m, n, |_, _| Complex64::new(self.uniform(), self.uniform()))
    }
}

/// The row-major data of `m` (the slice kernels' layout).
pub(super) fn rows(m: &DMatrix<f64>) -> Vec<f64> {
    m.transpose().as_slice().to_vec()
}

/// A random symmetric matrix.
pub(super) fn sym(rng: &mut Rng, n: usize) -> DMatrix<f64> {
    let r = rng.mat(n, n);
    &r + r.transpose()
}

pub(super) const EPS: f64 = f64::EPSILON;
pub(super) const SIZES: [usize; 9] = [1, 2, 3, 4, 5, 8, 17, 50, 200];

pub(super) fn fro<T: LinalgScalar>(a: &DMatrix<T>) -> f64 {
    matrix_norm(a, MatrixOrd::Fro).unwrap()
}

pub(super) fn m(rows: usize, cols: usize, v: &[f64]) -> DMatrix<f64> {
    DMatrix::from_row_slice(rows, cols, v)
}

pub(super) fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * b.abs().max(1e-300) || a == b
}

pub(super) fn assert_mat_close(a: &DMatrix<f64>, b: &DMatrix<f64>, tol: f64) {
    assert_eq!(a.shape(), b.shape());
    let d = fro(&(a - b));
    assert!(d <= tol * fro(b).max(1.0), "matrices differ by {d}:\n{a}\n{b}");
}

/// Residual of `a x - b` relative to the sizes involved.
fn solve_residual<T: LinalgScalar>(a: &DMatrix<T>, x: &DMatrix<T>, b: &DMatrix<T>) -> f64 {
    fro(&(a * x - b)) / (fro(a) * fro(x) + fro(b))
}

#[test]
fn inv_random_accuracy() {
    let mut rng = Rng::new(1);
    for &n in &SIZES {
        for _ in 0..3 {
            let a = rng.mat(n, n);
            let x = inv(&a).unwrap();
            let c = cond(&a, None).unwrap();
            let r = fro(&(&a * &x - DMatrix::identity(n, n)));
            assert!(r <= 10.0 * n as f64 * EPS * c, "n={n} r={r} cond={c}");
            let ca = rng.cmat(n, n);
            let cx = inv(&ca).unwrap();
            let cc = cond(&ca, None).unwrap();
            let cr = fro(&(&ca * &cx - DMatrix::<Complex64>::identity(n, n)));
            assert!(cr <= 10.0 * n as f64 * EPS * cc, "complex n={n} r={cr}");
        }
    }
}

#[test]
fn inv_values_and_errors() {
    let a = inv(&m(2, 2, &[4.0, 7.0, 2.0, 6.0])).unwrap();
    assert_mat_close(&a, &m(2, 2, &[0.6, -0.7, -0.2, 0.4]), 1e-15);
    let c = inv(&m(3, 3, &[1.0, 2.0, 3.0, 0.0, 1.0, 4.0, 5.0, 6.0, 0.0])).unwrap();
    assert_mat_close(&c, &m(3, 3, &[-24.0, 18.0, 5.0, 20.0, -15.0, -4.0, -5.0, 4.0, 1.0]), 1e-14);
    let e = inv(&m(2, 2, &[1.0, 2.0, 2.0, 4.0])).unwrap_err();
    assert_eq!((e.kind, e.message.as_str()), (LinalgErrorKind::LinAlg, "Singular matrix"));
    let e = inv(&DMatrix::<f64>::zeros(2, 3)).unwrap_err();
    assert_eq!(e.message, "Last 2 dimensions of the array must be square");
    assert_eq!(inv(&DMatrix::<f64>::zeros(0, 0)).unwrap().shape(), (0, 0));
    // Ill-conditioned but not exactly singular: no error, as LAPACK.
    assert!(inv(&m(2, 2, &[1.0, 1.0, 1.0, 1.0 + 1e-15])).is_ok());
}

#[test]
fn det_and_slogdet_values() {
    assert_eq!(det(&m(2, 2, &[1.0, 2.0, 3.0, 4.0])).unwrap(), -2.0000000000000004);
    assert_eq!(det(&m(2, 2, &[2.0, 3.0, 1.0, 4.0])).unwrap(), 5.000000000000001);
    let d = det(&m(3, 3, &[6.0, 1.0, 1.0, 4.0, -2.0, 5.0, 2.0, 8.0, 7.0])).unwrap();
    assert!((d + 306.0).abs() < 1e-12);
    assert!(close(det(&(DMatrix::<f64>::identity(4, 4) * 2.0)).unwrap(), 16.0, 1e-15));
    assert_eq!(det(&m(2, 2, &[1.0, 2.0, 2.0, 4.0])).unwrap(), 0.0);
    assert_eq!(det(&DMatrix::<f64>::zeros(0, 0)).unwrap(), 1.0);
    let (s, l) = slogdet(&m(2, 2, &[1.0, 2.0, 3.0, 4.0])).unwrap();
    assert_eq!(s, -1.0);
    assert!(close(l, 0.6931471805599455, 1e-15));
    let (s, l) = slogdet(&(DMatrix::<f64>::identity(3, 3) * 10.0)).unwrap();
    assert_eq!(s, 1.0);
    assert!(close(l, 6.907755278982138, 1e-15));
    assert_eq!(slogdet(&m(2, 2, &[1.0, 2.0, 2.0, 4.0])).unwrap(), (0.0, f64::NEG_INFINITY));
    let c = DMatrix::from_row_slice(
        2,
        2,
        &[Complex64::new(1.0, 1.0), Complex64::new(2.0, 0.0), Complex64::new(3.0, 0.0), Complex64::new(0.0, 4.0)],
    );
    let (s, l) = slogdet(&c).unwrap();
    assert!((s - Complex64::new(-0.9284766908852594, 0.3713906763541038)).norm() < 1e-15);
    assert!(close(l, 2.3767950955531822, 1e-15));
    // Random: det agrees with the product of eigenvalues.
    let mut rng = Rng::new(7);
    for &n in &[1usize, 2, 5, 17, 50] {
        let a = rng.mat(n, n);
        let prod = eigvals(&a).unwrap().0.iter().fold(Complex64::new(1.0, 0.0), |p, v| p * v);
        let d = det(&a).unwrap();
        assert!((prod.re - d).abs() <= 1e-10 * d.abs() && prod.im.abs() <= 1e-10 * d.abs(), "n={n}");
    }
}

#[test]
fn solve_accuracy_and_errors() {
    let x = solve(&m(2, 2, &[3.0, 1.0, 1.0, 2.0]), &m(2, 2, &[9.0, 1.0, 8.0, 0.0])).unwrap();
    assert_mat_close(&x, &m(2, 2, &[2.0, 0.4, 3.0, -0.2]), 1e-15);
    let mut rng = Rng::new(2);
    for &n in &SIZES {
        let a = rng.mat(n, n);
        let b = rng.mat(n, 3);
        let x = solve(&a, &b).unwrap();
        assert!(solve_residual(&a, &x, &b) <= 10.0 * n as f64 * EPS, "n={n}");
        let ca = rng.cmat(n, n);
        let cb = rng.cmat(n, 2);
        let cx = solve(&ca, &cb).unwrap();
        assert!(solve_residual(&ca, &cx, &cb) <= 10.0 * n as f64 * EPS, "complex n={n}");
    }
    let e = solve(&m(2, 2, &[2.0, 4.0, 1.0, 2.0]), &m(2, 1, &[1.0, 1.0])).unwrap_err();
    assert_eq!(e.message, "Singular matrix");
    let e = solve(&DMatrix::<f64>::identity(2, 2), &DMatrix::zeros(3, 1)).unwrap_err();
    assert_eq!(e.kind, LinalgErrorKind::Value);
    assert_eq!(solve(&DMatrix::<f64>::zeros(0, 0), &DMatrix::zeros(0, 2)).unwrap().shape(), (0, 2));
}

#[test]
fn cholesky_values_and_accuracy() {
    let l = cholesky(&m(2, 2, &[4.0, 2.0, 2.0, 3.0])).unwrap();
    assert_mat_close(&l, &m(2, 2, &[2.0, 0.0, 1.0, 2f64.sqrt()]), 1e-15);
    let l = cholesky(&m(3, 3, &[25.0, 15.0, -5.0, 15.0, 18.0, 0.0, -5.0, 0.0, 11.0])).unwrap();
    assert_mat_close(&l, &m(3, 3, &[5.0, 0.0, 0.0, 3.0, 3.0, 0.0, -1.0, 1.0, 3.0]), 1e-15);
    let e = cholesky(&m(2, 2, &[1.0, 2.0, 2.0, 1.0])).unwrap_err();
    assert_eq!(e.message, "Matrix is not positive definite");
    let nan = cholesky(&m(2, 2, &[f64::NAN, 1.0, 1.0, 2.0])).unwrap();
    assert!(nan[(0, 0)].is_nan() && nan[(0, 1)] == 0.0 && nan[(1, 1)].is_nan());
    let mut rng = Rng::new(3);
    for &n in &SIZES {
        let b = rng.mat(n, n);
        let a = &b * b.transpose() + DMatrix::identity(n, n) * n as f64;
        let l = cholesky(&a).unwrap();
        assert!(fro(&(&l * l.transpose() - &a)) <= 10.0 * n as f64 * EPS * fro(&a), "n={n}");
        let cb = rng.cmat(n, n);
        let ca = &cb * cb.adjoint() + DMatrix::<Complex64>::identity(n, n) * Complex64::new(n as f64, 0.0);
        let cl = cholesky(&ca).unwrap();
        assert!(fro(&(&cl * cl.adjoint() - &ca)) <= 10.0 * n as f64 * EPS * fro(&ca), "complex n={n}");
        let e = cholesky(&(-a)).unwrap_err();
        assert_eq!(e.kind, LinalgErrorKind::LinAlg);
    }
    // A complex matrix that is Hermitian but indefinite.
    let h = DMatrix::from_row_slice(2, 2, &[1.0, 2.0, 2.0, 1.0]).map(|x| Complex64::new(x, 0.0));
    assert!(cholesky(&h).is_err());
}

fn qr_parts<T: LinalgScalar>(r: QrResult<T>) -> (DMatrix<T>, DMatrix<T>) {
    match r {
        QrResult::QR(q, r) => (q, r),
        _ => panic!("expected Q and R"),
    }
}

#[test]
fn qr_matches_lapack_signs() {
    let a = m(3, 2, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
    let (q, r) = qr_parts(qr(&a, QrMode::Reduced).unwrap());
    let q_np = m(
        3,
        2,
        &[
            -0.16903085094570325,
            0.8970852271450607,
            -0.50709255283711,
            0.27602622373694136,
            -0.8451542547285166,
            -0.34503277967117696,
        ],
    );
    assert_mat_close(&q, &q_np, 1e-14);
    assert_mat_close(&r, &m(2, 2, &[-5.916079783099616, -7.437357441610946, 0.0, 0.828078671210825]), 1e-14);
    assert_eq!(r[(1, 0)], 0.0);
    let (q, r) = qr_parts(qr(&a, QrMode::Complete).unwrap());
    assert_eq!((q.shape(), r.shape()), ((3, 3), (3, 2)));
    assert_mat_close(
        &q.columns(2, 1).into_owned(),
        &m(3, 1, &[0.4082482904638627, -0.8164965809277263, 0.40824829046386313]),
        1e-14,
    );
    let (q, r) = qr_parts(qr(&m(2, 3, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]), QrMode::Reduced).unwrap());
    assert_mat_close(
        &q,
        &m(2, 2, &[-0.24253562503633308, -0.970142500145332, -0.970142500145332, 0.24253562503633286]),
        1e-14,
    );
    assert_mat_close(
        &r,
        &m(
            2,
            3,
            &[
                -4.123105625617661,
                -5.335783750799326,
                -6.5484618759809905,
                0.0,
                -0.7276068751089992,
                -1.4552137502179985,
            ],
        ),
        1e-14,
    );
    let (q, r) = qr_parts(qr(&m(2, 2, &[-1.0, 2.0, 0.0, 3.0]), QrMode::Reduced).unwrap());
    assert_mat_close(&q, &DMatrix::identity(2, 2), 0.0);
    assert_mat_close(&r, &m(2, 2, &[-1.0, 2.0, 0.0, 3.0]), 0.0);
    // Complex, against NumPy.
    let c = |re: f64, im: f64| Complex64::new(re, im);
    let ac =
        DMatrix::from_row_slice(3, 2, &[c(1.0, 1.0), c(2.0, 0.0), c(3.0, 0.0), c(4.0, -2.0), c(0.0, 5.0), c(6.0, 0.0)]);
    let (q, r) = qr_parts(qr(&ac, QrMode::Reduced).unwrap());
    assert!((r[(0, 0)] - c(-6.0, 0.0)).norm() < 1e-14 && (r[(1, 1)] - c(-3.80058475033046, 0.0)).norm() < 1e-14);
    assert!((r[(0, 1)] - c(-2.333333333333333, 6.333333333333332)).norm() < 1e-14);
    assert!((q[(1, 1)] - c(-0.7454993164109747, -0.30697030675746007)).norm() < 1e-14);
    match qr(&a, QrMode::Raw).unwrap() {
        QrResult::Raw(h, tau) => {
            assert_eq!(h.shape(), (2, 3));
            assert!(close(h[(0, 1)], 0.43377175, 1e-7) && close(tau[0], 1.16903085, 1e-7));
        }
        _ => panic!(),
    }
    match qr(&a, QrMode::R).unwrap() {
        QrResult::R(r) => assert_eq!(r.shape(), (2, 2)),
        _ => panic!(),
    }
}

#[test]
fn qr_random_accuracy() {
    let mut rng = Rng::new(4);
    for &(mm, n) in &[(1, 1), (5, 3), (3, 5), (50, 20), (20, 50), (200, 200), (0, 3), (3, 0)] {
        for mode in [QrMode::Reduced, QrMode::Complete] {
            let a = rng.mat(mm, n);
            let (q, r) = qr_parts(qr(&a, mode).unwrap());
            let k = q.ncols();
            let tol = 20.0 * (mm.max(n) as f64) * EPS;
            assert!(fro(&(&q * &r - &a)) <= tol * fro(&a).max(1.0), "{mm}x{n}");
            assert!(fro(&(q.transpose() * &q - DMatrix::identity(k, k))) <= tol, "{mm}x{n}");
            assert!((0..r.ncols()).all(|j| (j + 1..r.nrows()).all(|i| r[(i, j)] == 0.0)));
            let ca = rng.cmat(mm, n);
            let (q, r) = qr_parts(qr(&ca, mode).unwrap());
            assert!(fro(&(&q * &r - &ca)) <= tol * fro(&ca).max(1.0));
            assert!(fro(&(q.adjoint() * &q - DMatrix::identity(k, k))) <= tol);
        }
    }
}

#[test]
fn svd_values_and_accuracy() {
    let (u, s, vt) = svd(&m(2, 2, &[2.0, 3.0, 1.0, 4.0]), true).unwrap();
    assert!(close(s[0], 5.398345637668169, 1e-14) && close(s[1], 0.9262096826685897, 1e-14));
    assert_mat_close(
        &u.map(f64::abs),
        &m(2, 2, &[0.6552017413601285, 0.7554539549957061, 0.7554539549957062, 0.6552017413601288]),
        1e-14,
    );
    assert_mat_close(
        &vt.map(f64::abs),
        &m(2, 2, &[0.3826834323650898, 0.9238795325112866, 0.9238795325112866, 0.3826834323650898]),
        1e-14,
    );
    let (u, s, vt) = svd(&m(2, 3, &[3.0, 2.0, 2.0, 2.0, 3.0, -2.0]), true).unwrap();
    assert_eq!((u.shape(), s.len(), vt.shape()), ((2, 2), 2, (3, 3)));
    assert!(close(s[0], 5.0, 1e-14) && close(s[1], 3.0, 1e-14));
    let b = DMatrix::from_row_iterator(4, 3, (0..12).map(|x| x as f64));
    let s = svd_values(&b).unwrap();
    assert!(close(s[0], 22.44674882, 1e-8) && close(s[1], 1.4640585, 1e-7) && s[2] < 1e-8);
    let mut rng = Rng::new(5);
    for &(mm, n) in
        &[(1, 1), (1, 4), (4, 1), (2, 2), (3, 7), (7, 3), (17, 17), (60, 25), (25, 60), (200, 200), (200, 30)]
    {
        for full in [false, true] {
            let a = rng.mat(mm, n);
            let (u, s, vt) = svd(&a, full).unwrap();
            let k = mm.min(n);
            assert_eq!(u.shape(), (mm, if full { mm } else { k }));
            assert_eq!(vt.shape(), (if full { n } else { k }, n));
            assert!(s.iter().zip(s.iter().skip(1)).all(|(a, b)| a >= b) && s[k - 1] >= 0.0);
            let tol = 50.0 * (mm.max(n) as f64) * EPS;
            let us = u.columns(0, k) * DMatrix::from_diagonal(&s);
            assert!(fro(&(&us * vt.rows(0, k) - &a)) <= tol * fro(&a), "{mm}x{n}");
            assert!(fro(&(u.transpose() * &u - DMatrix::identity(u.ncols(), u.ncols()))) <= tol);
            assert!(fro(&(&vt * vt.transpose() - DMatrix::identity(vt.nrows(), vt.nrows()))) <= tol);
            let sv = svd_values(&a).unwrap();
            assert!((sv - &s).amax() <= tol * s[0]);
            let ca = rng.cmat(mm, n);
            let (u, s, vt) = svd(&ca, full).unwrap();
            let us = u.columns(0, k) * DMatrix::from_diagonal(&s.map(|x| Complex64::new(x, 0.0)));
            assert!(fro(&(&us * vt.rows(0, k) - &ca)) <= tol * fro(&ca), "complex {mm}x{n}");
            assert!(fro(&(u.adjoint() * &u - DMatrix::identity(u.ncols(), u.ncols()))) <= tol);
            assert!(fro(&(&vt * vt.adjoint() - DMatrix::identity(vt.nrows(), vt.nrows()))) <= tol);
        }
    }
    // Rank-deficient input and empty shapes.
    let r1 = DMatrix::from_fn(6, 4, |i, j| ((i + 1) * (j + 1)) as f64);
    let s = svd_values(&r1).unwrap();
    assert!(s[1] <= 1e-14 * s[0]);
    let (u, s, vt) = svd(&DMatrix::<f64>::zeros(0, 3), true).unwrap();
    assert_eq!((u.shape(), s.len(), vt.shape()), ((0, 0), 0, (3, 3)));
    let (u, _, vt) = svd(&DMatrix::<f64>::zeros(2, 0), false).unwrap();
    assert_eq!((u.shape(), vt.shape()), ((2, 0), (0, 0)));
    let e = svd(&m(2, 2, &[f64::NAN, 1.0, 1.0, 2.0]), true).unwrap_err();
    assert_eq!(e.message, "SVD did not converge");
}

#[test]
fn lstsq_values_and_accuracy() {
    let x3 = m(3, 2, &[1.0, 1.0, 1.0, 2.0, 1.0, 3.0]);
    let r = lstsq(&x3, &m(3, 1, &[2.0, 4.0, 5.0]), None).unwrap();
    assert!(close(r.x[0], 0.6666666666666677, 1e-13) && close(r.x[1], 1.5, 1e-14));
    assert!(close(r.residuals[0], 0.16666666666666677, 1e-12));
    assert_eq!(r.rank, 2);
    assert!(
        close(r.singular_values[0], 4.079143328941734, 1e-14) && close(r.singular_values[1], 0.6004912172131635, 1e-14)
    );
    let r = lstsq(&m(3, 2, &[1.0, 2.0, 2.0, 4.0, 3.0, 6.0]), &m(3, 1, &[1.0, 2.0, 4.0]), None).unwrap();
    assert_eq!((r.rank, r.residuals.len()), (1, 0));
    assert!(close(r.x[0], 0.24285714285714274, 1e-13) && close(r.x[1], 0.48571428571428565, 1e-13));
    let r = lstsq(&m(2, 3, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]), &m(2, 2, &[1.0, 2.0, 3.0, 4.0]), None).unwrap();
    let want = m(
        3,
        2,
        &[
            0.38888888888888806,
            -0.11111111111111166,
            0.22222222222222215,
            0.22222222222222224,
            0.05555555555555636,
            0.555555555555556,
        ],
    );
    assert_mat_close(&r.x, &want, 1e-13);
    assert_eq!((r.rank, r.residuals.len()), (2, 0));
    let r = lstsq(&DMatrix::<f64>::zeros(3, 0), &DMatrix::from_element(3, 1, 1.0), None).unwrap();
    assert_eq!((r.x.shape(), r.residuals[0], r.rank), ((0, 1), 3.0, 0));
    let r = lstsq(&DMatrix::<f64>::zeros(0, 3), &DMatrix::zeros(0, 1), None).unwrap();
    assert_eq!((r.x.shape(), r.residuals.len()), ((3, 1), 0));
    assert_eq!(
        lstsq(&DMatrix::<f64>::identity(2, 2), &DMatrix::zeros(3, 1), None).unwrap_err().message,
        "Incompatible dimensions"
    );
    // Random overdetermined: the residual is orthogonal to the columns of A.
    let mut rng = Rng::new(6);
    for &(mm, n) in &[(5, 3), (50, 10), (200, 40), (3, 3), (10, 30)] {
        let a = rng.mat(mm, n);
        let b = rng.mat(mm, 2);
        let r = lstsq(&a, &b, None).unwrap();
        let res = &b - &a * &r.x;
        let c = r.singular_values[0] / r.singular_values[r.singular_values.len() - 1];
        assert!(fro(&(a.transpose() * &res)) <= 100.0 * EPS * c * fro(&a) * fro(&b), "{mm}x{n}");
        if mm > n {
            assert_eq!(r.residuals.len(), 2);
            assert!(close(r.residuals[0], res.column(0).norm_squared(), 1e-10));
        }
        let ca = rng.cmat(mm, n);
        let cb = rng.cmat(mm, 1);
        let r = lstsq(&ca, &cb, None).unwrap();
        let res = &cb - &ca * &r.x;
        assert!(fro(&(ca.adjoint() * &res)) <= 1e-10 * fro(&ca) * fro(&cb), "complex {mm}x{n}");
    }
}

#[test]
fn pinv_rank_cond_values() {
    let p = pinv(&m(2, 2, &[1.0, 2.0, 2.0, 4.0]), None).unwrap();
    assert_mat_close(&p, &m(2, 2, &[0.04, 0.08, 0.08, 0.16]), 1e-14);
    let p = pinv(&m(3, 2, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]), None).unwrap();
    let want = m(
        2,
        3,
        &[
            -1.3333333333333337,
            -0.33333333333333287,
            0.6666666666666665,
            1.0833333333333335,
            0.3333333333333329,
            -0.4166666666666665,
        ],
    );
    assert_mat_close(&p, &want, 1e-14);
    assert_eq!(pinv(&DMatrix::<f64>::zeros(0, 3), None).unwrap().shape(), (3, 0));
    let mut rng = Rng::new(8);
    for &(mm, n) in &[(4, 4), (30, 10), (10, 30), (100, 100)] {
        let a = rng.mat(mm, n);
        let p = pinv(&a, None).unwrap();
        let c = cond(&a, None).unwrap();
        assert!(fro(&(&a * &p * &a - &a)) <= 100.0 * EPS * c * fro(&a), "{mm}x{n}");
        assert!(fro(&(&p * &a * &p - &p)) <= 100.0 * EPS * c * fro(&p), "{mm}x{n}");
    }
    assert_eq!(matrix_rank(&DMatrix::<f64>::identity(3, 3), None).unwrap(), 3);
    assert_eq!(matrix_rank(&m(2, 2, &[1.0, 2.0, 2.0, 4.0]), None).unwrap(), 1);
    assert_eq!(matrix_rank(&m(3, 3, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0]), None).unwrap(), 2);
    assert_eq!(matrix_rank(&DMatrix::<f64>::zeros(2, 3), None).unwrap(), 0);
    assert_eq!(matrix_rank(&DMatrix::<f64>::zeros(0, 0), None).unwrap(), 0);
    let a = m(2, 2, &[1.0, 2.0, 3.0, 4.0]);
    assert!(close(cond(&a, None).unwrap(), 14.933034373659268, 1e-13));
    assert!(close(cond(&a, Some(MatrixOrd::NegTwo)).unwrap(), 1.0 / 14.933034373659268, 1e-13));
    assert!(close(cond(&a, Some(MatrixOrd::One)).unwrap(), 21.0, 1e-14));
    assert!(close(cond(&a, Some(MatrixOrd::Inf)).unwrap(), 21.0, 1e-14));
    let d = DMatrix::from_diagonal(&DVector::from_vec(vec![1.0, 10.0, 100.0]));
    assert!(close(cond(&d, None).unwrap(), 100.0, 1e-14));
    assert_eq!(cond(&m(2, 2, &[1.0, 1.0, 1.0, 1.0]), Some(MatrixOrd::One)).unwrap(), f64::INFINITY);
    assert_eq!(cond(&DMatrix::<f64>::zeros(2, 2), None).unwrap(), f64::INFINITY);
    assert_eq!(cond(&DMatrix::<f64>::zeros(2, 3), Some(MatrixOrd::One)).unwrap_err().message, MSG_NOT_SQUARE);
    assert_eq!(cond(&DMatrix::<f64>::zeros(0, 0), None).unwrap_err().message, "cond is not defined on empty arrays");
}

#[test]
fn norm_values() {
    let v = [3.0, -4.0, 0.0];
    let vn = |o: Option<f64>| vector_norm(&v, o).unwrap();
    assert_eq!((vn(None), vn(Some(1.0)), vn(Some(2.0))), (5.0, 7.0, 5.0));
    assert_eq!((vn(Some(f64::INFINITY)), vn(Some(f64::NEG_INFINITY)), vn(Some(0.0))), (4.0, 0.0, 2.0));
    assert!(close(vn(Some(3.0)), 4.4979414453, 1e-10));
    assert_eq!(vector_norm(&[3.0, 0.0], Some(-1.0)).unwrap(), 0.0);
    assert!(close(vector_norm(&[3.0, 4.0], Some(3.5)).unwrap(), 4.372215289689355, 1e-15));
    assert_eq!(vector_norm(&[1e200, 1e200], None).unwrap(), f64::INFINITY);
    let e: [f64; 0] = [];
    assert_eq!(vector_norm(&e, None).unwrap(), 0.0);
    assert_eq!(vector_norm(&e, Some(f64::INFINITY)).unwrap(), 0.0);
    assert_eq!(vector_norm(&e, Some(-1.0)).unwrap(), f64::INFINITY);
    assert_eq!(vector_norm(&e, Some(f64::NEG_INFINITY)).unwrap_err().kind, LinalgErrorKind::Value);
    assert_eq!(vector_norm(&[Complex64::new(3.0, 4.0)], Some(1.0)).unwrap(), 5.0);
    let a = m(2, 2, &[1.0, -2.0, 3.0, 4.0]);
    let mn = |o| matrix_norm(&a, o).unwrap();
    assert!(close(mn(MatrixOrd::Fro), 5.477225575051661, 1e-15));
    assert_eq!(
        (mn(MatrixOrd::One), mn(MatrixOrd::Inf), mn(MatrixOrd::NegOne), mn(MatrixOrd::NegInf)),
        (6.0, 7.0, 4.0, 3.0)
    );
    assert!(close(mn(MatrixOrd::Two), 5.11667274, 1e-8) && close(mn(MatrixOrd::Nuc), 7.07106781, 1e-8));
    assert!(close(mn(MatrixOrd::NegTwo), 1.95439508, 1e-8));
    let d = DMatrix::from_diagonal(&DVector::from_vec(vec![2.0, -5.0, 1.0]));
    assert_eq!(matrix_norm(&d, MatrixOrd::Two).unwrap(), 5.0);
    assert!(close(matrix_norm(&d, MatrixOrd::Nuc).unwrap(), 8.0, 1e-15));
    let z = DMatrix::<f64>::zeros(0, 0);
    for o in [MatrixOrd::Fro, MatrixOrd::Nuc, MatrixOrd::One, MatrixOrd::Two, MatrixOrd::Inf] {
        assert_eq!(matrix_norm(&z, o).unwrap(), 0.0);
    }
    assert!(matrix_norm(&z, MatrixOrd::NegTwo).is_err());
    assert_eq!(matrix_norm(&DMatrix::<f64>::zeros(0, 3), MatrixOrd::NegOne).unwrap(), 0.0);
    assert!(matrix_norm(&DMatrix::<f64>::zeros(3, 0), MatrixOrd::NegOne).is_err());
    assert_eq!(MatrixOrd::from_f64(3.0), None);
    assert_eq!(MatrixOrd::from_name("fro"), Some(MatrixOrd::Fro));
}

#[test]
fn matrix_power_and_multi_dot() {
    let f = m(2, 2, &[1.0, 1.0, 1.0, 0.0]);
    assert_eq!(matrix_power(&f, 10).unwrap(), m(2, 2, &[89.0, 55.0, 55.0, 34.0]));
    assert_eq!(matrix_power(&f, 0).unwrap(), DMatrix::identity(2, 2));
    let fi = DMatrix::from_row_slice(2, 2, &[1i64, 1, 1, 0]);
    assert_eq!(matrix_power_i64(&fi, 10).unwrap(), DMatrix::from_row_slice(2, 2, &[89i64, 55, 55, 34]));
    assert_eq!(matrix_power_i64(&fi, 200).unwrap().nrows(), 2); // wraps, no panic
    let d = m(2, 2, &[2.0, 0.0, 0.0, 4.0]);
    assert_eq!(matrix_power(&d, -2).unwrap(), m(2, 2, &[0.25, 0.0, 0.0, 0.0625]));
    let r = m(2, 2, &[0.0, -1.0, 1.0, 0.0]);
    assert_eq!(matrix_power(&r, 3).unwrap(), m(2, 2, &[0.0, 1.0, -1.0, 0.0]));
    assert_eq!(matrix_power(&r, i64::MIN).unwrap(), DMatrix::identity(2, 2));
    assert_eq!(matrix_power(&m(2, 2, &[1.0, 2.0, 2.0, 4.0]), -1).unwrap_err().message, "Singular matrix");
    // The schedule: n = 6 is (a^2)^2 * a^2, counted by multiplications.
    let mut count = 0;
    let p = binary_power(2u64, 6, |a, b| {
        count += 1;
        a * b
    });
    assert_eq!((p, count), (Some(64), 3));
    let mut rng = Rng::new(9);
    let mats: Vec<DMatrix<f64>> =
        [(3, 10), (10, 2), (2, 7), (7, 5), (5, 1)].iter().map(|&(a, b)| rng.mat(a, b)).collect();
    let naive = mats.iter().skip(1).fold(mats[0].clone(), |acc, x| acc * x);
    for k in 2..=5 {
        let naive_k = mats[1..k].iter().fold(mats[0].clone(), |acc, x| acc * x);
        assert_mat_close(&multi_dot(&mats[..k]).unwrap(), &naive_k, 1e-13);
    }
    assert_mat_close(&multi_dot(&mats).unwrap(), &naive, 1e-13);
    assert!(multi_dot(&mats[..1]).is_err());
    assert!(multi_dot(&[mats[0].clone(), mats[0].clone()]).is_err());
}

/// Every kernel on awkward inputs: must return (value or error), never panic.
#[test]
fn no_panics_on_edge_inputs() {
    let nan = f64::NAN;
    let inf = f64::INFINITY;
    let inputs = vec![
        DMatrix::<f64>::zeros(0, 0),
        DMatrix::zeros(0, 3),
        DMatrix::zeros(3, 0),
        DMatrix::zeros(1, 1),
        DMatrix::zeros(3, 3),
        m(2, 2, &[nan, 1.0, 1.0, 2.0]),
        m(2, 2, &[inf, 1.0, 1.0, 2.0]),
        m(2, 3, &[1.0, inf, nan, 2.0, 3.0, 4.0]),
        m(2, 2, &[1e308, 1e308, -1e308, 1e308]),
        m(2, 2, &[1e-310, 0.0, 0.0, 1e-310]),
    ];
    for a in &inputs {
        let _ = inv(a);
        let _ = det(a);
        let _ = slogdet(a);
        let _ = solve(a, &DMatrix::zeros(a.nrows(), 1));
        let _ = cholesky(a);
        for mode in [QrMode::Reduced, QrMode::Complete, QrMode::R, QrMode::Raw] {
            let _ = qr(a, mode);
        }
        let _ = svd(a, true);
        let _ = svd(a, false);
        let _ = svd_values(a);
        let _ = lstsq(a, &DMatrix::zeros(a.nrows(), 2), None);
        let _ = pinv(a, None);
        let _ = matrix_rank(a, None);
        for p in [None, Some(MatrixOrd::One), Some(MatrixOrd::NegTwo), Some(MatrixOrd::Nuc)] {
            let _ = cond(a, p);
        }
        for o in [MatrixOrd::Fro, MatrixOrd::Nuc, MatrixOrd::NegOne, MatrixOrd::Two, MatrixOrd::NegInf] {
            let _ = matrix_norm(a, o);
        }
        let _ = vector_norm(a.as_slice(), Some(-0.5));
        let _ = matrix_power(a, 5);
        let _ = matrix_power(a, -3);
        let _ = eig(a);
        let _ = eigvals(a);
        let _ = eigh(a);
        let _ = eigvalsh(a);
        let c = a.map(|x| Complex64::new(x, -x));
        let _ = inv(&c);
        let _ = svd(&c, true);
        let _ = eig(&c);
        let _ = eigh(&c);
        let _ = cholesky(&c);
        let _ = lstsq(&c, &DMatrix::zeros(c.nrows(), 1), Some(-1.0));
    }
}

#[test]
fn svd_fallback_cases() {
    // nalgebra's bidiagonal QR once returned a wrong decomposition here
    // (singular values 5.196, 2.236 instead of 4.243, 2.236).
    let a = m(
        5,
        5,
        &[2., 0., 0., 0., 0., 0., 0., 0., 0., 0., -1., 0., 0., 0., 0., 0., 0., 0., 0., 0., 0., 3., 0., -3., 0.],
    );
    let (u, s, vt) = svd(&a, true).unwrap();
    assert!(close(s[0], 18f64.sqrt(), 1e-14) && close(s[1], 5f64.sqrt(), 1e-14) && s[2] < 1e-15);
    assert!(fro(&(&u * DMatrix::from_diagonal(&s) * &vt - &a)) < 1e-14);
    assert!(fro(&(u.transpose() * &u - DMatrix::identity(5, 5))) < 1e-14);
    assert_eq!(svd_values(&a).unwrap(), s);
    // Badly scaled rows and columns (nalgebra alone lost 1e-10 here).
    let mut rng = Rng::new(21);
    for &(mm, n) in &[(6, 2), (2, 3), (5, 5), (8, 3)] {
        let a = DMatrix::from_fn(mm, n, |_, _| rng.uniform() * 10f64.powi((rng.uniform() * 4.5).round() as i32));
        let (u, s, vt) = svd(&a, false).unwrap();
        let us = &u * DMatrix::from_diagonal(&s);
        assert!(fro(&(us * &vt - &a)) <= 1e-14 * fro(&a), "{mm}x{n}");
    }
    // The Jacobi kernel itself: real and complex, tall, wide, rank-deficient.
    for &(mm, n) in &[(1, 1), (4, 4), (7, 3), (3, 7), (30, 30), (40, 12)] {
        let a = rng.mat(mm, n);
        let low = &rng.mat(mm, 2) * rng.mat(2, n);
        let ca = rng.cmat(mm, n);
        for x in [a, low] {
            let (u, s, vt) = jacobi::jacobi_svd(&x, true).unwrap().unwrap();
            let k = mm.min(n);
            assert!(fro(&(&u * DMatrix::from_diagonal(&s) * &vt - &x)) <= 1e-14 * fro(&x) * k as f64);
            assert!(fro(&(u.transpose() * &u - DMatrix::identity(k, k))) <= 1e-14 * k as f64);
            assert!(fro(&(&vt * vt.transpose() - DMatrix::identity(k, k))) <= 1e-14 * k as f64);
            let (_, s2, _) = jacobi::jacobi_svd(&x, false).unwrap().unwrap();
            assert!((s2 - &s).amax() <= 1e-14 * s[0]);
            assert!((svd_values(&x).unwrap() - &s).amax() <= 1e-13 * s[0]);
        }
        let (u, s, vt) = jacobi::jacobi_svd(&ca, true).unwrap().unwrap();
        let sc = DMatrix::from_diagonal(&s.map(|x| Complex64::new(x, 0.0)));
        assert!(fro(&(&u * sc * &vt - &ca)) <= 1e-14 * fro(&ca) * (mm.min(n)) as f64);
    }
}
