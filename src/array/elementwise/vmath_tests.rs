//! Tests of the NumPy-exact exp and log. The expected bits come from
//! NumPy 2.4 on an AVX-512 CPU; the vector cases only run where the
//! vector routines do.

use super::*;

/// `(x, np.exp(x))` as bits, including inputs where the C library differs
/// and the scalar path's overflow and subnormal ranges.
const EXP_CASES: [(u64, u64); 16] = [
    (0x40799ba082712ba8, 0x64e1468a1beefade),
    (0xc078e915cd03b470, 0x1bffbd26e126587a),
    (0x407e602a5f6d3a70, 0x6bc1ef63279a4b7b),
    (0x4062628529f6e8f8, 0x4d323fe429bc6f7c),
    (0xc07e8e592ed14878, 0x13d979c76fa9401d),
    (0x406c6338641c3ff8, 0x5468e178bc4e53aa),
    (0x40862e3d70a3d70a, 0x7fefe9ce5c4c52b4),
    (0xc087480000000000, 0x0000000000000001),
    (0xc086240000000000, 0x000e6cf6d08897ac),
    (0xc086200000000000, 0x0017c8ab2288c9ab),
    (0x4086200000000000, 0x7fc586f6bf260cf1),
    (0x40862d999999999a, 0x7fed75ae7a50ee14),
    (0xc0861f3333333333, 0x001a4904f4342894),
    (0x01a56e1fc2f8f359, 0x3ff0000000000000),
    (0x3fe0000000000000, 0x3ffa61298e1e069c),
    (0x8000000000000000, 0x3ff0000000000000),
];

/// `(x, np.log(x))` as bits, including subnormal and extreme inputs.
const LOG_CASES: [(u64, u64); 13] = [
    (0x3fed30b32b307ebb, 0xbfb786dec18f4dc2),
    (0x3fef41072622d349, 0xbf982776d90b916e),
    (0x3fed206bfe833fec, 0xbfb815c8f9964084),
    (0x40038039d0ef769f, 0x3fec833886619390),
    (0x3feb5e8185005a2b, 0xbfc402423d451091),
    (0x3fe533557898e877, 0xbfda5975210f74a0),
    (0x0000000000000001, 0xc0874385446d71c3),
    (0x000012688b70e62b, 0xc0864e69394d9508),
    (0x7e37e43c8800759c, 0x4085963447f87fb5),
    (0x7fefffffffffffff, 0x40862e42fefa39ef),
    (0x3fe8000000000000, 0xbfd269621134db92),
    (0x3ff0000000000000, 0x0000000000000000),
    (0x4000000000000000, 0x3fe62e42fefa39ef),
];

#[test]
fn exp_matches_numpy_bits() {
    if !available() {
        return;
    }
    for (x, want) in EXP_CASES {
        let got = exp1(f64::from_bits(x)).to_bits();
        assert_eq!(got, want, "exp({:e})", f64::from_bits(x));
    }
}

#[test]
fn log_matches_numpy_bits() {
    if !available() {
        return;
    }
    for (x, want) in LOG_CASES {
        let got = log1(f64::from_bits(x)).to_bits();
        assert_eq!(got, want, "log({:e})", f64::from_bits(x));
    }
}

#[test]
fn special_values() {
    let quiet_nan = f64::NAN.to_bits();
    assert_eq!(exp1(f64::INFINITY), f64::INFINITY);
    assert_eq!(exp1(f64::NEG_INFINITY).to_bits(), 0);
    assert_eq!(exp1(f64::NAN).to_bits(), quiet_nan);
    assert_eq!(exp1(-f64::NAN).to_bits(), (-f64::NAN).to_bits());
    assert_eq!(exp1(710.0), f64::INFINITY);
    assert_eq!(exp1(-746.0).to_bits(), 0);
    assert_eq!(exp1(0.0), 1.0);
    assert_eq!(log1(f64::INFINITY), f64::INFINITY);
    assert_eq!(log1(0.0), f64::NEG_INFINITY);
    assert_eq!(log1(-0.0), f64::NEG_INFINITY);
    assert_eq!(log1(f64::NAN).to_bits(), quiet_nan);
    for x in [-1.0, -5e-324, f64::NEG_INFINITY] {
        assert!(log1(x).is_nan(), "log({x})");
    }
    if available() {
        // x86's default NaN, as NumPy returns it.
        assert_eq!(log1(-1.0).to_bits(), 0xfff8000000000000);
    }
}

