//! PCG64 (128-bit LCG, XSL-RR output) as used by NumPy's `default_rng`.

use super::seed_sequence::SeedSequence;
use super::BitGen;

const MULT: u128 = (2_549_297_995_355_413_924u128 << 64) | 4_865_540_595_714_422_341u128;

/// PCG64 state, including NumPy's buffered upper half for 32-bit draws.
#[derive(Clone, Debug)]
pub struct Pcg64 {
    state: u128,
    inc: u128,
    has_u32: bool,
    uinteger: u32,
}

impl Pcg64 {
    /// `pcg64_srandom_r(initstate, initseq)`.
    pub fn from_state_seq(initstate: u128, initseq: u128) -> Self {
        let mut g = Pcg64 { state: 0, inc: (initseq << 1) | 1, has_u32: false, uinteger: 0 };
        g.step();
        g.state = g.state.wrapping_add(initstate);
        g.step();
        g
    }

    /// Seeds as `PCG64(SeedSequence)`: four 64-bit words from
    /// `generate_state(4, uint64)` give (state hi, state lo, inc hi, inc lo).
    pub fn from_seed_sequence(ss: &SeedSequence) -> Self {
        let w = ss.generate_state_u64(4);
        let s = (u128::from(w[0]) << 64) | u128::from(w[1]);
        let i = (u128::from(w[2]) << 64) | u128::from(w[3]);
        Pcg64::from_state_seq(s, i)
    }

    #[inline]
    fn step(&mut self) {
        self.state = self.state.wrapping_mul(MULT).wrapping_add(self.inc);
    }

    /// Next 64-bit output (step, then XSL-RR of the new state).
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        self.step();
        let s = self.state;
        let x = ((s >> 64) as u64) ^ (s as u64);
        x.rotate_right((s >> 122) as u32)
    }

    /// Advances the generator by `delta` steps (NumPy's `advance`).
    pub fn advance(&mut self, delta: u128) {
        let (mut acc_mult, mut acc_plus) = (1u128, 0u128);
        let (mut cur_mult, mut cur_plus) = (MULT, self.inc);
        let mut d = delta;
        while d > 0 {
            if d & 1 == 1 {
                acc_mult = acc_mult.wrapping_mul(cur_mult);
                acc_plus = acc_plus.wrapping_mul(cur_mult).wrapping_add(cur_plus);
            }
            cur_plus = cur_mult.wrapping_add(1).wrapping_mul(cur_plus);
            cur_mult = cur_mult.wrapping_mul(cur_mult);
            d >>= 1;
        }
        self.state = acc_mult.wrapping_mul(self.state).wrapping_add(acc_plus);
        self.has_u32 = false;
        self.uinteger = 0;
    }

    /// The raw (state, inc) pair.
    pub fn raw(&self) -> (u128, u128) {
        (self.state, self.inc)
    }
}

impl BitGen for Pcg64 {
    fn next_u32(&mut self) -> u32 {
        if self.has_u32 {
            self.has_u32 = false;
            return self.uinteger;
        }
        let v = Pcg64::next_u64(self);
        self.has_u32 = true;
        self.uinteger = (v >> 32) as u32;
        v as u32
    }
    fn next_u64(&mut self) -> u64 {
        Pcg64::next_u64(self)
    }
    fn next_f64(&mut self) -> f64 {
        (Pcg64::next_u64(self) >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }
}
