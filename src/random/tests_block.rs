//! The block fills (whole MT19937 refills, PCG64 parts made in parallel
//! from jumped-ahead states, bounded fills chosen once) against the
//! one-value-at-a-time definitions they replace.

use super::*;

/// The legacy doubles, one at a time from raw 32-bit outputs.
fn mt_doubles_one_by_one(mt: &mut Mt19937, n: usize) -> Vec<f64> {
    (0..n)
        .map(|_| {
            let a = mt.next_u32() >> 5;
            let b = mt.next_u32() >> 6;
            (f64::from(a) * 67_108_864.0 + f64::from(b)) / 9_007_199_254_740_992.0
        })
        .collect()
}

#[test]
fn mt_block_fills_match_single_draws() {
    for skip in [0usize, 1, 227, 396, 623, 700] {
        let mut a = Mt19937::new(1234);
        let mut b = Mt19937::new(1234);
        for _ in 0..skip {
            a.next_u32();
            b.next_u32();
        }
        let mut words = vec![0u32; 3000];
        a.fill_u32(&mut words);
        let expect: Vec<u32> = (0..3000).map(|_| b.next_u32()).collect();
        assert_eq!(words, expect);
        let n = 5000 + skip;
        let mut out = vec![std::mem::MaybeUninit::<f64>::uninit(); n];
        a.fill_f64(&mut out);
        // SAFETY: fill_f64 wrote every element
        let got: Vec<f64> = out.iter().map(|o| unsafe { o.assume_init() }).collect();
        assert_eq!(got, mt_doubles_one_by_one(&mut b, n));
        assert_eq!(a.next_u32(), b.next_u32());
    }
}

#[test]
fn legacy_random_sample_and_randint_continue_the_stream() {
    let mut r = RandomState::new_seeded(7).unwrap();
    let mut mt = Mt19937::new(7);
    let n = 200_003;
    assert_eq!(r.random_sample(n), mt_doubles_one_by_one(&mut mt, n));
    let ints = r.randint(-5, 995, n).unwrap();
    let expect: Vec<i64> = (0..n)
        .map(|_| loop {
            let v = mt.next_u32() & 1023;
            if v < 1000 {
                break i64::from(v) - 5;
            }
        })
        .collect();
    assert_eq!(ints, expect);
    assert_eq!(r.random_sample(3), mt_doubles_one_by_one(&mut mt, 3));
}

#[test]
fn pcg64_parallel_doubles_match_single_draws() {
    for n in [0usize, 1, 255, 256, 1001, 300_007] {
        let mut a = Pcg64::from_seed_sequence(&SeedSequence::from_i64(9).unwrap());
        let mut b = a.clone();
        // an odd number of 32-bit draws leaves half a word buffered
        a.next_u32();
        b.next_u32();
        let got = a.doubles(n);
        let expect: Vec<f64> = (0..n).map(|_| b.next_f64()).collect();
        assert_eq!(got, expect);
        assert_eq!(a.next_u32(), b.next_u32());
        assert_eq!(a.next_u64(), b.next_u64());
    }
}

#[test]
fn generator_integers_match_per_value_lemire() {
    let mut g = Generator::new_seeded(3).unwrap();
    let mut h = g.clone();
    let got = g.integers(10, 1010, 10_001).unwrap();
    let expect: Vec<i64> =
        (0..10_001).map(|_| bounded::bounded_u64(h.bit_generator(), 10, 999, false) as i64).collect();
    assert_eq!(got, expect);
    assert_eq!(g.integers(0, 1, 3).unwrap(), vec![0, 0, 0]);
    assert_eq!(g.random(2), h.random(2));
}

#[test]
fn uniform_from_block_doubles_matches_single_draws() {
    let mut r = RandomState::new_seeded(11).unwrap();
    let mut mt = Mt19937::new(11);
    let got = r.uniform(-2.0, 3.5, 1001).unwrap();
    let expect: Vec<f64> = mt_doubles_one_by_one(&mut mt, 1001).iter().map(|u| -2.0 + 5.5 * u).collect();
    assert_eq!(got, expect);
    let mut g = Generator::new_seeded(11).unwrap();
    let mut h = g.clone();
    let got = g.uniform(1.0, 4.0, 300_001).unwrap();
    let expect: Vec<f64> = (0..300_001).map(|_| 1.0 + 3.0 * h.bit_generator().next_f64()).collect();
    assert_eq!(got, expect);
}

/// The legacy polar method one candidate at a time, with its cache.
struct OneByOneGauss {
    mt: Mt19937,
    cached: Option<f64>,
}

impl OneByOneGauss {
    fn next(&mut self) -> f64 {
        if let Some(g) = self.cached.take() {
            return g;
        }
        loop {
            let d = mt_doubles_one_by_one(&mut self.mt, 2);
            let (x1, x2) = (2.0 * d[0] - 1.0, 2.0 * d[1] - 1.0);
            let r2 = x1 * x1 + x2 * x2;
            if r2 < 1.0 && r2 != 0.0 {
                let f = (-2.0 * r2.ln() / r2).sqrt();
                self.cached = Some(f * x1);
                return f * x2;
            }
        }
    }
}

#[test]
fn legacy_gaussians_in_blocks_match_one_candidate_at_a_time() {
    for seed in [0i64, 1, 6, 12345] {
        let mut r = RandomState::new_seeded(seed).unwrap();
        let mut one = OneByOneGauss { mt: Mt19937::new(seed as u32), cached: None };
        // Sizes that end on either value of a pair, inside and across
        // blocks of 156 candidates and the 64K chunks; uniforms in between
        // check that exactly the used outputs were consumed.
        for (step, n) in [0usize, 1, 1, 2, 3, 155, 156, 157, 311, 1000, 70_001, 5, 2].into_iter().enumerate() {
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            let expect: Vec<f64> = (0..n).map(|_| one.next()).collect();
            if step % 3 == 2 {
                let got = r.normal(1.5, 0.25, n).unwrap();
                let shifted: Vec<f64> = expect.iter().map(|g| 1.5 + 0.25 * g).collect();
                assert_eq!(bits(&got), bits(&shifted), "seed {seed} step {step}");
            } else {
                assert_eq!(bits(&r.standard_normal(n)), bits(&expect), "seed {seed} step {step}");
            }
            if step % 4 == 3 {
                assert_eq!(r.random_sample(3), mt_doubles_one_by_one(&mut one.mt, 3), "seed {seed} step {step}");
            }
        }
    }
}
