//! NumPy's SVD of small real matrices, computed the way LAPACK's `dgesdd`
//! (which NumPy calls) does, so that the signs of U's columns and Vt's rows
//! are NumPy's, and the values agree to a few ulps.
//!
//! Covered: m x n with m >= n and n <= [`MAX_N`] (LAPACK's SMLSIZ, below
//! which `dbdsdc` runs the QR iteration instead of divide and conquer),
//! all three jobs (values only, thin, full). The path follows `dgesdd`:
//! scaling of extreme input (`dlascl`); for m >= 11n/6 a QR factorization
//! first (`dgeqr2`, `dorg2r`) and the bidiagonalization of R, else the
//! bidiagonalization of A itself (`dgebd2` with `dlarfg` / `dlarf`
//! reflectors); the bidiagonal SVD ([`super::lapack_bdsqr`]); then the
//! reflectors applied to the bidiagonal's vectors (`dormbr`: `dorm2r` for
//! Q, `dorml2` for P^T). Complex input and larger sizes stay with the
//! general path in `svd.rs`.
//!
//! Matrices are column-major slices here (LAPACK's layout). Differences
//! left to NumPy are in the last bits only: OpenBLAS sums the BLAS-2
//! products (`dgemv`, `dger`, `dgemm`) in its own order.

use super::lapack_bdsqr::{bdsdc, EPS, SAFMIN};

/// Largest number of columns taking this path.
pub const MAX_N: usize = 25;

/// What [`gesdd`] computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    /// Singular values only (`jobz = 'N'`).
    Values,
    /// U is m x k, Vt is k x n, k = min(m, n) (`jobz = 'S'`).
    Thin,
    /// U is m x m, Vt is n x n (`jobz = 'A'`).
    Full,
}

/// The result of [`gesdd`]: `s` decreasing; `u` (m x m or m x k) and `vt`
/// (n x n or k x n), k = min(m, n), column-major, empty for [`Job::Values`].
#[derive(Debug, Clone, PartialEq)]
pub struct Gesdd {
    /// Singular values, decreasing.
    pub s: Vec<f64>,
    /// Left singular vectors, column-major.
    pub u: Vec<f64>,
    /// Right singular vectors (rows), column-major.
    pub vt: Vec<f64>,
}

/// Fortran's `sign(a, b)`.
fn sign(a: f64, b: f64) -> f64 {
    if b.is_sign_negative() {
        -a.abs()
    } else {
        a.abs()
    }
}

/// Euclidean norm of `count` elements of `x` from `start` with `stride`,
/// accumulated in double-double (OpenBLAS's x86-64 `dnrm2` sums in the
/// x87's extended precision), scaled by a power of two when extreme.
fn nrm2(x: &[f64], start: usize, count: usize, stride: usize) -> f64 {
    let amax = (0..count).fold(0.0f64, |m, k| m.max(x[start + k * stride].abs()));
    if (0..count).any(|k| x[start + k * stride].is_nan()) {
        // The sum of squares carries a NaN through (infinite input is
        // scaled to NaN and zeros before it gets here).
        return f64::NAN;
    }
    if amax == 0.0 || !amax.is_finite() {
        return amax;
    }
    let scale = if !(1e-150..=1e150).contains(&amax) { amax.log2().floor().exp2() } else { 1.0 };
    let (mut hi, mut lo) = (0.0f64, 0.0f64);
    for k in 0..count {
        let v = x[start + k * stride] / scale;
        let p = v * v;
        let pe = v.mul_add(v, -p);
        let s = hi + p;
        let bb = s - hi;
        let err = (hi - (s - bb)) + (p - bb);
        hi = s;
        lo += err + pe;
    }
    let sum = hi + lo;
    let low = lo - (sum - hi);
    let r = sum.sqrt();
    let corr = ((-r).mul_add(r, sum) + low) / (2.0 * r);
    (r + corr) * scale
}

/// `sqrt(x^2 + y^2)` without needless overflow (`dlapy2`).
fn lapy2(x: f64, y: f64) -> f64 {
    // LAPACK 3.10's NaN rule: a NaN argument is returned (y's first).
    if y.is_nan() {
        return y;
    }
    if x.is_nan() {
        return x;
    }
    let (xa, ya) = (x.abs(), y.abs());
    let (w, z) = (xa.max(ya), xa.min(ya));
    if z == 0.0 || w > f64::MAX {
        w
    } else {
        w * (1.0 + (z / w) * (z / w)).sqrt()
    }
}

