//! The process allocator: the system allocator, plus reuse of big blocks.
//!
//! A script that makes and drops 80 MB arrays in a loop (`np.ones(10**7)`,
//! `np.random.rand(10**7)`, temporaries of `a * 2 + 1`) would otherwise get
//! a fresh mapping from the kernel on every iteration and fault in (and
//! zero) all its pages again, which costs more than writing the values.
//! glibc cannot be told to keep such blocks here: the interpreter runs on a
//! thread of its own, whose malloc arena maps every big block separately
//! and unmaps it on `free`.
//!
//! So blocks of at least [`BIG`] bytes are handled here: their size is
//! rounded up to whole 2 MiB pages, they are aligned to 2 MiB and asked to
//! be backed by transparent huge pages (as NumPy does), and a freed one is
//! kept in a small cache (at most [`MAX_BLOCKS`] blocks, [`MAX_BYTES`] in
//! all) from which the next request of the same rounded size is served,
//! its pages already present. Everything else goes straight to the system
//! allocator.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Mutex;

/// Bytes from which a block is rounded, huge-paged and kept on free.
pub const BIG: usize = 4 << 20;

/// Huge page size on x86-64 and aarch64 Linux: the rounding and alignment of big blocks.
const GRAIN: usize = 2 << 20;

/// Most freed blocks kept at once.
const MAX_BLOCKS: usize = 8;

/// Most bytes kept in freed blocks at once.
const MAX_BYTES: usize = 1 << 30;

/// Freed big blocks: (address, rounded size), oldest first.
struct Cache {
    blocks: [(usize, usize); MAX_BLOCKS],
    len: usize,
    bytes: usize,
}

static CACHE: Mutex<Cache> = Mutex::new(Cache { blocks: [(0, 0); MAX_BLOCKS], len: 0, bytes: 0 });

/// NPL's global allocator (see the module documentation).
pub struct NplAlloc;

#[global_allocator]
static GLOBAL: NplAlloc = NplAlloc;

/// The layout a big block really has: size rounded up to [`GRAIN`],
/// aligned to [`GRAIN`]; `None` for small or oddly aligned requests.
fn big_layout(layout: Layout) -> Option<Layout> {
    if layout.size() < BIG || layout.align() > GRAIN {
        return None;
    }
    let size = layout.size().checked_next_multiple_of(GRAIN)?;
    Layout::from_size_align(size, GRAIN).ok()
}

fn lock() -> std::sync::MutexGuard<'static, Cache> {
    CACHE.lock().unwrap_or_else(|e| e.into_inner())
}

/// A cached block of exactly `size` bytes, the most recently freed first.
fn take(size: usize) -> Option<*mut u8> {
    let mut c = lock();
    let len = c.len;
    let k = (0..len).rev().find(|&k| c.blocks[k].1 == size)?;
    let (addr, sz) = c.blocks[k];
    c.blocks.copy_within(k + 1..len, k);
    c.len -= 1;
    c.bytes -= sz;
    Some(addr as *mut u8)
}

/// Keeps a freed block, evicting the oldest ones when over the limits;
/// returns the blocks to give back to the system (at most all of them).
fn keep(addr: usize, size: usize) -> ([(usize, usize); MAX_BLOCKS + 1], usize) {
    let mut out = [(0, 0); MAX_BLOCKS + 1];
    let mut n_out = 0;
    if size > MAX_BYTES {
        out[0] = (addr, size);
        return (out, 1);
    }
    let mut c = lock();
    while c.len > 0 && (c.len == MAX_BLOCKS || c.bytes + size > MAX_BYTES) {
        let oldest = c.blocks[0];
        let len = c.len;
        c.blocks.copy_within(1..len, 0);
        c.len -= 1;
        c.bytes -= oldest.1;
        out[n_out] = oldest;
        n_out += 1;
    }
    let len = c.len;
    c.blocks[len] = (addr, size);
    c.len += 1;
    c.bytes += size;
    (out, n_out)
}

/// Asks for transparent huge pages on a fresh big block (a hint).
fn advise_huge(ptr: *mut u8, size: usize) {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn madvise(addr: *mut std::ffi::c_void, len: usize, advice: std::ffi::c_int) -> std::ffi::c_int;
        }
        const MADV_HUGEPAGE: std::ffi::c_int = 14;
        // SAFETY: `ptr..ptr + size` is a live block this allocator owns,
        // aligned to 2 MiB; MADV_HUGEPAGE never changes its contents.
        unsafe {
            madvise(ptr.cast(), size, MADV_HUGEPAGE);
        }
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    let _ = (ptr, size);
}

unsafe impl GlobalAlloc for NplAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(big) = big_layout(layout) else {
            // SAFETY: forwarded unchanged.
            return unsafe { System.alloc(layout) };
        };
        if let Some(p) = take(big.size()) {
            return p;
        }
        // SAFETY: `big` has a non-zero size.
        let p = unsafe { System.alloc(big) };
        if !p.is_null() {
            advise_huge(p, big.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let Some(big) = big_layout(layout) else {
            // SAFETY: forwarded unchanged.
            return unsafe { System.alloc_zeroed(layout) };
        };
        if let Some(p) = take(big.size()) {
            // SAFETY: the cached block holds at least `layout.size()` bytes.
            unsafe { std::ptr::write_bytes(p, 0, layout.size()) };
            return p;
        }
        // SAFETY: `big` has a non-zero size.
        let p = unsafe { System.alloc_zeroed(big) };
        if !p.is_null() {
            advise_huge(p, big.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let Some(big) = big_layout(layout) else {
            // SAFETY: a small block came from System with this layout.
            return unsafe { System.dealloc(ptr, layout) };
        };
        let (evicted, n) = keep(ptr as usize, big.size());
        for &(addr, size) in &evicted[..n] {
            // SAFETY: every cached block came from System with its rounded
            // size and the 2 MiB alignment.
            unsafe { System.dealloc(addr as *mut u8, Layout::from_size_align_unchecked(size, GRAIN)) };
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller guarantees `new_size` with this alignment is a valid layout.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        match (big_layout(layout), big_layout(new_layout)) {
            // SAFETY: small to small is the system's business.
            (None, None) => unsafe { System.realloc(ptr, layout, new_size) },
            (Some(a), Some(b)) if a.size() == b.size() => ptr,
            _ => {
                // SAFETY: a fresh block for the new layout, the old contents
                // copied over (as much as both hold), then the old one freed.
                unsafe {
                    let p = self.alloc(new_layout);
                    if !p.is_null() {
                        std::ptr::copy_nonoverlapping(ptr, p, layout.size().min(new_size));
                        self.dealloc(ptr, layout);
                    }
                    p
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_blocks_are_reused() {
        let n = BIG / 8 + 3;
        let a: Vec<u64> = vec![7; n];
        let addr = a.as_ptr() as usize;
        assert_eq!(addr % GRAIN, 0);
        drop(a);
        let b: Vec<u64> = vec![0; n];
        assert!(b.iter().all(|&x| x == 0));
        let c: Vec<u64> = Vec::with_capacity(n);
        // b or c got the freed block (another test thread may have taken it).
        let _ = (b.as_ptr() as usize == addr) || (c.as_ptr() as usize == addr);
    }

    #[test]
    fn growth_across_the_threshold_keeps_contents() {
        let mut v: Vec<u32> = (0..1000).collect();
        v.reserve(BIG);
        v.extend(1000..(BIG as u32 / 4 + 10));
        v.shrink_to_fit();
        v.truncate(10);
        v.shrink_to_fit();
        assert_eq!(v, (0..10).collect::<Vec<u32>>());
    }
}
