//! Advanced indices: NumPy's layout of the result, bounds checks, and the
//! gather / scatter loops (with fast paths for full-shape boolean masks and
//! single index arrays).

use super::select::{normalize, out_of_bounds, Selection};
use crate::array::broadcast::{broadcast_strides, shape_compact};
use crate::array::cancel;
use crate::array::dtype::{DType, Element};
use crate::array::elementwise::kernels::Walk;
use crate::array::error::{ArrayError, ArrayResult};
use crate::array::parallel::{update_slice, CHUNK};
use crate::array::storage::{check_allocation, Array};

/// The elements of `x` where `mask` (of `x`'s shape) is true, in C order.
pub(super) fn mask_gather<T: Element>(x: &Array<T>, mask: &Array<bool>) -> ArrayResult<Array<T>> {
    let count = mask.with_slice(|s| s.iter().filter(|&&v| v).count());
    let (xbuf, mbuf) = (x.buffer(), mask.buffer());
    let out = if x.is_c_contiguous() && mask.is_c_contiguous() {
        let size = x.size();
        let xs = &xbuf[x.offset()..x.offset() + size];
        let ms = &mbuf[mask.offset()..mask.offset() + size];
        // Branch-free compaction: write every element, advance on true;
        // a Ctrl-C check per chunk.
        let mut out = vec![T::default(); count + 1];
        let mut k = 0;
        for (xc, mc) in xs.chunks(CHUNK).zip(ms.chunks(CHUNK)) {
            cancel::check()?;
            for (&v, &m) in xc.iter().zip(mc) {
                out[k] = v;
                k += m as usize;
            }
        }
        out.truncate(count);
        out
    } else {
        let mut out = Vec::with_capacity(count);
        let walk = Walk::new(x.shape(), [x.strides(), mask.strides()]);
        let (n, sx, sm) = (walk.inner_len(), walk.inner_stride(0), walk.inner_stride(1));
        walk.for_each_row([x.offset(), mask.offset()], |[px, pm]| {
            let (px, pm) = (px as isize, pm as isize);
            for k in 0..n as isize {
                if mbuf[(pm + k * sm) as usize] {
                    out.push(xbuf[(px + k * sx) as usize]);
                }
            }
        });
        out
    };
    drop((xbuf, mbuf));
    Array::from_vec(vec![count], out)
}

/// `x[mask] = value` for a mask of `x`'s full shape, with NumPy's rules:
/// `value` is 0-d or 1-d, of size 1 or the number of true elements.
pub(super) fn mask_scatter<T: Element>(x: &Array<T>, mask: &Array<bool>, value: &Array<T>) -> ArrayResult<()> {
    if value.ndim() > 1 {
        return Err(ArrayError::type_error(format!(
            "NumPy boolean array indexing assignment requires a 0 or 1-dimensional input, input has {} dimensions",
            value.ndim()
        )));
    }
    let count = mask.with_slice(|s| s.iter().filter(|&&v| v).count());
    let values = value.to_vec();
    if values.len() != 1 && values.len() != count {
        return Err(ArrayError::value(format!(
            "NumPy boolean array indexing assignment cannot assign {} input values to the {count} output values where the mask is true",
            values.len()
        )));
    }
    if count == 0 {
        return Ok(());
    }
    let mask = if mask.shares_buffer(x) { mask.copy() } else { mask.clone() };
    let mbuf = mask.buffer();
    let mut xbuf = x.buffer_mut()?;
    if x.is_c_contiguous() && mask.is_c_contiguous() {
        let size = x.size();
        let xs = &mut xbuf[x.offset()..x.offset() + size];
        let ms = &mbuf[mask.offset()..mask.offset() + size];
        if let [v] = values[..] {
            // A conditional store the compiler turns into masked vector
            // stores (a select per element mispredicted on random masks),
            // on all cores; never interrupted half-way (see `update_slice`).
            return update_slice(xs, 1, |start, part| {
                let len = part.len();
                for (t, &m) in part.iter_mut().zip(&ms[start..start + len]) {
                    if m {
                        *t = v;
                    }
                }
            });
        }
        let mut k = 0;
        for (xc, mc) in xs.chunks_mut(CHUNK).zip(ms.chunks(CHUNK)) {
            for (t, &m) in xc.iter_mut().zip(mc) {
                if m {
                    *t = values[k];
                    k += 1;
                }
            }
        }
        return Ok(());
    }
    let walk = Walk::new(x.shape(), [x.strides(), mask.strides()]);
    let (n, sx, sm) = (walk.inner_len(), walk.inner_stride(0), walk.inner_stride(1));
    let step = usize::from(values.len() > 1);
    let mut k = 0usize;
    walk.for_each_row([x.offset(), mask.offset()], |[px, pm]| {
        let (px, pm) = (px as isize, pm as isize);
        for i in 0..n as isize {
            if mbuf[(pm + i * sm) as usize] {
                xbuf[(px + i * sx) as usize] = values[k];
                k += step;
            }
        }
    });
    Ok(())
}