/// Householder reflector `H = I - tau v v^T` with `H [alpha; x] = [beta; 0]`
/// (`dlarfg`): `buf[alpha_at]` becomes beta, the `count` elements of x at
/// `x_at` (stride `stride`) become v's tail; returns tau.
pub(super) fn larfg(buf: &mut [f64], alpha_at: usize, x_at: usize, count: usize, stride: usize) -> f64 {
    if count == 0 {
        return 0.0;
    }
    let mut xnorm = nrm2(buf, x_at, count, stride);
    if xnorm == 0.0 {
        return 0.0;
    }
    let mut alpha = buf[alpha_at];
    let mut beta = -sign(lapy2(alpha, xnorm), alpha);
    let safmin = SAFMIN / EPS;
    let mut knt = 0;
    if beta.abs() < safmin {
        let rsafmn = 1.0 / safmin;
        loop {
            knt += 1;
            for k in 0..count {
                buf[x_at + k * stride] *= rsafmn;
            }
            beta *= rsafmn;
            alpha *= rsafmn;
            if beta.abs() >= safmin || knt >= 20 {
                break;
            }
        }
        xnorm = nrm2(buf, x_at, count, stride);
        beta = -sign(lapy2(alpha, xnorm), alpha);
    }
    let tau = (beta - alpha) / beta;
    let scal = 1.0 / (alpha - beta);
    for k in 0..count {
        buf[x_at + k * stride] *= scal;
    }
    for _ in 0..knt {
        beta *= safmin;
    }
    buf[alpha_at] = beta;
    tau
}

/// A block of a column-major matrix: rows `r0..r0 + rows`, columns
/// `c0..c0 + cols` of a matrix with leading dimension `ld`.
#[derive(Clone, Copy)]
pub(super) struct Block {
    pub(super) ld: usize,
    pub(super) r0: usize,
    pub(super) c0: usize,
    pub(super) rows: usize,
    pub(super) cols: usize,
}

impl Block {
    /// Index of element (i, j) of the block.
    fn at(&self, i: usize, j: usize) -> usize {
        self.r0 + i + (self.c0 + j) * self.ld
    }
}

/// `C := (I - tau v v^T) C` (`dlarf('L')`), skipping v's trailing zeros and
/// C's trailing zero columns as LAPACK does.
pub(super) fn larf_left(c: &mut [f64], b: Block, v: &[f64], tau: f64, w: &mut [f64]) {
    if tau == 0.0 {
        return;
    }
    let mut lastv = b.rows;
    while lastv > 0 && v[lastv - 1] == 0.0 {
        lastv -= 1;
    }
    if lastv == 0 || b.cols == 0 {
        return;
    }
    let nonzero_col = |c: &[f64], j: usize| (0..lastv).any(|i| c[b.at(i, j)] != 0.0);
    let mut lastc = b.cols;
    if c[b.at(0, lastc - 1)] == 0.0 && c[b.at(lastv - 1, lastc - 1)] == 0.0 {
        while lastc > 0 && !nonzero_col(c, lastc - 1) {
            lastc -= 1;
        }
    }
    let v = &v[..lastv];
    for (j, wj) in w[..lastc].iter_mut().enumerate() {
        let col = b.at(0, j);
        *wj = c[col..col + lastv].iter().zip(v).fold(0.0, |t, (x, y)| t + x * y);
    }
    for (j, &wj) in w[..lastc].iter().enumerate() {
        if wj != 0.0 {
            let t = -tau * wj;
            let col = b.at(0, j);
            for (x, &y) in c[col..col + lastv].iter_mut().zip(v) {
                *x += y * t;
            }
        }
    }
}

