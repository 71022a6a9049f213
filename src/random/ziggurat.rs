//! 256-layer ziggurat samplers for the standard normal and standard
//! exponential (the `Generator` algorithms). The tables are built at first
//! use from the Marsaglia–Tsang constants (`r`, layer area `v`) with the
//! usual recurrence (normal mantissa 2^52, exponential mantissa 2^53),
//! computed with platform-independent double-double arithmetic, and then
//! adjusted entry by entry to NumPy's shipped tables (`ziggurat_fix`).

use super::ziggurat_fix as fix;
use super::BitGen;
use std::sync::OnceLock;

/// Right edge of the normal ziggurat base layer.
const NOR_R: f64 = 3.654_152_885_361_009;
/// `1 / NOR_R`.
const NOR_INV_R: f64 = 0.273_661_237_329_758_3;
const NOR_R_STR: &str = "3.6541528853610087963519472518";
const NOR_V_STR: &str = "0.0049286732339746519";
/// Right edge of the exponential ziggurat base layer.
const EXP_R: f64 = 7.697_117_470_131_05;
const EXP_R_STR: &str = "7.6971174701310497140446280481";
const EXP_V_STR: &str = "0.0039496598225815571993";

const NOR_MANT: f64 = 4_503_599_627_370_496.0; // 2^52
const EXP_MANT: f64 = 9_007_199_254_740_992.0; // 2^53

/// One ziggurat: acceptance thresholds `k`, widths `w`, densities `f`.
pub(crate) struct Tables {
    pub k: [u64; 256],
    pub w: [f64; 256],
    pub f: [f64; 256],
}

/// Double-double number `hi + lo` (about 106 bits), used so that the
/// 255-step table recurrence is computed well beyond f64 precision and each
/// entry is then rounded once.
#[derive(Clone, Copy, Debug)]
struct Dd {
    hi: f64,
    lo: f64,
}

fn two_sum(a: f64, b: f64) -> Dd {
    let s = a + b;
    let bb = s - a;
    Dd { hi: s, lo: (a - (s - bb)) + (b - bb) }
}

fn quick(a: f64, b: f64) -> Dd {
    let s = a + b;
    Dd { hi: s, lo: b - (s - a) }
}

impl Dd {
    fn from(x: f64) -> Dd {
        Dd { hi: x, lo: 0.0 }
    }
    fn add(self, o: Dd) -> Dd {
        let s = two_sum(self.hi, o.hi);
        let t = two_sum(self.lo, o.lo);
        let r = quick(s.hi, s.lo + t.hi);
        quick(r.hi, r.lo + t.lo)
    }
    fn neg(self) -> Dd {
        Dd { hi: -self.hi, lo: -self.lo }
    }
    fn sub(self, o: Dd) -> Dd {
        self.add(o.neg())
    }
    fn mul(self, o: Dd) -> Dd {
        let p = self.hi * o.hi;
        let e = self.hi.mul_add(o.hi, -p);
        quick(p, e + (self.hi * o.lo + self.lo * o.hi))
    }
    fn div(self, o: Dd) -> Dd {
        let q1 = self.hi / o.hi;
        let r = self.sub(o.mul(Dd::from(q1)));
        let q2 = r.hi / o.hi;
        let r = r.sub(o.mul(Dd::from(q2)));
        let q3 = r.hi / o.hi;
        quick(q1, q2).add(Dd::from(q3))
    }
    fn scale(self, s: f64) -> Dd {
        Dd { hi: self.hi * s, lo: self.lo * s }
    }
    /// Round-to-nearest f64 value.
    fn to_f64(self) -> f64 {
        self.hi + self.lo
    }
    /// Decimal string to Dd (digits and one optional point).
    fn parse(s: &str) -> Dd {
        let mut acc = Dd::from(0.0);
        let mut frac = 0;
        let mut seen_point = false;
        for ch in s.chars() {
            if ch == '.' {
                seen_point = true;
            } else if let Some(d) = ch.to_digit(10) {
                acc = acc.mul(Dd::from(10.0)).add(Dd::from(f64::from(d)));
                if seen_point {
                    frac += 1;
                }
            }
        }
        let mut p = Dd::from(1.0);
        for _ in 0..frac {
            p = p.mul(Dd::from(10.0));
        }
        acc.div(p)
    }
    fn exp(self) -> Dd {
        let ln2 = Dd { hi: std::f64::consts::LN_2, lo: 2.319_046_813_846_299_6e-17 };
        let k = (self.hi / ln2.hi).round();
        let r = self.sub(ln2.mul(Dd::from(k))).scale(1.0 / 1024.0);
        // Taylor series of exp(r) - 1 for |r| < 4e-4
        let mut term = r;
        let mut sum = r;
        for n in 2..=14 {
            term = term.mul(r).div(Dd::from(f64::from(n)));
            sum = sum.add(term);
        }
        // (1 + s)^2 - 1 = 2s + s^2, applied ten times
        for _ in 0..10 {
            sum = sum.scale(2.0).add(sum.mul(sum));
        }
        let e = sum.add(Dd::from(1.0));
        let f = 2f64.powi(k as i32);
        Dd { hi: e.hi * f, lo: e.lo * f }
    }
    fn ln(self) -> Dd {
        let mut y = Dd::from(self.hi.ln());
        for _ in 0..2 {
            // y += x * exp(-y) - 1
            y = y.add(self.mul(y.neg().exp()).sub(Dd::from(1.0)));
        }
        y
    }
    fn sqrt(self) -> Dd {
        let y = Dd::from(self.hi.sqrt());
        let y = y.add(self.sub(y.mul(y)).div(y.scale(2.0)));
        y.add(self.sub(y.mul(y)).div(y.scale(2.0)))
    }
}

