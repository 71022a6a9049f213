//! Hessenberg reduction (LAPACK gehd2 + orghr) and the real double-shift
//! QR iteration of LAPACK dlahqr (with its deflation criterion, exceptional
//! shifts and lanv2 standardization), so that `eig` of a real matrix follows
//! LAPACK's eigenvalue order and eigenvector signs closely.

use super::balance::lanv2;
use super::decompose::larfg;
use super::interrupt::check;
use super::{LinalgResult, LinalgScalar};
use nalgebra::{DMatrix, DVector};

/// Reduces rows/columns `ilo..=ihi` of `a` to upper Hessenberg form in place
/// (everything below the first subdiagonal is zeroed) and returns the
/// unitary `Q` with `A_in = Q H Q^H` (an empty matrix unless `want_q`).
/// `Err(Interrupted)` on a stop request (polled once per column).
pub(crate) fn hessenberg<S: LinalgScalar>(
    a: &mut DMatrix<S>,
    ilo: usize,
    ihi: usize,
    want_q: bool,
) -> LinalgResult<DMatrix<S>> {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2, checked just above.
        return unsafe { hessenberg_avx2(a, ilo, ihi, want_q) };
    }
    hessenberg_body(a, ilo, ihi, want_q)
}

/// [`hessenberg`] compiled with AVX2 (no FMA: the same operations in the
/// same order, four at a time, so the same bits). nalgebra's `gemv` and
/// `gerc` ran two lanes at a time, 18 % of `eig` of 300 x 300.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn hessenberg_avx2<S: LinalgScalar>(
    a: &mut DMatrix<S>,
    ilo: usize,
    ihi: usize,
    want_q: bool,
) -> LinalgResult<DMatrix<S>> {
    hessenberg_body(a, ilo, ihi, want_q)
}

/// The steps of [`hessenberg`].
#[inline(always)]
fn hessenberg_body<S: LinalgScalar>(
    a: &mut DMatrix<S>,
    ilo: usize,
    ihi: usize,
    want_q: bool,
) -> LinalgResult<DMatrix<S>> {
    let n = a.nrows();
    let mut taus: Vec<S> = Vec::new();
    let mut w = DVector::<S>::zeros(n);
    for i in ilo..ihi {
        check()?;
        let tau = larfg(a, i + 1, i, ihi + 1);
        taus.push(tau);
        if tau == S::zero() {
            continue;
        }
        let mut v = a.view_range(i + 1..=ihi, i).clone_owned();
        v[0] = S::one();
        // From the right: A[0..=ihi, i+1..=ihi] -= tau (A v) v^H.
        {
            let mut c = a.view_range_mut(0..=ihi, i + 1..=ihi);
            let mut wr = w.rows_range_mut(0..=ihi);
            wr.gemv(S::one(), &c, &v, S::zero());
            c.gerc(-tau, &wr, &v, S::one());
        }
        // From the left: A[i+1..=ihi, i+1..n] -= conj(tau) v (v^H A).
        {
            let mut c = a.view_range_mut(i + 1..=ihi, i + 1..n);
            let mut wl = w.rows_range_mut(0..n - i - 1);
            wl.gemv_ad(S::one(), &c, &v, S::zero());
            c.gerc(-tau.conjugate(), &v, &wl, S::one());
        }
    }
    // Q = H(ilo) ... H(ihi-1), accumulated backwards (orghr).
    let mut q = if want_q { DMatrix::<S>::identity(n, n) } else { DMatrix::zeros(0, 0) };
    for (idx, i) in (ilo..ihi).enumerate().rev().filter(|_| want_q) {
        check()?;
        let tau = taus[idx];
        if tau == S::zero() {
            continue;
        }
        let mut v = a.view_range(i + 1..=ihi, i).clone_owned();
        v[0] = S::one();
        let mut c = q.view_range_mut(i + 1..=ihi, i + 1..=ihi);
        let mut wl = w.rows_range_mut(0..ihi - i);
        wl.gemv_ad(S::one(), &c, &v, S::zero());
        c.gerc(-tau, &v, &wl, S::one());
    }
    for j in 0..n {
        for i in j + 2..n {
            a[(i, j)] = S::zero();
        }
    }
    Ok(q)
}

