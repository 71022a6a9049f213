//! `np.random.Generator(PCG64(SeedSequence(seed)))`, i.e. `default_rng`.

use super::bounded::{bounded_i64_fill, bounded_u64, gen_mask, int64_bounds, random_interval};
use super::choice::{check_p, check_population, choice_no_replace_p, make_cdf, search_right, Flavor};
use super::distributions::{binomial, check_binomial, check_non_negative, check_poisson, poisson};
use super::legacy::swap_rows;
use super::pcg64::Pcg64;
use super::seed_sequence::SeedSequence;
use super::ziggurat;

/// A NumPy `Generator` over PCG64.
#[derive(Clone, Debug)]
pub struct Generator {
    bg: Pcg64,
}

impl Generator {
    /// `default_rng(seed)` for an integer seed; negative seeds give
    /// `expected non-negative integer`.
    pub fn new_seeded(seed: i64) -> Result<Self, String> {
        Ok(Generator::from_seed_sequence(&SeedSequence::from_i64(seed)?))
    }

    /// `default_rng(seed)` for a (possibly huge) non-negative integer seed
    /// given as little-endian 32-bit words, or for a list of 32-bit seeds.
    pub fn from_entropy_words(words: &[u32]) -> Self {
        Generator::from_seed_sequence(&SeedSequence::from_words(words))
    }

    /// `Generator(PCG64(seed_seq))`.
    pub fn from_seed_sequence(ss: &SeedSequence) -> Self {
        Generator { bg: Pcg64::from_seed_sequence(ss) }
    }

    /// `default_rng()` / `default_rng(None)`: 128 bits of OS entropy.
    pub fn from_os() -> Self {
        Generator::from_entropy_words(&super::os_entropy_words(4))
    }

    /// The underlying bit generator.
    pub fn bit_generator(&mut self) -> &mut Pcg64 {
        &mut self.bg
    }

    /// `random(n)`: doubles in `[0, 1)` from `next_uint64 >> 11`.
    pub fn random(&mut self, n: usize) -> Vec<f64> {
        self.bg.doubles(n)
    }

    /// `integers(low, high, n)` (int64, `endpoint=False`, Lemire's method).
    /// `n == 0` returns an empty vector unchecked, as NumPy does.
    pub fn integers(&mut self, low: i64, high: i64, n: usize) -> Result<Vec<i64>, String> {
        self.integers_wide(i128::from(low), i128::from(high), false, n)
    }

    /// `integers(low, high, n, endpoint=...)` with wide bounds (so that
    /// `high = 2**63` works; out-of-range bounds give NumPy's messages).
    pub fn integers_wide(&mut self, low: i128, high: i128, endpoint: bool, n: usize) -> Result<Vec<i64>, String> {
        if n == 0 {
            return Ok(Vec::new());
        }
        let (lo, hi) = int64_bounds(low, high, endpoint)?;
        Ok(bounded_i64_fill(&mut self.bg, lo, hi, n, false))
    }

    /// `standard_normal(n)` (ziggurat).
    pub fn standard_normal(&mut self, n: usize) -> Vec<f64> {
        super::draw_n(n, || ziggurat::standard_normal(&mut self.bg))
    }

    /// `normal(loc, scale, n)`; error `scale < 0`.
    pub fn normal(&mut self, loc: f64, scale: f64, n: usize) -> Result<Vec<f64>, String> {
        check_non_negative(scale, "scale")?;
        Ok(super::draw_n(n, || loc + scale * ziggurat::standard_normal(&mut self.bg)))
    }

    /// `uniform(low, high, n)`; a non-finite range gives NumPy's message
    /// (an `OverflowError` in NumPy).
    pub fn uniform(&mut self, low: f64, high: f64, n: usize) -> Result<Vec<f64>, String> {
        let range = high - low;
        if !range.is_finite() {
            return Err("high - low range exceeds valid bounds".to_string());
        }
        let mut v = self.random(n);
        v.iter_mut().for_each(|x| *x = low + range * *x);
        Ok(v)
    }

    /// `standard_exponential(n)` (ziggurat).
    pub fn standard_exponential(&mut self, n: usize) -> Vec<f64> {
        super::draw_n(n, || ziggurat::standard_exponential(&mut self.bg))
    }

    /// `exponential(scale, n)`; error `scale < 0`.
    pub fn exponential(&mut self, scale: f64, n: usize) -> Result<Vec<f64>, String> {
        check_non_negative(scale, "scale")?;
        Ok(super::draw_n(n, || scale * ziggurat::standard_exponential(&mut self.bg)))
    }

    /// `binomial(n, p, size)`.
    pub fn binomial(&mut self, trials: i64, p: f64, n: usize) -> Result<Vec<i64>, String> {
        check_binomial(trials, p)?;
        Ok(super::draw_n(n, || binomial(&mut self.bg, trials, p)))
    }

