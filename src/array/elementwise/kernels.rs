//! The generic loops every elementwise operation runs on.
//!
//! Each loop is generic over the element types and the per-element closure,
//! so the compiler emits one tight, inlined loop per operation and dtype: the
//! caller matches on the operation once, outside the loop. The loops take
//! fast paths for contiguous operands of one shape and for a size-1 operand
//! (a broadcast scalar); otherwise they merge the axes that every operand
//! walks contiguously and run a tight inner loop over the last axis, with
//! special cases for unit and zero inner strides.

use super::k_order::{k_perm, permuted, unpermuted};
use crate::array::broadcast::{broadcast_shapes, broadcast_strides};
use crate::array::dtype::Element;
use crate::array::error::ArrayResult;
use crate::array::storage::{check_allocation, Array};

/// An iteration over `N` operands laid out on a common shape, after dropping
/// length-1 axes and merging axes that every operand walks contiguously.
/// `shape` has at least one axis; the last one is the inner loop.
pub(crate) struct Walk<const N: usize> {
    /// The merged shape (never empty).
    pub shape: Vec<usize>,
    /// Each operand's strides on the merged shape, in elements.
    pub strides: [Vec<isize>; N],
}

impl<const N: usize> Walk<N> {
    /// Plans the walk of `shape`, where operand `k` has `strides[k]` (already
    /// broadcast to `shape`).
    pub fn new(shape: &[usize], strides: [&[isize]; N]) -> Self {
        let mut out_shape: Vec<usize> = Vec::with_capacity(shape.len());
        let mut out_strides: [Vec<isize>; N] = std::array::from_fn(|_| Vec::with_capacity(shape.len()));
        for (axis, &n) in shape.iter().enumerate() {
            if n == 1 {
                continue;
            }
            if let Some(last) = out_shape.last_mut() {
                let mergeable = (0..N).all(|k| {
                    let outer = *out_strides[k].last().unwrap_or(&0);
                    outer == strides[k][axis].wrapping_mul(n as isize)
                });
                if mergeable {
                    *last *= n;
                    for k in 0..N {
                        if let Some(s) = out_strides[k].last_mut() {
                            *s = strides[k][axis];
                        }
                    }
                    continue;
                }
            }
            out_shape.push(n);
            for k in 0..N {
                out_strides[k].push(strides[k][axis]);
            }
        }
        if out_shape.is_empty() {
            out_shape.push(1);
            for s in out_strides.iter_mut() {
                s.push(0);
            }
        }
        Walk { shape: out_shape, strides: out_strides }
    }

    /// Length of the inner loop.
    pub fn inner_len(&self) -> usize {
        *self.shape.last().unwrap_or(&1)
    }

    /// Operand `k`'s stride along the inner loop.
    pub fn inner_stride(&self, k: usize) -> isize {
        *self.strides[k].last().unwrap_or(&0)
    }

    /// Calls `row` with every operand's buffer offset at the start of each
    /// inner row, in C order. Does nothing when the shape has a zero axis.
    /// (Inlined always, so that state the callers' closures capture stays in
    /// registers and their loops vectorize.)
    #[inline(always)]
    pub fn for_each_row(&self, starts: [usize; N], mut row: impl FnMut([usize; N])) {
        if self.shape.contains(&0) {
            return;
        }
        let outer = self.shape.len() - 1;
        if outer == 0 {
            row(starts);
            return;
        }
        let mut index = vec![0usize; outer];
        let mut pos: [isize; N] = starts.map(|s| s as isize);
        loop {
            row(pos.map(|p| p as usize));
            // Advance the outer axes, odometer style.
            let mut axis = outer;
            loop {
                if axis == 0 {
                    return;
                }
                axis -= 1;
                index[axis] += 1;
                for (p, s) in pos.iter_mut().zip(&self.strides) {
                    *p += s[axis];
                }
                if index[axis] < self.shape[axis] {
                    break;
                }
                for (p, s) in pos.iter_mut().zip(&self.strides) {
                    *p -= s[axis] * self.shape[axis] as isize;
                }
                index[axis] = 0;
            }
        }
    }
}

