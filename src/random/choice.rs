//! Pieces of `choice` shared by both front ends: validation of `a`/`p`,
//! the cdf + `searchsorted(side='right')` sampler and the
//! without-replacement-with-`p` loop.

/// Which front end's error wording to use.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavor {
    Legacy,
    Generator,
}

/// Validates the population and returns its size. `pop` is the integer `a`
/// (`is_array == false`) or the length of the 1-D array `a`.
pub(crate) fn check_population(pop: i64, is_array: bool, n: usize, fl: Flavor) -> Result<usize, String> {
    if is_array {
        if pop <= 0 && n != 0 {
            return Err(match fl {
                Flavor::Legacy => "'a' cannot be empty unless no samples are taken",
                Flavor::Generator => "a cannot be empty unless no samples are taken",
            }
            .to_string());
        }
    } else if pop <= 0 && n != 0 {
        return Err(match fl {
            Flavor::Legacy => "a must be greater than 0 unless no samples are taken",
            Flavor::Generator => "a must be a positive integer unless no samples are taken",
        }
        .to_string());
    }
    Ok(pop.max(0) as usize)
}

fn kahan_sum(p: &[f64]) -> f64 {
    let Some((&first, rest)) = p.split_first() else {
        return 0.0;
    };
    let mut sum = first;
    let mut c = 0.0;
    for &v in rest {
        let y = v - c;
        let t = sum + y;
        c = (t - sum) - y;
        sum = t;
    }
    sum
}

/// NumPy's checks on `p` (length, NaN, negativity, sum within
/// `sqrt(eps)` of 1).
pub(crate) fn check_p(p: &[f64], pop: usize, fl: Flavor) -> Result<(), String> {
    let legacy = fl == Flavor::Legacy;
    if p.len() != pop {
        return Err(if legacy { "'a' and 'p' must have same size" } else { "a and p must have same size" }.to_string());
    }
    let s = kahan_sum(p);
    if s.is_nan() {
        return Err(if legacy { "probabilities contain NaN" } else { "Probabilities contain NaN" }.to_string());
    }
    if p.iter().any(|&v| v < 0.0) {
        return Err(if legacy { "probabilities are not non-negative" } else { "Probabilities are not non-negative" }
            .to_string());
    }
    let atol = f64::EPSILON.sqrt();
    if (s - 1.0).abs() > atol {
        return Err(if legacy {
            "probabilities do not sum to 1"
        } else {
            "Probabilities do not sum to 1. See Notes section of docstring for more information."
        }
        .to_string());
    }
    Ok(())
}

/// `cumsum(p) / cdf[-1]` (sequential sums, as `np.cumsum`).
pub(crate) fn make_cdf(p: &[f64]) -> Vec<f64> {
    let mut acc = 0.0;
    let mut cdf: Vec<f64> = p
        .iter()
        .map(|&v| {
            acc += v;
            acc
        })
        .collect();
    if let Some(&last) = cdf.last() {
        for c in cdf.iter_mut() {
            *c /= last;
        }
    }
    cdf
}

/// `cdf.searchsorted(u, side='right')`, clamped to a valid index.
pub(crate) fn search_right(cdf: &[f64], u: f64) -> i64 {
    let i = cdf.partition_point(|&c| c <= u);
    i.min(cdf.len().saturating_sub(1)) as i64
}

/// Without replacement, with `p`: repeatedly draw `k - found` uniforms,
/// zero the probabilities already taken, and keep the first occurrence of
/// each new index in draw order (`np.unique(..., return_index=True)`).
pub(crate) fn choice_no_replace_p(
    p: &[f64],
    k: usize,
    mut uniforms: impl FnMut(usize) -> Vec<f64>,
) -> Result<Vec<i64>, String> {
    if p.iter().filter(|&&v| v > 0.0).count() < k {
        return Err("Fewer non-zero entries in p than size".to_string());
    }
    let mut p = p.to_vec();
    let mut found: Vec<i64> = Vec::with_capacity(k);
    let mut seen = vec![false; p.len()];
    let mut stalls = 0usize;
    while found.len() < k {
        let x = uniforms(k - found.len());
        for &f in &found {
            p[f as usize] = 0.0;
        }
        let cdf = make_cdf(&p);
        let mut added = 0usize;
        for u in x {
            let idx = search_right(&cdf, u) as usize;
            if idx < seen.len() && !seen[idx] && found.len() < k {
                seen[idx] = true;
                found.push(idx as i64);
                added += 1;
            }
        }
        if added == 0 {
            stalls += 1;
            if stalls > 10_000 {
                return Err("probabilities contain NaN".to_string());
            }
        }
    }
    Ok(found)
}
