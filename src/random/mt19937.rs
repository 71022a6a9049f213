//! The 32-bit Mersenne Twister MT19937 as used by NumPy's legacy `RandomState`.

use super::BitGen;

/// Words of state (and outputs per block).
pub const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// MT19937 state: 624 words and the read position.
#[derive(Clone, Debug)]
pub struct Mt19937 {
    key: [u32; N],
    pos: usize,
}

impl Mt19937 {
    /// A generator seeded with `init_genrand(seed)` (NumPy `seed(int)`).
    pub fn new(seed: u32) -> Self {
        let mut mt = Mt19937 { key: [0; N], pos: N };
        mt.seed(seed);
        mt
    }

    /// Re-seeds with Matsumoto–Nishimura `init_genrand` (NumPy's `mt19937_seed`).
    pub fn seed(&mut self, seed: u32) {
        let mut s = seed;
        for pos in 0..N {
            self.key[pos] = s;
            s = 1_812_433_253u32.wrapping_mul(s ^ (s >> 30)).wrapping_add(pos as u32 + 1);
        }
        self.pos = N;
    }

    /// Re-seeds with `init_by_array` (NumPy `seed(array)`); an empty key is
    /// treated as `[0]`.
    pub fn seed_by_array(&mut self, init_key: &[u32]) {
        let zero = [0u32];
        let key: &[u32] = if init_key.is_empty() { &zero } else { init_key };
        self.seed(19_650_218);
        let mt = &mut self.key;
        let mut i = 1usize;
        let mut j = 0usize;
        let mut k = N.max(key.len());
        while k > 0 {
            let prev = mt[i - 1];
            mt[i] = (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525)).wrapping_add(key[j]).wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
            k -= 1;
        }
        k = N - 1;
        while k > 0 {
            let prev = mt[i - 1];
            mt[i] = (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            k -= 1;
        }
        mt[0] = 0x8000_0000;
        self.pos = N;
    }

    /// Installs a raw state (624 words and a position), as NumPy's
    /// `set_state` does; positions above 624 are clamped to 624.
    pub fn set_raw(&mut self, key: &[u32; N], pos: usize) {
        self.key = *key;
        self.pos = pos.min(N);
    }

    /// The raw state: 624 words and the position (NumPy's `get_state`).
    pub fn raw(&self) -> (&[u32; N], usize) {
        (&self.key, self.pos)
    }

    /// Refills all 624 words at once (NumPy's `mt19937_gen`).
    fn generate(&mut self) {
        let mt = &mut self.key;
        let twist = |a: u32, b: u32, c: u32| -> u32 {
            let y = (a & UPPER_MASK) | (b & LOWER_MASK);
            c ^ (y >> 1) ^ (0u32.wrapping_sub(y & 1) & MATRIX_A)
        };
        for i in 0..N - M {
            mt[i] = twist(mt[i], mt[i + 1], mt[i + M]);
        }
        for i in N - M..N - 1 {
            mt[i] = twist(mt[i], mt[i + 1], mt[i + M - N]);
        }
        mt[N - 1] = twist(mt[N - 1], mt[0], mt[M - 1]);
        self.pos = 0;
    }

    /// Next tempered 32-bit output.
    pub fn next_u32(&mut self) -> u32 {
        if self.pos >= N {
            self.generate();
        }
        let y = self.key[self.pos];
        self.pos += 1;
        temper(y)
    }

    /// Fills `out` with the next `out.len()` outputs, exactly as that many
    /// calls of [`Mt19937::next_u32`] would, tempering whole runs of the
    /// state at a time.
    #[inline]
    pub fn fill_u32(&mut self, out: &mut [u32]) {
        let mut done = 0;
        while done < out.len() {
            if self.pos >= N {
                self.generate();
            }
            let k = (N - self.pos).min(out.len() - done);
            for (o, &y) in out[done..done + k].iter_mut().zip(&self.key[self.pos..self.pos + k]) {
                *o = temper(y);
            }
            self.pos += k;
            done += k;
        }
    }