/// The strides of `a` read as the (already checked) broadcast `shape`.
fn strides_on<T: Element>(a: &Array<T>, shape: &[usize]) -> Vec<isize> {
    broadcast_strides(a.shape(), a.strides(), shape).unwrap_or_else(|| vec![0; shape.len()])
}

/// A new array of `f(x)` for every element `x` of `a`, in `a`'s shape.
#[inline(always)]
pub(crate) fn map<A: Element, O: Element>(a: &Array<A>, f: impl FnMut(A) -> O) -> ArrayResult<Array<O>> {
    if let Some(perm) = k_perm(a.shape(), &[a.strides()]) {
        let shape = a.shape().to_vec();
        return Ok(unpermuted(map_c(&permuted(a, a.strides(), &perm, &shape), f)?, &perm, &shape));
    }
    map_c(a, f)
}

/// [`map`] with a C-ordered result.
fn map_c<A: Element, O: Element>(a: &Array<A>, mut f: impl FnMut(A) -> O) -> ArrayResult<Array<O>> {
    let shape = a.shape().to_vec();
    let size = check_allocation(&shape, O::DTYPE)?;
    let buf = a.buffer();
    let out: Vec<O> = if a.is_c_contiguous() {
        buf[a.offset()..a.offset() + size].iter().map(|&x| f(x)).collect()
    } else {
        let walk = Walk::new(&shape, [a.strides()]);
        let (n, s) = (walk.inner_len(), walk.inner_stride(0));
        let mut out = Vec::with_capacity(size);
        walk.for_each_row([a.offset()], |[p]| {
            if s == 1 {
                out.extend(buf[p..p + n].iter().map(|&x| f(x)));
            } else {
                out.extend((0..n as isize).map(|k| f(buf[(p as isize + k * s) as usize])));
            }
        });
        out
    };
    drop(buf);
    Array::from_vec(shape, out)
}

/// A new array of `f(x, y)` over `a` and `b` broadcast together (NumPy's
/// error if they cannot be).
#[inline(always)]
pub(crate) fn zip_map<A: Element, B: Element, O: Element>(
    a: &Array<A>,
    b: &Array<B>,
    f: impl FnMut(A, B) -> O,
) -> ArrayResult<Array<O>> {
    if a.ndim() >= 2 || b.ndim() >= 2 {
        let shape = if a.shape() == b.shape() { a.shape().to_vec() } else { broadcast_shapes(a.shape(), b.shape())? };
        let on = |s: &[usize], st: &[isize]| broadcast_strides(s, st, &shape).unwrap_or_else(|| vec![0; shape.len()]);
        let (sa, sb) = (on(a.shape(), a.strides()), on(b.shape(), b.strides()));
        if let Some(perm) = k_perm(&shape, &[&sa, &sb]) {
            let (pa, pb) = (permuted(a, &sa, &perm, &shape), permuted(b, &sb, &perm, &shape));
            return Ok(unpermuted(zip_map_c(&pa, &pb, f)?, &perm, &shape));
        }
    }
    zip_map_c(a, b, f)
}

/// [`zip_map`] with a C-ordered result.
fn zip_map_c<A: Element, B: Element, O: Element>(
    a: &Array<A>,
    b: &Array<B>,
    mut f: impl FnMut(A, B) -> O,
) -> ArrayResult<Array<O>> {
    let shape = if a.shape() == b.shape() { a.shape().to_vec() } else { broadcast_shapes(a.shape(), b.shape())? };
    let size = check_allocation(&shape, O::DTYPE)?;
    let abuf = a.buffer();
    let bbuf = b.buffer();
    let (ao, bo) = (a.offset(), b.offset());
    let out: Vec<O> = if size == 0 {
        Vec::new()
    } else if a.shape() == b.shape() && a.is_c_contiguous() && b.is_c_contiguous() {
        abuf[ao..ao + size].iter().zip(&bbuf[bo..bo + size]).map(|(&x, &y)| f(x, y)).collect()
    } else if b.size() == 1 && a.shape() == shape.as_slice() && a.is_c_contiguous() {
        let y = bbuf[bo];
        abuf[ao..ao + size].iter().map(|&x| f(x, y)).collect()
    } else if a.size() == 1 && b.shape() == shape.as_slice() && b.is_c_contiguous() {
        let x = abuf[ao];
        bbuf[bo..bo + size].iter().map(|&y| f(x, y)).collect()
    } else {
        let sa = strides_on(a, &shape);
        let sb = strides_on(b, &shape);
        let walk = Walk::new(&shape, [&sa, &sb]);
        let (n, ia, ib) = (walk.inner_len(), walk.inner_stride(0), walk.inner_stride(1));
        let mut out = Vec::with_capacity(size);
        walk.for_each_row([ao, bo], |[pa, pb]| match (ia, ib) {
            (1, 1) => out.extend(abuf[pa..pa + n].iter().zip(&bbuf[pb..pb + n]).map(|(&x, &y)| f(x, y))),
            (1, 0) => {
                let y = bbuf[pb];
                out.extend(abuf[pa..pa + n].iter().map(|&x| f(x, y)));
            }
            (0, 1) => {
                let x = abuf[pa];
                out.extend(bbuf[pb..pb + n].iter().map(|&y| f(x, y)));
            }
            _ => {
                let (pa, pb) = (pa as isize, pb as isize);
                out.extend((0..n as isize).map(|k| f(abuf[(pa + k * ia) as usize], bbuf[(pb + k * ib) as usize])));
            }
        });
        out
    };
    drop(abuf);
    drop(bbuf);
    Array::from_vec(shape, out)
}