/// Householder reflector of a 2- or 3-vector (dlarfg): `v[0]` becomes beta,
/// `v[1..]` the reflector tail; returns tau.
fn larfg_small(v: &mut [f64]) -> f64 {
    if v.len() <= 1 {
        return 0.0;
    }
    let alpha = v[0];
    let mut xnorm = v[1..].iter().map(|x| x * x).sum::<f64>().sqrt();
    if !xnorm.is_normal() {
        xnorm = v[1..].iter().fold(0.0f64, |acc, x| acc.hypot(*x));
    }
    if xnorm == 0.0 {
        return 0.0;
    }
    let mag = alpha.hypot(xnorm);
    let beta = if alpha >= 0.0 { -mag } else { mag };
    let tau = (beta - alpha) / beta;
    let scal = 1.0 / (alpha - beta);
    v[1..].iter_mut().for_each(|x| *x *= scal);
    v[0] = beta;
    tau
}

/// Applies the reflector `I - t (1, w) (1, w)^T` (R = 2 or 3 entries) from
/// the left to rows `k..k + R` of the columns `cols` of the column-major
/// matrix `data` with `ld` rows (the loops of dlahqr, on slices).
fn reflect_rows<const R: usize>(
    data: &mut [f64],
    ld: usize,
    k: usize,
    cols: std::ops::Range<usize>,
    w: [f64; 2],
    t: [f64; 3],
) {
    for col in data.chunks_exact_mut(ld).skip(cols.start).take(cols.len()) {
        let x = &mut col[k..k + R];
        if R == 3 {
            let sum = x[0] + w[0] * x[1] + w[1] * x[2];
            x[0] -= sum * t[0];
            x[1] -= sum * t[1];
            x[2] -= sum * t[2];
        } else {
            let sum = x[0] + w[0] * x[1];
            x[0] -= sum * t[0];
            x[1] -= sum * t[1];
        }
    }
}

/// Applies the same reflector from the right to columns `k..k + R`, rows
/// `rows` (with AVX2 where the CPU has it: the same operations, four rows
/// at a time, no FMA, so the same bits; `eig` of 300 x 300 spent 16 % of
/// its time here in two-lane SSE2).
fn reflect_cols<const R: usize>(
    data: &mut [f64],
    ld: usize,
    k: usize,
    rows: std::ops::Range<usize>,
    w: [f64; 2],
    t: [f64; 3],
) {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2, checked just above.
        return unsafe { reflect_cols_avx2::<R>(data, ld, k, rows, w, t) };
    }
    reflect_cols_body::<R>(data, ld, k, rows, w, t)
}

/// [`reflect_cols`] compiled with AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn reflect_cols_avx2<const R: usize>(
    data: &mut [f64],
    ld: usize,
    k: usize,
    rows: std::ops::Range<usize>,
    w: [f64; 2],
    t: [f64; 3],
) {
    reflect_cols_body::<R>(data, ld, k, rows, w, t)
}

/// The loop of [`reflect_cols`].
#[inline(always)]
fn reflect_cols_body<const R: usize>(
    data: &mut [f64],
    ld: usize,
    k: usize,
    rows: std::ops::Range<usize>,
    w: [f64; 2],
    t: [f64; 3],
) {
    if ld == 0 || rows.is_empty() {
        return;
    }
    let (c0, rest) = data[k * ld..].split_at_mut(ld);
    let (c1, rest) = rest.split_at_mut(ld);
    let (c0, c1) = (&mut c0[rows.clone()], &mut c1[rows.clone()]);
    if R == 3 {
        let c2 = &mut rest[rows];
        for ((x, y), z) in c0.iter_mut().zip(c1.iter_mut()).zip(c2.iter_mut()) {
            let sum = *x + w[0] * *y + w[1] * *z;
            *x -= sum * t[0];
            *y -= sum * t[1];
            *z -= sum * t[2];
        }
    } else {
        for (x, y) in c0.iter_mut().zip(c1.iter_mut()) {
            let sum = *x + w[0] * *y;
            *x -= sum * t[0];
            *y -= sum * t[1];
        }
    }
}

