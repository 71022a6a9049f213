//! The binary's global allocator: mimalloc, called through its plain entry
//! points.
//!
//! mimalloc serves the many small, short-lived allocations of an
//! interpreter (values, tiny arrays, frames) faster than glibc's malloc.
//! The `mimalloc` crate sends every request to `mi_malloc_aligned`, whose
//! slow path (taken whenever a size class's free list needs refilling) cost
//! about 150 instructions per allocation, against `mi_malloc`'s refill.
//! Every mimalloc block is aligned to 8 bytes at least, so requests that
//! need no more go to `mi_malloc` / `mi_zalloc` / `mi_realloc`; stricter
//! alignments keep the aligned calls.

use libmimalloc_sys as mi;
use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

/// Alignment every mimalloc block has.
const GUARANTEED_ALIGN: usize = 8;

/// mimalloc as the global allocator.
pub struct Mimalloc;

// SAFETY: each method forwards to the mimalloc function with the contract
// GlobalAlloc asks for: blocks of at least `layout.size()` bytes aligned to
// `layout.align()` (mimalloc's blocks are 8-aligned, and the aligned
// variants handle larger alignments), freed with `mi_free`.
unsafe impl GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= GUARANTEED_ALIGN {
            mi::mi_malloc(layout.size()) as *mut u8
        } else {
            mi::mi_malloc_aligned(layout.size(), layout.align()) as *mut u8
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= GUARANTEED_ALIGN {
            mi::mi_zalloc(layout.size()) as *mut u8
        } else {
            mi::mi_zalloc_aligned(layout.size(), layout.align()) as *mut u8
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        mi::mi_free(ptr as *mut c_void)
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= GUARANTEED_ALIGN {
            mi::mi_realloc(ptr as *mut c_void, new_size) as *mut u8
        } else {
            mi::mi_realloc_aligned(ptr as *mut c_void, new_size, layout.align()) as *mut u8
        }
    }
}