/// Folds `f` over the element pairs of `a` and `b` broadcast together, for
/// the layouts that are plain slices (one shape, both contiguous; or one
/// operand a single element and the other contiguous of the full shape);
/// `None` for other layouts. A pure reduction like this vectorizes, which
/// a flag updated inside an elementwise loop does not.
#[inline(always)]
pub(crate) fn fold_pairs<A: Element, B: Element, S>(
    a: &Array<A>,
    b: &Array<B>,
    init: S,
    mut f: impl FnMut(S, A, B) -> S,
) -> Option<S> {
    let (abuf, bbuf) = (a.buffer(), b.buffer());
    let (ao, bo) = (a.offset(), b.offset());
    if a.shape() == b.shape() && a.is_c_contiguous() && b.is_c_contiguous() {
        let n = a.size();
        Some(abuf[ao..ao + n].iter().zip(&bbuf[bo..bo + n]).fold(init, |s, (&x, &y)| f(s, x, y)))
    } else if b.size() == 1 && b.ndim() <= a.ndim() && a.is_c_contiguous() {
        let y = bbuf[bo];
        Some(abuf[ao..ao + a.size()].iter().fold(init, |s, &x| f(s, x, y)))
    } else if a.size() == 1 && a.ndim() <= b.ndim() && b.is_c_contiguous() {
        let x = abuf[ao];
        Some(bbuf[bo..bo + b.size()].iter().fold(init, |s, &y| f(s, x, y)))
    } else {
        None
    }
}

/// A new array of `f(c, x, y)` over three operands broadcast together.
pub(crate) fn zip3_map<A: Element, B: Element, C: Element, O: Element>(
    a: &Array<A>,
    b: &Array<B>,
    c: &Array<C>,
    f: impl FnMut(A, B, C) -> O,
) -> ArrayResult<Array<O>> {
    let shape = crate::array::broadcast::broadcast_many(&[a.shape(), b.shape(), c.shape()])?;
    let on = |s: &[usize], st: &[isize]| broadcast_strides(s, st, &shape).unwrap_or_else(|| vec![0; shape.len()]);
    let (sa, sb, sc) = (on(a.shape(), a.strides()), on(b.shape(), b.strides()), on(c.shape(), c.strides()));
    if let Some(perm) = k_perm(&shape, &[&sa, &sb, &sc]) {
        let (pa, pb, pc) =
            (permuted(a, &sa, &perm, &shape), permuted(b, &sb, &perm, &shape), permuted(c, &sc, &perm, &shape));
        return Ok(unpermuted(zip3_map_c(&pa, &pb, &pc, f)?, &perm, &shape));
    }
    zip3_map_c(a, b, c, f)
}

