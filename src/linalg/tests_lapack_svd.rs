//! Tests of the LAPACK dgesdd path (`lapack_svd`, `lapack_bdsqr`).

use super::lapack_bdsqr::{lartg, las2, lasv2};
use super::lapack_svd::{gesdd, Job, MAX_N};

/// A deterministic pseudo-random column-major m x n matrix in [-0.5, 0.5).
fn matrix(m: usize, n: usize, seed: u64) -> Vec<f64> {
    let mut x = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    (0..m * n)
        .map(|_| {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (x >> 11) as f64 / (1u64 << 53) as f64 - 0.5
        })
        .collect()
}

/// Checks `A = U S Vt` and the orthonormality of U and Vt.
fn check(m: usize, n: usize, a: &[f64], job: Job) {
    let g = gesdd(m, n, a, job).unwrap();
    let k = m.min(n);
    assert_eq!(g.s.len(), k);
    assert!(g.s.windows(2).all(|w| w[0] >= w[1]) && g.s.iter().all(|&x| x >= 0.0));
    let (ucols, vrows) = if job == Job::Full { (m, n) } else { (k, k) };
    assert_eq!((g.u.len(), g.vt.len()), (m * ucols, vrows * n));
    let amax = a.iter().fold(0.0f64, |s, x| s.max(x.abs())).max(f64::MIN_POSITIVE);
    let tol = 50.0 * m.max(n) as f64 * f64::EPSILON;
    for i in 0..m {
        for j in 0..n {
            let r: f64 = (0..k).map(|p| g.u[i + p * m] * g.s[p] * g.vt[p + j * vrows]).sum();
            assert!((r - a[i + j * m]).abs() <= tol * amax, "{m}x{n} {job:?} ({i}, {j})");
        }
    }
    for p in 0..ucols {
        for q in 0..ucols {
            let d: f64 = (0..m).map(|i| g.u[i + p * m] * g.u[i + q * m]).sum();
            assert!((d - f64::from(u8::from(p == q))).abs() <= tol, "U {m}x{n} {job:?}");
        }
    }
    for p in 0..vrows {
        for q in 0..vrows {
            let d: f64 = (0..n).map(|j| g.vt[p + j * vrows] * g.vt[q + j * vrows]).sum();
            assert!((d - f64::from(u8::from(p == q))).abs() <= tol, "Vt {m}x{n} {job:?}");
        }
    }
    let only = gesdd(m, n, a, Job::Values).unwrap();
    for (x, y) in only.s.iter().zip(&g.s) {
        assert!((x - y).abs() <= tol * amax);
    }
}

#[test]
fn decomposes_both_paths_and_all_jobs() {
    for n in 1..=MAX_N {
        // m < 11n/6 bidiagonalizes A directly, m >= 11n/6 goes through QR.
        for m in [n, n + 1, n * 11 / 6, n * 2 + 3] {
            if m < n {
                continue;
            }
            let a = matrix(m, n, (m * 100 + n) as u64);
            check(m, n, &a, Job::Full);
            check(m, n, &a, Job::Thin);
            // The wide path: LQ first for n >= 11m/6, else lower bidiagonal.
            let wide = matrix(n, m, (m * 100 + n + 7) as u64);
            check(n, m, &wide, Job::Full);
            check(n, m, &wide, Job::Thin);
        }
    }
}

#[test]
fn numpy_signs_and_values() {
    // np.linalg.svd([[1, 2], [3, 4]]) (column-major here).
    let g = gesdd(2, 2, &[1.0, 3.0, 2.0, 4.0], Job::Full).unwrap();
    let u = [-0.40455358483375703, -0.9145142956773045, -0.9145142956773042, 0.4045535848337568];
    let vt = [-0.5760484367663209, 0.8174155604703631, -0.8174155604703631, -0.5760484367663209];
    let s = [5.464985704219043, 0.3659661906262574];
    for (x, y) in g.u.iter().zip(&u).chain(g.vt.iter().zip(&vt)).chain(g.s.iter().zip(&s)) {
        assert!((x - y).abs() <= 4.0 * f64::EPSILON * y.abs().max(1.0), "{x} vs {y}");
    }
    // A 4x3 matrix (direct path): NumPy's signs of U and Vt.
    let a = [2.0, -1.0, 0.5, 1.0, -1.0, 3.0, 1.0, 0.0, 0.0, 1.0, 4.0, 1.0];
    let g = gesdd(4, 3, &a, Job::Full).unwrap();
    let su = [[1, -1, -1, -1], [-1, 1, -1, -1], [-1, -1, 1, -1], [-1, -1, -1, 1]];
    let sv = [[1, -1, -1], [-1, 1, -1], [-1, -1, 1]];
    for (i, row) in su.iter().enumerate() {
        for (j, &want) in row.iter().enumerate() {
            assert_eq!(g.u[i + j * 4].signum(), f64::from(want), "U ({i}, {j})");
        }
    }
    for (i, row) in sv.iter().enumerate() {
        for (j, &want) in row.iter().enumerate() {
            assert_eq!(g.vt[i + j * 3].signum(), f64::from(want), "Vt ({i}, {j})");
        }
    }
    let s = [4.728266576511849, 3.3655179206826484, 1.251712549671395];
    for (x, y) in g.s.iter().zip(&s) {
        assert!((x - y).abs() <= 8.0 * f64::EPSILON * y);
    }
}

