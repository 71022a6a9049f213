//! The array library: n-d arrays with NumPy 2's semantics.
//!
//! This module knows nothing of the interpreter. Its parts:
//! - [`dtype`] — the four dtypes, promotion, [`Scalar`];
//! - [`storage`] — [`Array<T>`] (shape, strides, offset over a shared buffer)
//!   and the dtype-tagged [`NdArray`];
//! - [`broadcast`] — broadcasting shapes and views;
//! - [`elementwise`] — operators and ufuncs with promotion;
//! - [`index`] — NumPy indexing, reading and assignment;
//! - [`reduce`] — sums, means, extrema, sorting-based statistics;
//! - [`manip`] — reshaping, transposing, joining, splitting, repeating;
//! - [`sort`] — sorting, `unique`, `nonzero`;
//! - [`create`] — `arange`, `linspace`, `eye`, `diag`;
//! - [`print`] — NumPy's exact printing of arrays;
//! - [`product`] — `dot`, `matmul`, `inner`, `outer`, `vdot`, `cross`;
//! - [`cancel`] — stopping long work on Ctrl-C;
//! - [`fused`] — one-pass evaluation of float64 expression trees;
//! - [`error`] — [`ArrayError`].

#[macro_use]
pub mod storage;
pub mod broadcast;
pub mod cancel;
pub mod create;
pub mod dims;
pub mod dtype;
pub mod elementwise;
pub mod error;
pub mod fused;
pub mod index;
pub mod manip;
pub mod parallel;
pub mod pool;
pub mod print;
pub mod product;
pub mod reduce;
pub mod sort;

pub use dims::{Dims, IntoDims};
pub use dtype::{DType, Element, Scalar};
pub use error::{ArrayError, ArrayResult, ErrorKind};
pub use storage::{Array, IntoNdArray, NdArray};