/// A block of 8 and its partial tails give the same bits as one element at
/// a time (rare lanes mixed in).
#[test]
fn blocks_agree_with_single_elements() {
    let mut xs: Vec<f64> = (0..203).map(|i| (i as f64 - 101.0) * 7.37).collect();
    xs.extend([f64::NAN, 0.0, -0.0, f64::INFINITY, f64::NEG_INFINITY, -1.0, 1e-310, 709.9, -740.0]);
    for n in [0, 1, 5, 8, 9, 17, xs.len()] {
        let src = &xs[..n];
        let mut e = vec![MaybeUninit::new(0.0); n];
        let mut l = vec![MaybeUninit::new(0.0); n];
        exp_into(src, &mut e);
        log_into(src, &mut l);
        for (i, &x) in src.iter().enumerate() {
            // SAFETY: every element was written.
            let (ev, lv) = unsafe { (e[i].assume_init(), l[i].assume_init()) };
            assert_eq!(ev.to_bits(), exp1(x).to_bits(), "exp({x})");
            assert_eq!(lv.to_bits(), log1(x).to_bits(), "log({x})");
        }
    }
}

/// The tables hold what their comments say (to the precision f64 checks).
#[test]
fn tables_are_the_documented_values() {
    for j in 0..64 {
        let (hi, lo) = (f64::from_bits(EXP64[2 * j]), f64::from_bits(EXP64[2 * j + 1]));
        let want = (j as f64 / 64.0).exp2();
        assert!((hi - want).abs() <= want * f64::EPSILON, "2^({j}/64)");
        assert!(lo.abs() <= f64::EPSILON, "low part {j}");
    }
    for i in 0..16 {
        let c = if i == 0 { 1.0 } else { (16.0 + i as f64) / 32.0 };
        let c = if (1..8).contains(&i) { 2.0 * c } else { c };
        let (hi, lo) = (f64::from_bits(LOG_HI[i]), f64::from_bits(LOG_LO[i]));
        assert!((hi + lo + c.ln()).abs() <= 1e-15, "-log({c})");
        assert_eq!(hi, (hi * 2f64.powi(40)).round() / 2f64.powi(40), "grid {i}");
    }
}

#[test]
fn libm_layouts_follow_numpy() {
    assert!(numpy_uses_libm(&[5], &[-1]));
    assert!(numpy_uses_libm(&[1], &[-1]));
    assert!(!numpy_uses_libm(&[5], &[2]));
    assert!(!numpy_uses_libm(&[], &[]));
    // (3, 4)[::-1, ::-1] and (3, 8)[::-1, ::-2] chain; (3, 8)[::-1, 3::-1] does not.
    assert!(numpy_uses_libm(&[3, 4], &[-4, -1]));
    assert!(numpy_uses_libm(&[3, 4], &[-8, -2]));
    assert!(!numpy_uses_libm(&[3, 4], &[-8, -1]));
    // A transposed reversal chains in F order; size-1 axes do not count.
    assert!(numpy_uses_libm(&[4, 3], &[-1, -4]));
    assert!(numpy_uses_libm(&[1, 4], &[4, -1]));
    assert!(!numpy_uses_libm(&[1, 1], &[-1, -1]));
    assert!(!numpy_uses_libm(&[3, 4], &[4, -1]));
}
