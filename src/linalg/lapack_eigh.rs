//! `eigh` / `eigvalsh` of real symmetric matrices of up to
//! [`LAPACK_EIGH_MAX`] rows, on plain slices, along the path NumPy takes
//! through LAPACK's `dsyevd` for such sizes, so that the eigenvectors come
//! out with NumPy's signs and the values agree to the last bits:
//!
//! 1. scaling of the matrix when its largest entry is outside
//!    `[sqrt(safmin / eps), sqrt(eps / safmin)]` (`dlansy`, `dlascl`);
//! 2. Householder reduction to tridiagonal form reading the lower (`'L'`)
//!    or upper (`'U'`) triangle (`dsytd2` with `dlarfg` reflectors);
//! 3. for eigenvalues alone `dsterf`; for vectors `dsteqr` started from the
//!    identity (what `dstedc` does up to its `SMLSIZ` of 25 rows), then the
//!    reflectors applied to its vectors (`dormtr`: `dorm2r` / `dorm2l` with
//!    `dlarf`);
//! 4. the eigenvalues scaled back.
//!
//! The BLAS steps inside (`dnrm2`, `dsymv`, `dsyr2`, `dgemv`, `dger`) sum in
//! the order of OpenBLAS's kernels ([`super::lapack_blas`]); the LAPACK
//! steps are compiled without fused multiply-adds there, and are written so
//! here. From 26 rows on `dstedc` divides and conquers; those sizes stay
//! with [`super::small_eigh`].

use super::lapack_blas::{axpy, dot, gemv_t, nrm2, symv_lower, symv_upper, syr2_minus};
use super::lapack_tridiag::{lapy2, lascl, sign, steqr, sterf, EPS, SAFMIN};
use super::{LinalgError, LinalgResult, MSG_EIG};

/// The largest order handled here (LAPACK's `SMLSIZ` for `dstedc`).
pub const LAPACK_EIGH_MAX: usize = 25;

/// The elementary reflector `H = I - tau v v'` with `H [alpha; x] =
/// [beta; 0]` (`dlarfg`): `x` is overwritten by `v[1..]` (`v[0] = 1`);
/// returns `(beta, tau)`, or `(alpha, 0)` when `x` is already zero.
#[inline(always)]
fn larfg(alpha: f64, x: &mut [f64]) -> (f64, f64) {
    if x.is_empty() {
        return (alpha, 0.0);
    }
    let mut xnorm = nrm2(x);
    if xnorm == 0.0 {
        return (alpha, 0.0);
    }
    let mut alpha = alpha;
    let mut beta = -sign(lapy2(alpha, xnorm), alpha);
    let safmin = SAFMIN / EPS;
    let rsafmn = 1.0 / safmin;
    let mut knt = 0;
    if beta.abs() < safmin {
        loop {
            knt += 1;
            x.iter_mut().for_each(|v| *v *= rsafmn);
            beta *= rsafmn;
            alpha *= rsafmn;
            if !(beta.abs() < safmin && knt < 20) {
                break;
            }
        }
        xnorm = nrm2(x);
        beta = -sign(lapy2(alpha, xnorm), alpha);
    }
    let tau = (beta - alpha) / beta;
    let scale = 1.0 / (alpha - beta);
    x.iter_mut().for_each(|v| *v *= scale);
    for _ in 0..knt {
        beta *= safmin;
    }
    (beta, tau)
}

/// The rank-2 step of `dsytd2` on the trailing (`lower`) or leading block
/// `B` of order `k` (column-major, column stride `n`, at offset `off`)
/// with the reflector `v` and `tau`: `y = tau B v`, `w = y - (tau/2)(y.v) v`,
/// `B -= v w' + w v'` on the stored triangle. `y` is scratch of length `k`.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn reflect_block(m: &mut [f64], n: usize, off: usize, k: usize, lower: bool, v: &[f64], tau: f64, y: &mut [f64]) {
    let y = &mut y[..k];
    if lower {
        symv_lower(m, n, off, k, tau, v, y);
    } else {
        symv_upper(m, n, k, tau, v, y);
    }
    let alpha = -0.5 * tau * dot(y, v);
    // OpenBLAS's daxpy returns at once for a zero multiplier.
    if alpha != 0.0 {
        axpy(alpha, v, y);
    }
    syr2_minus(m, n, off, k, lower, v, y);
}

