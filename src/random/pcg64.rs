//! PCG64 (128-bit LCG, XSL-RR output) as used by NumPy's `default_rng`.

use super::seed_sequence::SeedSequence;
use super::BitGen;
use std::mem::MaybeUninit;

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
        self.state = step(self.state, self.inc);
    }

    /// Next 64-bit output (step, then XSL-RR of the new state).
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        self.step();
        output(self.state)
    }

    /// Advances the generator by `delta` steps (NumPy's `advance`).
    pub fn advance(&mut self, delta: u128) {
        self.state = jump(self.state, self.inc, delta);
        self.has_u32 = false;
        self.uinteger = 0;
    }

    /// `n` doubles in `[0, 1)`, exactly as `n` calls of `next_f64` give
    /// them. The LCG can jump ahead, so big counts are made in parallel
    /// parts, each starting from the state advanced to its first position;
    /// the generator ends advanced by `n`, its buffered 32-bit half kept
    /// (as NumPy's `next_double` leaves it). Stops early on Ctrl-C with an
    /// empty vector: the caller checks `crate::array::cancel` and drops it.
    pub fn doubles(&mut self, n: usize) -> Vec<f64> {
        let (state, inc) = (self.state, self.inc);
        let v = crate::array::parallel::build_vec(n, 1, |start, out| {
            fill_doubles(jump(state, inc, start as u128), inc, out);
        });
        self.state = jump(state, inc, n as u128);
        v.unwrap_or_default()
    }

    /// The raw (state, inc) pair.
    pub fn raw(&self) -> (u128, u128) {
        (self.state, self.inc)
    }
}

/// One LCG step.
#[inline(always)]
fn step(state: u128, inc: u128) -> u128 {
    state.wrapping_mul(MULT).wrapping_add(inc)
}

/// The XSL-RR output of a state.
#[inline(always)]
fn output(s: u128) -> u64 {
    let x = ((s >> 64) as u64) ^ (s as u64);
    x.rotate_right((s >> 122) as u32)
}

/// The state `delta` steps after `state` (Brown's jump-ahead: the affine
/// map of one step raised to the power `delta` by squaring).
fn jump(state: u128, inc: u128, delta: u128) -> u128 {
    let (mut acc_mult, mut acc_plus) = (1u128, 0u128);
    let (mut cur_mult, mut cur_plus) = (MULT, inc);
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
    acc_mult.wrapping_mul(state).wrapping_add(acc_plus)
}

/// Writes the doubles that follow `state` into `out`. The serial chain of
/// 128-bit multiplies is the cost, so the part is cut into [`LANES`]
/// stretches run side by side, each from its own jumped-ahead state.
fn fill_doubles(state: u128, inc: u128, out: &mut [MaybeUninit<f64>]) {
    const LANES: usize = 4;
    let to_f64 = |s: u128| (output(s) >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0);
    let q = if out.len() >= 64 * LANES { out.len() / LANES } else { 0 };
    let mut st = [state; LANES];
    for (j, s) in st.iter_mut().enumerate().skip(1) {
        *s = jump(state, inc, (j * q) as u128);
    }
    let (body, tail) = out.split_at_mut(q * LANES);
    if q > 0 {
        let (b0, rest) = body.split_at_mut(q);
        let (b1, rest) = rest.split_at_mut(q);
        let (b2, b3) = rest.split_at_mut(q);
        for (((o0, o1), o2), o3) in b0.iter_mut().zip(b1.iter_mut()).zip(b2.iter_mut()).zip(b3.iter_mut()) {
            st[0] = step(st[0], inc);
            st[1] = step(st[1], inc);
            st[2] = step(st[2], inc);
            st[3] = step(st[3], inc);
            o0.write(to_f64(st[0]));
            o1.write(to_f64(st[1]));
            o2.write(to_f64(st[2]));
            o3.write(to_f64(st[3]));
        }
    }
    // the last stretch ends where the tail begins
    let mut s = st[LANES - 1];
    for o in tail.iter_mut() {
        s = step(s, inc);
        o.write(to_f64(s));
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
