//! The elementwise loops of module `kernels`, for pure per-element
//! functions (`Fn + Sync`): big inputs are split across threads (at row
//! boundaries of the merged walk, so every thread runs the same tight inner
//! loops), written straight into an uninitialized result, with a Ctrl-C
//! check per chunk. Small inputs take the single-threaded loops unchanged.

use super::k_order::{k_perm, permuted, unpermuted};
use super::kernels::{map, zip3_map, zip_map, zip_update, Walk};
use crate::array::broadcast::{broadcast_many, broadcast_shapes, broadcast_strides};
use crate::array::dtype::Element;
use crate::array::error::ArrayResult;
use crate::array::parallel::{build_vec, update_slice, PARALLEL_MIN};
use crate::array::storage::{check_allocation, Array};
use std::mem::MaybeUninit;

/// The strides of `a` read as the (already checked) broadcast `shape`.
fn strides_on<T: Element>(a: &Array<T>, shape: &[usize]) -> Vec<isize> {
    broadcast_strides(a.shape(), a.strides(), shape).unwrap_or_else(|| vec![0; shape.len()])
}

/// Every operand's buffer offset at the start of inner row `row` of `walk`.
#[inline]
fn row_starts<const N: usize>(walk: &Walk<N>, row: usize, starts: [usize; N]) -> [usize; N] {
    let mut pos = starts.map(|s| s as isize);
    let mut rest = row;
    let outer = walk.shape.len() - 1;
    for axis in (0..outer).rev() {
        let n = walk.shape[axis];
        let i = (rest % n) as isize;
        rest /= n;
        for (p, s) in pos.iter_mut().zip(&walk.strides) {
            *p += i * s[axis];
        }
    }
    pos.map(|p| p as usize)
}

/// Writes `f` of strided elements into `out` (one inner row, or part of it).
#[inline(always)]
fn strided_row<A: Element, O: Element>(
    out: &mut [MaybeUninit<O>],
    buf: &[A],
    start: usize,
    stride: isize,
    f: &impl Fn(A) -> O,
) {
    match stride {
        1 => {
            let len = out.len();
            for (o, &x) in out.iter_mut().zip(&buf[start..start + len]) {
                o.write(f(x));
            }
        }
        0 => {
            let x = buf[start];
            for o in out.iter_mut() {
                o.write(f(x));
            }
        }
        _ => {
            let mut p = start as isize;
            for o in out.iter_mut() {
                o.write(f(buf[p as usize]));
                p += stride;
            }
        }
    }
}

/// [`map`] for a pure `f`, on all cores when `a` is big.
pub(crate) fn par_map<A: Element, O: Element>(a: &Array<A>, f: impl Fn(A) -> O + Sync) -> ArrayResult<Array<O>> {
    if let Some(perm) = k_perm(a.shape(), &[a.strides()]) {
        let shape = a.shape().to_vec();
        let r = par_map_c(&permuted(a, a.strides(), &perm, &shape), f)?;
        return Ok(unpermuted(r, &perm, &shape));
    }
    par_map_c(a, f)
}

/// [`par_map`] with a C-ordered result.
fn par_map_c<A: Element, O: Element>(a: &Array<A>, f: impl Fn(A) -> O + Sync) -> ArrayResult<Array<O>> {
    let size = a.size();
    if size < PARALLEL_MIN {
        return map(a, f);
    }
    let shape = a.shape().to_vec();
    check_allocation(&shape, O::DTYPE)?;
    let abuf = a.buffer();
    let src: &[A] = &abuf;
    let out = if a.is_c_contiguous() {
        let src = &src[a.offset()..a.offset() + size];
        build_vec(size, 1, |start, out| strided_row(out, src, start, 1, &f))?
    } else {
        let walk = Walk::new(&shape, [a.strides()]);
        let (n, s, ao) = (walk.inner_len(), walk.inner_stride(0), a.offset());
        build_vec(size, n, |start, out| {
            for (r, row) in out.chunks_mut(n).enumerate() {
                let [p] = row_starts(&walk, start / n + r, [ao]);
                strided_row(row, src, p, s, &f);
            }
        })?
    };
    drop(abuf);
    Array::from_vec(shape, out)
}

