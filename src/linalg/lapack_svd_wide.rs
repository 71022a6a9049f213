//! LAPACK `dgesdd`'s path for wide matrices (m < n, m <= 25), the
//! counterpart of [`super::lapack_svd`]'s tall path: for n >= 11m/6 an LQ
//! factorization first (`dgelq2`, `dorgl2`) and the SVD of the square L,
//! else a reduction to lower bidiagonal form (`dgebd2` for m < n), whose
//! SVD `dbdsdc('L')` computes after rotating it to upper form; then the
//! reflectors applied (`dormbr` with the shifted Q reflectors). The input
//! arrives scaled (`dlascl`) by the caller.

use super::lapack_bdsqr::bdsdc_lower;
use super::lapack_svd::{bidiag_svd, gebd2, larf_left, larf_right, larfg, Bidiag, Block, Gesdd, Job, Scratch};

/// LQ factorization of the m x n (m <= n) `a` (`dgelq2`); returns tau.
fn gelq2(m: usize, n: usize, a: &mut [f64], sc: &mut Scratch) -> Vec<f64> {
    let mut tau = Vec::with_capacity(m);
    for i in 0..m {
        let t = larfg(a, i + i * m, i + (i + 1).min(n - 1) * m, n - i - 1, m);
        tau.push(t);
        if i + 1 < m {
            let len = sc.row_vector(a, m, i, i, n);
            let blk = Block { ld: m, r0: i + 1, c0: i, rows: m - i - 1, cols: len };
            larf_right(a, blk, &sc.v[..len], t, &mut sc.w);
        }
    }
    tau
}

/// Overwrites the rows x n `q` (ld rows), whose first `tau.len()` rows hold
/// LQ reflectors, with the first `rows` rows of their product (`dorgl2`).
fn orgl2(rows: usize, n: usize, q: &mut [f64], tau: &[f64], sc: &mut Scratch) {
    let k = tau.len();
    if k < rows {
        for j in 0..n {
            for l in k..rows {
                q[l + j * rows] = 0.0;
            }
            if j >= k && j < rows {
                q[j + j * rows] = 1.0;
            }
        }
    }
    for i in (0..k).rev() {
        if i + 1 < n {
            if i + 1 < rows {
                let len = sc.row_vector(q, rows, i, i, n);
                let blk = Block { ld: rows, r0: i + 1, c0: i, rows: rows - i - 1, cols: len };
                larf_right(q, blk, &sc.v[..len], tau[i], &mut sc.w);
            }
            for j in i + 1..n {
                q[i + j * rows] *= -tau[i];
            }
        }
        q[i + i * rows] = 1.0 - tau[i];
        for l in 0..i {
            q[i + l * rows] = 0.0;
        }
    }
}

/// Reduces the m x n (m < n) `a` to lower bidiagonal form (`dgebd2`).
fn gebd2_lower(m: usize, n: usize, a: &mut [f64], sc: &mut Scratch) -> Bidiag {
    let mut bd = Bidiag { d: vec![0.0; m], e: vec![0.0; m], tauq: vec![0.0; m], taup: vec![0.0; m] };
    for i in 0..m {
        bd.taup[i] = larfg(a, i + i * m, i + (i + 1).min(n - 1) * m, n - i - 1, m);
        bd.d[i] = a[i + i * m];
        if i + 1 < m {
            let len = sc.row_vector(a, m, i, i, n);
            let blk = Block { ld: m, r0: i + 1, c0: i, rows: m - i - 1, cols: len };
            larf_right(a, blk, &sc.v[..len], bd.taup[i], &mut sc.w);
            bd.tauq[i] = larfg(a, i + 1 + i * m, (i + 2).min(m - 1) + i * m, m - i - 2, 1);
            bd.e[i] = a[i + 1 + i * m];
            let len = sc.column_vector(a, m, i + 1, i, m);
            let blk = Block { ld: m, r0: i + 1, c0: i + 1, rows: len, cols: n - i - 1 };
            larf_left(a, blk, &sc.v[..len], bd.tauq[i], &mut sc.w);
        }
    }
    bd.e.truncate(m - 1);
    bd
}

/// `dgesdd` for the scaled m x n column-major `a`, 1 <= m < n, m <= 25.
pub(super) fn gesdd_wide(m: usize, n: usize, mut a: Vec<f64>, job: Job, sc: &mut Scratch) -> Option<Gesdd> {
    let vectors = job != Job::Values;
    let mnthr = (m as f64 * 11.0 / 6.0) as usize;
    if n >= mnthr {
        // LQ first, then the SVD of L: Vt = Vt_L Q.
        let tau = gelq2(m, n, &mut a, sc);
        let mut l = vec![0.0; m * m];
        for j in 0..m {
            l[j + j * m..(j + 1) * m].copy_from_slice(&a[j + j * m..(j + 1) * m]);
        }
        let bd = gebd2(m, m, &mut l, sc);
        let mut small = bidiag_svd(bd, &l, m, m, m, vectors, sc)?;
        if vectors {
            let qrows = if job == Job::Full { n } else { m };
            let mut q = vec![0.0; qrows * n];
            for j in 0..n {
                for i in 0..m.min(j + 1) {
                    q[i + j * qrows] = a[i + j * m];
                }
            }
            orgl2(qrows, n, &mut q, &tau, sc);
            let mut vt = vec![0.0; qrows * n];
            for j in 0..n {
                // No skipping of zero factors: dgemm carries a NaN of the
                // small Vt through them.
                for k in 0..m {
                    let t = q[k + j * qrows];
                    for i in 0..m {
                        vt[i + j * qrows] += t * small.vt[i + k * m];
                    }
                }
                for i in m..qrows {
                    vt[i + j * qrows] = q[i + j * qrows];
                }
            }
            small.vt = vt;
        }
        return Some(small);
    }
    let mut bd = gebd2_lower(m, n, &mut a, sc);
    if !vectors {
        return bdsdc_lower(&mut bd.d, &mut bd.e, None).then(|| Gesdd { s: bd.d, u: Vec::new(), vt: Vec::new() });
    }
    let mut u = vec![0.0; m * m];
    let mut v = vec![0.0; m * m];
    if !bdsdc_lower(&mut bd.d, &mut bd.e, Some((&mut u, &mut v))) {
        return None;
    }
    let vrows = if job == Job::Full { n } else { m };
    let mut vt = vec![0.0; vrows * n];
    for i in 0..m {
        for j in 0..m {
            vt[i + j * vrows] = v[j + i * m];
        }
    }
    for i in m..vrows {
        vt[i + i * vrows] = 1.0;
    }
    // Q's reflectors start below the diagonal (dormbr with nq < k).
    for i in (0..m - 1).rev() {
        let len = sc.column_vector(&a, m, i + 1, i, m);
        let blk = Block { ld: m, r0: i + 1, c0: 0, rows: len, cols: m };
        larf_left(&mut u, blk, &sc.v[..len], bd.tauq[i], &mut sc.w);
    }
    for i in (0..m).rev() {
        let len = sc.row_vector(&a, m, i, i, n);
        let blk = Block { ld: vrows, r0: 0, c0: i, rows: vrows, cols: len };
        larf_right(&mut vt, blk, &sc.v[..len], bd.taup[i], &mut sc.w);
    }
    Some(Gesdd { s: bd.d, u, vt })
}
