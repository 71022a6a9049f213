//! Whole-array sums of values made on demand (a fused expression's
//! elements) in exactly the order `np.sum` adds a C-contiguous float64
//! array of the same shape: the same reduction plan and inner-loop calls,
//! each call's pairwise tree with the same splits, so the result has the
//! materialized sum's bits without the array ever existing.

use super::iter::{pairwise_f64, Plan};
use super::par::sum_calls;
use crate::array::error::ArrayResult;
use crate::array::storage::c_strides;

/// Most values made at a time: a subtree of the pairwise recursion this
/// small is made whole into a buffer (in the L1 cache) and summed by the
/// same recursion.
pub(crate) const GEN_BLOCK: usize = 1024;

/// NumPy's pairwise sum of the `n` values at positions `start..start + n`,
/// which `gen(first, out)` writes into `out` (positions `first..`), at most
/// [`GEN_BLOCK`] values at a time, into `scratch` (at least that long).
pub(crate) fn pairwise_generated(
    start: usize,
    n: usize,
    scratch: &mut [f64],
    gen: &mut impl FnMut(usize, &mut [f64]),
) -> f64 {
    if n <= GEN_BLOCK.min(scratch.len()) {
        let buf = &mut scratch[..n];
        gen(start, buf);
        // The recursion over the stored subtree splits where the recursion
        // over the whole array does below this subtree.
        pairwise_f64(buf)
    } else if n <= 128 {
        // (Only with a scratch buffer shorter than a base case.)
        let mut buf = [0.0; 128];
        gen(start, &mut buf[..n]);
        pairwise_f64(&buf[..n])
    } else {
        let mut n2 = n / 2;
        n2 -= n2 % 8;
        pairwise_generated(start, n2, scratch, gen) + pairwise_generated(start + n2, n - n2, scratch, gen)
    }
}

/// `np.sum` over all axes of a C-contiguous float64 array of `shape`
/// whose elements are not stored: `leaf(start, n)` must return the
/// [`pairwise_generated`] sum of positions `start..start + n` (it is called
/// from several threads at once). `None` when the plan is not the plain
/// one-output, unbuffered, unit-stride kind this covers.
pub(crate) fn sum_generated(shape: &[usize], leaf: impl Fn(usize, usize) -> f64 + Sync) -> ArrayResult<Option<f64>> {
    let strides = c_strides(shape);
    let mask = vec![true; shape.len()];
    let plan = Plan::new(shape, &strides, &mask, false);
    if plan.total == 0
        || plan.buffer_input
        || plan.out_size != 1
        || plan.dims.iter().any(|d| d.out != 0)
        || plan.dims[0].inp != 1
    {
        return Ok(None);
    }
    let mut out = [0.0];
    sum_calls(&plan, &plan.dims, 0, &mut out, |s, n, _, _| leaf(s as usize, n))?;
    Ok(Some(out[0]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::array::storage::{Array, NdArray};

    #[test]
    fn generated_sum_matches_the_stored_sum() {
        for n in [2usize, 7, 8, 129, 1000, 8191, 8193, 100_003, 1_000_000] {
            let v: Vec<f64> = (0..n).map(|i| ((i * 2_654_435_761) % 1000) as f64 / 7.0 - 60.3).collect();
            let a = NdArray::Float(Array::from_vec(vec![n], v.clone()).unwrap());
            let stored = super::super::sum(&a, None, false).unwrap().get_flat(0);
            let made = sum_generated(&[n], |s, len| {
                let mut scratch = vec![0.0; GEN_BLOCK];
                pairwise_generated(s, len, &mut scratch, &mut |first, out: &mut [f64]| {
                    out.copy_from_slice(&v[first..first + out.len()])
                })
            })
            .unwrap()
            .unwrap();
            assert_eq!(crate::array::Scalar::Float(made), stored, "n = {n}");
        }
        let v: Vec<f64> = (0..600_000).map(|i| (i % 977) as f64 * 0.37).collect();
        let a = NdArray::Float(Array::from_vec(vec![600, 1000], v.clone()).unwrap());
        let stored = super::super::sum(&a, None, false).unwrap().get_flat(0);
        let made = sum_generated(&[600, 1000], |s, len| {
            let mut scratch = vec![0.0; 100];
            pairwise_generated(s, len, &mut scratch, &mut |first, out: &mut [f64]| {
                out.copy_from_slice(&v[first..first + out.len()])
            })
        })
        .unwrap()
        .unwrap();
        assert_eq!(crate::array::Scalar::Float(made), stored);
    }
}
