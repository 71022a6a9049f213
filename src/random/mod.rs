//! Pure-Rust random number generation that reproduces NumPy 2.4 bit for bit.
//!
//! Two front ends are provided:
//!
//! * [`RandomState`]: the legacy `np.random.*` / `np.random.seed(n)` API,
//!   backed by MT19937 (same seeding, same 53-bit doubles, polar Gaussian
//!   with cached second value, masked-rejection bounded integers, ...).
//! * [`Generator`]: `np.random.default_rng(seed)`, backed by PCG64 seeded
//!   through [`SeedSequence`] (Lemire bounded integers, ziggurat normals and
//!   exponentials, Floyd / tail-shuffle `choice`, ...).
//!
//! The module knows nothing about the interpreter or its array type: every
//! sampler takes a flat element count (`n`, the product of the output shape)
//! and returns a `Vec` whose elements are in C order of that shape. Errors are
//! `Err(String)` carrying NumPy's exact exception message (the exception
//! class is `ValueError` unless a method's doc says otherwise).

// Not every entry point is used by the interpreter yet.
#![allow(dead_code)]

mod bounded;
mod choice;
mod distributions;
mod generator;
mod legacy;
mod mt19937;
mod pcg64;
mod seed_sequence;
mod ziggurat;
mod ziggurat_fix;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_block;
#[cfg(test)]
mod tests_manual;

pub use generator::Generator;
pub use legacy::RandomState;
pub use mt19937::Mt19937;
pub use pcg64::Pcg64;
pub use seed_sequence::SeedSequence;

use std::mem::MaybeUninit;

/// The raw-bit interface NumPy's distribution code is written against
/// (`bitgen_t`): 32-bit words, 64-bit words and doubles in `[0, 1)`.
pub trait BitGen {
    /// Next 32 random bits (`next_uint32`).
    fn next_u32(&mut self) -> u32;
    /// Next 64 random bits (`next_uint64`).
    fn next_u64(&mut self) -> u64;
    /// Next double in `[0, 1)` with 53 random bits (`next_double`).
    fn next_f64(&mut self) -> f64;

    /// Fills `out` with `off + v` (wrapping, as int64) for successive
    /// masked-rejection draws `v = next_u32() & mask` accepted when
    /// `v <= rng` (NumPy's `buffered_bounded_masked_uint32`, one value per
    /// element), consuming exactly the 32-bit draws that takes.
    fn fill_masked_u32(&mut self, rng: u32, mask: u32, out: &mut [MaybeUninit<i64>], off: u64) {
        for o in out.iter_mut() {
            let v = loop {
                let v = self.next_u32() & mask;
                if v <= rng {
                    break v;
                }
            };
            o.write(off.wrapping_add(u64::from(v)) as i64);
        }
    }
}

/// Values between two Ctrl-C checks of [`draw_n`] and [`fill_n`].
const CANCEL_CHUNK: usize = 1 << 16;

/// `n` values from `draw`, in order. Checks for Ctrl-C every 64K values and
/// then stops early with a shorter vector: the caller checks
/// `crate::array::cancel` after sampling and drops the result.
pub(crate) fn draw_n<T>(n: usize, mut draw: impl FnMut() -> T) -> Vec<T> {
    // (a plain `extend` loop: the samplers inline into it, which they do
    // not into a loop over uninitialized slots behind another closure)
    let mut out = crate::array::parallel::new_buffer(n);
    while out.len() < n && !crate::array::cancel::is_requested() {
        let batch = (n - out.len()).min(CANCEL_CHUNK);
        out.extend((0..batch).map(|_| draw()));
    }
    out
}

/// `n` values written in order by `fill`, which is called on consecutive
/// parts of an uninitialized buffer (at most 64K values each) and must
/// write every element of its part. Checks for Ctrl-C between parts and
/// then stops early with a shorter vector, as [`draw_n`].
pub(crate) fn fill_n<T>(n: usize, mut fill: impl FnMut(&mut [MaybeUninit<T>])) -> Vec<T> {
    let mut out: Vec<T> = crate::array::parallel::new_buffer(n);
    let mut done = 0;
    while done < n && !crate::array::cancel::is_requested() {
        let k = (n - done).min(CANCEL_CHUNK);
        fill(&mut out.spare_capacity_mut()[..k]);
        done += k;
        // SAFETY: `fill` wrote the `k` elements after the first `done - k`,
        // which were written before.
        unsafe { out.set_len(done) };
    }
    out
}

/// Reads `n` bytes of OS entropy (`/dev/urandom`), falling back to a mix of
/// the clock, the process id and an address when that is unavailable.
pub(crate) fn os_entropy_words(n: usize) -> Vec<u32> {
    use std::io::Read;
    let mut buf = vec![0u8; n * 4];
    let ok = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut buf)).is_ok();
    if ok {
        return buf.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
    }
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    let local = 0u8;
    let addr = &local as *const u8 as usize as u128;
    let mut x = nanos ^ (u128::from(std::process::id()) << 64) ^ (addr << 32);
    (0..n)
        .map(|_| {
            // splitmix-style scrambling of the fallback seed material
            x = x.wrapping_add(0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c835);
            let mut z = x;
            z = (z ^ (z >> 67)).wrapping_mul(0xbf58_476d_1ce4_e5b9_94d0_49bb_1331_11eb);
            z ^= z >> 61;
            z as u32
        })
        .collect()
}