/// [`zip3_map`] with a C-ordered result.
fn zip3_map_c<A: Element, B: Element, C: Element, O: Element>(
    a: &Array<A>,
    b: &Array<B>,
    c: &Array<C>,
    mut f: impl FnMut(A, B, C) -> O,
) -> ArrayResult<Array<O>> {
    let shape = crate::array::broadcast::broadcast_many(&[a.shape(), b.shape(), c.shape()])?;
    let size = check_allocation(&shape, O::DTYPE)?;
    let (abuf, bbuf, cbuf) = (a.buffer(), b.buffer(), c.buffer());
    let (sa, sb, sc) = (strides_on(a, &shape), strides_on(b, &shape), strides_on(c, &shape));
    let walk = Walk::new(&shape, [&sa, &sb, &sc]);
    let n = walk.inner_len();
    let (ia, ib, ic) = (walk.inner_stride(0), walk.inner_stride(1), walk.inner_stride(2));
    let mut out = Vec::with_capacity(size);
    walk.for_each_row([a.offset(), b.offset(), c.offset()], |[pa, pb, pc]| match (ia, ib, ic) {
        (1, 1, 1) => {
            let rows = abuf[pa..pa + n].iter().zip(&bbuf[pb..pb + n]).zip(&cbuf[pc..pc + n]);
            out.extend(rows.map(|((&x, &y), &z)| f(x, y, z)));
        }
        (1, 1, 0) => {
            let z = cbuf[pc];
            out.extend(abuf[pa..pa + n].iter().zip(&bbuf[pb..pb + n]).map(|(&x, &y)| f(x, y, z)));
        }
        (1, 0, 1) => {
            let y = bbuf[pb];
            out.extend(abuf[pa..pa + n].iter().zip(&cbuf[pc..pc + n]).map(|(&x, &z)| f(x, y, z)));
        }
        (1, 0, 0) => {
            let (y, z) = (bbuf[pb], cbuf[pc]);
            out.extend(abuf[pa..pa + n].iter().map(|&x| f(x, y, z)));
        }
        _ => {
            let (pa, pb, pc) = (pa as isize, pb as isize, pc as isize);
            out.extend(
                (0..n as isize).map(|k| {
                    f(abuf[(pa + k * ia) as usize], bbuf[(pb + k * ib) as usize], cbuf[(pc + k * ic) as usize])
                }),
            );
        }
    });
    drop((abuf, bbuf, cbuf));
    Array::from_vec(shape, out)
}

/// Sets every element `t` of `target` to `f(t, v)`, where `v` is the matching
/// element of `other` broadcast to `target`'s shape. The caller has checked
/// that `other` broadcasts to that shape and that it does not share
/// `target`'s buffer (a shared buffer gives an error, never a panic).
#[inline(always)]
pub(crate) fn zip_update<T: Element, B: Element>(
    target: &Array<T>,
    other: &Array<B>,
    mut f: impl FnMut(T, B) -> T,
) -> ArrayResult<()> {
    let shape = target.shape().to_vec();
    let size = target.size();
    let obuf = other.buffer();
    let mut tbuf = target.buffer_mut()?;
    let (to, oo) = (target.offset(), other.offset());
    if size == 0 {
        return Ok(());
    }
    if other.shape() == shape.as_slice() && target.is_c_contiguous() && other.is_c_contiguous() {
        for (t, &v) in tbuf[to..to + size].iter_mut().zip(&obuf[oo..oo + size]) {
            *t = f(*t, v);
        }
        return Ok(());
    }
    if other.size() == 1 && target.is_c_contiguous() {
        let v = obuf[oo];
        for t in tbuf[to..to + size].iter_mut() {
            *t = f(*t, v);
        }
        return Ok(());
    }
    let so = strides_on(other, &shape);
    let walk = Walk::new(&shape, [target.strides(), &so]);
    let (n, it, io) = (walk.inner_len(), walk.inner_stride(0), walk.inner_stride(1));
    walk.for_each_row([to, oo], |[pt, po]| match (it, io) {
        (1, 1) => {
            for (t, &v) in tbuf[pt..pt + n].iter_mut().zip(&obuf[po..po + n]) {
                *t = f(*t, v);
            }
        }
        (1, 0) => {
            let v = obuf[po];
            for t in tbuf[pt..pt + n].iter_mut() {
                *t = f(*t, v);
            }
        }
        _ => {
            let (mut pt, mut po) = (pt as isize, po as isize);
            for _ in 0..n {
                let t = &mut tbuf[pt as usize];
                *t = f(*t, obuf[po as usize]);
                pt += it;
                po += io;
            }
        }
    });
    Ok(())
}