/// The shape of an advanced selection, as NumPy lays it out: the broadcast
/// index shape replaces the indexed axes when they are adjacent, and goes
/// first when basic indices separate them.
pub(super) struct Layout {
    /// The result shape.
    pub(super) shape: Vec<usize>,
    /// The shape the index arrays broadcast to.
    pub(super) index_shape: Vec<usize>,
    /// The basic view axes before the index block (adjacent case only).
    pub(super) pre: Vec<usize>,
    /// The basic view axes after the index block.
    pub(super) post: Vec<usize>,
}

/// Broadcasts the advanced indices of `sel` and lays out the result;
/// NumPy's `IndexError` if the index arrays do not broadcast, `MemoryError`
/// if the result is too big.
pub(super) fn layout(sel: &Selection, dtype: DType) -> ArrayResult<Layout> {
    let index_shapes: Vec<&[usize]> = sel.advanced.iter().map(|a| a.index.shape()).collect();
    let index_shape = crate::array::broadcast::broadcast_many(&index_shapes).map_err(|_| {
        let listed: Vec<String> =
            index_shapes.iter().filter(|s| !s.is_empty()).map(|s| shape_compact(s) + " ").collect();
        ArrayError::index(format!(
            "shape mismatch: indexing arrays could not be broadcast together with shapes {}",
            listed.concat()
        ))
    })?;
    let axes: Vec<usize> = sel.advanced.iter().map(|a| a.axis).collect();
    let first = axes.first().copied().unwrap_or(0);
    let adjacent = sel.adjacent;
    let basic: Vec<usize> = (0..sel.shape.len()).filter(|ax| !axes.contains(ax)).collect();
    let (pre, post): (Vec<usize>, Vec<usize>) =
        if adjacent { basic.iter().partition(|&&ax| ax < first) } else { (Vec::new(), basic) };
    let mut shape: Vec<usize> = pre.iter().map(|&ax| sel.shape[ax]).collect();
    shape.extend_from_slice(&index_shape);
    shape.extend(post.iter().map(|&ax| sel.shape[ax]));
    check_allocation(&shape, dtype)?;
    Ok(Layout { shape, index_shape, pre, post })
}

/// Checks every index array against its axis (NumPy's `IndexError`,
/// naming the axis of the indexed array). Indices that broadcast to an
/// empty shape select nothing and are not checked, as in NumPy.
pub(super) fn check_bounds(sel: &Selection, layout: &Layout) -> ArrayResult<()> {
    if layout.index_shape.contains(&0) {
        return Ok(());
    }
    for adv in &sel.advanced {
        let size = sel.shape[adv.axis];
        let bad = adv.index.with_slice(|s| first_out_of_range(s, size));
        if let Some(i) = bad {
            return Err(out_of_bounds(i, sel.source_axes[adv.axis], size));
        }
    }
    Ok(())
}

/// The first index of `s` outside `-size..size`, if any: a branch-free
/// min/max scan (vectorized), then a search only when one is out of range.
fn first_out_of_range(s: &[i64], size: usize) -> Option<i64> {
    let (mut lo, mut hi) = (0i64, 0i64);
    crate::array::parallel::with_simd(
        #[inline(always)]
        || {
            for &i in s {
                lo = lo.min(i);
                hi = hi.max(i);
            }
        },
    );
    let size_i = i64::try_from(size).unwrap_or(i64::MAX);
    if hi < size_i && lo >= -size_i {
        return None;
    }
    s.iter().copied().find(|&i| normalize(i, size).is_none())
}

/// Where the elements of an advanced selection live. The result, in C
/// order, is: for each position of the basic axes before the index block
/// (`pre_*`), for each broadcast index position (`index_offsets`), the
/// block of trailing basic axes (`block_*`) read from `offset` plus both.
pub(super) struct Gather {
    pub(super) shape: Vec<usize>,
    pub(super) offset: usize,
    pub(super) pre_shape: Vec<usize>,
    pub(super) pre_strides: Vec<isize>,
    pub(super) index_offsets: IndexOffsets,
    pub(super) block_shape: Vec<usize>,
    pub(super) block_strides: Vec<isize>,
}

