//! C-ordered copies of strided views (`a.copy()`, `np.copy`, and every
//! internal `to_vec` of a non-contiguous array).
//!
//! The view's axes are first coalesced (length-1 axes dropped, axes that
//! are contiguous with each other merged). The result is then written as
//! rows of the last axis:
//!
//! - when the last axis jumps further in memory than the one before it (a
//!   transpose such as `X.T`), blocks of rows are copied tile by tile, so
//!   that both the reads (along the previous axis) and the writes (along
//!   the rows) stay inside a few cache lines per tile;
//! - otherwise row by row, as a slice copy when the row is contiguous.
//!
//! Big copies run on all cores ([`build_vec_with`]); the cancellable form
//! checks for Ctrl-C at least every [`CHUNK`] elements.

use crate::array::error::{ArrayError, ArrayResult};
use crate::array::parallel::{build_vec_with, CHUNK};
use std::mem::MaybeUninit;

/// Rows and columns of one transposing tile.
const TILE: usize = 32;

/// One coalesced axis: its length and stride (in elements).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Axis {
    n: usize,
    s: isize,
}

/// The axes of a view with length-1 axes dropped and axes that follow each
/// other in memory merged (never empty: a single element is one axis of 1).
pub(crate) fn coalesce(shape: &[usize], strides: &[isize]) -> Vec<Axis> {
    let mut out: Vec<Axis> = Vec::with_capacity(shape.len());
    for (&n, &s) in shape.iter().zip(strides) {
        if n == 1 {
            continue;
        }
        match out.last_mut() {
            Some(last) if last.s == s.wrapping_mul(n as isize) => {
                last.n *= n;
                last.s = s;
            }
            _ => out.push(Axis { n, s }),
        }
    }
    if out.is_empty() {
        out.push(Axis { n: 1, s: 0 });
    }
    out
}

/// The buffer offsets of consecutive rows (all axes but the last), odometer
/// style.
struct Rows<'a> {
    outer: &'a [Axis],
    idx: Vec<usize>,
    off: isize,
}