/// `dsytd2`: reduces the symmetric matrix whose `lower` (or upper)
/// triangle is held column-major in `m` to tridiagonal form: diagonal into
/// `d[1..=n]`, off-diagonal into `e[1..n]`, reflector scalars into
/// `tau[0..n-1]`, reflector vectors into the triangle as LAPACK stores
/// them. `v` and `y` are scratch of length `n`.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn sytd2(
    m: &mut [f64],
    n: usize,
    lower: bool,
    d: &mut [f64],
    e: &mut [f64],
    tau: &mut [f64],
    v: &mut [f64],
    y: &mut [f64],
) {
    if lower {
        for i in 0..n - 1 {
            let c = i * n;
            let (head, x) = m[c + i + 1..c + n].split_at_mut(1);
            let (beta, t) = larfg(head[0], x);
            e[i + 1] = beta;
            if t != 0.0 {
                let k = n - i - 1;
                v[0] = 1.0;
                v[1..k].copy_from_slice(&m[c + i + 2..c + n]);
                let off = (i + 1) * n + i + 1;
                reflect_block(m, n, off, k, true, &v[..k], t, y);
            }
            m[c + i + 1] = beta;
            d[i + 1] = m[c + i];
            tau[i] = t;
        }
        d[n] = m[n * n - 1];
    } else {
        for i in (0..n - 1).rev() {
            let c = (i + 1) * n;
            let (x, tail) = m[c..c + i + 1].split_at_mut(i);
            let (beta, t) = larfg(tail[0], x);
            e[i + 1] = beta;
            if t != 0.0 {
                let k = i + 1;
                v[..i].copy_from_slice(&m[c..c + i]);
                v[i] = 1.0;
                reflect_block(m, n, 0, k, false, &v[..k], t, y);
            }
            m[c + i] = beta;
            d[i + 2] = m[c + i + 1];
            tau[i] = t;
        }
        d[1] = m[0];
    }
}

/// `dlarf` from the left on rows `row0..row0 + v.len()` of the first `n`
/// columns of `z` (column stride `ldz`): `C -= tau v (C' v)'`, skipping the
/// trailing zeros of `v` and the trailing zero columns of `C` as LAPACK
/// does.
#[inline(always)]
fn larf_left(v: &[f64], tau: f64, z: &mut [f64], ldz: usize, row0: usize, n: usize) {
    if tau == 0.0 {
        return;
    }
    let mut lastv = v.len();
    while lastv > 0 && v[lastv - 1] == 0.0 {
        lastv -= 1;
    }
    let v = &v[..lastv];
    let col = |j: usize| row0 + j * ldz..row0 + j * ldz + lastv;
    let mut lastc = n;
    if lastv == 0 {
        lastc = 0;
    } else if z[col(n - 1)].first() == Some(&0.0) && z[col(n - 1)].last() == Some(&0.0) {
        while lastc > 0 && z[col(lastc - 1)].iter().all(|&x| x == 0.0) {
            lastc -= 1;
        }
    }
    let mut w = [0.0f64; 32];
    gemv_t(z, ldz, row0, lastv, lastc, v, &mut w);
    for (j, &wj) in w[..lastc].iter().enumerate() {
        axpy(-tau * wj, v, &mut z[col(j)]);
    }
}

