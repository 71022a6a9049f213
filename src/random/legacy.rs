//! `np.random.RandomState`: the legacy MT19937-based API behind
//! `np.random.seed`, `rand`, `randn`, `randint`, `choice`, `shuffle`, ...

use super::bounded::{bounded_i64_fill, int64_bounds, random_interval};
use super::choice::{check_p, check_population, choice_no_replace_p, make_cdf, search_right, Flavor};
use super::distributions::{check_binomial, check_non_negative, check_poisson, legacy_binomial, poisson};
use super::mt19937::{double_from_words, Mt19937, N};
use super::seed_sequence::SeedSequence;
use super::BitGen;

/// Legacy random state: MT19937 plus the cached second Gaussian.
#[derive(Clone, Debug)]
pub struct RandomState {
    mt: Mt19937,
    has_gauss: bool,
    gauss: f64,
}

const SEED_RANGE_ERR: &str = "Seed must be between 0 and 2**32 - 1";

impl RandomState {
    /// `RandomState(seed)` for an integer seed in `[0, 2**32)`.
    pub fn new_seeded(seed: i64) -> Result<Self, String> {
        let mut rs = RandomState { mt: Mt19937::new(0), has_gauss: false, gauss: 0.0 };
        rs.seed(seed)?;
        Ok(rs)
    }

    /// `RandomState()` / `seed(None)`: seeded from OS entropy the way NumPy
    /// does it (SeedSequence words, first key word forced to 0x80000000).
    pub fn from_os() -> Self {
        let mut rs = RandomState { mt: Mt19937::new(0), has_gauss: false, gauss: 0.0 };
        rs.seed_from_os();
        rs
    }

    /// `seed(None)`: re-seeds from OS entropy and clears the Gaussian cache.
    pub fn seed_from_os(&mut self) {
        let ss = SeedSequence::from_words(&super::os_entropy_words(4));
        let words = ss.generate_state_u32(624);
        let mut key = [0u32; 624];
        key.copy_from_slice(&words);
        key[0] = 0x8000_0000;
        self.mt.set_raw(&key, 624);
        self.reset_cache();
    }

    /// `seed(n)`: `init_genrand(n)`; `n` must lie in `[0, 2**32)`.
    pub fn seed(&mut self, seed: i64) -> Result<(), String> {
        if !(0..=0xffff_ffff).contains(&seed) {
            return Err(SEED_RANGE_ERR.to_string());
        }
        self.mt.seed(seed as u32);
        self.reset_cache();
        Ok(())
    }

    /// `seed([w0, w1, ...])`: `init_by_array` on 1-D integer seeds.
    pub fn seed_array(&mut self, words: &[i64]) -> Result<(), String> {
        if words.is_empty() {
            return Err("Seed must be non-empty".to_string());
        }
        if words.iter().any(|w| !(0..=0xffff_ffff).contains(w)) {
            return Err(SEED_RANGE_ERR.to_string());
        }
        let key: Vec<u32> = words.iter().map(|&w| w as u32).collect();
        self.mt.seed_by_array(&key);
        self.reset_cache();
        Ok(())
    }

    fn reset_cache(&mut self) {
        self.has_gauss = false;
        self.gauss = 0.0;
    }

    /// The underlying bit generator (e.g. for `get_state`).
    pub fn bit_generator(&self) -> &Mt19937 {
        &self.mt
    }

    /// One double in `[0, 1)` (53 bits from two 32-bit outputs).
    pub fn next_double(&mut self) -> f64 {
        self.mt.next_f64()
    }

    /// `random_sample` / `random` / `rand`: `n` doubles in `[0, 1)`.
    pub fn random_sample(&mut self, n: usize) -> Vec<f64> {
        super::fill_n(n, |out| self.mt.fill_f64(out))
    }

    fn gauss(&mut self) -> f64 {
        if self.has_gauss {
            self.has_gauss = false;
            let g = self.gauss;
            self.gauss = 0.0;
            return g;
        }
        loop {
            let x1 = 2.0 * self.mt.next_f64() - 1.0;
            let x2 = 2.0 * self.mt.next_f64() - 1.0;
            let r2 = x1 * x1 + x2 * x2;
            if r2 < 1.0 && r2 != 0.0 {
                let f = (-2.0 * r2.ln() / r2).sqrt();
                self.gauss = f * x1;
                self.has_gauss = true;
                return f * x2;
            }
        }
    }

    /// `standard_normal` / `randn`: polar Box–Muller with the cached value.
    pub fn standard_normal(&mut self, n: usize) -> Vec<f64> {
        self.gaussians(n)
    }

    /// `normal(loc, scale, n)`: `loc + scale * gauss`; error `scale < 0`.
    pub fn normal(&mut self, loc: f64, scale: f64, n: usize) -> Result<Vec<f64>, String> {
        check_non_negative(scale, "scale")?;
        let mut out = self.gaussians(n);
        out.iter_mut().for_each(|g| *g = loc + scale * *g);
        Ok(out)
    }