    /// The tempered outputs left in the current block of 624 words (the
    /// block is refilled first when none are left), written to the front
    /// of `out` without consuming them; returns how many. Mark the ones
    /// used with [`Mt19937::consume`].
    pub fn peek_block(&mut self, out: &mut [u32; N]) -> usize {
        if self.pos >= N {
            self.generate();
        }
        let left = N - self.pos;
        for (o, &y) in out[..left].iter_mut().zip(&self.key[self.pos..]) {
            *o = temper(y);
        }
        left
    }

    /// Consumes the first `k` outputs that [`Mt19937::peek_block`] showed.
    pub fn consume(&mut self, k: usize) {
        self.pos = (self.pos + k).min(N);
    }

    /// Calls `f` on successive outputs until it returns `false`; consumes
    /// exactly the outputs `f` saw, as repeated [`Mt19937::next_u32`] would.
    #[inline]
    pub fn for_each_u32(&mut self, mut f: impl FnMut(u32) -> bool) {
        loop {
            if self.pos >= N {
                self.generate();
            }
            while self.pos < N {
                let y = temper(self.key[self.pos]);
                self.pos += 1;
                if !f(y) {
                    return;
                }
            }
        }
    }

    /// Fills `out` with doubles in `[0, 1)`, exactly as that many calls of
    /// `next_f64` would: two outputs `a`, `b` give
    /// `((a >> 5) * 2**26 + (b >> 6)) / 2**53`. The raw words are made in
    /// blocks first, so the conversion runs as vector code.
    #[inline]
    pub fn fill_f64(&mut self, out: &mut [std::mem::MaybeUninit<f64>]) {
        const B: usize = 512;
        let mut words = [0u32; 2 * B];
        for part in out.chunks_mut(B) {
            let w = &mut words[..2 * part.len()];
            self.fill_u32(w);
            for (o, ab) in part.iter_mut().zip(w.chunks_exact(2)) {
                // both halves fit in 27 bits, so the i32 route is exact
                let a = f64::from((ab[0] >> 5) as i32);
                let b = f64::from((ab[1] >> 6) as i32);
                o.write((a * 67_108_864.0 + b) / 9_007_199_254_740_992.0);
            }
        }
    }
}

/// The legacy double in `[0, 1)` made from two consecutive outputs:
/// `((a >> 5) * 2**26 + (b >> 6)) / 2**53`.
#[inline(always)]
pub fn double_from_words(a: u32, b: u32) -> f64 {
    (f64::from(a >> 5) * 67_108_864.0 + f64::from(b >> 6)) / 9_007_199_254_740_992.0
}

/// MT19937's output tempering.
#[inline(always)]
fn temper(mut y: u32) -> u32 {
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c_5680;
    y ^= (y << 15) & 0xefc6_0000;
    y ^ (y >> 18)
}

impl BitGen for Mt19937 {
    fn next_u32(&mut self) -> u32 {
        Mt19937::next_u32(self)
    }
    fn next_u64(&mut self) -> u64 {
        let hi = u64::from(Mt19937::next_u32(self));
        let lo = u64::from(Mt19937::next_u32(self));
        (hi << 32) | lo
    }
    fn next_f64(&mut self) -> f64 {
        let a = Mt19937::next_u32(self);
        double_from_words(a, Mt19937::next_u32(self))
    }
    fn fill_masked_u32(&mut self, rng: u32, mask: u32, out: &mut [std::mem::MaybeUninit<i64>], off: u64) {
        let mut k = 0;
        let n = out.len();
        if n == 0 {
            return;
        }
        self.for_each_u32(|w| {
            let v = w & mask;
            if v <= rng {
                out[k].write(off.wrapping_add(u64::from(v)) as i64);
                k += 1;
            }
            k < n
        });
    }
}
