//! The 32-bit Mersenne Twister MT19937 as used by NumPy's legacy `RandomState`.

use super::BitGen;

const N: usize = 624;
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
        let mut y = self.key[self.pos];
        self.pos += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }
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
        let a = Mt19937::next_u32(self) >> 5;
        let b = Mt19937::next_u32(self) >> 6;
        (f64::from(a) * 67_108_864.0 + f64::from(b)) / 9_007_199_254_740_992.0
    }
}