/// [`par_map`] of floats where `kernel` computes whole runs at once (a
/// vector routine): it gets each contiguous run of input with the matching
/// output run, and strided rows are gathered into a small buffer first.
pub(crate) fn par_map_slices(
    a: &Array<f64>,
    kernel: impl Fn(&[f64], &mut [MaybeUninit<f64>]) + Sync,
) -> ArrayResult<Array<f64>> {
    if let Some(perm) = k_perm(a.shape(), &[a.strides()]) {
        let shape = a.shape().to_vec();
        let r = par_map_slices_c(&permuted(a, a.strides(), &perm, &shape), kernel)?;
        return Ok(unpermuted(r, &perm, &shape));
    }
    par_map_slices_c(a, kernel)
}

/// [`par_map_slices`] with a C-ordered result.
fn par_map_slices_c(
    a: &Array<f64>,
    kernel: impl Fn(&[f64], &mut [MaybeUninit<f64>]) + Sync,
) -> ArrayResult<Array<f64>> {
    let shape = a.shape().to_vec();
    let size = check_allocation(&shape, f64::DTYPE)?;
    let abuf = a.buffer();
    let src: &[f64] = &abuf;
    let out = if a.is_c_contiguous() {
        let src = &src[a.offset()..a.offset() + size];
        build_vec(size, 8, |start, out| kernel(&src[start..start + out.len()], out))?
    } else {
        let walk = Walk::new(&shape, [a.strides()]);
        let (n, s, ao) = (walk.inner_len(), walk.inner_stride(0), a.offset());
        build_vec(size, n, |start, out| {
            for (r, row) in out.chunks_mut(n).enumerate() {
                let [p] = row_starts(&walk, start / n + r, [ao]);
                if s == 1 {
                    kernel(&src[p..p + n], row);
                    continue;
                }
                let mut tmp = [0.0f64; 256];
                let mut p = p as isize;
                for part in row.chunks_mut(tmp.len()) {
                    for t in tmp[..part.len()].iter_mut() {
                        *t = src[p as usize];
                        p += s;
                    }
                    kernel(&tmp[..part.len()], part);
                }
            }
        })?
    };
    drop(abuf);
    Array::from_vec(shape, out)
}

/// [`zip_map`] for a pure `f`, on all cores when the result is big.
pub(crate) fn par_zip_map<A: Element, B: Element, O: Element>(
    a: &Array<A>,
    b: &Array<B>,
    f: impl Fn(A, B) -> O + Sync,
) -> ArrayResult<Array<O>> {
    if a.ndim() >= 2 || b.ndim() >= 2 {
        let shape = if a.shape() == b.shape() { a.shape().to_vec() } else { broadcast_shapes(a.shape(), b.shape())? };
        let (sa, sb) = (strides_on(a, &shape), strides_on(b, &shape));
        if let Some(perm) = k_perm(&shape, &[&sa, &sb]) {
            let (pa, pb) = (permuted(a, &sa, &perm, &shape), permuted(b, &sb, &perm, &shape));
            return Ok(unpermuted(par_zip_map_c(&pa, &pb, f)?, &perm, &shape));
        }
    }
    par_zip_map_c(a, b, f)
}

