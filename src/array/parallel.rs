//! Big kernels on all cores, and big buffers without page-fault storms.
//!
//! - [`threads`]: how many threads a big kernel splits into (the machine's
//!   cores; `NPL_NUM_THREADS` overrides, `1` turns threading off).
//! - [`run_ranges`]: runs a job on consecutive parts of `0..n` on the
//!   persistent worker pool ([`super::pool`]) and the calling thread, in
//!   chunks with a Ctrl-C check ([`cancel::check`]) before each chunk.
//! - [`build_vec`]: a new vector of `n` elements written in parallel parts
//!   straight into uninitialized memory (no zero fill first).
//! - [`new_buffer`]: the allocation behind it: big buffers ask the kernel for
//!   transparent huge pages (as NumPy does). The `npl` binary's allocator
//!   (mimalloc, see `main.rs`) keeps freed big blocks for reuse, so a loop
//!   that makes and drops 80 MB arrays does not fault in 20,000 fresh pages
//!   on every iteration.
//!
//! Small inputs (below [`PARALLEL_MIN`] elements) stay on the calling thread
//! with no extra allocation.

use super::cancel;
use super::error::ArrayResult;
use std::mem::MaybeUninit;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::OnceLock;

/// Element count from which a kernel is split across threads: below it the
/// cost of starting a thread (tens of microseconds) is not repaid.
pub const PARALLEL_MIN: usize = 1 << 17;

/// Elements processed between two Ctrl-C checks.
pub const CHUNK: usize = 1 << 16;

/// Bytes from which a buffer is worth huge pages.
const HUGE_PAGE_MIN_BYTES: usize = 4 << 20;

/// Size of a transparent huge page on x86-64 and aarch64 Linux.
const HUGE_PAGE: usize = 2 << 20;

/// The number of threads big kernels use: `NPL_NUM_THREADS` if set to a
/// positive number, else the available parallelism (at most 16).
pub fn threads() -> usize {
    static THREADS: OnceLock<usize> = OnceLock::new();
    *THREADS.get_or_init(|| {
        let from_env = std::env::var("NPL_NUM_THREADS").ok().and_then(|v| v.trim().parse::<usize>().ok());
        match from_env {
            Some(n) if n > 0 => n.min(64),
            _ => std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(16),
        }
    })
}

/// Runs `f` compiled for the widest vector unit the CPU has (AVX-512 or
/// AVX2 on x86-64, detected at run time; baseline elsewhere). Kernels keep
/// their exact arithmetic: no fused multiply-add is enabled and Rust never
/// reassociates float operations, so only the width of the loops changes.
#[inline(always)]
pub fn with_simd<R>(f: impl FnOnce() -> R) -> R {
    #[cfg(target_arch = "x86_64")]
    {
        if std::is_x86_feature_detected!("avx512f") {
            // SAFETY: the CPU supports the features `run_avx512` enables.
            return unsafe { simd::run_avx512(f) };
        }
        if std::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU supports the features `run_avx2` enables.
            return unsafe { simd::run_avx2(f) };
        }
    }
    f()
}

#[cfg(target_arch = "x86_64")]
mod simd {
    /// `f` inlined into a function compiled with AVX-512.
    #[target_feature(enable = "avx512f,avx512vl,avx512dq,avx512bw,avx2,bmi1,bmi2,popcnt")]
    pub(super) unsafe fn run_avx512<R>(f: impl FnOnce() -> R) -> R {
        f()
    }

    /// `f` inlined into a function compiled with AVX2.
    #[target_feature(enable = "avx2,bmi1,bmi2,popcnt")]
    pub(super) unsafe fn run_avx2<R>(f: impl FnOnce() -> R) -> R {
        f()
    }
}

/// How many parts `n` units of work split into (1 when small).
pub fn parts_for(n: usize, min: usize) -> usize {
    if n < min {
        1
    } else {
        threads().min(n / (min / 2).max(1)).max(1)
    }
}

/// Runs `job(start, end)` over consecutive ranges covering `0..n`, in up to
/// [`threads`] parallel parts whose boundaries are multiples of `align`
/// (`n` itself needs not be), each part cut into chunks of about `chunk`
/// units with a Ctrl-C check before each chunk. The calling thread works
/// alongside up to `parts - 1` pool workers. Stops with the first error (an interrupt or the job's own).
pub fn run_ranges(
    n: usize,
    align: usize,
    chunk: usize,
    parts: usize,
    job: impl Fn(usize, usize) -> ArrayResult<()> + Sync,
) -> ArrayResult<()> {
    run_ranges_checked(n, align, chunk, parts, true, job)
}