/// Real Schur form of the Hessenberg matrix `h` on rows/columns `ilo..=ihi`
/// by LAPACK dlahqr: `h <- Z^T h Z`, `z <- z Z` (z may have 0 rows when the
/// Schur vectors are not wanted). With `wantt` false only the active block
/// is transformed, as LAPACK for eigenvalues alone (same eigenvalues, bit
/// for bit; the rest of `h` is then not a Schur form). Converged
/// 2x2 blocks are standardized by lanv2. Returns false if it did not
/// converge within LAPACK's iteration limit, `Err(Interrupted)` on a stop
/// request (polled once per QR sweep).
pub(crate) fn lahqr(
    h: &mut DMatrix<f64>,
    z: &mut DMatrix<f64>,
    ilo: usize,
    ihi: usize,
    wantt: bool,
) -> LinalgResult<bool> {
    const DAT1: f64 = 0.75;
    const DAT2: f64 = -0.4375;
    const KEXSH: usize = 10;
    let n = h.nrows();
    let nz = z.nrows();
    if n == 0 || ilo >= ihi {
        return Ok(true);
    }
    if ihi >= 3 {
        for j in ilo..=ihi - 3 {
            h[(j + 2, j)] = 0.0;
            h[(j + 3, j)] = 0.0;
        }
    }
    if ilo + 2 <= ihi {
        h[(ihi, ihi - 2)] = 0.0;
    }
    let nh = ihi - ilo + 1;
    let ulp = f64::EPSILON;
    let smlnum = f64::MIN_POSITIVE * (nh as f64 / ulp);
    let (mut i1, mut i2) = (0usize, n - 1);
    let itmax = 30 * nh.max(10);
    let mut kdefl = 0usize;
    let mut i = ihi as isize;
    while i >= ilo as isize {
        let iu = i as usize;
        let mut l = ilo;
        let mut converged = false;
        for _its in 0..=itmax {
            check()?;
            // Look for a single small subdiagonal element.
            let mut k = iu;
            while k > l {
                let hkk1 = h[(k, k - 1)].abs();
                if hkk1 <= smlnum {
                    break;
                }
                let mut tst = h[(k - 1, k - 1)].abs() + h[(k, k)].abs();
                if tst == 0.0 {
                    if k >= ilo + 2 {
                        tst += h[(k - 1, k - 2)].abs();
                    }
                    if k < ihi {
                        tst += h[(k + 1, k)].abs();
                    }
                }
                if hkk1 <= ulp * tst {
                    let hk1k = h[(k - 1, k)].abs();
                    let ab = hkk1.max(hk1k);
                    let ba = hkk1.min(hk1k);
                    let d = (h[(k - 1, k - 1)] - h[(k, k)]).abs();
                    let aa = h[(k, k)].abs().max(d);
                    let bb = h[(k, k)].abs().min(d);
                    let s = aa + ab;
                    if ba * (ab / s) <= smlnum.max(ulp * (bb * (aa / s))) {
                        break;
                    }
                }
                k -= 1;
            }
            l = k;
            if l > ilo {
                h[(l, l - 1)] = 0.0;
            }
            if l + 1 >= iu {
                converged = true;
                break;
            }
            kdefl += 1;
            if !wantt {
                // Eigenvalues only: transform just the active block.
                (i1, i2) = (l, iu);
            }

            let (h11, h12, h21, h22) = if kdefl.is_multiple_of(2 * KEXSH) {
                let s = h[(iu, iu - 1)].abs() + h[(iu - 1, iu - 2)].abs();
                let h11 = DAT1 * s + h[(iu, iu)];
                (h11, DAT2 * s, s, h11)
            } else if kdefl.is_multiple_of(KEXSH) {
                let s = h[(l + 1, l)].abs() + h[(l + 2, l + 1)].abs();
                let h11 = DAT1 * s + h[(l, l)];
                (h11, DAT2 * s, s, h11)
            } else {
                (h[(iu - 1, iu - 1)], h[(iu - 1, iu)], h[(iu, iu - 1)], h[(iu, iu)])
            };
            let s = h11.abs() + h12.abs() + h21.abs() + h22.abs();
            let (rt1r, rt1i, rt2r, rt2i);
            if s == 0.0 {
                (rt1r, rt1i, rt2r, rt2i) = (0.0, 0.0, 0.0, 0.0);
            } else {
                let (h11, h12, h21, h22) = (h11 / s, h12 / s, h21 / s, h22 / s);
                let tr = (h11 + h22) / 2.0;
                let det = (h11 - tr) * (h22 - tr) - h12 * h21;
                let rtdisc = det.abs().sqrt();
                if det >= 0.0 {
                    rt1r = tr * s;
                    rt2r = rt1r;
                    rt1i = rtdisc * s;
                    rt2i = -rt1i;
                } else {
                    let (a, b) = (tr + rtdisc, tr - rtdisc);
                    let r = if (a - h22).abs() <= (b - h22).abs() { a * s } else { b * s };
                    rt1r = r;
                    rt2r = r;
                    rt1i = 0.0;
                    rt2i = 0.0;
                }
            }

            // Look for two consecutive small subdiagonal elements.
            let mut m = iu - 2;
            let mut v = [0.0f64; 3];
            loop {
                let mut h21s = h[(m + 1, m)];
                let mut s = (h[(m, m)] - rt2r).abs() + rt2i.abs() + h21s.abs();
                h21s = h[(m + 1, m)] / s;
                v[0] = h21s * h[(m, m + 1)] + (h[(m, m)] - rt1r) * ((h[(m, m)] - rt2r) / s) - rt1i * (rt2i / s);
                v[1] = h21s * (h[(m, m)] + h[(m + 1, m + 1)] - rt1r - rt2r);
                v[2] = h21s * h[(m + 2, m + 1)];
                s = v[0].abs() + v[1].abs() + v[2].abs();
                v.iter_mut().for_each(|x| *x /= s);
                if m == l {
                    break;
                }
                let h00 = h[(m, m - 1)].abs() * (v[1].abs() + v[2].abs());
                let h01 = v[0].abs() * (h[(m - 1, m - 1)].abs() + h[(m, m)].abs() + h[(m + 1, m + 1)].abs());
                if h00 <= ulp * h01 {
                    break;
                }
                m -= 1;
            }

            // Double-shift QR step: chase the bulge from row m down to iu.
            for k in m..iu {
                let nr = 3.min(iu - k + 1);
                if k > m {
                    for t in 0..nr {
                        v[t] = h[(k + t, k - 1)];
                    }
                }
                let t1 = larfg_small(&mut v[..nr]);
                if k > m {
                    h[(k, k - 1)] = v[0];
                    h[(k + 1, k - 1)] = 0.0;
                    if k + 1 < iu {
                        h[(k + 2, k - 1)] = 0.0;
                    }
                } else if m > l {
                    h[(k, k - 1)] *= 1.0 - t1;
                }
                let v2 = v[1];
                let t2 = t1 * v2;
                if nr == 3 {
                    let rows_h = i1..(k + 3).min(iu) + 1;
                    let t = [t1, t2, t1 * v[2]];
                    let w = [v2, v[2]];
                    reflect_rows::<3>(h.as_mut_slice(), n, k, k..i2 + 1, w, t);
                    reflect_cols::<3>(h.as_mut_slice(), n, k, rows_h, w, t);
                    reflect_cols::<3>(z.as_mut_slice(), nz, k, 0..nz, w, t);
                } else if nr == 2 {
                    let (t, w) = ([t1, t2, 0.0], [v2, 0.0]);
                    reflect_rows::<2>(h.as_mut_slice(), n, k, k..i2 + 1, w, t);
                    reflect_cols::<2>(h.as_mut_slice(), n, k, i1..iu + 1, w, t);
                    reflect_cols::<2>(z.as_mut_slice(), nz, k, 0..nz, w, t);
                }
            }
        }
        if !converged {
            return Ok(false);
        }
        if l + 1 == iu {
            // A 2x2 block converged: standardize it and rotate the rest.
            let s = lanv2(h[(iu - 1, iu - 1)], h[(iu - 1, iu)], h[(iu, iu - 1)], h[(iu, iu)]);
            h[(iu - 1, iu - 1)] = s.a;
            h[(iu - 1, iu)] = s.b;
            h[(iu, iu - 1)] = s.c;
            h[(iu, iu)] = s.d;
            let (cs, sn) = (s.cs, s.sn);
            for j in (iu + 1..=i2).filter(|_| wantt) {
                let (x, y) = (h[(iu - 1, j)], h[(iu, j)]);
                h[(iu - 1, j)] = cs * x + sn * y;
                h[(iu, j)] = cs * y - sn * x;
            }
            for r in (i1..iu - 1).filter(|_| wantt) {
                let (x, y) = (h[(r, iu - 1)], h[(r, iu)]);
                h[(r, iu - 1)] = cs * x + sn * y;
                h[(r, iu)] = cs * y - sn * x;
            }
            for r in 0..nz {
                let (x, y) = (z[(r, iu - 1)], z[(r, iu)]);
                z[(r, iu - 1)] = cs * x + sn * y;
                z[(r, iu)] = cs * y - sn * x;
            }
        }
        kdefl = 0;
        i = l as isize - 1;
    }
    for j in 0..n {
        for r in j + 2..n {
            h[(r, j)] = 0.0;
        }
    }
    Ok(true)
}