/// The buffer offsets (relative to the selection's start) of the broadcast
/// index positions, in C order.
pub(super) enum IndexOffsets {
    /// One index array (checked, C-contiguous) along an axis of `size` and
    /// `stride`: offsets are computed as they are read, with no table.
    Single { index: Array<i64>, size: usize, stride: isize },
    /// Several index arrays: a table of summed offsets.
    Table(Vec<isize>),
}

impl IndexOffsets {
    /// The offsets as a table.
    fn to_table(&self) -> Vec<isize> {
        match self {
            IndexOffsets::Single { index, size, stride } => {
                index.with_slice(|s| s.iter().map(|&i| normalize(i, *size).unwrap_or(0) as isize * stride).collect())
            }
            IndexOffsets::Table(t) => t.clone(),
        }
    }

    /// Calls `f` with each offset added to `base`, in C order.
    #[inline]
    fn for_each(&self, base: isize, mut f: impl FnMut(usize)) {
        match self {
            IndexOffsets::Single { index, size, stride } => {
                let buf = index.buffer();
                for &i in &buf[index.offset()..index.offset() + index.size()] {
                    f((base + normalize(i, *size).unwrap_or(0) as isize * stride) as usize);
                }
            }
            IndexOffsets::Table(offsets) => {
                for &o in offsets {
                    f((base + o) as usize);
                }
            }
        }
    }
}

impl Gather {
    /// Calls `f` with the buffer offset of each block, in C order.
    fn for_each_base(&self, mut f: impl FnMut(usize)) {
        if self.pre_shape.is_empty() {
            self.index_offsets.for_each(self.offset as isize, f);
            return;
        }
        let walk = Walk::new(&self.pre_shape, [&self.pre_strides]);
        let (n, s) = (walk.inner_len(), walk.inner_stride(0));
        walk.for_each_row([self.offset], |[p]| {
            for i in 0..n as isize {
                self.index_offsets.for_each(p as isize + i * s, &mut f);
            }
        });
    }

    /// Number of elements in each block.
    fn block_size(&self) -> usize {
        self.block_shape.iter().product()
    }
}

/// The buffer offsets of a laid-out advanced selection whose indices have
/// been checked.
pub(super) fn gather_plan(sel: &Selection, layout: Layout) -> Gather {
    let pick = |axes: &[usize]| -> (Vec<usize>, Vec<isize>) {
        (axes.iter().map(|&ax| sel.shape[ax]).collect(), axes.iter().map(|&ax| sel.strides[ax]).collect())
    };
    let (pre_shape, pre_strides) = pick(&layout.pre);
    let (block_shape, block_strides) = pick(&layout.post);
    let mut plan = Gather {
        shape: layout.shape,
        offset: sel.offset,
        pre_shape,
        pre_strides,
        index_offsets: IndexOffsets::Table(Vec::new()),
        block_shape,
        block_strides,
    };
    if plan.shape.contains(&0) {
        return plan;
    }
    plan.index_offsets = match &sel.advanced[..] {
        [adv] => IndexOffsets::Single {
            index: adv.index.as_contiguous(),
            size: sel.shape[adv.axis],
            stride: sel.strides[adv.axis],
        },
        many => {
            let count: usize = layout.index_shape.iter().product();
            let mut offsets = vec![0isize; count];
            for adv in many {
                let (size, stride) = (sel.shape[adv.axis], sel.strides[adv.axis]);
                let Some(strides) = broadcast_strides(adv.index.shape(), adv.index.strides(), &layout.index_shape)
                else {
                    continue;
                };
                let view = adv.index.view(layout.index_shape.clone(), strides, adv.index.offset());
                let buf = view.buffer();
                let mut k = 0;
                view.for_each_offset(|p| {
                    offsets[k] += normalize(buf[p], size).unwrap_or(0) as isize * stride;
                    k += 1;
                });
            }
            IndexOffsets::Table(offsets)
        }
    };
    plan
}