/// `C := C (I - tau v v^T)` (`dlarf('R')`), skipping v's trailing zeros and
/// C's trailing zero rows.
pub(super) fn larf_right(c: &mut [f64], b: Block, v: &[f64], tau: f64, w: &mut [f64]) {
    if tau == 0.0 {
        return;
    }
    let mut lastv = b.cols;
    while lastv > 0 && v[lastv - 1] == 0.0 {
        lastv -= 1;
    }
    if lastv == 0 || b.rows == 0 {
        return;
    }
    let mut lastc = b.rows;
    if c[b.at(lastc - 1, 0)] == 0.0 && c[b.at(lastc - 1, lastv - 1)] == 0.0 {
        lastc = 0;
        for j in 0..lastv {
            let mut i = b.rows;
            while i >= 1 && c[b.at(i - 1, j)] == 0.0 {
                i -= 1;
            }
            lastc = lastc.max(i);
        }
    }
    if lastc == 0 {
        return;
    }
    let w = &mut w[..lastc];
    w.fill(0.0);
    for (j, &t) in v[..lastv].iter().enumerate() {
        let col = b.at(0, j);
        for (x, &y) in w.iter_mut().zip(&c[col..col + lastc]) {
            *x += t * y;
        }
    }
    for (j, &vj) in v[..lastv].iter().enumerate() {
        if vj != 0.0 {
            let t = -tau * vj;
            let col = b.at(0, j);
            for (x, &y) in c[col..col + lastc].iter_mut().zip(w.iter()) {
                *x += y * t;
            }
        }
    }
}

/// Scratch vectors for the reflectors.
pub(super) struct Scratch {
    pub(super) v: Vec<f64>,
    pub(super) w: Vec<f64>,
}

impl Scratch {
    pub(super) fn new(len: usize) -> Self {
        Scratch { v: vec![0.0; len], w: vec![0.0; len] }
    }

    /// Copies column `j` of `a` (ld `ld`) from row `i` to `end` into `v`,
    /// with a unit first element; returns its length.
    pub(super) fn column_vector(&mut self, a: &[f64], ld: usize, i: usize, j: usize, end: usize) -> usize {
        let len = end - i;
        self.v[0] = 1.0;
        self.v[1..len].copy_from_slice(&a[i + 1 + j * ld..end + j * ld]);
        len
    }

    /// Copies row `i` of `a` from column `j` to `end` into `v`, with a unit
    /// first element; returns its length.
    pub(super) fn row_vector(&mut self, a: &[f64], ld: usize, i: usize, j: usize, end: usize) -> usize {
        let len = end - j;
        self.v[0] = 1.0;
        for k in 1..len {
            self.v[k] = a[i + (j + k) * ld];
        }
        len
    }
}

/// A bidiagonalized matrix: diagonal, superdiagonal and the reflectors'
/// scalars (the vectors stay in the matrix).
pub(super) struct Bidiag {
    pub(super) d: Vec<f64>,
    pub(super) e: Vec<f64>,
    pub(super) tauq: Vec<f64>,
    pub(super) taup: Vec<f64>,
}

/// Reduces the m x n (m >= n) column-major `a` to upper bidiagonal form
/// `Q^T A P` (`dgebd2`).
pub(super) fn gebd2(m: usize, n: usize, a: &mut [f64], sc: &mut Scratch) -> Bidiag {
    let mut bd = Bidiag { d: vec![0.0; n], e: vec![0.0; n], tauq: vec![0.0; n], taup: vec![0.0; n] };
    for i in 0..n {
        bd.tauq[i] = larfg(a, i + i * m, (i + 1).min(m - 1) + i * m, m - i - 1, 1);
        bd.d[i] = a[i + i * m];
        if i + 1 < n {
            let len = sc.column_vector(a, m, i, i, m);
            let blk = Block { ld: m, r0: i, c0: i + 1, rows: len, cols: n - i - 1 };
            larf_left(a, blk, &sc.v[..len], bd.tauq[i], &mut sc.w);
            bd.taup[i] = larfg(a, i + (i + 1) * m, i + (i + 2).min(n - 1) * m, n - i - 2, m);
            bd.e[i] = a[i + (i + 1) * m];
            let len = sc.row_vector(a, m, i, i + 1, n);
            let blk = Block { ld: m, r0: i + 1, c0: i + 1, rows: m - i - 1, cols: len };
            larf_right(a, blk, &sc.v[..len], bd.taup[i], &mut sc.w);
        }
    }
    bd.e.truncate(n - 1);
    bd
}

/// QR factorization of the m x n (m >= n) `a` (`dgeqr2`); returns tau.
fn geqr2(m: usize, n: usize, a: &mut [f64], sc: &mut Scratch) -> Vec<f64> {
    let mut tau = Vec::with_capacity(n);
    for i in 0..n {
        let t = larfg(a, i + i * m, (i + 1).min(m - 1) + i * m, m - i - 1, 1);
        tau.push(t);
        if i + 1 < n {
            let len = sc.column_vector(a, m, i, i, m);
            let blk = Block { ld: m, r0: i, c0: i + 1, rows: len, cols: n - i - 1 };
            larf_left(a, blk, &sc.v[..len], t, &mut sc.w);
        }
    }
    tau
}