    /// `poisson(lam, size)`.
    pub fn poisson(&mut self, lam: f64, n: usize) -> Result<Vec<i64>, String> {
        check_poisson(lam)?;
        Ok(super::draw_n(n, || poisson(&mut self.bg, lam)))
    }

    /// `choice(a, n, replace, p)` for an integer `a` (`shuffle=True`).
    pub fn choice(&mut self, a: i64, n: usize, replace: bool, p: Option<&[f64]>) -> Result<Vec<i64>, String> {
        self.choice_full(a, false, n, replace, p, true)
    }

    /// `choice(arr, ...)` for a 1-D array of length `len`; returns indices.
    pub fn choice_array(&mut self, len: usize, n: usize, replace: bool, p: Option<&[f64]>) -> Result<Vec<i64>, String> {
        self.choice_full(len as i64, true, n, replace, p, true)
    }

    /// `choice` with every option: `a` is an integer or (`is_array`) the
    /// length of a 1-D array; `shuffle` as NumPy's keyword.
    pub fn choice_full(
        &mut self,
        a: i64,
        is_array: bool,
        n: usize,
        replace: bool,
        p: Option<&[f64]>,
        shuffle: bool,
    ) -> Result<Vec<i64>, String> {
        let pop = check_population(a, is_array, n, Flavor::Generator)?;
        if let Some(p) = p {
            check_p(p, pop, Flavor::Generator)?;
        }
        if replace {
            return match p {
                Some(p) => {
                    let cdf = make_cdf(p);
                    let u = self.random(n);
                    Ok(u.into_iter().map(|x| search_right(&cdf, x)).collect())
                }
                None => self.integers(0, pop as i64, n),
            };
        }
        if n > pop {
            return Err("Cannot take a larger sample than population when replace is False".to_string());
        }
        if let Some(p) = p {
            return choice_no_replace_p(p, n, |k| self.random(k));
        }
        let cutoff = if shuffle { 50 } else { 20 };
        if pop > 10_000 && n > pop / cutoff {
            // tail shuffle of arange(pop)
            let mut idx: Vec<i64> = (0..pop as i64).collect();
            let first = (pop - n).max(1);
            self.shuffle_int(&mut idx, first);
            Ok(idx.split_off(pop - n))
        } else {
            Ok(self.floyd(pop, n, shuffle))
        }
    }

    /// Floyd's sampling with NumPy's open-addressing hash set.
    fn floyd(&mut self, pop: usize, n: usize, shuffle: bool) -> Vec<i64> {
        let empty = u64::MAX;
        let set_size = (1.2 * n as f64) as u64;
        let mask = gen_mask(set_size);
        let mut hash_set = vec![empty; (mask as usize).saturating_add(1)];
        let mut out = vec![0i64; n];
        for j in (pop - n)..pop {
            let val = bounded_u64(&mut self.bg, 0, j as u64, false);
            let mut loc = (val & mask) as usize;
            while hash_set[loc] != empty && hash_set[loc] != val {
                loc = (loc + 1) & mask as usize;
            }
            let slot = j - (pop - n);
            if hash_set[loc] == empty {
                hash_set[loc] = val;
                out[slot] = val as i64;
            } else {
                let mut loc = j & mask as usize;
                while hash_set[loc] != empty {
                    loc = (loc + 1) & mask as usize;
                }
                hash_set[loc] = j as u64;
                out[slot] = j as i64;
            }
        }
        if shuffle {
            self.shuffle_int(&mut out, 1);
        }
        out
    }

    /// `_shuffle_int`: Fisher–Yates down to `first` with Lemire draws.
    fn shuffle_int(&mut self, data: &mut [i64], first: usize) {
        for i in (first.max(1)..data.len()).rev() {
            let j = bounded_u64(&mut self.bg, 0, i as u64, false) as usize;
            data.swap(i, j);
        }
    }

    /// In-place `shuffle` of `items` along the first axis.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = random_interval(&mut self.bg, i as u64) as usize;
            items.swap(i, j);
        }
    }

    /// Shuffles the rows of a C-ordered buffer of `n_rows` equal rows in
    /// place; an empty array is a no-op (no draws), as in NumPy.
    pub fn shuffle_rows<T>(&mut self, data: &mut [T], n_rows: usize) {
        if data.is_empty() || n_rows == 0 {
            return;
        }
        let row = data.len() / n_rows;
        for i in (1..n_rows).rev() {
            let j = random_interval(&mut self.bg, i as u64) as usize;
            swap_rows(data, row, i, j);
        }
    }

    /// `permutation(n)`; permuting an array's rows is
    /// `arr[permutation(len(arr))]`, as in NumPy.
    pub fn permutation(&mut self, n: usize) -> Vec<i64> {
        let mut v: Vec<i64> = (0..n as i64).collect();
        self.shuffle(&mut v);
        v
    }
}