/// How the table recurrence is evaluated.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// Every operation rounded to f64 (exp/log correctly rounded); the
    /// constants are parsed as f64; `k` rounded to nearest.
    F64,
    /// All in double-double; constants parsed exactly; `k` truncated.
    Wide,
}

/// Builds a 256-layer ziggurat by the forward recurrence
/// `x[0] = r, x[i] = f^-1(f(x[i-1]) + v / x[i-1])`, reversed so that
/// `X[255] = r` and `X[0] = 0`; then `k[i] = X[i-1] / X[i] * mant`,
/// `w[i] = X[i] / mant`, `f[i] = f(X[i])`, and for the base strip
/// `k[0] = r f(r) / v * mant`, `w[0] = v / f(r) / mant`.
fn build(r: &str, v: &str, mant: f64, mode: Mode, pdf: fn(Dd) -> Dd, inv: fn(Dd) -> Dd) -> Tables {
    let rd = |x: Dd| if mode == Mode::F64 { Dd::from(x.to_f64()) } else { x };
    let r = rd(Dd::parse(r));
    let v = rd(Dd::parse(v));
    let m = Dd::from(mant);
    // f64 mode: evaluate pdf/inv with every step rounded
    let fpdf = |x: Dd| rd(pdf(x));
    let finv = |y: Dd| rd(inv(y));
    let mut x = [Dd::from(0.0); 256];
    x[255] = r;
    for i in (1..255).rev() {
        let prev = x[i + 1];
        x[i] = finv(rd(fpdf(prev).add(rd(v.div(prev)))));
    }
    let to_int = |y: Dd| if mode == Mode::F64 { y.to_f64().round_ties_even() as u64 } else { trunc_u64(y) };
    let mut t = Tables { k: [0; 256], w: [0.0; 256], f: [0.0; 256] };
    for i in 1..256 {
        t.k[i] = to_int(rd(x[i - 1].div(x[i])).mul(m));
        t.w[i] = x[i].div(m).to_f64();
        t.f[i] = fpdf(x[i]).to_f64();
    }
    let fr = fpdf(r);
    t.k[0] = to_int(rd(rd(r.mul(fr)).div(v)).mul(m));
    t.w[0] = rd(v.div(fr)).div(m).to_f64();
    t.f[0] = 1.0;
    t
}

/// Truncation toward zero of a non-negative Dd to an integer.
fn trunc_u64(x: Dd) -> u64 {
    let h = x.hi.floor();
    let rest = (x.hi - h) + x.lo;
    let base = h as u64;
    if rest < 0.0 {
        base.saturating_sub(1)
    } else if rest >= 1.0 {
        base + 1
    } else {
        base
    }
}