    /// `n` values of [`RandomState::gauss`] in order, with the same state
    /// afterwards (cached value included). Checks for Ctrl-C every 64K
    /// values and then stops early, as [`super::draw_n`].
    fn gaussians(&mut self, n: usize) -> Vec<f64> {
        let mut out = crate::array::parallel::new_buffer(n);
        while out.len() < n && !crate::array::cancel::is_requested() {
            let upto = out.len() + (n - out.len()).min(super::CANCEL_CHUNK);
            self.gaussians_upto(&mut out, upto);
        }
        out
    }

    /// Appends values of [`RandomState::gauss`] to `out` until it holds
    /// `upto`. Candidates are read a block of MT19937 outputs at a time:
    /// their points and radii are computed in one pass, the accepted ones'
    /// factors `sqrt(-2 ln r2 / r2)` in another without branches (so that
    /// the logarithms and square roots of several candidates overlap; one
    /// candidate at a time, each waited on the last and on a mispredicted
    /// accept test), and only the outputs used are consumed.
    fn gaussians_upto(&mut self, out: &mut Vec<f64>, upto: usize) {
        const CANDIDATES: usize = N / 4;
        let mut words = [0u32; N];
        let (mut x1, mut x2, mut r2) = ([0.0f64; CANDIDATES], [0.0f64; CANDIDATES], [0.0f64; CANDIDATES]);
        let mut accepted = [0usize; CANDIDATES];
        let (mut factor, mut radius) = ([0.0f64; CANDIDATES], [0.0f64; CANDIDATES]);
        while out.len() < upto {
            if self.has_gauss {
                out.push(self.gauss());
                continue;
            }
            let left = self.mt.peek_block(&mut words);
            let count = left / 4;
            if count == 0 {
                // A candidate that straddles the block's refill.
                out.push(self.gauss());
                continue;
            }
            for (i, w) in words[..4 * count].chunks_exact(4).enumerate() {
                x1[i] = 2.0 * double_from_words(w[0], w[1]) - 1.0;
                x2[i] = 2.0 * double_from_words(w[2], w[3]) - 1.0;
                r2[i] = x1[i] * x1[i] + x2[i] * x2[i];
            }
            let mut taken = 0;
            for (i, &r) in r2[..count].iter().enumerate() {
                accepted[taken] = i;
                taken += usize::from(r < 1.0 && r != 0.0);
            }
            for (k, &i) in accepted[..taken].iter().enumerate() {
                radius[k] = r2[i];
                factor[k] = r2[i].ln();
            }
            polar_factors(&mut factor[..taken], &radius[..taken]);
            // Every candidate is consumed unless `out` fills up first.
            let mut used = 4 * count;
            for (&f, &i) in factor[..taken].iter().zip(&accepted[..taken]) {
                out.push(f * x2[i]);
                if out.len() == upto {
                    self.gauss = f * x1[i];
                    self.has_gauss = true;
                    used = 4 * (i + 1);
                    break;
                }
                out.push(f * x1[i]);
                if out.len() == upto {
                    used = 4 * (i + 1);
                    break;
                }
            }
            self.mt.consume(used);
        }
    }

    /// `uniform(low, high, n)`: `low + (high - low) * U`. A non-finite
    /// range gives NumPy's message (an `OverflowError` in NumPy).
    pub fn uniform(&mut self, low: f64, high: f64, n: usize) -> Result<Vec<f64>, String> {
        let range = high - low;
        if !range.is_finite() {
            return Err("Range exceeds valid bounds".to_string());
        }
        let mut v = self.random_sample(n);
        v.iter_mut().for_each(|x| *x = low + range * *x);
        Ok(v)
    }

    /// `randint(low, high, n)` with int64 output on `[low, high)` (masked
    /// rejection sampling). `n == 0` returns an empty vector unchecked, as
    /// NumPy does for empty sizes.
    pub fn randint(&mut self, low: i64, high: i64, n: usize) -> Result<Vec<i64>, String> {
        self.randint_wide(i128::from(low), i128::from(high), n)
    }

    /// `randint` with bounds given as wide integers so that e.g.
    /// `randint(0, 2**63)` works and out-of-range bounds get NumPy's
    /// `low/high is out of bounds for int64` messages.
    pub fn randint_wide(&mut self, low: i128, high: i128, n: usize) -> Result<Vec<i64>, String> {
        if n == 0 {
            return Ok(Vec::new());
        }
        let (lo, hi) = int64_bounds(low, high, false)?;
        Ok(bounded_i64_fill(&mut self.mt, lo, hi, n, true))
    }

    /// `choice(a, n, replace, p)` for an integer `a`: indices in `[0, a)`.
    pub fn choice(&mut self, a: i64, n: usize, replace: bool, p: Option<&[f64]>) -> Result<Vec<i64>, String> {
        self.choice_impl(a, false, n, replace, p)
    }

