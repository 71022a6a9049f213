//! Hand-written tests: NumPy's error messages, odd inputs that must not
//! panic, and a few structural checks.

use super::*;

#[test]
fn legacy_errors() {
    let mut r = RandomState::new_seeded(0).unwrap();
    let e = |x: Result<Vec<i64>, String>| x.unwrap_err();
    assert_eq!(RandomState::new_seeded(1 << 32).unwrap_err(), "Seed must be between 0 and 2**32 - 1");
    assert_eq!(RandomState::new_seeded(-1).unwrap_err(), "Seed must be between 0 and 2**32 - 1");
    assert_eq!(r.seed_array(&[]).unwrap_err(), "Seed must be non-empty");
    assert_eq!(r.seed_array(&[1 << 32]).unwrap_err(), "Seed must be between 0 and 2**32 - 1");
    assert_eq!(e(r.randint(5, 5, 1)), "low >= high");
    assert_eq!(r.randint(5, 5, 0).unwrap(), Vec::<i64>::new());
    assert_eq!(e(r.randint_wide(-(1i128 << 63) - 1, 0, 1)), "low is out of bounds for int64");
    assert_eq!(e(r.randint_wide(0, (1i128 << 63) + 1, 1)), "high is out of bounds for int64");
    assert_eq!(e(r.randint_wide(i128::MIN, i128::MIN, 1)), "low is out of bounds for int64");
    assert_eq!(e(r.choice(0, 3, true, None)), "a must be greater than 0 unless no samples are taken");
    assert_eq!(e(r.choice_array(0, 3, true, None)), "'a' cannot be empty unless no samples are taken");
    assert_eq!(e(r.choice(5, 6, false, None)), "Cannot take a larger sample than population when 'replace=False'");
    assert_eq!(e(r.choice(3, 2, true, Some(&[0.5, 0.6, 0.1]))), "probabilities do not sum to 1");
    assert_eq!(e(r.choice(3, 2, true, Some(&[0.5, 0.5]))), "'a' and 'p' must have same size");
    assert_eq!(e(r.choice(3, 2, true, Some(&[0.5, f64::NAN, 0.5]))), "probabilities contain NaN");
    assert_eq!(e(r.choice(3, 2, true, Some(&[f64::INFINITY, 0.0, 0.0]))), "probabilities contain NaN");
    assert_eq!(e(r.choice(3, 2, true, Some(&[1.5, -0.5, 0.0]))), "probabilities are not non-negative");
    assert_eq!(e(r.choice(3, 3, false, Some(&[1.0, 0.0, 0.0]))), "Fewer non-zero entries in p than size");
    assert_eq!(e(r.choice(0, 0, true, Some(&[]))), "probabilities do not sum to 1");
    assert_eq!(r.choice(0, 0, true, None).unwrap(), Vec::<i64>::new());
    assert_eq!(r.choice(-1, 0, false, None).unwrap(), Vec::<i64>::new());
    assert!(r.choice(3, 2, true, Some(&[0.5, 0.5, 1e-9])).is_ok());
    assert_eq!(r.normal(0.0, -1.0, 1).unwrap_err(), "scale < 0");
    assert_eq!(r.normal(0.0, -0.0, 1).unwrap_err(), "scale < 0");
    assert!(r.normal(0.0, f64::NAN, 1).unwrap()[0].is_nan());
    assert_eq!(r.uniform(0.0, f64::INFINITY, 1).unwrap_err(), "Range exceeds valid bounds");
    assert_eq!(r.uniform(-1e308, 1e308, 1).unwrap_err(), "Range exceeds valid bounds");
    assert_eq!(e(r.binomial(-1, 0.5, 1)), "n < 0");
    assert_eq!(e(r.binomial(-1, 1.5, 1)), "p < 0, p > 1 or p is NaN");
    assert_eq!(e(r.binomial(5, f64::NAN, 1)), "p < 0, p > 1 or p is NaN");
    assert_eq!(e(r.poisson(-1.0, 1)), "lam < 0 or lam is NaN");
    assert_eq!(e(r.poisson(f64::NAN, 1)), "lam < 0 or lam is NaN");
    assert_eq!(e(r.poisson(1e19, 1)), "lam value too large");
    assert_eq!(r.exponential(-1.0, 1).unwrap_err(), "scale < 0");
}

#[test]
fn generator_errors() {
    let mut g = Generator::new_seeded(0).unwrap();
    let e = |x: Result<Vec<i64>, String>| x.unwrap_err();
    assert_eq!(Generator::new_seeded(-1).unwrap_err(), "expected non-negative integer");
    assert_eq!(e(g.integers(5, 5, 1)), "low >= high");
    assert_eq!(e(g.integers_wide(5, 4, true, 1)), "low > high");
    assert!(g.integers_wide(5, 5, true, 1).is_ok());
    assert_eq!(e(g.choice(0, 3, true, None)), "a must be a positive integer unless no samples are taken");
    assert_eq!(e(g.choice_array(0, 3, true, None)), "a cannot be empty unless no samples are taken");
    assert_eq!(e(g.choice(5, 6, false, None)), "Cannot take a larger sample than population when replace is False");
    assert_eq!(
        e(g.choice(3, 2, true, Some(&[0.5, 0.6, 0.1]))),
        "Probabilities do not sum to 1. See Notes section of docstring for more information."
    );
    assert_eq!(e(g.choice(3, 2, true, Some(&[0.5, 0.5]))), "a and p must have same size");
    assert_eq!(e(g.choice(3, 2, true, Some(&[0.5, f64::NAN, 0.5]))), "Probabilities contain NaN");
    assert_eq!(e(g.choice(3, 2, true, Some(&[1.5, -0.5, 0.0]))), "Probabilities are not non-negative");
    assert_eq!(e(g.choice(3, 3, false, Some(&[1.0, 0.0, 0.0]))), "Fewer non-zero entries in p than size");
    assert_eq!(g.normal(0.0, -0.0, 1).unwrap_err(), "scale < 0");
    assert_eq!(g.uniform(0.0, f64::INFINITY, 1).unwrap_err(), "high - low range exceeds valid bounds");
    assert_eq!(e(g.binomial(-1, 0.5, 1)), "n < 0");
    assert_eq!(e(g.poisson(1e19, 1)), "lam value too large");
    assert_eq!(g.exponential(-1.0, 1).unwrap_err(), "scale < 0");
}