/// The elements an advanced selection picks, as a new array.
pub(super) fn gather<T: Element>(x: &Array<T>, plan: &Gather) -> ArrayResult<Array<T>> {
    let size: usize = plan.shape.iter().product();
    let buf = x.buffer();
    if let (IndexOffsets::Single { index, size: n, stride }, true, true) =
        (&plan.index_offsets, plan.block_size() == 1, plan.pre_shape.is_empty())
    {
        if size > 0 {
            let ibuf = index.buffer();
            let indices = &ibuf[index.offset()..index.offset() + index.size()];
            let out = gather_single(&buf, plan.offset, indices, *n, *stride)?;
            drop((ibuf, buf));
            return Array::from_vec(plan.shape.clone(), out);
        }
    }
    let mut out: Vec<T> = Vec::with_capacity(size);
    if size == 0 {
    } else if plan.block_size() == 1 {
        // One table of offsets, reused for every position of the basic
        // axes before the index block.
        let table = plan.index_offsets.to_table();
        let walk = Walk::new(&plan.pre_shape, [&plan.pre_strides]);
        let (n, s) = (walk.inner_len(), walk.inner_stride(0));
        walk.for_each_row([plan.offset], |[p]| {
            for i in 0..n as isize {
                let base = p as isize + i * s;
                out.extend(table.iter().map(|&o| buf[(base + o) as usize]));
            }
        });
    } else {
        let walk = Walk::new(&plan.block_shape, [&plan.block_strides]);
        let (n, s) = (walk.inner_len(), walk.inner_stride(0));
        plan.for_each_base(|base| {
            walk.for_each_row([base], |[p]| {
                if s == 1 {
                    out.extend_from_slice(&buf[p..p + n]);
                } else {
                    out.extend((0..n as isize).map(|k| buf[(p as isize + k * s) as usize]));
                }
            });
        });
    }
    drop(buf);
    Array::from_vec(plan.shape.clone(), out)
}

/// `data[offset + i * stride]` for each (checked) index `i` along an axis
/// of `size` (negative indices count from its end): one tight loop that
/// prefetches [`PREFETCH_AHEAD`] indices ahead, on all cores for big index
/// arrays (random reads are latency-bound: both keep more cache misses in
/// flight), with Ctrl-C checks.
pub(super) fn gather_single<T: Element>(
    data: &[T],
    offset: usize,
    indices: &[i64],
    size: usize,
    stride: isize,
) -> ArrayResult<Vec<T>> {
    let (offset, size) = (offset as isize, size as i64);
    let read = move |i: i64| -> T {
        // Indices are checked: a negative one counts from the end.
        let j = i + (size & (i >> 63));
        data[(offset + j as isize * stride) as usize]
    };
    crate::array::parallel::build_vec(indices.len(), 1, |start, out| {
        let idx = &indices[start..start + out.len()];
        let ahead = idx.len().saturating_sub(PREFETCH_AHEAD);
        let (head, tail) = out.split_at_mut(ahead);
        for (k, (o, &i)) in head.iter_mut().zip(idx).enumerate() {
            let f = idx[k + PREFETCH_AHEAD];
            prefetch(data.as_ptr().wrapping_offset(offset + (f + (size & (f >> 63))) as isize * stride));
            o.write(read(i));
        }
        for (o, &i) in tail.iter_mut().zip(&idx[ahead..]) {
            o.write(read(i));
        }
    })
}

/// How many indices ahead a gather asks for its element: random reads
/// are bound by how many cache misses are in flight, and the out-of-order
/// window alone keeps only a few dozen (a[idx], 1e6 of 1e7 float64: 9.0 ms
/// without, 4.6 ms at 64 ahead, 3.4 ms at 128, 3.5 ms at 256; NumPy 9.0).
const PREFETCH_AHEAD: usize = 128;

/// Asks the CPU to start loading the cache line at `p` (a hint: it never
/// faults, whatever the address).
#[inline(always)]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing architecturally and cannot fault.
    unsafe {
        std::arch::x86_64::_mm_prefetch(p as *const i8, std::arch::x86_64::_MM_HINT_T0)
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// Writes `value` (already broadcast to the selection's shape) into the
/// elements an advanced selection picks, in C order (the last write to a
/// repeated position wins).
pub(super) fn scatter<T: Element>(x: &Array<T>, plan: &Gather, value: &Array<T>) -> ArrayResult<()> {
    if plan.shape.contains(&0) {
        return Ok(());
    }
    // A value broadcast from one element (all strides zero) is a scalar.
    let scalar = value.strides().iter().all(|&s| s == 0).then(|| value.get_flat(0));
    let values = if scalar.is_some() { Vec::new() } else { value.to_vec() };
    let mut buf = x.buffer_mut()?;
    if plan.block_size() == 1 {
        match scalar {
            Some(v) => plan.for_each_base(|b| buf[b] = v),
            None => {
                let mut k = 0;
                plan.for_each_base(|b| {
                    buf[b] = values[k];
                    k += 1;
                });
            }
        }
        return Ok(());
    }
    let walk = Walk::new(&plan.block_shape, [&plan.block_strides]);
    let (n, s) = (walk.inner_len(), walk.inner_stride(0));
    let mut k = 0usize;
    plan.for_each_base(|base| {
        walk.for_each_row([base], |[p]| {
            let p = p as isize;
            for i in 0..n as isize {
                buf[(p + i * s) as usize] = match scalar {
                    Some(v) => v,
                    None => values[k],
                };
                k += 1;
            }
        });
    });
    Ok(())
}