/// Overwrites the m x ncols `q` (ld m), whose first `tau.len()` columns
/// hold reflectors, with the first ncols columns of their product
/// (`dorg2r`).
fn org2r(m: usize, ncols: usize, q: &mut [f64], tau: &[f64], sc: &mut Scratch) {
    let k = tau.len();
    for j in k..ncols {
        q[j * m..(j + 1) * m].fill(0.0);
        q[j + j * m] = 1.0;
    }
    for i in (0..k).rev() {
        if i + 1 < ncols {
            let len = sc.column_vector(q, m, i, i, m);
            let blk = Block { ld: m, r0: i, c0: i + 1, rows: len, cols: ncols - i - 1 };
            larf_left(q, blk, &sc.v[..len], tau[i], &mut sc.w);
        }
        for x in &mut q[i + 1 + i * m..(i + 1) * m] {
            *x *= -tau[i];
        }
        q[i + i * m] = 1.0 - tau[i];
        q[i * m..i + i * m].fill(0.0);
    }
}

/// `C := Q C` for the rows x cols `c` (ld rows), Q the product of the
/// column reflectors of `a` (ld rows) with scalars `tau` (`dorm2r('L', 'N')`).
pub(super) fn orm2r(a: &[f64], tau: &[f64], rows: usize, cols: usize, c: &mut [f64], sc: &mut Scratch) {
    for i in (0..tau.len()).rev() {
        let len = sc.column_vector(a, rows, i, i, rows);
        let blk = Block { ld: rows, r0: i, c0: 0, rows: len, cols };
        larf_left(c, blk, &sc.v[..len], tau[i], &mut sc.w);
    }
}

/// `VT := VT P^T` for the n x n `vt`, P from the row reflectors of the
/// bidiagonalized `a` (ld `lda`) (`dormbr('P', 'R', 'T')` through `dorml2`).
pub(super) fn orml2(a: &[f64], lda: usize, taup: &[f64], n: usize, vt: &mut [f64], sc: &mut Scratch) {
    for i in (0..n.saturating_sub(1)).rev() {
        let len = sc.row_vector(a, lda, i, i + 1, n);
        let blk = Block { ld: n, r0: 0, c0: i + 1, rows: n, cols: len };
        larf_right(vt, blk, &sc.v[..len], taup[i], &mut sc.w);
    }
}

/// Multiplies `x` by `cto / cfrom` in steps that neither overflow nor
/// underflow (`dlascl('G')`).
pub(super) fn lascl(cfrom: f64, cto: f64, x: &mut [f64]) {
    let smlnum = SAFMIN;
    let bignum = 1.0 / smlnum;
    let (mut cfromc, mut ctoc) = (cfrom, cto);
    loop {
        let cfrom1 = cfromc * smlnum;
        let (mul, done);
        if cfrom1 == cfromc {
            mul = ctoc / cfromc;
            done = true;
        } else {
            let cto1 = ctoc / bignum;
            if cto1 == ctoc {
                mul = ctoc;
                done = true;
                cfromc = 1.0;
            } else if cfrom1.abs() > ctoc.abs() && ctoc != 0.0 {
                mul = smlnum;
                done = false;
                cfromc = cfrom1;
            } else if cto1.abs() > cfromc.abs() {
                mul = bignum;
                done = false;
                ctoc = cto1;
            } else {
                mul = ctoc / cfromc;
                done = true;
                if mul == 1.0 {
                    return;
                }
            }
        }
        for v in x.iter_mut() {
            *v *= mul;
        }
        if done {
            return;
        }
    }
}