/// `exp(-0.5 * x * x)` with `x * x` rounded to f64 (the f64 evaluation).
fn nor_pdf(x: Dd) -> Dd {
    Dd::from(x.mul(x).to_f64()).scale(-0.5).exp()
}
/// `sqrt(-2 * log(y))` with the log rounded to f64 (the f64 evaluation).
fn nor_inv(y: Dd) -> Dd {
    Dd::from(y.ln().to_f64()).scale(-2.0).sqrt()
}
fn exp_pdf(x: Dd) -> Dd {
    x.neg().exp()
}
fn exp_inv(y: Dd) -> Dd {
    y.ln().neg()
}

/// Applies `(index, delta)` corrections (see `ziggurat_fix`).
fn correct(t: &mut Tables, k: &[(u8, i32)], w: &[(u8, i32)], f: &[(u8, i32)]) {
    for &(i, d) in k {
        t.k[i as usize] = t.k[i as usize].wrapping_add_signed(i64::from(d));
    }
    for &(i, d) in w {
        let b = t.w[i as usize].to_bits().wrapping_add_signed(i64::from(d));
        t.w[i as usize] = f64::from_bits(b);
    }
    for &(i, d) in f {
        let b = t.f[i as usize].to_bits().wrapping_add_signed(i64::from(d));
        t.f[i as usize] = f64::from_bits(b);
    }
}

/// Normal tables as generated, before NumPy's corrections.
pub(crate) fn generated_normal_tables() -> Tables {
    build(NOR_R_STR, NOR_V_STR, NOR_MANT, Mode::F64, nor_pdf, nor_inv)
}

/// Exponential tables as generated, before NumPy's corrections.
pub(crate) fn generated_exponential_tables() -> Tables {
    build(EXP_R_STR, EXP_V_STR, EXP_MANT, Mode::Wide, exp_pdf, exp_inv)
}

/// Normal tables (`ki_double`, `wi_double`, `fi_double`).
pub(crate) fn normal_tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = generated_normal_tables();
        correct(&mut t, fix::NORMAL_K, fix::NORMAL_W, fix::NORMAL_F);
        t
    })
}

/// Exponential tables (`ke_double`, `we_double`, `fe_double`).
pub(crate) fn exponential_tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = generated_exponential_tables();
        correct(&mut t, fix::EXP_K, fix::EXP_W, fix::EXP_F);
        t
    })
}

/// NumPy's `random_standard_normal` (ziggurat on 64-bit draws).
#[inline(always)]
pub(crate) fn standard_normal<B: BitGen>(bg: &mut B) -> f64 {
    let t = normal_tables();
    loop {
        let mut r = bg.next_u64();
        let idx = (r & 0xff) as usize;
        r >>= 8;
        let sign = r & 1;
        let rabs = (r >> 1) & 0x000f_ffff_ffff_ffff;
        // `-x` when the sign bit is set, without a branch: the sign is a
        // coin toss, and its mispredictions took ~a quarter of the time.
        let x = f64::from_bits((rabs as f64 * t.w[idx]).to_bits() ^ (sign << 63));
        if rabs < t.k[idx] {
            return x;
        }
        if idx == 0 {
            loop {
                let xx = -NOR_INV_R * (-bg.next_f64()).ln_1p();
                let yy = -(-bg.next_f64()).ln_1p();
                if yy + yy > xx * xx {
                    return if (rabs >> 8) & 1 == 1 { -(NOR_R + xx) } else { NOR_R + xx };
                }
            }
        } else if (t.f[idx - 1] - t.f[idx]) * bg.next_f64() + t.f[idx] < (-0.5 * x * x).exp() {
            return x;
        }
    }
}

/// NumPy's `random_standard_exponential` (ziggurat on 64-bit draws).
pub(crate) fn standard_exponential<B: BitGen>(bg: &mut B) -> f64 {
    let t = exponential_tables();
    loop {
        let mut ri = bg.next_u64() >> 3;
        let idx = (ri & 0xff) as usize;
        ri >>= 8;
        let x = ri as f64 * t.w[idx];
        if ri < t.k[idx] {
            return x;
        }
        if idx == 0 {
            return EXP_R - (-bg.next_f64()).ln_1p();
        }
        if (t.f[idx - 1] - t.f[idx]) * bg.next_f64() + t.f[idx] < (-x).exp() {
            return x;
        }
    }
}