#[test]
fn no_panics_on_odd_inputs() {
    let mut r = RandomState::from_os();
    let mut g = Generator::from_os();
    let p_bad: [&[f64]; 5] = [&[], &[f64::NAN], &[f64::INFINITY, -f64::INFINITY], &[1e308, 1e308], &[-0.0, 1.0]];
    for p in p_bad {
        for n in [0usize, 1, 3] {
            for pop in [-3i64, 0, 1, 2, 5] {
                for replace in [true, false] {
                    let _ = r.choice(pop, n, replace, Some(p));
                    let _ = g.choice(pop, n, replace, Some(p));
                    let _ = r.choice(pop, n, replace, None);
                    let _ = g.choice(pop, n, replace, None);
                    let _ = r.choice_array(pop.max(0) as usize, n, replace, Some(p));
                    let _ = g.choice_full(pop, true, n, replace, Some(p), false);
                }
            }
        }
    }
    let wide = [i128::MIN, -(1i128 << 63) - 1, -(1i128 << 63), -1, 0, 1, (1i128 << 63) - 1, 1i128 << 63, i128::MAX];
    for &lo in &wide {
        for &hi in &wide {
            let _ = r.randint_wide(lo, hi, 2);
            let _ = g.integers_wide(lo, hi, true, 2);
            let _ = g.integers_wide(lo, hi, false, 2);
        }
    }
    for trials in [0i64, 1, 7, 1000, 1 << 40, i64::MAX] {
        for p in [0.0, 1e-300, 0.2, 0.5, 0.7, 1.0, f64::NAN, -1.0] {
            let _ = r.binomial(trials, p, 3);
            let _ = g.binomial(trials, p, 3);
        }
    }
    for lam in [0.0, 1e-300, 9.99, 10.0, 1e15, 9.2e18, f64::INFINITY, f64::NAN] {
        let _ = r.poisson(lam, 3);
        let _ = g.poisson(lam, 3);
    }
    for (lo, hi) in [(f64::NAN, 1.0), (f64::MAX, -f64::MAX), (1.0, 1.0), (2.0, 1.0)] {
        let _ = r.uniform(lo, hi, 2);
        let _ = g.uniform(lo, hi, 2);
    }
    let mut empty: Vec<u8> = Vec::new();
    r.shuffle(&mut empty);
    r.shuffle_rows(&mut empty, 5);
    g.shuffle_rows(&mut empty, 0);
    let mut odd: Vec<u8> = (0..7).collect();
    r.shuffle_rows(&mut odd, 3);
    g.shuffle_rows(&mut odd, 9);
    assert_eq!(r.permutation(0), Vec::<i64>::new());
    assert_eq!(g.choice(5, 0, false, None).unwrap(), Vec::<i64>::new());
}

#[test]
fn shuffle_rows_matches_permutation() {
    // shuffling rows in place == taking rows by the permutation the same seed gives
    let mut a: Vec<i64> = (0..40).collect();
    RandomState::new_seeded(9).unwrap().shuffle_rows(&mut a, 10);
    let perm = RandomState::new_seeded(9).unwrap().permutation(10);
    let expect: Vec<i64> = perm.iter().flat_map(|&i| (i * 4)..(i * 4 + 4)).collect();
    assert_eq!(a, expect);
}

#[test]
fn seed_sequence_state() {
    // np.random.SeedSequence(12345).generate_state(4, np.uint32) / PCG64 raw state
    let ss = SeedSequence::from_u128(12345);
    let (state, inc) = Pcg64::from_seed_sequence(&ss).raw();
    let _ = (state, inc);
    assert_eq!(ss.generate_state_u32(4), SS_12345_U32.to_vec());
    let (s0, i0) = Pcg64::from_seed_sequence(&SeedSequence::from_u128(0)).raw();
    assert_eq!((s0, i0), (PCG_SEED0_STATE, PCG_SEED0_INC));
}

#[test]
fn legacy_from_os_differs() {
    let a = RandomState::from_os().random_sample(4);
    let b = RandomState::from_os().random_sample(4);
    assert_ne!(a, b);
    assert!(a.iter().all(|&x| (0.0..1.0).contains(&x)));
}

const SS_12345_U32: [u32; 4] = [2688385916, 3048105090, 4196366895, 3152189807];
const PCG_SEED0_STATE: u128 = 35399562948360463058890781895381311971;
const PCG_SEED0_INC: u128 = 87136372517582989555478159403783844777;