#[test]
fn wide_numpy_signs() {
    // np.linalg.svd([[1, 2, 3], [4, 5, 6]]): U = [[-0.386, -0.922], [-0.922, 0.386]],
    // Vt = [[-0.429, -0.566, -0.704], [0.806, 0.112, -0.581], [0.408, -0.816, 0.408]].
    let g = gesdd(2, 3, &[1.0, 4.0, 2.0, 5.0, 3.0, 6.0], Job::Full).unwrap();
    let su = [-1.0, -1.0, -1.0, 1.0];
    let sv = [-1.0, 1.0, 1.0, -1.0, 1.0, -1.0, -1.0, -1.0, 1.0];
    assert_eq!(g.u.iter().map(|x| x.signum()).collect::<Vec<_>>(), su);
    assert_eq!(g.vt.iter().map(|x| x.signum()).collect::<Vec<_>>(), sv);
}

#[test]
fn single_column_sign_goes_to_u() {
    // dbdsdc puts the sign of a 1x1 bidiagonal into U: svd([[-3], [4]]).
    let g = gesdd(2, 1, &[-3.0, 4.0], Job::Full).unwrap();
    assert_eq!(g.s, vec![5.0]);
    assert_eq!(g.vt, vec![1.0]);
    assert!((g.u[0] + 0.6).abs() < 1e-15 && (g.u[1] - 0.8).abs() < 1e-15);
    let g = gesdd(1, 1, &[-2.0], Job::Thin).unwrap();
    assert_eq!((g.u, g.s, g.vt), (vec![-1.0], vec![2.0], vec![1.0]));
}

#[test]
fn special_matrices() {
    // Zero matrix: identity vectors, zero values.
    let g = gesdd(3, 2, &[0.0; 6], Job::Full).unwrap();
    assert_eq!(g.s, vec![0.0, 0.0]);
    assert_eq!(g.vt, vec![1.0, 0.0, 0.0, 1.0]);
    // Extreme scales: the same vectors, scaled values.
    let a = matrix(6, 4, 9);
    let base = gesdd(6, 4, &a, Job::Thin).unwrap();
    for scale in [1e-300, 1e300, 1e-310] {
        let b: Vec<f64> = a.iter().map(|x| x * scale).collect();
        let g = gesdd(6, 4, &b, Job::Thin).unwrap();
        for (x, y) in g.s.iter().zip(&base.s) {
            assert!((x / scale - y).abs() <= 1e-12 * base.s[0], "{scale}");
        }
        for (x, y) in g.u.iter().zip(&base.u) {
            assert!((x - y).abs() <= 1e-10, "{scale}");
        }
    }
    // Repeated singular values and rank deficiency still decompose.
    let mut rank1 = vec![0.0; 20];
    for i in 0..5 {
        for j in 0..4 {
            rank1[i + j * 5] = (i + 1) as f64 * (j as f64 - 1.5);
        }
    }
    check(5, 4, &rank1, Job::Full);
    let ident: Vec<f64> = (0..16).map(|k| f64::from(u8::from(k % 5 == 0))).collect();
    check(4, 4, &ident, Job::Full);
}

#[test]
fn rejects_uncovered_shapes() {
    assert!(gesdd(30, MAX_N + 1, &vec![0.0; 30 * (MAX_N + 1)], Job::Thin).is_none());
    assert!(gesdd(MAX_N + 1, 30, &vec![0.0; 30 * (MAX_N + 1)], Job::Thin).is_none());
    assert!(gesdd(2, 3, &[0.0; 5], Job::Thin).is_none());
    assert!(gesdd(0, 0, &[], Job::Values).is_none());
}

#[test]
fn rotations() {
    let (c, s, r) = lartg(3.0, 4.0);
    assert_eq!((c, s, r), (0.6, 0.8, 5.0));
    let (c, s, r) = lartg(-3.0, 4.0);
    assert_eq!((c, s, r), (0.6, -0.8, -5.0));
    assert_eq!(lartg(0.0, -2.0), (0.0, -1.0, 2.0));
    assert_eq!(lartg(2.0, 0.0), (1.0, 0.0, 2.0));
    let (c, s, r) = lartg(1e300, 1e300);
    assert!((c - s).abs() < 1e-16 && (r - 1e300 * 2f64.sqrt()).abs() < 1e286);
    let (smin, smax) = las2(3.0, 4.0, 5.0);
    assert!((smin * smax - 15.0).abs() < 1e-13 && (smin * smin + smax * smax - 50.0).abs() < 1e-12);
    let (smin, smax, snr, csr, snl, csl) = lasv2(3.0, 4.0, 5.0);
    // [csl snl; -snl csl] [f g; 0 h] [csr -snr; snr csr] = diag(smax, smin).
    let (f, g, h) = (3.0, 4.0, 5.0);
    let b00 = csl * (f * csr + g * snr) + snl * (h * snr);
    let b11 = -snl * (-f * snr + g * csr) + csl * (h * csr);
    let b01 = csl * (-f * snr + g * csr) + snl * (h * csr);
    assert!((b00 - smax).abs() < 1e-13 && (b11 - smin).abs() < 1e-13 && b01.abs() < 1e-13);
}
