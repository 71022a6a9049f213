//! The two generators behind one interface: the `Rng` trait over the
//! legacy `RandomState` (MT19937) and `Generator` (PCG64).

use crate::random::{Generator, RandomState};

/// What the legacy `RandomState` and a `Generator` both provide.
pub(super) trait Rng {
    /// Whether this is the legacy `RandomState` (its error wording differs).
    const LEGACY: bool;
    /// `n` doubles in [0, 1).
    fn floats(&mut self, n: usize) -> Vec<f64>;
    /// `n` standard normals.
    fn std_normal(&mut self, n: usize) -> Vec<f64>;
    /// `n` normals; errors on a negative scale.
    fn normal(&mut self, loc: f64, scale: f64, n: usize) -> Result<Vec<f64>, String>;
    /// `n` uniforms on [low, high).
    fn uniform(&mut self, low: f64, high: f64, n: usize) -> Result<Vec<f64>, String>;
    /// `n` exponentials with mean `scale`.
    fn exponential(&mut self, scale: f64, n: usize) -> Result<Vec<f64>, String>;
    /// `n` binomial counts.
    fn binomial(&mut self, trials: i64, p: f64, n: usize) -> Result<Vec<i64>, String>;
    /// `n` Poisson counts.
    fn poisson(&mut self, lam: f64, n: usize) -> Result<Vec<i64>, String>;
    /// `n` ints in [low, high) (or [low, high] with `endpoint`).
    fn ints(&mut self, low: i64, high: i64, endpoint: bool, n: usize) -> Result<Vec<i64>, String>;
    /// Indices chosen by `choice` from a population of `a`.
    fn choice_idx(
        &mut self,
        a: i64,
        is_array: bool,
        n: usize,
        replace: bool,
        p: Option<&[f64]>,
        shuffle: bool,
    ) -> Result<Vec<i64>, String>;
    /// Shuffles a slice in place.
    fn shuffle_items<T>(&mut self, items: &mut [T]);
    /// Shuffles the `n_rows` equal rows of a C-ordered buffer in place.
    fn shuffle_rows<T>(&mut self, data: &mut [T], n_rows: usize);
}

impl Rng for RandomState {
    const LEGACY: bool = true;
    fn floats(&mut self, n: usize) -> Vec<f64> {
        self.random_sample(n)
    }
    fn std_normal(&mut self, n: usize) -> Vec<f64> {
        self.standard_normal(n)
    }
    fn normal(&mut self, loc: f64, scale: f64, n: usize) -> Result<Vec<f64>, String> {
        RandomState::normal(self, loc, scale, n)
    }
    fn uniform(&mut self, low: f64, high: f64, n: usize) -> Result<Vec<f64>, String> {
        RandomState::uniform(self, low, high, n)
    }
    fn exponential(&mut self, scale: f64, n: usize) -> Result<Vec<f64>, String> {
        RandomState::exponential(self, scale, n)
    }
    fn binomial(&mut self, trials: i64, p: f64, n: usize) -> Result<Vec<i64>, String> {
        RandomState::binomial(self, trials, p, n)
    }
    fn poisson(&mut self, lam: f64, n: usize) -> Result<Vec<i64>, String> {
        RandomState::poisson(self, lam, n)
    }
    fn ints(&mut self, low: i64, high: i64, endpoint: bool, n: usize) -> Result<Vec<i64>, String> {
        let high = i128::from(high) + i128::from(endpoint);
        self.randint_wide(i128::from(low), high, n)
    }
    fn choice_idx(
        &mut self,
        a: i64,
        is_array: bool,
        n: usize,
        replace: bool,
        p: Option<&[f64]>,
        _: bool,
    ) -> Result<Vec<i64>, String> {
        if is_array {
            self.choice_array(a.max(0) as usize, n, replace, p)
        } else {
            self.choice(a, n, replace, p)
        }
    }
    fn shuffle_items<T>(&mut self, items: &mut [T]) {
        self.shuffle(items)
    }
    fn shuffle_rows<T>(&mut self, data: &mut [T], n_rows: usize) {
        RandomState::shuffle_rows(self, data, n_rows)
    }
}

impl Rng for Generator {
    const LEGACY: bool = false;
    fn floats(&mut self, n: usize) -> Vec<f64> {
        self.random(n)
    }
    fn std_normal(&mut self, n: usize) -> Vec<f64> {
        self.standard_normal(n)
    }
    fn normal(&mut self, loc: f64, scale: f64, n: usize) -> Result<Vec<f64>, String> {
        Generator::normal(self, loc, scale, n)
    }
    fn uniform(&mut self, low: f64, high: f64, n: usize) -> Result<Vec<f64>, String> {
        Generator::uniform(self, low, high, n)
    }
    fn exponential(&mut self, scale: f64, n: usize) -> Result<Vec<f64>, String> {
        Generator::exponential(self, scale, n)
    }
    fn binomial(&mut self, trials: i64, p: f64, n: usize) -> Result<Vec<i64>, String> {
        Generator::binomial(self, trials, p, n)
    }
    fn poisson(&mut self, lam: f64, n: usize) -> Result<Vec<i64>, String> {
        Generator::poisson(self, lam, n)
    }
    fn ints(&mut self, low: i64, high: i64, endpoint: bool, n: usize) -> Result<Vec<i64>, String> {
        self.integers_wide(i128::from(low), i128::from(high), endpoint, n)
    }
    fn choice_idx(
        &mut self,
        a: i64,
        is_array: bool,
        n: usize,
        replace: bool,
        p: Option<&[f64]>,
        shuffle: bool,
    ) -> Result<Vec<i64>, String> {
        self.choice_full(a, is_array, n, replace, p, shuffle)
    }
    fn shuffle_items<T>(&mut self, items: &mut [T]) {
        self.shuffle(items)
    }
    fn shuffle_rows<T>(&mut self, data: &mut [T], n_rows: usize) {
        Generator::shuffle_rows(self, data, n_rows)
    }
}