/// [`run_ranges`], with the Ctrl-C checks only when `cancellable`.
fn run_ranges_checked(
    n: usize,
    align: usize,
    chunk: usize,
    parts: usize,
    cancellable: bool,
    job: impl Fn(usize, usize) -> ArrayResult<()> + Sync,
) -> ArrayResult<()> {
    let check = || if cancellable { cancel::check() } else { Ok(()) };
    let align = align.max(1);
    let units = n.div_ceil(align);
    let parts = parts.clamp(1, units.max(1));
    let chunk_units = (chunk / align).max(1);
    let run_part = |lo_unit: usize, hi_unit: usize| -> ArrayResult<()> {
        let mut u = lo_unit;
        while u < hi_unit {
            check()?;
            let next = (u + chunk_units).min(hi_unit);
            with_simd(|| job(u * align, (next * align).min(n)))?;
            u = next;
        }
        Ok(())
    };
    if parts == 1 {
        return run_part(0, units);
    }
    // Chunks are handed out from a shared counter, so a thread that starts
    // late (a busy core) takes fewer of them instead of holding up the rest.
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let worker = || -> ArrayResult<()> {
        loop {
            if failed.load(Ordering::Relaxed) {
                return Ok(());
            }
            let u = next.fetch_add(chunk_units, Ordering::Relaxed);
            if u >= units {
                return Ok(());
            }
            let r = check().and_then(|_| with_simd(|| job(u * align, ((u + chunk_units).min(units) * align).min(n))));
            if r.is_err() {
                failed.store(true, Ordering::Relaxed);
                return r;
            }
        }
    };
    let first_error = std::sync::Mutex::new(None);
    super::pool::broadcast(parts - 1, &|_| {
        if let Err(e) = worker() {
            let mut slot = first_error.lock().unwrap_or_else(|e| e.into_inner());
            if slot.is_none() {
                *slot = Some(e);
            }
        }
    });
    match first_error.into_inner().unwrap_or_else(|e| e.into_inner()) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// A raw pointer that may cross to the worker threads; each thread
/// only touches its own disjoint range behind it.
pub(crate) struct SendPtr<T>(pub(crate) *mut T);
impl<T> Clone for SendPtr<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for SendPtr<T> {}
unsafe impl<T: Send> Send for SendPtr<T> {}
unsafe impl<T: Send> Sync for SendPtr<T> {}

impl<T> SendPtr<T> {
    /// The pointer (a method, so closures capture the whole `Sync` wrapper).
    pub(crate) fn get(self) -> *mut T {
        self.0
    }
}

/// A new vector of `n` elements: `fill(start, out)` must write every element
/// of `out`, which stands for positions `start..start + out.len()`. Parts
/// start at multiples of `align`; big vectors are written on all cores.
pub fn build_vec<T: Copy + Send>(
    n: usize,
    align: usize,
    fill: impl Fn(usize, &mut [MaybeUninit<T>]) + Sync,
) -> ArrayResult<Vec<T>> {
    build_vec_in(n, align, CHUNK, parts_for(n, PARALLEL_MIN), fill)
}

/// [`build_vec`] for elements that each cost much work: `chunk` elements
/// between Ctrl-C checks, on all cores whenever there are several chunks.
pub fn build_vec_chunked<T: Copy + Send>(
    n: usize,
    chunk: usize,
    fill: impl Fn(usize, &mut [MaybeUninit<T>]) + Sync,
) -> ArrayResult<Vec<T>> {
    let chunk = chunk.max(1);
    build_vec_in(n, 1, chunk, threads().min(n.div_ceil(chunk)).max(1), fill)
}

/// [`build_vec`] that checks for Ctrl-C only when `cancellable` (a copy
/// made for internal use, which has no way to report an interrupt).
pub fn build_vec_with<T: Copy + Send>(
    n: usize,
    align: usize,
    cancellable: bool,
    fill: impl Fn(usize, &mut [MaybeUninit<T>]) + Sync,
) -> ArrayResult<Vec<T>> {
    build_vec_in_checked(n, align, CHUNK, parts_for(n, PARALLEL_MIN), cancellable, fill)
}

fn build_vec_in<T: Copy + Send>(
    n: usize,
    align: usize,
    chunk: usize,
    parts: usize,
    fill: impl Fn(usize, &mut [MaybeUninit<T>]) + Sync,
) -> ArrayResult<Vec<T>> {
    build_vec_in_checked(n, align, chunk, parts, true, fill)
}

fn build_vec_in_checked<T: Copy + Send>(
    n: usize,
    align: usize,
    chunk: usize,
    parts: usize,
    cancellable: bool,
    fill: impl Fn(usize, &mut [MaybeUninit<T>]) + Sync,
) -> ArrayResult<Vec<T>> {
    let mut v: Vec<T> = new_buffer(n);
    {
        let spare = &mut v.spare_capacity_mut()[..n];
        let base = SendPtr(spare.as_mut_ptr());
        run_ranges_checked(n, align, chunk, parts, cancellable, |lo, hi| {
            // SAFETY: `lo..hi` lies inside the `n` reserved elements, and
            // the ranges run_ranges hands out are disjoint, so no two
            // threads alias a slice.
            let out = unsafe { std::slice::from_raw_parts_mut(base.get().add(lo), hi - lo) };
            fill(lo, out);
            Ok(())
        })?;
    }
    // SAFETY: every range of 0..n was handed to `fill`, which writes every
    // element of its slice, and no range failed.
    unsafe { v.set_len(n) };
    Ok(v)
}

/// Runs `update(start, part)` over disjoint parts of `data` (parts start at
/// multiples of `align`), on all cores when `data` is big.
///
/// Never stops for Ctrl-C: `data` is an existing array being changed in
/// place (`a += b`, `a[mask] = v`), and stopping half-way would leave a
/// variable neither as it was nor as the statement makes it. These are
/// single memory-bound passes, done in well under a second.
pub fn update_slice<T: Send>(data: &mut [T], align: usize, update: impl Fn(usize, &mut [T]) + Sync) -> ArrayResult<()> {
    let n = data.len();
    let parts = parts_for(n, PARALLEL_MIN);
    let base = SendPtr(data.as_mut_ptr());
    run_ranges_checked(n, align, CHUNK, parts, false, |lo, hi| {
        // SAFETY: disjoint ranges inside `data`, which is borrowed mutably
        // for the whole call.
        let part = unsafe { std::slice::from_raw_parts_mut(base.get().add(lo), hi - lo) };
        update(lo, part);
        Ok(())
    })
}

/// Runs `update(start, part)` over disjoint parts of `data` of `chunk`
/// elements each (a Ctrl-C check between parts), on all cores when there
/// are several parts.
pub fn update_slice_chunked<T: Send>(
    data: &mut [T],
    chunk: usize,
    update: impl Fn(usize, &mut [T]) + Sync,
) -> ArrayResult<()> {
    let n = data.len();
    let chunk = chunk.max(1);
    let parts = threads().min(n.div_ceil(chunk)).max(1);
    let base = SendPtr(data.as_mut_ptr());
    run_ranges(n, 1, chunk, parts, |lo, hi| {
        // SAFETY: disjoint ranges inside `data`, which is borrowed mutably
        // for the whole call.
        let part = unsafe { std::slice::from_raw_parts_mut(base.get().add(lo), hi - lo) };
        update(lo, part);
        Ok(())
    })
}

/// An empty vector with room for `n` elements. Big buffers get huge pages
/// where the kernel offers them (see the module documentation).
pub fn new_buffer<T>(n: usize) -> Vec<T> {
    let bytes = n.saturating_mul(std::mem::size_of::<T>());
    let v: Vec<T> = Vec::with_capacity(n);
    if bytes >= HUGE_PAGE_MIN_BYTES {
        advise_huge_pages(v.as_ptr() as usize, bytes);
    }
    v
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod sys {
    use std::ffi::{c_int, c_void};
    extern "C" {
        pub fn madvise(addr: *mut c_void, len: usize, advice: c_int) -> c_int;
    }
    pub const MADV_HUGEPAGE: c_int = 14;
}

/// Asks for transparent huge pages on the whole 2 MiB pages inside
/// `addr..addr + bytes` (a hint: failure changes nothing).
fn advise_huge_pages(addr: usize, bytes: usize) {
    let start = addr.next_multiple_of(HUGE_PAGE);
    let end = (addr + bytes) / HUGE_PAGE * HUGE_PAGE;
    if end > start {
        #[cfg(all(target_os = "linux", target_env = "gnu"))]
        // SAFETY: the range lies inside memory this process owns (a live
        // allocation); MADV_HUGEPAGE never changes its contents.
        unsafe {
            sys::madvise(start as *mut std::ffi::c_void, end - start, sys::MADV_HUGEPAGE);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_vec_covers_every_position_in_order() {
        for n in [0usize, 1, 5, PARALLEL_MIN - 1, PARALLEL_MIN * 3 + 17] {
            let v = build_vec::<u64>(n, 7, |start, out| {
                for (k, o) in out.iter_mut().enumerate() {
                    o.write((start + k) as u64);
                }
            })
            .unwrap();
            assert_eq!(v.len(), n);
            assert!(v.iter().enumerate().all(|(i, &x)| x == i as u64));
        }
    }

    #[test]
    fn ranges_respect_alignment() {
        let n = PARALLEL_MIN * 2 + 3;
        let seen = std::sync::Mutex::new(Vec::new());
        run_ranges(n, 1000, CHUNK, 2, |lo, hi| {
            seen.lock().unwrap().push((lo, hi));
            Ok(())
        })
        .unwrap();
        let mut seen = seen.into_inner().unwrap();
        seen.sort();
        assert_eq!(seen.first().map(|r| r.0), Some(0));
        assert_eq!(seen.last().map(|r| r.1), Some(n));
        for w in seen.windows(2) {
            assert_eq!(w[0].1, w[1].0);
            assert_eq!(w[0].1 % 1000, 0);
        }
    }

    #[test]
    fn update_slice_touches_everything_once() {
        let mut v = vec![1u32; PARALLEL_MIN * 2 + 5];
        update_slice(&mut v, 1, |_, part| part.iter_mut().for_each(|x| *x += 1)).unwrap();
        assert!(v.iter().all(|&x| x == 2));
    }
}