/// `dormtr('L', uplo, 'N')`: `Z <- Q Z` with `Q` the product of the
/// reflectors [`sytd2`] left in `m` and `tau`. `v` is scratch.
#[inline(always)]
fn ormtr(m: &[f64], n: usize, lower: bool, tau: &[f64], z: &mut [f64], ldz: usize, v: &mut [f64]) {
    if lower {
        // dorm2r on rows 1.. of Z: H(n-2) first, H(0) last.
        for i in (0..n - 1).rev() {
            let k = n - i - 1;
            v[0] = 1.0;
            v[1..k].copy_from_slice(&m[i * n + i + 2..i * n + n]);
            larf_left(&v[..k], tau[i], z, ldz, i + 1, n);
        }
    } else {
        // dorm2l on rows ..n-1 of Z: H(0) first.
        for i in 0..n - 1 {
            let c = (i + 1) * n;
            v[..i].copy_from_slice(&m[c..c + i]);
            v[i] = 1.0;
            larf_left(&v[..i + 1], tau[i], z, ldz, 0, n);
        }
    }
}

/// Eigenvalues (ascending) and, when `vectors`, the eigenvectors (as
/// columns, row-major `n x n`, empty otherwise) of the real symmetric
/// matrix given row-major in `a`, reading its
/// lower triangle (its upper one when `upper`).
pub fn eigh(a: &[f64], n: usize, upper: bool, vectors: bool) -> LinalgResult<(Vec<f64>, Vec<f64>)> {
    let mut w = vec![0.0; n];
    let mut v = vec![0.0; if vectors { n * n } else { 0 }];
    eigh_into(a, n, upper, &mut w, vectors.then_some(&mut v[..]))?;
    Ok((w, v))
}

/// [`eigh`] writing the eigenvalues into `values` (length `n`) and, when
/// given, the eigenvectors into `vectors` (length `n * n`, row-major).
/// Larger matrices than [`LAPACK_EIGH_MAX`] go to [`super::small_eigh`].
/// Non-finite input gives what NumPy gives (NaN results, or
/// `Err(Eigenvalues did not converge)` when LAPACK reports it).
pub fn eigh_into(
    a: &[f64],
    n: usize,
    upper: bool,
    values: &mut [f64],
    vectors: Option<&mut [f64]>,
) -> LinalgResult<()> {
    if n > LAPACK_EIGH_MAX {
        // Not LAPACK's path any more (dstedc divides and conquers).
        return super::small_eigh::eigh_into(a, n, upper, values, vectors);
    }
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma") {
        // SAFETY: the CPU has AVX2 and FMA (just checked).
        return unsafe { eigh_fma(a, n, upper, values, vectors) };
    }
    eigh_body(a, n, upper, values, vectors)
}

/// [`eigh_body`] compiled for AVX2 and FMA: column loops run four lanes
/// wide and `mul_add` is one instruction. Rust never contracts `a * b + c`
/// on its own, so the results are those of the baseline build.
///
/// # Safety
/// The CPU supports AVX2 and FMA.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn eigh_fma(
    a: &[f64],
    n: usize,
    upper: bool,
    values: &mut [f64],
    vectors: Option<&mut [f64]>,
) -> LinalgResult<()> {
    eigh_body(a, n, upper, values, vectors)
}

