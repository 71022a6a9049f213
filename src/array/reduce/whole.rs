//! `np.sum(a)` and `np.mean(a)` of a small contiguous float64 array as a
//! plain number, without a reduction plan or a 0-d result array: the
//! per-call cost of `v.sum()` on a 3-element vector is mostly that set-up.

use super::iter::pairwise_f64;
use crate::array::storage::NdArray;

/// Largest array taken by the short path (one pairwise call on one thread,
/// as the general path does at this size; no Ctrl-C check needed).
const SHORT_MAX: usize = 4096;

/// The whole-array sum of a C-contiguous float64 array of 1 to
/// [`SHORT_MAX`] elements, with the general path's additions (the initial
/// 0.0 plus NumPy's pairwise sum of the elements); `None` for any other
/// array, which the general path handles.
pub fn small_float_sum(a: &NdArray) -> Option<f64> {
    let NdArray::Float(x) = a else { return None };
    let n = x.size();
    if n == 0 || n > SHORT_MAX || !x.is_c_contiguous() {
        return None;
    }
    Some(x.with_slice(|s| 0.0 + pairwise_f64(s)))
}

/// The whole-array mean for the arrays [`small_float_sum`] takes: the sum
/// divided by the count, as `np.mean` computes it.
pub fn small_float_mean(a: &NdArray) -> Option<f64> {
    small_float_sum(a).map(|s| s / a.size() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::array::storage::Array;

    #[test]
    fn short_path_matches_the_general_reduction_bit_for_bit() {
        for n in [1usize, 2, 7, 8, 9, 100, 129, 1000, 4096] {
            let v: Vec<f64> = (0..n).map(|i| ((i * 2_654_435_761) % 1000) as f64 / 7.0 - 60.0).collect();
            let a = NdArray::Float(Array::from_vec(vec![n], v).unwrap());
            let general = super::super::sum(&a, None, false).unwrap().get_flat(0);
            assert_eq!(crate::array::Scalar::Float(small_float_sum(&a).unwrap()), general, "n = {n}");
            let general = super::super::mean(&a, None, false).unwrap().get_flat(0);
            assert_eq!(crate::array::Scalar::Float(small_float_mean(&a).unwrap()), general, "n = {n}");
        }
        let big = NdArray::Float(Array::from_vec(vec![4097], vec![1.0; 4097]).unwrap());
        assert_eq!(small_float_sum(&big), None);
        let ints = NdArray::Int(Array::from_vec(vec![2], vec![1, 2]).unwrap());
        assert_eq!(small_float_sum(&ints), None);
    }
}