impl<'a> Rows<'a> {
    /// Positioned at row `g` of the rows of `outer` (axes before the last).
    fn at(outer: &'a [Axis], base: usize, mut g: usize) -> Rows<'a> {
        let mut idx = vec![0usize; outer.len()];
        let mut off = base as isize;
        for (k, ax) in outer.iter().enumerate().rev() {
            let i = g % ax.n;
            g /= ax.n;
            idx[k] = i;
            off += i as isize * ax.s;
        }
        Rows { outer, idx, off }
    }

    /// Moves to the next row.
    #[inline]
    fn next(&mut self) {
        for k in (0..self.outer.len()).rev() {
            let ax = self.outer[k];
            self.idx[k] += 1;
            self.off += ax.s;
            if self.idx[k] < ax.n {
                return;
            }
            self.off -= ax.s * ax.n as isize;
            self.idx[k] = 0;
        }
    }
}

/// The elements of the view (`base`, `shape`, `strides` over `buf`) in C
/// order, as a new vector. With `cancellable`, stops with `Interrupted` on
/// Ctrl-C (checked between chunks of at most [`CHUNK`] elements).
pub(crate) fn c_order_vec<T: Copy + Send + Sync>(
    buf: &[T],
    base: usize,
    shape: &[usize],
    strides: &[isize],
    cancellable: bool,
) -> ArrayResult<Vec<T>> {
    let size: usize = shape.iter().product();
    if size == 0 {
        return Ok(Vec::new());
    }
    let axes = coalesce(shape, strides);
    // Every offset the view reaches lies inside the buffer (checked once
    // here, so the loops below read without per-element checks).
    let (mut lo, mut hi) = (base as isize, base as isize);
    for ax in &axes {
        let span = (ax.n as isize - 1) * ax.s;
        if span < 0 {
            lo += span;
        } else {
            hi += span;
        }
    }
    if lo < 0 || hi as usize >= buf.len() {
        return Err(ArrayError::value("array view reaches outside its buffer"));
    }
    let nd = axes.len();
    let last = axes[nd - 1];
    let (width, sc) = (last.n, last.s);
    let outer = &axes[..nd - 1];
    // Rows per transposing tile: whole tiles per Ctrl-C chunk.
    let tile_rows = (CHUNK / width).min(TILE);
    let transposing = nd >= 2 && sc.unsigned_abs() > outer[nd - 2].s.unsigned_abs() && tile_rows >= 4;
    if transposing {
        let plane = outer[nd - 2];
        let align = width * tile_rows;
        return build_vec_with(size, align, cancellable, |start, out| {
            copy_tiles(buf, base, outer, plane, width, sc, tile_rows, start / width, out);
        });
    }
    build_vec_with(size, 1, cancellable, |start, out| {
        copy_rows(buf, base, outer, width, sc, start, out);
    })
}

/// Writes C-order positions `start..start + out.len()` row by row (the
/// first and last rows may be partial).
fn copy_rows<T: Copy>(
    buf: &[T],
    base: usize,
    outer: &[Axis],
    width: usize,
    sc: isize,
    start: usize,
    out: &mut [MaybeUninit<T>],
) {
    let mut rows = Rows::at(outer, base, start / width);
    let mut col = start % width;
    let mut k = 0;
    while k < out.len() {
        let len = (width - col).min(out.len() - k);
        let first = rows.off + col as isize * sc;
        let dst = &mut out[k..k + len];
        if sc == 1 {
            let src = &buf[first as usize..first as usize + len];
            for (d, &v) in dst.iter_mut().zip(src) {
                d.write(v);
            }
        } else {
            // SAFETY: `first + q * sc` for `q < len` are offsets of
            // elements of the view, all inside `buf` (checked up front).
            let p = unsafe { buf.as_ptr().offset(first) };
            for (q, d) in dst.iter_mut().enumerate() {
                d.write(unsafe { *p.offset(q as isize * sc) });
            }
        }
        k += len;
        col = 0;
        rows.next();
    }
}

/// Writes whole rows from row `g0` on (`out` holds a whole number of rows)
/// in tiles of `tile_rows` rows by [`TILE`] columns; a tile never crosses
/// from one plane (the block of rows along the second-to-last axis) into
/// the next.
#[allow(clippy::too_many_arguments)]
fn copy_tiles<T: Copy>(
    buf: &[T],
    base: usize,
    outer: &[Axis],
    plane: Axis,
    width: usize,
    sc: isize,
    tile_rows: usize,
    g0: usize,
    out: &mut [MaybeUninit<T>],
) {
    let nrows = out.len() / width;
    let mut rows = Rows::at(outer, base, g0);
    let sr = plane.s;
    let mut g = 0;
    while g < nrows {
        let in_plane = rows.idx[outer.len() - 1];
        let h = tile_rows.min(plane.n - in_plane).min(nrows - g);
        let row0 = rows.off;
        let block = &mut out[g * width..(g + h) * width];
        let mut c0 = 0;
        if sr == 1 && std::mem::size_of::<T>() == 8 && avx_available() {
            // SAFETY: `T` is 8 bytes (moved as f64 bit patterns, never
            // computed on); the tile's source offsets `row0 + i + c * sc`
            // are offsets of elements of the view, inside `buf` (checked
            // up front), and the destination is `block`.
            unsafe {
                avx::transpose_tile(
                    buf.as_ptr().offset(row0) as *const f64,
                    sc,
                    block.as_mut_ptr() as *mut f64,
                    width,
                    h,
                );
            }
            c0 = width;
        }
        while c0 < width {
            let w = TILE.min(width - c0);
            // Output rows of the tile in turn: contiguous writes, reads
            // strided across the tile's few source lines (all in cache).
            for (i, row) in block.chunks_exact_mut(width).enumerate() {
                let src = row0 + i as isize * sr + c0 as isize * sc;
                // SAFETY: `src + q * sc` for `q < w` are offsets of
                // elements of the view, all inside `buf` (checked up front).
                let p = unsafe { buf.as_ptr().offset(src) };
                for (q, d) in row[c0..c0 + w].iter_mut().enumerate() {
                    d.write(unsafe { *p.offset(q as isize * sc) });
                }
            }
            c0 += w;
        }
        for _ in 0..h {
            rows.next();
        }
        g += h;
    }
}

/// Whether the 4 x 4 AVX transposer can run (detected once).
fn avx_available() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::is_x86_feature_detected!("avx")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

#[cfg(not(target_arch = "x86_64"))]
mod avx {
    /// Never called off x86-64 (`avx_available` is false there).
    pub(super) unsafe fn transpose_tile(_: *const f64, _: isize, _: *mut f64, _: usize, _: usize) {}
}

#[cfg(target_arch = "x86_64")]
mod avx {
    use std::arch::x86_64::*;