/// [`par_zip_map`] with a C-ordered result.
fn par_zip_map_c<A: Element, B: Element, O: Element>(
    a: &Array<A>,
    b: &Array<B>,
    f: impl Fn(A, B) -> O + Sync,
) -> ArrayResult<Array<O>> {
    let shape = if a.shape() == b.shape() { a.shape().to_vec() } else { broadcast_shapes(a.shape(), b.shape())? };
    let size = check_allocation(&shape, O::DTYPE)?;
    if size < PARALLEL_MIN {
        return zip_map(a, b, f);
    }
    let (abuf, bbuf) = (a.buffer(), b.buffer());
    let (x, y): (&[A], &[B]) = (&abuf, &bbuf);
    let (ao, bo) = (a.offset(), b.offset());
    let out = if a.shape() == b.shape() && a.is_c_contiguous() && b.is_c_contiguous() {
        let (x, y) = (&x[ao..ao + size], &y[bo..bo + size]);
        build_vec(size, 1, |start, out| {
            let end = start + out.len();
            for ((o, &p), &q) in out.iter_mut().zip(&x[start..end]).zip(&y[start..end]) {
                o.write(f(p, q));
            }
        })?
    } else if b.size() == 1 && a.shape() == shape.as_slice() && a.is_c_contiguous() {
        let q = y[bo];
        build_vec(size, 1, |start, out| strided_row(out, x, ao + start, 1, &|p| f(p, q)))?
    } else if a.size() == 1 && b.shape() == shape.as_slice() && b.is_c_contiguous() {
        let p = x[ao];
        build_vec(size, 1, |start, out| strided_row(out, y, bo + start, 1, &|q| f(p, q)))?
    } else {
        let (sa, sb) = (strides_on(a, &shape), strides_on(b, &shape));
        let walk = Walk::new(&shape, [&sa, &sb]);
        let (n, ia, ib) = (walk.inner_len(), walk.inner_stride(0), walk.inner_stride(1));
        build_vec(size, n, |start, out| {
            for (r, row) in out.chunks_mut(n).enumerate() {
                let [pa, pb] = row_starts(&walk, start / n + r, [ao, bo]);
                match (ia, ib) {
                    (1, 1) => {
                        for ((o, &p), &q) in row.iter_mut().zip(&x[pa..pa + n]).zip(&y[pb..pb + n]) {
                            o.write(f(p, q));
                        }
                    }
                    (_, 0) => {
                        let q = y[pb];
                        strided_row(row, x, pa, ia, &|p| f(p, q));
                    }
                    (0, _) => {
                        let p = x[pa];
                        strided_row(row, y, pb, ib, &|q| f(p, q));
                    }
                    _ => {
                        let (mut pa, mut pb) = (pa as isize, pb as isize);
                        for o in row.iter_mut() {
                            o.write(f(x[pa as usize], y[pb as usize]));
                            pa += ia;
                            pb += ib;
                        }
                    }
                }
            }
        })?
    };
    drop((abuf, bbuf));
    Array::from_vec(shape, out)
}

/// [`zip3_map`] for a pure `f`, on all cores when the result is big.
pub(crate) fn par_zip3_map<A: Element, B: Element, C: Element, O: Element>(
    a: &Array<A>,
    b: &Array<B>,
    c: &Array<C>,
    f: impl Fn(A, B, C) -> O + Sync,
) -> ArrayResult<Array<O>> {
    let shape = broadcast_many(&[a.shape(), b.shape(), c.shape()])?;
    let (sa, sb, sc) = (strides_on(a, &shape), strides_on(b, &shape), strides_on(c, &shape));
    if let Some(perm) = k_perm(&shape, &[&sa, &sb, &sc]) {
        let (pa, pb, pc) =
            (permuted(a, &sa, &perm, &shape), permuted(b, &sb, &perm, &shape), permuted(c, &sc, &perm, &shape));
        return Ok(unpermuted(par_zip3_map_c(&pa, &pb, &pc, f)?, &perm, &shape));
    }
    par_zip3_map_c(a, b, c, f)
}

