//! NumPy's broadcasting rules: result shapes and stride-0 views.

use super::dtype::Element;
use super::error::{ArrayError, ArrayResult};
use super::storage::Array;

/// A shape in NumPy's error-message style: `(4,2)`, `(3,)`, `()`.
pub fn shape_compact(shape: &[usize]) -> String {
    match shape {
        [n] => format!("({n},)"),
        _ => {
            let parts: Vec<String> = shape.iter().map(|n| n.to_string()).collect();
            format!("({})", parts.join(","))
        }
    }
}

/// The shape two operands broadcast to, or NumPy's `ValueError`
/// (`operands could not be broadcast together with shapes (4,2) (3,) `).
pub fn broadcast_shapes(a: &[usize], b: &[usize]) -> ArrayResult<Vec<usize>> {
    broadcast_many(&[a, b])
}

/// The shape several operands broadcast to, or NumPy's `ValueError`
/// naming every operand's shape.
pub fn broadcast_many(shapes: &[&[usize]]) -> ArrayResult<Vec<usize>> {
    let nd = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut out = vec![1usize; nd];
    for shape in shapes {
        let pad = nd - shape.len();
        for (i, &n) in shape.iter().enumerate() {
            let slot = &mut out[pad + i];
            if *slot == 1 {
                *slot = n;
            } else if n != 1 && n != *slot {
                let listed: Vec<String> = shapes.iter().map(|s| shape_compact(s)).collect();
                return Err(ArrayError::value(format!(
                    "operands could not be broadcast together with shapes {} ",
                    listed.join(" ")
                )));
            }
        }
    }
    Ok(out)
}

/// Strides that make an array of `shape`/`strides` read as `target`
/// (stride 0 along broadcast axes). `None` if `shape` does not broadcast
/// to `target`.
pub fn broadcast_strides(shape: &[usize], strides: &[isize], target: &[usize]) -> Option<Vec<isize>> {
    if shape.len() > target.len() {
        return None;
    }
    let pad = target.len() - shape.len();
    let mut out = vec![0isize; target.len()];
    for i in 0..shape.len() {
        let t = target[pad + i];
        if shape[i] == t {
            out[pad + i] = if t == 1 { 0 } else { strides[i] };
        } else if shape[i] == 1 {
            out[pad + i] = 0;
        } else {
            return None;
        }
    }
    Some(out)
}

impl<T: Element> Array<T> {
    /// A read-only-in-spirit view of this array broadcast to `target`
    /// (NumPy's `broadcast_to`), or NumPy's error if it cannot be.
    pub fn broadcast_to(&self, target: &[usize]) -> ArrayResult<Array<T>> {
        match broadcast_strides(self.shape(), self.strides(), target) {
            Some(strides) => Ok(self.view(target, strides, self.offset())),
            None => Err(ArrayError::value(format!(
                "operands could not be broadcast together with remapped shapes [original->remapped]: {}  and requested shape {}",
                shape_compact(self.shape()),
                shape_compact(target)
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_broadcast_like_numpy() {
        assert_eq!(broadcast_shapes(&[4, 1], &[3]).unwrap(), vec![4, 3]);
        assert_eq!(broadcast_shapes(&[], &[2, 2]).unwrap(), vec![2, 2]);
        assert_eq!(broadcast_shapes(&[0], &[1]).unwrap(), vec![0]);
        let err = broadcast_shapes(&[4, 2], &[3]).unwrap_err();
        assert_eq!(err.message, "operands could not be broadcast together with shapes (4,2) (3,) ");
    }

    #[test]
    fn broadcast_view_repeats_rows() {
        let a = Array::from_vec(vec![3], vec![1i64, 2, 3]).unwrap();
        let b = a.broadcast_to(&[2, 3]).unwrap();
        assert_eq!(b.to_vec(), vec![1, 2, 3, 1, 2, 3]);
        assert_eq!(b.strides(), &[0, 1]);
    }
}