/// The SVD of the bidiagonal `bd` (n x n) and, unless values only, its
/// vectors mapped back through the reflectors of `a` (ld `lda`, `rows`
/// rows of Q): U is `rows x ucols` (the bidiagonal's vectors in the top
/// left corner, the identity below when `ucols > n`), VT n x n.
#[allow(clippy::too_many_arguments)]
pub(super) fn bidiag_svd(
    mut bd: Bidiag,
    a: &[f64],
    lda: usize,
    rows: usize,
    ucols: usize,
    vectors: bool,
    sc: &mut Scratch,
) -> Option<Gesdd> {
    let n = bd.d.len();
    if !vectors {
        return bdsdc(&mut bd.d, &mut bd.e, None).then(|| Gesdd { s: bd.d, u: Vec::new(), vt: Vec::new() });
    }
    let mut ub = vec![0.0; n * n];
    let mut v = vec![0.0; n * n];
    if !bdsdc(&mut bd.d, &mut bd.e, Some((&mut ub, &mut v))) {
        return None;
    }
    let mut vt = vec![0.0; n * n];
    for j in 0..n {
        for i in 0..n {
            vt[j + i * n] = v[i + j * n];
        }
    }
    let mut u = vec![0.0; rows * ucols];
    for j in 0..n {
        u[j * rows..j * rows + n].copy_from_slice(&ub[j * n..(j + 1) * n]);
    }
    for j in n..ucols {
        u[j + j * rows] = 1.0;
    }
    orm2r(a, &bd.tauq, rows, ucols, &mut u, sc);
    orml2(a, lda, &bd.taup, n, &mut vt, sc);
    Some(Gesdd { s: bd.d, u, vt })
}

/// LAPACK `dgesdd` for the m x n column-major `a` with 1 <= min(m, n) <=
/// [`MAX_N`] and finite entries (wide matrices through
/// [`super::lapack_svd_wide`]); U is m x m or m x k, Vt n x n or k x n
/// (k = min(m, n)); `None` when the bidiagonal QR iteration does not
/// converge (NumPy's "SVD did not converge") or the shape is outside that
/// range.
pub fn gesdd(m: usize, n: usize, a: &[f64], job: Job) -> Option<Gesdd> {
    if m.min(n) == 0 || m.min(n) > MAX_N || a.len() != m * n {
        return None;
    }
    let mut a = a.to_vec();
    let anrm = a.iter().fold(0.0f64, |mx, x| mx.max(x.abs()));
    let smlnum = SAFMIN.sqrt() / f64::EPSILON;
    let bignum = 1.0 / smlnum;
    if anrm > 0.0 && anrm < smlnum {
        lascl(anrm, smlnum, &mut a);
    } else if anrm > bignum {
        lascl(anrm, bignum, &mut a);
    }
    let mut sc = Scratch::new(m.max(n) + 1);
    if m < n {
        let mut out = super::lapack_svd_wide::gesdd_wide(m, n, a, job, &mut sc)?;
        unscale(anrm, smlnum, bignum, &mut out.s);
        return Some(out);
    }
    let vectors = job != Job::Values;
    let mnthr = (n as f64 * 11.0 / 6.0) as usize;
    let mut out = if m >= mnthr {
        // QR first, then the SVD of R: U = Q U_R.
        let tau = geqr2(m, n, &mut a, &mut sc);
        let mut r = vec![0.0; n * n];
        for j in 0..n {
            r[j * n..j * n + j + 1].copy_from_slice(&a[j * m..j * m + j + 1]);
        }
        let bd = gebd2(n, n, &mut r, &mut sc);
        let mut small = bidiag_svd(bd, &r, n, n, n, vectors, &mut sc)?;
        if vectors {
            let qcols = if job == Job::Full { m } else { n };
            let mut q = vec![0.0; m * qcols];
            q[..m * n].copy_from_slice(&a);
            org2r(m, qcols, &mut q, &tau, &mut sc);
            let mut u = vec![0.0; m * qcols];
            for j in 0..n {
                let col = &mut u[j * m..(j + 1) * m];
                // No skipping of zero factors: dgemm carries a NaN of Q
                // through them.
                for k in 0..n {
                    let f = small.u[k + j * n];
                    for (x, &y) in col.iter_mut().zip(&q[k * m..(k + 1) * m]) {
                        *x += y * f;
                    }
                }
            }
            u[n * m..].copy_from_slice(&q[n * m..]);
            small.u = u;
        }
        small
    } else {
        let bd = gebd2(m, n, &mut a, &mut sc);
        let ucols = if job == Job::Full { m } else { n };
        bidiag_svd(bd, &a, m, m, ucols, vectors, &mut sc)?
    };
    unscale(anrm, smlnum, bignum, &mut out.s);
    Some(out)
}

/// Undoes the scaling of the input on the singular values.
fn unscale(anrm: f64, smlnum: f64, bignum: f64, s: &mut [f64]) {
    if anrm > bignum {
        lascl(bignum, anrm, s);
    } else if anrm > 0.0 && anrm < smlnum {
        lascl(smlnum, anrm, s);
    }
}
