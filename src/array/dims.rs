//! Shapes and strides stored inside the array header.
//!
//! Most arrays have at most four dimensions; their shape and strides live
//! inline in [`Dims`], so making an array (or another handle on one) does
//! not allocate for them. More dimensions spill to the heap.

use std::ops::{Deref, DerefMut};

/// How many dimensions [`Dims`] holds without allocating.
const INLINE: usize = 4;

/// A shape (`Dims<usize>`) or strides (`Dims<isize>`): inline up to four
/// dimensions, on the heap beyond. Reads as a slice; a copy of inline dims
/// is a plain copy of the header.
#[derive(Clone)]
pub struct Dims<T: Copy + Default>(Storage<T>);

/// Where [`Dims`] keeps its items (private, so that `len <= INLINE` holds).
#[derive(Clone)]
enum Storage<T: Copy + Default> {
    /// Up to [`INLINE`] items, the first `len` used.
    Inline { len: u8, items: [T; INLINE] },
    /// More than [`INLINE`] items (or a `Vec` whose items were pushed past it).
    Heap(Vec<T>),
}

impl<T: Copy + Default> Dims<T> {
    /// No dimensions (a 0-d array's shape).
    #[inline]
    pub fn new() -> Self {
        Dims(Storage::Inline { len: 0, items: [T::default(); INLINE] })
    }

    /// A copy of `items`.
    #[inline]
    pub fn from_slice(items: &[T]) -> Self {
        if items.len() <= INLINE {
            let mut inline = [T::default(); INLINE];
            inline[..items.len()].copy_from_slice(items);
            Dims(Storage::Inline { len: items.len() as u8, items: inline })
        } else {
            Dims(Storage::Heap(items.to_vec()))
        }
    }

    /// `items`, copied inline (and freed) when they fit, else kept as they are.
    #[inline]
    pub fn from_vec(items: Vec<T>) -> Self {
        if items.len() <= INLINE {
            Self::from_slice(&items)
        } else {
            Dims(Storage::Heap(items))
        }
    }

    /// `n` copies of `value`.
    pub fn from_elem(value: T, n: usize) -> Self {
        if n <= INLINE {
            Dims(Storage::Inline { len: n as u8, items: [value; INLINE] })
        } else {
            Dims(Storage::Heap(vec![value; n]))
        }
    }

    /// Whether the items live on the heap.
    pub fn spilled(&self) -> bool {
        matches!(self.0, Storage::Heap(_))
    }

    /// Appends `value`, moving to the heap past [`INLINE`] items.
    pub fn push(&mut self, value: T) {
        match &mut self.0 {
            Storage::Inline { len, items } if (*len as usize) < INLINE => {
                items[*len as usize] = value;
                *len += 1;
            }
            Storage::Inline { items, .. } => {
                let mut heap = items.to_vec();
                heap.push(value);
                self.0 = Storage::Heap(heap);
            }
            Storage::Heap(heap) => heap.push(value),
        }
    }
}

impl<T: Copy + Default> Default for Dims<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Copy + Default> Deref for Dims<T> {
    type Target = [T];
    #[inline(always)]
    fn deref(&self) -> &[T] {
        match &self.0 {
            // SAFETY: every constructor and `push` keep `len <= INLINE`, and
            // `Storage` is private to this module.
            Storage::Inline { len, items } => unsafe { items.get_unchecked(..*len as usize) },
            Storage::Heap(heap) => heap,
        }
    }
}

impl<T: Copy + Default> DerefMut for Dims<T> {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut [T] {
        match &mut self.0 {
            // SAFETY: as in `deref`.
            Storage::Inline { len, items } => unsafe { items.get_unchecked_mut(..*len as usize) },
            Storage::Heap(heap) => heap,
        }
    }
}

impl<T: Copy + Default + std::fmt::Debug> std::fmt::Debug for Dims<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<T: Copy + Default + PartialEq> PartialEq for Dims<T> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl<'a, T: Copy + Default> IntoIterator for &'a Dims<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<T: Copy + Default> Extend<T> for Dims<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        for value in iter {
            self.push(value);
        }
    }
}

impl<T: Copy + Default> FromIterator<T> for Dims<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut dims = Dims::new();
        dims.extend(iter);
        dims
    }
}

/// What an array constructor accepts as a shape or strides: a `Vec` (kept
/// when it spills, else copied inline and freed), a slice or a fixed-size
/// array (copied inline: nothing is allocated), or [`Dims`] as they are.
pub trait IntoDims<T: Copy + Default> {
    /// The dimensions as [`Dims`].
    fn into_dims(self) -> Dims<T>;
}

impl<T: Copy + Default> IntoDims<T> for Dims<T> {
    #[inline]
    fn into_dims(self) -> Dims<T> {
        self
    }
}

impl<T: Copy + Default> IntoDims<T> for Vec<T> {
    #[inline]
    fn into_dims(self) -> Dims<T> {
        Dims::from_vec(self)
    }
}

impl<T: Copy + Default> IntoDims<T> for &[T] {
    #[inline]
    fn into_dims(self) -> Dims<T> {
        Dims::from_slice(self)
    }
}

impl<T: Copy + Default, const N: usize> IntoDims<T> for [T; N] {
    #[inline]
    fn into_dims(self) -> Dims<T> {
        Dims::from_slice(&self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn up_to_four_dimensions_stay_inline_and_more_spill() {
        let four = [2usize, 3, 4, 5].into_dims();
        assert!(!four.spilled());
        assert_eq!(&four[..], &[2, 3, 4, 5]);
        let five = vec![1usize, 2, 3, 4, 5].into_dims();
        assert!(five.spilled());
        assert_eq!(&five[..], &[1, 2, 3, 4, 5]);
        let from_vec = vec![7isize, -1].into_dims();
        assert!(!from_vec.spilled());
        assert_eq!(&from_vec[..], &[7, -1]);
        let empty: Dims<usize> = (&[][..]).into_dims();
        assert!(empty.is_empty());
        let pushed: Dims<usize> = (1..=6).collect();
        assert!(pushed.spilled());
        assert_eq!(&pushed[..], &[1, 2, 3, 4, 5, 6]);
        let copied = four.clone();
        assert_eq!(copied, four);
    }
}