/// The work of [`eigh_into`] (inlined into each instruction-set variant).
#[inline(always)]
fn eigh_body(a: &[f64], n: usize, upper: bool, values: &mut [f64], vectors: Option<&mut [f64]>) -> LinalgResult<()> {
    if n == 0 {
        return Ok(());
    }
    if n == 1 {
        values[0] = a[0];
        if let Some(v) = vectors {
            v[0] = 1.0;
        }
        return Ok(());
    }
    let want = vectors.is_some();
    let ldz = n.div_ceil(4) * 4;
    let mut scratch = vec![0.0; n * n + 5 * (n + 1) + if want { ldz * n } else { 0 }];
    let (m, rest) = scratch.split_at_mut(n * n);
    let (d, rest) = rest.split_at_mut(n + 1);
    let (e, rest) = rest.split_at_mut(n + 1);
    let (tau, rest) = rest.split_at_mut(n + 1);
    let (v, rest) = rest.split_at_mut(n + 1);
    let (y, z) = rest.split_at_mut(n + 1);
    // Column-major copy of the triangle LAPACK reads, and its largest
    // magnitude (NaN if any entry is NaN), column by column as dlansy.
    let mut anrm = 0.0f64;
    for c in 0..n {
        let rows = if upper { 0..c + 1 } else { c..n };
        for r in rows {
            let x = a[r * n + c];
            m[c * n + r] = x;
            let s = x.abs();
            if anrm < s || s.is_nan() {
                anrm = s;
            }
        }
    }
    let smlnum = SAFMIN / (2.0 * EPS);
    let (rmin, rmax) = (smlnum.sqrt(), (1.0 / smlnum).sqrt());
    let sigma = if anrm > 0.0 && anrm < rmin {
        Some(rmin / anrm)
    } else if anrm > rmax {
        Some(rmax / anrm)
    } else {
        None
    };
    if let Some(s) = sigma {
        lascl(1.0, s, m);
    }
    sytd2(m, n, !upper, d, e, tau, v, y);
    let info = if want {
        for i in 0..n {
            z[i * ldz + i] = 1.0;
        }
        let info = steqr(n, d, e, Some(z), ldz);
        ormtr(m, n, !upper, tau, z, ldz, v);
        info
    } else {
        sterf(n, d, e)
    };
    if info > 0 {
        return Err(LinalgError::linalg(MSG_EIG));
    }
    let rs = sigma.map(|s| 1.0 / s);
    for (w, &x) in values.iter_mut().zip(&d[1..]) {
        *w = match rs {
            Some(r) => x * r,
            None => x,
        };
    }
    if let Some(out) = vectors {
        for c in 0..n {
            for (r, &x) in z[c * ldz..c * ldz + n].iter().enumerate() {
                out[r * n + c] = x;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::tests::{rows, sym, Rng};
    use nalgebra::DMatrix;

    /// Orthonormal vectors, `A V = V W`, ascending values, and the values
    /// alone equal to those with vectors up to rounding.
    fn check(a: &DMatrix<f64>, what: &str) {
        let n = a.nrows();
        let (w, v) = super::eigh(&rows(a), n, false, true).unwrap();
        let scale = a.amax().max(1e-300);
        let tol = 1e-13 * n.max(4) as f64;
        let vm = DMatrix::from_row_slice(n, n, &v);
        let ortho = (vm.transpose() * &vm - DMatrix::identity(n, n)).amax();
        assert!(ortho < tol, "{what}: orthogonality {ortho}");
        let resid = (a * &vm - &vm * DMatrix::from_diagonal(&nalgebra::DVector::from_vec(w.clone()))).amax();
        assert!(resid <= tol * scale, "{what}: residual {resid}");
        assert!(w.windows(2).all(|p| p[0] <= p[1]), "{what}: order");
        let (wv, vv) = super::eigh(&rows(a), n, false, false).unwrap();
        assert!(vv.is_empty());
        for (x, y) in w.iter().zip(&wv) {
            assert!((x - y).abs() <= tol * scale, "{what}: values alone {x} vs {y}");
        }
        let (wu, vu) = super::eigh(&rows(a), n, true, true).unwrap();
        for (x, y) in w.iter().zip(&wu) {
            assert!((x - y).abs() <= tol * scale, "{what}: upper {x} vs {y}");
        }
        assert_eq!(vu.len(), n * n);
    }

    #[test]
    fn lapack_eigh_decomposes_random_and_special_matrices() {
        let mut rng = Rng::new(51);
        for n in 1..=25 {
            for t in 0..8 {
                check(&sym(&mut rng, n), &format!("n = {n}, trial {t}"));
            }
            check(&(sym(&mut rng, n) * 1e-300), &format!("tiny n = {n}"));
            check(&(sym(&mut rng, n) * 1e300), &format!("huge n = {n}"));
            check(&DMatrix::zeros(n, n), &format!("zeros {n}"));
            check(&DMatrix::identity(n, n), &format!("identity {n}"));
            check(&DMatrix::from_element(n, n, 1.0), &format!("ones {n}"));
            let t = DMatrix::from_fn(n, n, |i, j| if i.abs_diff(j) == 1 { 1.0 } else { 0.0 });
            check(&t, &format!("tridiagonal {n}"));
        }
        // Past LAPACK_EIGH_MAX the nalgebra-like kernel takes over.
        check(&sym(&mut rng, 30), "n = 30");
    }

    /// Signs as NumPy 2.4 (OpenBLAS dsyevd) prints them.
    #[test]
    fn lapack_eigh_has_numpys_signs() {
        let a = [2.0, 1.0, 1.0, 2.0];
        let (w, v) = super::eigh(&a, 2, false, true).unwrap();
        assert_eq!(w, [1.0, 3.0]);
        let h = std::f64::consts::FRAC_1_SQRT_2;
        for (x, y) in v.iter().zip([-h, h, h, h]) {
            assert!((x - y).abs() < 1e-15, "{v:?}");
        }
        let a = [4.0, 1.0, 2.0, 1.0, 3.0, 0.0, 2.0, 0.0, 1.0];
        let (_, v) = super::eigh(&a, 3, false, true).unwrap();
        let signs: Vec<bool> = v.iter().map(|x| *x > 0.0).collect();
        // np.linalg.eigh([[4, 1, 2], [1, 3, 0], [2, 0, 1]]).eigenvectors > 0
        let numpy = [false, true, false, true, false, false, true, true, false];
        assert_eq!(signs, numpy, "{v:?}");
    }

    #[test]
    fn lapack_eigh_non_finite_input_follows_lapack() {
        let nan = f64::NAN;
        let inf = f64::INFINITY;
        // np.linalg.eigh([[nan, 0], [0, 1]]) -> ([nan, 1], identity)
        let (w, v) = super::eigh(&[nan, 0.0, 0.0, 1.0], 2, false, true).unwrap();
        assert!(w[0].is_nan() && w[1] == 1.0 && v == [1.0, 0.0, 0.0, 1.0]);
        // np.linalg.eigvalsh([[nan, 0], [0, 1]]) -> [0, -0]
        let (w, _) = super::eigh(&[nan, 0.0, 0.0, 1.0], 2, false, false).unwrap();
        assert!(w == [0.0, 0.0] && w[1].is_sign_negative());
        // np.linalg.eigh([[inf, 0], [0, 1]]) -> ([nan, nan], identity)
        let (w, v) = super::eigh(&[inf, 0.0, 0.0, 1.0], 2, false, true).unwrap();
        assert!(w.iter().all(|x| x.is_nan()) && v == [1.0, 0.0, 0.0, 1.0]);
        // Off-diagonal NaN: all NaN.
        let (w, v) = super::eigh(&[1.0, nan, nan, 1.0], 2, false, true).unwrap();
        assert!(w.iter().chain(&v).all(|x| x.is_nan()));
        // The ignored triangle is not read.
        let (w, _) = super::eigh(&[1.0, nan, 0.0, 1.0], 2, false, true).unwrap();
        assert_eq!(w, [1.0, 1.0]);
        // np.linalg.eigvalsh([[1, 2, 3], [2, inf, 1], [3, 1, 1]]) raises.
        let a = [1.0, 2.0, 3.0, 2.0, inf, 1.0, 3.0, 1.0, 1.0];
        assert!(super::eigh(&a, 3, false, false).is_err());
        let (w, v) = super::eigh(&a, 3, false, true).unwrap();
        assert!(w.iter().all(|x| x.is_nan()) && v == [1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0]);
        assert_eq!(super::eigh(&[], 0, false, true).unwrap(), (vec![], vec![]));
        let (w, v) = super::eigh(&[nan], 1, false, true).unwrap();
        assert!(w[0].is_nan() && v == [1.0]);
    }
}