/// Copies `src` into the view `target`, broadcasting `src` to `target`'s
/// shape (the caller has checked it can be, and that the buffers differ).
pub(crate) fn assign<T: Element>(target: &Array<T>, src: &Array<T>) -> ArrayResult<()> {
    let shape = target.shape().to_vec();
    let size = target.size();
    let sbuf = src.buffer();
    let mut tbuf = target.buffer_mut()?;
    let (to, so) = (target.offset(), src.offset());
    if size == 0 {
        return Ok(());
    }
    if src.shape() == shape.as_slice() && target.is_c_contiguous() && src.is_c_contiguous() {
        tbuf[to..to + size].copy_from_slice(&sbuf[so..so + size]);
        return Ok(());
    }
    let ss = strides_on(src, &shape);
    let walk = Walk::new(&shape, [target.strides(), &ss]);
    let (n, it, is) = (walk.inner_len(), walk.inner_stride(0), walk.inner_stride(1));
    walk.for_each_row([to, so], |[pt, ps]| match (it, is) {
        (1, 1) => tbuf[pt..pt + n].copy_from_slice(&sbuf[ps..ps + n]),
        (1, 0) => tbuf[pt..pt + n].fill(sbuf[ps]),
        _ => {
            let (mut pt, mut ps) = (pt as isize, ps as isize);
            for _ in 0..n {
                tbuf[pt as usize] = sbuf[ps as usize];
                pt += it;
                ps += is;
            }
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_merges_contiguous_axes() {
        let w = Walk::new(&[2, 3, 4], [&[12, 4, 1], &[0, 0, 1]]);
        assert_eq!(w.shape, vec![6, 4]);
        let w = Walk::new(&[2, 3, 4], [&[12, 4, 1], &[12, 4, 1]]);
        assert_eq!(w.shape, vec![24]);
        let w = Walk::new(&[1, 1], [&[0, 0]]);
        assert_eq!(w.shape, vec![1]);
    }

    #[test]
    fn zip_map_broadcasts_strided_operands() {
        let a = Array::from_vec(vec![2, 3], (0..6i64).collect()).unwrap();
        let t = a.view(vec![3, 2], vec![1, 3], 0);
        let b = Array::from_vec(vec![2], vec![10i64, 20]).unwrap();
        let r = zip_map(&t, &b, |x, y| x + y).unwrap();
        assert_eq!(r.to_vec(), vec![10, 23, 11, 24, 12, 25]);
        let col = Array::from_vec(vec![3, 1], vec![1i64, 2, 3]).unwrap();
        let r = zip_map(&col, &b, |x, y| x * y).unwrap();
        assert_eq!(r.shape(), &[3, 2]);
        assert_eq!(r.to_vec(), vec![10, 20, 20, 40, 30, 60]);
    }

    #[test]
    fn zero_size_and_zero_d() {
        let e = Array::<f64>::from_vec(vec![0, 3], vec![]).unwrap();
        let s = Array::scalar(1.0);
        let r = zip_map(&e, &s, |x, y| x + y).unwrap();
        assert_eq!(r.shape(), &[0, 3]);
        let r = zip_map(&s, &s, |x, y| x + y).unwrap();
        assert_eq!(r.shape(), &[] as &[usize]);
        assert_eq!(r.to_vec(), vec![2.0]);
    }

    #[test]
    fn update_and_assign_through_views() {
        let a = Array::from_vec(vec![2, 3], (0..6i64).collect()).unwrap();
        let col = a.view(vec![2], vec![3], 1);
        zip_update(&col, &Array::scalar(100i64), |x, y| x + y).unwrap();
        assert_eq!(a.to_vec(), vec![0, 101, 2, 3, 104, 5]);
        let rev = a.view(vec![3], vec![-1], 5);
        assign(&rev, &Array::from_slice(&[7i64, 8, 9])).unwrap();
        assert_eq!(a.to_vec(), vec![0, 101, 2, 9, 8, 7]);
        // A shared buffer is an error, not a panic.
        assert!(zip_update(&a, &a, |x, _| x).is_err());
    }
}
