//! Bounded integers: `random_interval`, masked rejection and Lemire's method,
//! following NumPy's `random_bounded_uint64_fill` dispatch.

use super::BitGen;

/// Smallest all-ones bit mask `>= max`.
pub(crate) fn gen_mask(max: u64) -> u64 {
    let mut m = max;
    m |= m >> 1;
    m |= m >> 2;
    m |= m >> 4;
    m |= m >> 8;
    m |= m >> 16;
    m |= m >> 32;
    m
}

/// Uniform integer in `[0, max]` by masked rejection (`random_interval`),
/// 32-bit draws when `max` fits in 32 bits. Used by both `shuffle`s.
pub(crate) fn random_interval<B: BitGen>(bg: &mut B, max: u64) -> u64 {
    if max == 0 {
        return 0;
    }
    let mask = gen_mask(max);
    if max <= 0xffff_ffff {
        loop {
            let v = u64::from(bg.next_u32()) & mask;
            if v <= max {
                return v;
            }
        }
    } else {
        loop {
            let v = bg.next_u64() & mask;
            if v <= max {
                return v;
            }
        }
    }
}

fn lemire32<B: BitGen>(bg: &mut B, rng: u32) -> u32 {
    let rng_excl = rng.wrapping_add(1);
    let mut m = u64::from(bg.next_u32()) * u64::from(rng_excl);
    let mut leftover = m as u32;
    if leftover < rng_excl {
        let threshold = (u32::MAX - rng) % rng_excl;
        while leftover < threshold {
            m = u64::from(bg.next_u32()) * u64::from(rng_excl);
            leftover = m as u32;
        }
    }
    (m >> 32) as u32
}

fn lemire64<B: BitGen>(bg: &mut B, rng: u64) -> u64 {
    let rng_excl = rng.wrapping_add(1);
    let mut m = u128::from(bg.next_u64()) * u128::from(rng_excl);
    let mut leftover = m as u64;
    if leftover < rng_excl {
        let threshold = (u64::MAX - rng) % rng_excl;
        while leftover < threshold {
            m = u128::from(bg.next_u64()) * u128::from(rng_excl);
            leftover = m as u64;
        }
    }
    (m >> 64) as u64
}

/// One value `off + U[0, rng]` (wrapping), NumPy's `random_bounded_uint64`;
/// `masked` selects masked rejection (legacy) over Lemire (Generator).
pub(crate) fn bounded_u64<B: BitGen>(bg: &mut B, off: u64, rng: u64, masked: bool) -> u64 {
    if rng == 0 {
        off
    } else if rng <= 0xffff_ffff {
        if rng == 0xffff_ffff {
            return off.wrapping_add(u64::from(bg.next_u32()));
        }
        if masked {
            let mask = gen_mask(rng);
            loop {
                let v = u64::from(bg.next_u32()) & mask;
                if v <= rng {
                    return off.wrapping_add(v);
                }
            }
        } else {
            off.wrapping_add(u64::from(lemire32(bg, rng as u32)))
        }
    } else if rng == u64::MAX {
        off.wrapping_add(bg.next_u64())
    } else if masked {
        let mask = gen_mask(rng);
        loop {
            let v = bg.next_u64() & mask;
            if v <= rng {
                return off.wrapping_add(v);
            }
        }
    } else {
        off.wrapping_add(lemire64(bg, rng))
    }
}

/// `cnt` int64 values uniform on the closed interval `[low, high]`
/// (`random_bounded_uint64_fill` with `off = low`, `rng = high - low`).
/// Bounds must already be validated (`low <= high`). The method is chosen
/// once for the whole fill, as NumPy does, not per value.
pub(crate) fn bounded_i64_fill<B: BitGen>(bg: &mut B, low: i64, high: i64, cnt: usize, masked: bool) -> Vec<i64> {
    let off = low as u64;
    let rng = (high as u64).wrapping_sub(off);
    let put = |v: u64| off.wrapping_add(v) as i64;
    if rng == 0 {
        super::fill_n(cnt, |out| {
            for o in out.iter_mut() {
                o.write(low);
            }
        })
    } else if rng == 0xffff_ffff {
        super::draw_n(cnt, || put(u64::from(bg.next_u32())))
    } else if rng < 0xffff_ffff && masked {
        let mask = gen_mask(rng) as u32;
        super::fill_n(cnt, |out| bg.fill_masked_u32(rng as u32, mask, out, off))
    } else if rng < 0xffff_ffff {
        let rng = rng as u32;
        let rng_excl = rng + 1;
        let threshold = (u32::MAX - rng) % rng_excl;
        super::draw_n(cnt, || {
            let mut m = u64::from(bg.next_u32()) * u64::from(rng_excl);
            while (m as u32) < threshold {
                m = u64::from(bg.next_u32()) * u64::from(rng_excl);
            }
            put(m >> 32)
        })
    } else {
        super::draw_n(cnt, || bounded_u64(bg, off, rng, masked) as i64)
    }
}

/// Validates `[low, high)` (or `[low, high]` when `endpoint`) for int64
/// output exactly as NumPy's `_rand_int64` and returns the closed bounds.
pub(crate) fn int64_bounds(low: i128, high: i128, endpoint: bool) -> Result<(i64, i64), String> {
    let high = if endpoint { high } else { high.saturating_sub(1) };
    if low < i128::from(i64::MIN) {
        return Err("low is out of bounds for int64".to_string());
    }
    if high > i128::from(i64::MAX) {
        return Err("high is out of bounds for int64".to_string());
    }
    if low > high {
        return Err(if endpoint { "low > high" } else { "low >= high" }.to_string());
    }
    Ok((low as i64, high as i64))
}