/// [`par_zip3_map`] with a C-ordered result.
fn par_zip3_map_c<A: Element, B: Element, C: Element, O: Element>(
    a: &Array<A>,
    b: &Array<B>,
    c: &Array<C>,
    f: impl Fn(A, B, C) -> O + Sync,
) -> ArrayResult<Array<O>> {
    let shape = broadcast_many(&[a.shape(), b.shape(), c.shape()])?;
    let size = check_allocation(&shape, O::DTYPE)?;
    if size < PARALLEL_MIN {
        return zip3_map(a, b, c, f);
    }
    let (abuf, bbuf, cbuf) = (a.buffer(), b.buffer(), c.buffer());
    let (x, y, z): (&[A], &[B], &[C]) = (&abuf, &bbuf, &cbuf);
    let (sa, sb, sc) = (strides_on(a, &shape), strides_on(b, &shape), strides_on(c, &shape));
    let walk = Walk::new(&shape, [&sa, &sb, &sc]);
    let n = walk.inner_len();
    let (ia, ib, ic) = (walk.inner_stride(0), walk.inner_stride(1), walk.inner_stride(2));
    let starts = [a.offset(), b.offset(), c.offset()];
    let out = build_vec(size, n, |start, out| {
        for (r, row) in out.chunks_mut(n).enumerate() {
            let [pa, pb, pc] = row_starts(&walk, start / n + r, starts);
            match (ia, ib, ic) {
                (1, 1, 1) => {
                    let it = x[pa..pa + n].iter().zip(&y[pb..pb + n]).zip(&z[pc..pc + n]);
                    for (o, ((&p, &q), &s)) in row.iter_mut().zip(it) {
                        o.write(f(p, q, s));
                    }
                }
                (1, 1, 0) => {
                    let s = z[pc];
                    for ((o, &p), &q) in row.iter_mut().zip(&x[pa..pa + n]).zip(&y[pb..pb + n]) {
                        o.write(f(p, q, s));
                    }
                }
                (1, 0, 1) => {
                    let q = y[pb];
                    for ((o, &p), &s) in row.iter_mut().zip(&x[pa..pa + n]).zip(&z[pc..pc + n]) {
                        o.write(f(p, q, s));
                    }
                }
                _ => {
                    let (mut pa, mut pb, mut pc) = (pa as isize, pb as isize, pc as isize);
                    for o in row.iter_mut() {
                        o.write(f(x[pa as usize], y[pb as usize], z[pc as usize]));
                        pa += ia;
                        pb += ib;
                        pc += ic;
                    }
                }
            }
        }
    })?;
    drop((abuf, bbuf, cbuf));
    Array::from_vec(shape, out)
}