    /// Writes the `h` rows of `width` elements at `dst` (row stride
    /// `width`) with `dst[i][c] = src[i + c * sc]`: 4 x 4 blocks moved as
    /// four vector loads, a register transpose and four vector stores,
    /// column blocks of [`super::TILE`] so that the source lines of a tile
    /// stay in L1; the ragged edges element by element.
    ///
    /// # Safety
    /// The CPU has AVX; `src + i + c * sc` for `i < h`, `c < width` and
    /// `dst + i * width + c` are valid for reading and writing.
    #[target_feature(enable = "avx")]
    pub(super) unsafe fn transpose_tile(src: *const f64, sc: isize, dst: *mut f64, width: usize, h: usize) {
        let h4 = h - h % 4;
        let w4 = width - width % 4;
        let mut c0 = 0;
        while c0 < w4 {
            let cend = (c0 + super::TILE).min(w4);
            let mut i = 0;
            while i < h4 {
                let mut c = c0;
                while c < cend {
                    let s = src.offset(i as isize + c as isize * sc);
                    let a0 = _mm256_loadu_pd(s);
                    let a1 = _mm256_loadu_pd(s.offset(sc));
                    let a2 = _mm256_loadu_pd(s.offset(2 * sc));
                    let a3 = _mm256_loadu_pd(s.offset(3 * sc));
                    let t0 = _mm256_unpacklo_pd(a0, a1);
                    let t1 = _mm256_unpackhi_pd(a0, a1);
                    let t2 = _mm256_unpacklo_pd(a2, a3);
                    let t3 = _mm256_unpackhi_pd(a2, a3);
                    let d = dst.add(i * width + c);
                    _mm256_storeu_pd(d, _mm256_permute2f128_pd(t0, t2, 0x20));
                    _mm256_storeu_pd(d.add(width), _mm256_permute2f128_pd(t1, t3, 0x20));
                    _mm256_storeu_pd(d.add(2 * width), _mm256_permute2f128_pd(t0, t2, 0x31));
                    _mm256_storeu_pd(d.add(3 * width), _mm256_permute2f128_pd(t1, t3, 0x31));
                    c += 4;
                }
                i += 4;
            }
            c0 = cend;
        }
        // Ragged edges: the last `h % 4` rows (all columns), the last
        // `width % 4` columns (the first `h4` rows).
        for i in 0..h {
            let from = if i < h4 { w4 } else { 0 };
            for c in from..width {
                *dst.add(i * width + c) = *src.offset(i as isize + c as isize * sc);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The simple reference: every element by its multi-index.
    fn reference(buf: &[f64], base: usize, shape: &[usize], strides: &[isize]) -> Vec<f64> {
        let size: usize = shape.iter().product();
        (0..size)
            .map(|mut t| {
                let mut p = base as isize;
                for (&n, &s) in shape.iter().zip(strides).rev() {
                    p += (t % n) as isize * s;
                    t /= n;
                }
                buf[p as usize]
            })
            .collect()
    }

    fn check(buf: &[f64], base: usize, shape: &[usize], strides: &[isize]) {
        let want = reference(buf, base, shape, strides);
        for cancellable in [false, true] {
            let got = c_order_vec(buf, base, shape, strides, cancellable).unwrap();
            assert_eq!(got, want, "shape {shape:?} strides {strides:?} base {base}");
        }
    }

    #[test]
    fn transposes_and_strided_views_match_the_reference() {
        let buf: Vec<f64> = (0..700_000).map(|i| i as f64).collect();
        // Transposes of odd shapes (tiles cut at the edges), big enough to
        // run on several threads.
        for (r, c) in [(1, 1), (3, 5), (33, 31), (257, 1000), (1000, 257), (600, 1001)] {
            check(&buf, 0, &[c, r], &[1, c as isize]);
        }
        // 3-d transposes and axis swaps, planes that do not divide by the
        // tile height.
        check(&buf, 0, &[7, 50, 45], &[1, 7 * 45, 7]);
        check(&buf, 3, &[45, 50, 7], &[7, 45 * 7, 1]);
        check(&buf, 0, &[5, 37, 300], &[37 * 300, 1, 37]);
        // Negative strides (a reversed transpose) and steps.
        check(&buf, 999 * 700 + 699, &[700, 1000], &[-1, -700]);
        check(&buf, 0, &[300, 667], &[2000, 3]);
        check(&buf, 699_999, &[700_000 / 7], &[-7]);
        check(&buf, 10, &[300, 2, 3], &[2000, 1, 2]);
        // Contiguous, one element, empty.
        check(&buf, 5, &[600, 1000], &[1000, 1]);
        check(&buf, 42, &[], &[]);
        check(&buf, 0, &[3, 0, 4], &[0, 4, 1]);
        check(&buf, 0, &[4, 1, 1], &[9, 100, 3]);
    }

    #[test]
    fn coalescing_merges_contiguous_axes_only() {
        assert_eq!(coalesce(&[2, 3, 4], &[12, 4, 1]), vec![Axis { n: 24, s: 1 }]);
        assert_eq!(coalesce(&[2, 1, 4], &[8, 99, 1]), vec![Axis { n: 2, s: 8 }, Axis { n: 4, s: 1 }]);
        assert_eq!(coalesce(&[3, 4], &[1, 3]), vec![Axis { n: 3, s: 1 }, Axis { n: 4, s: 3 }]);
    }
}