    /// `choice(arr, ...)` for a 1-D array of length `len`: returns the
    /// indices into `arr` of the chosen elements.
    pub fn choice_array(&mut self, len: usize, n: usize, replace: bool, p: Option<&[f64]>) -> Result<Vec<i64>, String> {
        self.choice_impl(len as i64, true, n, replace, p)
    }

    fn choice_impl(
        &mut self,
        a: i64,
        is_array: bool,
        n: usize,
        replace: bool,
        p: Option<&[f64]>,
    ) -> Result<Vec<i64>, String> {
        let pop = check_population(a, is_array, n, Flavor::Legacy)?;
        if let Some(p) = p {
            check_p(p, pop, Flavor::Legacy)?;
        }
        if replace {
            match p {
                Some(p) => {
                    let cdf = make_cdf(p);
                    let u = self.random_sample(n);
                    Ok(u.into_iter().map(|x| search_right(&cdf, x)).collect())
                }
                None => self.randint(0, pop as i64, n),
            }
        } else {
            if n > pop {
                return Err("Cannot take a larger sample than population when 'replace=False'".to_string());
            }
            match p {
                Some(p) => choice_no_replace_p(p, n, |k| self.random_sample(k)),
                None => {
                    let mut perm = self.permutation(pop);
                    perm.truncate(n);
                    Ok(perm)
                }
            }
        }
    }

    /// In-place Fisher–Yates of `items` (first axis), as legacy `shuffle`.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = random_interval(&mut self.mt, i as u64) as usize;
            items.swap(i, j);
        }
    }

    /// Shuffles the rows of a C-ordered buffer holding `n_rows` equal rows
    /// in place (shuffle of a 2-D+ array). An empty buffer is left alone
    /// without consuming random numbers, as NumPy does.
    pub fn shuffle_rows<T>(&mut self, data: &mut [T], n_rows: usize) {
        if data.is_empty() || n_rows == 0 {
            return;
        }
        let row = data.len() / n_rows;
        for i in (1..n_rows).rev() {
            let j = random_interval(&mut self.mt, i as u64) as usize;
            swap_rows(data, row, i, j);
        }
    }

    /// `permutation(n)`: a shuffled `arange(n)`. Permuting an array (or the
    /// rows of one) is `arr[permutation(len(arr))]` in NumPy too.
    pub fn permutation(&mut self, n: usize) -> Vec<i64> {
        let mut v: Vec<i64> = (0..n as i64).collect();
        self.shuffle(&mut v);
        v
    }

    /// `binomial(n, p, size)`; legacy algorithm (inversion / BTPE).
    pub fn binomial(&mut self, trials: i64, p: f64, n: usize) -> Result<Vec<i64>, String> {
        check_binomial(trials, p)?;
        Ok(super::draw_n(n, || legacy_binomial(&mut self.mt, trials, p)))
    }

    /// `poisson(lam, size)`.
    pub fn poisson(&mut self, lam: f64, n: usize) -> Result<Vec<i64>, String> {
        check_poisson(lam)?;
        Ok(super::draw_n(n, || poisson(&mut self.mt, lam)))
    }

    /// `standard_exponential(size)`: `-log(1 - U)`.
    pub fn standard_exponential(&mut self, n: usize) -> Vec<f64> {
        super::draw_n(n, || -(1.0 - self.mt.next_f64()).ln())
    }

    /// `exponential(scale, size)`; error `scale < 0`.
    pub fn exponential(&mut self, scale: f64, n: usize) -> Result<Vec<f64>, String> {
        check_non_negative(scale, "scale")?;
        Ok(super::draw_n(n, || scale * -(1.0 - self.mt.next_f64()).ln()))
    }
}

/// Swaps rows `i` and `j` (each `row` long) of a flat buffer.
pub(crate) fn swap_rows<T>(data: &mut [T], row: usize, i: usize, j: usize) {
    if i == j || row == 0 {
        return;
    }
    let (a, b) = (i.min(j), i.max(j));
    if (b + 1) * row > data.len() {
        return;
    }
    let (head, tail) = data.split_at_mut(b * row);
    head[a * row..(a + 1) * row].swap_with_slice(&mut tail[..row]);
}

/// `f[k] = sqrt(-2 * f[k] / r2[k])`, the polar method's factor from the
/// logarithm `f[k]` of the radius `r2[k]` (each lane rounds as the scalar
/// operations do, so the bits are the same; with AVX2 where the CPU has
/// it: the divisions and square roots were most of `randn`'s time).
fn polar_factors(f: &mut [f64], r2: &[f64]) {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2, checked just above.
        return unsafe { polar_factors_avx2(f, r2) };
    }
    polar_factors_body(f, r2)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn polar_factors_avx2(f: &mut [f64], r2: &[f64]) {
    polar_factors_body(f, r2)
}

#[inline(always)]
fn polar_factors_body(f: &mut [f64], r2: &[f64]) {
    for (f, &r) in f.iter_mut().zip(r2) {
        *f = (-2.0 * *f / r).sqrt();
    }
}