/// [`zip_update`] for a pure `f`, on all cores when `target` is big and
/// contiguous. Same contract: `other` broadcasts to `target`'s shape and
/// does not share its buffer.
pub(crate) fn par_zip_update<T: Element, B: Element>(
    target: &Array<T>,
    other: &Array<B>,
    f: impl Fn(T, B) -> T + Sync,
) -> ArrayResult<()> {
    let size = target.size();
    if size < PARALLEL_MIN || !target.is_c_contiguous() {
        return zip_update(target, other, f);
    }
    let shape = target.shape().to_vec();
    let obuf = other.buffer();
    let y: &[B] = &obuf;
    let mut tbuf = target.buffer_mut()?;
    let (to, oo) = (target.offset(), other.offset());
    let t = &mut tbuf[to..to + size];
    if other.shape() == shape.as_slice() && other.is_c_contiguous() {
        let y = &y[oo..oo + size];
        return update_slice(t, 1, |start, part| {
            let len = part.len();
            for (p, &q) in part.iter_mut().zip(&y[start..start + len]) {
                *p = f(*p, q);
            }
        });
    }
    if other.size() == 1 {
        let q = y[oo];
        return update_slice(t, 1, |_, part| part.iter_mut().for_each(|p| *p = f(*p, q)));
    }
    let so = strides_on(other, &shape);
    let walk = Walk::new(&shape, [target.strides(), &so]);
    let (n, io) = (walk.inner_len(), walk.inner_stride(1));
    update_slice(t, n, |start, part| {
        for (r, row) in part.chunks_mut(n).enumerate() {
            let [_, po] = row_starts(&walk, start / n + r, [0, oo]);
            match io {
                1 => row.iter_mut().zip(&y[po..po + n]).for_each(|(p, &q)| *p = f(*p, q)),
                0 => {
                    let q = y[po];
                    row.iter_mut().for_each(|p| *p = f(*p, q));
                }
                _ => {
                    let mut po = po as isize;
                    for p in row.iter_mut() {
                        *p = f(*p, y[po as usize]);
                        po += io;
                    }
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::array::parallel::PARALLEL_MIN;

    fn big(rows: usize, cols: usize) -> Array<f64> {
        Array::from_vec(vec![rows, cols], (0..rows * cols).map(|i| i as f64).collect()).unwrap()
    }

    #[test]
    fn parallel_loops_match_the_serial_ones() {
        let cols = 1000;
        let rows = PARALLEL_MIN / cols * 3 + 7;
        let a = big(rows, cols);
        let row = Array::from_vec(vec![cols], (0..cols).map(|i| i as f64 * 0.5).collect()).unwrap();
        let col = Array::from_vec(vec![rows, 1], (0..rows).map(|i| i as f64).collect()).unwrap();
        let t = a.view(vec![cols, rows], vec![1, cols as isize], 0);
        for (p, q) in [(&a, &row), (&a, &col), (&col, &row)] {
            assert_eq!(
                par_zip_map(p, q, |x, y| x - y).unwrap().to_vec(),
                zip_map(p, q, |x, y| x - y).unwrap().to_vec()
            );
        }
        assert_eq!(par_map(&t, |x| x * 2.0).unwrap().to_vec(), map(&t, |x| x * 2.0).unwrap().to_vec());
        let s = Array::scalar(3.0);
        assert_eq!(
            par_zip_map(&a, &s, |x, y| x * y).unwrap().to_vec(),
            zip_map(&a, &s, |x, y| x * y).unwrap().to_vec()
        );
        let c = par_zip_map(&a, &s, |x, y| x > y).unwrap();
        let w = par_zip3_map(&c, &a, &s, |c, x, y| if c { x } else { y }).unwrap();
        assert_eq!(w.to_vec(), zip3_map(&c, &a, &s, |c, x, y| if c { x } else { y }).unwrap().to_vec());
        let u = a.copy();
        par_zip_update(&u, &row, |x, y| x + y).unwrap();
        assert_eq!(u.to_vec(), zip_map(&a, &row, |x, y| x + y).unwrap().to_vec());
        let u = a.copy();
        par_zip_update(&u, &col, |x, y| x / (y + 1.0)).unwrap();
        assert_eq!(u.to_vec(), zip_map(&a, &col, |x, y| x / (y + 1.0)).unwrap().to_vec());
    }

    /// The slice kernel sees every element once, whatever the layout, and the
    /// result keeps `par_map`'s shape and order.
    #[test]
    fn slice_kernels_match_par_map() {
        let cols = 1000;
        let rows = PARALLEL_MIN / cols * 2 + 3;
        let a = big(rows, cols);
        let kernel = |src: &[f64], out: &mut [MaybeUninit<f64>]| {
            for (o, &x) in out.iter_mut().zip(src) {
                o.write(x * 3.0 - 1.0);
            }
        };
        let t = a.view(vec![cols, rows], vec![1, cols as isize], 0);
        let r = a.view(vec![rows, cols / 3], vec![cols as isize, -3], cols - 1);
        let small = a.view(vec![7, 5], vec![2 * cols as isize, 3], 4);
        for v in [&a, &t, &r, &small] {
            let got = par_map_slices(v, kernel).unwrap();
            let want = par_map(v, |x| x * 3.0 - 1.0).unwrap();
            assert_eq!(got.shape(), want.shape());
            assert_eq!(got.strides(), want.strides());
            assert_eq!(got.to_vec(), want.to_vec());
        }
    }
}
