//! NumPy's memory order for new elementwise results (`order='K'`).
//!
//! NumPy allocates a ufunc's (and `np.where`'s) result in the memory order
//! of its operands: `np.sqrt(X.T)` or `np.where(c.T, x.T, 1j)` come out
//! Fortran-ordered. The layout is invisible in printed values, but a later
//! reduction visits elements in memory order, so a sum of such a result
//! adds in a different order than a sum of a C-ordered copy (the last digit
//! of `np.where(a.T > 0, a.T, 2-0.5j).sum()` differed from NumPy's).
//!
//! [`k_perm`] reproduces the axis ordering of NumPy's iterator
//! (`npyiter_find_best_axis_ordering`) over all operands; the kernels then
//! run on operands permuted into that order and the result is handed back
//! as the inverse-permuted view of a C-ordered buffer.

use crate::array::dims::Dims;
use crate::array::dtype::Element;
use crate::array::storage::Array;

/// The axes of the result, outermost first, in NumPy's iteration order for
/// operands with these strides (given on the broadcast `shape`), or `None`
/// when that order is plain C order (or NumPy would flip negative strides,
/// which is left to C order).
pub(crate) fn k_perm(shape: &[usize], strides: &[&[isize]]) -> Option<Vec<usize>> {
    let nd = shape.len();
    if nd < 2 || shape.contains(&0) || strides.iter().any(|s| s.iter().any(|&x| x < 0)) {
        return None;
    }
    // Length-1 axes have no memory order; their strides are ignored.
    let stride = |s: &[isize], ax: usize| if shape[ax] == 1 { 0 } else { s[ax] };
    // Innermost first, as NumPy's axis data.
    let mut perm: Vec<usize> = (0..nd).rev().collect();
    for i0 in 1..nd {
        let x = perm[i0];
        let mut ipos = i0;
        for i1 in (0..i0).rev() {
            let y = perm[i1];
            let mut ambiguous = true;
            let mut swap = false;
            for s in strides {
                let (sx, sy) = (stride(s, x), stride(s, y));
                if sx != 0 && sy != 0 {
                    if sy.unsigned_abs() <= sx.unsigned_abs() {
                        swap = false;
                    } else if ambiguous {
                        swap = true;
                    }
                    ambiguous = false;
                }
            }
            if !ambiguous {
                if swap {
                    ipos = i1;
                } else {
                    break;
                }
            }
        }
        if ipos != i0 {
            perm.remove(i0);
            perm.insert(ipos, x);
        }
    }
    perm.reverse();
    if perm.iter().enumerate().all(|(i, &a)| i == a) {
        None
    } else {
        Some(perm)
    }
}

/// `a` read as the broadcast `shape` (with `strides` on it), its axes
/// permuted by `perm` (outermost first).
pub(crate) fn permuted<T: Element>(a: &Array<T>, strides: &[isize], perm: &[usize], shape: &[usize]) -> Array<T> {
    let pshape: Dims<usize> = perm.iter().map(|&ax| shape[ax]).collect();
    let pstrides: Dims<isize> = perm.iter().map(|&ax| strides[ax]).collect();
    a.view(pshape, pstrides, a.offset())
}

/// The result computed on permuted operands, seen again with the original
/// axes (a view whose memory order is `perm`).
pub(crate) fn unpermuted<T: Element>(r: Array<T>, perm: &[usize], shape: &[usize]) -> Array<T> {
    let mut strides = vec![0isize; shape.len()];
    for (i, &ax) in perm.iter().enumerate() {
        strides[ax] = r.strides()[i];
    }
    r.view(shape, strides, r.offset())
}

#[cfg(test)]
mod tests {
    use super::k_perm;

    #[test]
    fn transposed_operands_give_fortran_order() {
        // a.T of a C-ordered (2, 3): shape (3, 2), strides (1, 3).
        assert_eq!(k_perm(&[3, 2], &[&[1, 3]]), Some(vec![1, 0]));
        assert_eq!(k_perm(&[3, 2], &[&[2, 1]]), None);
        // A scalar operand (zero strides) does not vote.
        assert_eq!(k_perm(&[3, 2], &[&[1, 3], &[0, 0]]), Some(vec![1, 0]));
        // Disagreeing operands keep C order.
        assert_eq!(k_perm(&[3, 2], &[&[1, 3], &[2, 1]]), None);
    }
}
