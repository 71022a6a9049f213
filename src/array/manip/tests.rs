//! Shape manipulation checked against NumPy 2.4 (values, views, messages).

use super::*;
use crate::array::{DType, ErrorKind};

fn ints(shape: &[usize], v: Vec<i64>) -> NdArray {
    NdArray::Int(Array::from_vec(shape.to_vec(), v).unwrap())
}
fn iv(a: &NdArray) -> Vec<i64> {
    a.to_int().to_vec()
}
fn arange(n: i64) -> NdArray {
    ints(&[n as usize], (0..n).collect())
}

#[test]
fn reshape_infers_and_reports_like_numpy() {
    let a = arange(12);
    assert_eq!(reshape(&a, &[2, -1]).unwrap().shape(), &[2, 6]);
    assert_eq!(reshape(&a, &[-1, 2, 3]).unwrap().shape(), &[2, 2, 3]);
    let a6 = arange(6);
    assert_eq!(reshape(&a6, &[4]).unwrap_err().message, "cannot reshape array of size 6 into shape (4,)");
    assert_eq!(reshape(&a6, &[-1, 4]).unwrap_err().message, "cannot reshape array of size 6 into shape (4)");
    assert_eq!(reshape(&a6, &[0, -1]).unwrap_err().message, "cannot reshape array of size 6 into shape (0,newaxis)");
    assert_eq!(reshape(&a6, &[-1, -1]).unwrap_err().message, "can only specify one unknown dimension");
    assert_eq!(reshape(&ints(&[0, 3], vec![]), &[-1, 3]).unwrap().shape(), &[0, 3]);
}

#[test]
fn reshape_of_contiguous_data_is_a_view() {
    let a = arange(6);
    let r = reshape(&a, &[2, 3]).unwrap();
    assert!(r.shares_buffer(&a));
    if let NdArray::Int(x) = &r {
        x.view(vec![], vec![], 4).fill(99).unwrap();
    }
    assert_eq!(iv(&a), vec![0, 1, 2, 3, 99, 5]);
    // A transposed matrix cannot be flattened without a copy...
    let t = transpose(&reshape(&arange(6), &[2, 3]).unwrap(), None).unwrap();
    let flat = reshape(&t, &[6]).unwrap();
    assert!(!flat.shares_buffer(&t));
    assert_eq!(iv(&flat), vec![0, 3, 1, 4, 2, 5]);
    // ...but splitting one of its axes can be done in place.
    let t2 = transpose(&reshape(&arange(12), &[3, 4]).unwrap(), None).unwrap();
    let split = reshape(&t2, &[2, 2, 3]).unwrap();
    assert!(split.shares_buffer(&t2));
    assert_eq!(iv(&split), vec![0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]);
}

#[test]
fn transposes_and_axis_moves() {
    let t = reshape(&arange(24), &[2, 3, 4]).unwrap();
    assert_eq!(transpose(&t, None).unwrap().shape(), &[4, 3, 2]);
    assert_eq!(transpose(&t, Some(&[1, 0, 2])).unwrap().shape(), &[3, 2, 4]);
    assert_eq!(transpose(&t, Some(&[1, 0])).unwrap_err().message, "axes don't match array");
    assert_eq!(transpose(&t, Some(&[0, 0, 1])).unwrap_err().message, "repeated axis in transpose");
    assert_eq!(moveaxis(&t, &[0], &[-1]).unwrap().shape(), &[3, 4, 2]);
    let e = moveaxis(&t, &[0, 1], &[-1]).unwrap_err();
    assert_eq!(e.message, "`source` and `destination` arguments must have the same number of elements");
    let e = swapaxes(&t, 0, 3).unwrap_err();
    assert_eq!(
        (e.kind, e.message.as_str()),
        (ErrorKind::Axis, "axis2: axis 3 is out of bounds for array of dimension 3")
    );
    assert_eq!(iv(&swapaxes(&reshape(&arange(6), &[2, 3]).unwrap(), 0, 1).unwrap()), vec![0, 3, 1, 4, 2, 5]);
}

#[test]
fn ravel_views_and_flatten_copies() {
    let m = reshape(&arange(6), &[2, 3]).unwrap();
    assert!(ravel(&m).shares_buffer(&m));
    assert!(!flatten(&m).shares_buffer(&m));
    let t = transpose(&m, None).unwrap();
    assert_eq!(iv(&ravel(&t)), vec![0, 3, 1, 4, 2, 5]);
}

#[test]
fn squeeze_expand_flip() {
    let a = ints(&[1, 3, 1], vec![1, 2, 3]);
    assert_eq!(squeeze(&a, None).unwrap().shape(), &[3]);
    assert_eq!(squeeze(&a, Some(&[2])).unwrap().shape(), &[1, 3]);
    let e = squeeze(&a, Some(&[1])).unwrap_err();
    assert_eq!(e.message, "cannot select an axis to squeeze out which has size not equal to one");
    assert_eq!(expand_dims(&arange(3), &[0, 2]).unwrap().shape(), &[1, 3, 1]);
    assert_eq!(expand_dims(&arange(3), &[0, 0]).unwrap_err().message, "repeated axis");
    let m = reshape(&arange(6), &[2, 3]).unwrap();
    assert_eq!(iv(&flip(&m, None).unwrap()), vec![5, 4, 3, 2, 1, 0]);
    assert_eq!(iv(&flip(&m, Some(&[1])).unwrap()), vec![2, 1, 0, 5, 4, 3]);
    assert!(flip(&m, None).unwrap().shares_buffer(&m));
    assert_eq!(flip(&ints(&[], vec![3]), None).unwrap().shape(), &[] as &[usize]);
}

#[test]
fn concatenation_promotes_and_checks_shapes() {
    let a = ints(&[2, 2], vec![1, 2, 3, 4]);
    let b = ints(&[1, 2], vec![5, 6]);
    assert_eq!(iv(&concatenate(&[a.clone(), b.clone()], Some(0)).unwrap()), vec![1, 2, 3, 4, 5, 6]);
    assert_eq!(iv(&concatenate(&[a.clone(), a.clone()], Some(1)).unwrap()), vec![1, 2, 1, 2, 3, 4, 3, 4]);
    assert_eq!(concatenate(&[a.clone(), a.clone()], None).unwrap().shape(), &[8]);
    let f = NdArray::Float(Array::from_slice(&[2.5]));
    assert_eq!(concatenate(&[ints(&[1], vec![1]), f], Some(0)).unwrap().dtype(), DType::Float64);
    let e = concatenate(&[a.clone(), ints(&[2, 3], vec![0; 6])], Some(0)).unwrap_err();
    assert_eq!(
        e.message,
        "all the input array dimensions except for the concatenation axis must match exactly, but along dimension 1, the array at index 0 has size 2 and the array at index 1 has size 3"
    );
    let e = concatenate(&[a.clone(), arange(3)], Some(0)).unwrap_err();
    assert_eq!(
        e.message,
        "all the input arrays must have same number of dimensions, but the array at index 0 has 2 dimension(s) and the array at index 1 has 1 dimension(s)"
    );
    assert_eq!(concatenate(&[], Some(0)).unwrap_err().message, "need at least one array to concatenate");
    let z = ints(&[], vec![1]);
    assert_eq!(
        concatenate(&[z.clone(), z], Some(0)).unwrap_err().message,
        "zero-dimensional arrays cannot be concatenated"
    );
}

#[test]
fn stacking() {
    let x = ints(&[3], vec![1, 2, 3]);
    let y = ints(&[3], vec![4, 5, 6]);
    let s = stack(&[x.clone(), y.clone()], 1).unwrap();
    assert_eq!((s.shape().to_vec(), iv(&s)), (vec![3, 2], vec![1, 4, 2, 5, 3, 6]));
    assert_eq!(vstack(&[x.clone(), y.clone()]).unwrap().shape(), &[2, 3]);
    assert_eq!(iv(&hstack(&[x.clone(), y.clone()]).unwrap()), vec![1, 2, 3, 4, 5, 6]);
    let c = column_stack(&[x.clone(), y.clone()]).unwrap();
    assert_eq!((c.shape().to_vec(), iv(&c)), (vec![3, 2], vec![1, 4, 2, 5, 3, 6]));
    assert_eq!(dstack(&[x.clone(), y.clone()]).unwrap().shape(), &[1, 3, 2]);
    assert_eq!(stack(&[x, arange(2)], 0).unwrap_err().message, "all input arrays must have the same shape");
    assert_eq!(stack(&[], 0).unwrap_err().message, "need at least one array to stack");
}

#[test]
fn splitting() {
    let a = arange(6);
    let parts = split(&a, &SplitSpec::Sections(3), 0).unwrap();
    assert_eq!(parts.iter().map(iv).collect::<Vec<_>>(), vec![vec![0, 1], vec![2, 3], vec![4, 5]]);
    assert!(parts[1].shares_buffer(&a));
    let parts = split(&a, &SplitSpec::Indices(vec![1, 4]), 0).unwrap();
    assert_eq!(parts.iter().map(iv).collect::<Vec<_>>(), vec![vec![0], vec![1, 2, 3], vec![4, 5]]);
    let parts = split(&a, &SplitSpec::Indices(vec![-2, 10, 3]), 0).unwrap();
    assert_eq!(parts.iter().map(iv).collect::<Vec<_>>(), vec![vec![0, 1, 2, 3], vec![4, 5], vec![], vec![3, 4, 5]]);
    let e = split(&a, &SplitSpec::Sections(4), 0).unwrap_err();
    assert_eq!(e.message, "array split does not result in an equal division");
    let parts = array_split(&a, &SplitSpec::Sections(4), 0).unwrap();
    assert_eq!(parts.iter().map(|p| p.size()).collect::<Vec<_>>(), vec![2, 2, 1, 1]);
    assert_eq!(
        array_split(&a, &SplitSpec::Sections(0), 0).unwrap_err().message,
        "number sections must be larger than 0."
    );
    let m = reshape(&arange(6), &[2, 3]).unwrap();
    let lr = split(&m, &SplitSpec::Indices(vec![1]), 1).unwrap();
    assert_eq!((iv(&lr[0]), iv(&lr[1])), (vec![0, 3], vec![1, 2, 4, 5]));
}

#[test]
fn tiles_and_repeats() {
    let a = ints(&[2], vec![1, 2]);
    assert_eq!(iv(&tile(&a, &[3]).unwrap()), vec![1, 2, 1, 2, 1, 2]);
    let t = tile(&a, &[2, 2]).unwrap();
    assert_eq!((t.shape().to_vec(), iv(&t)), (vec![2, 4], vec![1, 2, 1, 2, 1, 2, 1, 2]));
    assert_eq!(tile(&a, &[-1]).unwrap_err().message, "negative dimensions are not allowed");
    assert_eq!(iv(&repeat(&a, &[3], None).unwrap()), vec![1, 1, 1, 2, 2, 2]);
    assert_eq!(iv(&repeat(&ints(&[3], vec![1, 2, 3]), &[1, 0, 2], None).unwrap()), vec![1, 3, 3]);
    let m = reshape(&arange(6), &[2, 3]).unwrap();
    assert_eq!(repeat(&m, &[2], Some(0)).unwrap().shape(), &[4, 3]);
    let e = repeat(&arange(6), &[1, 2], None).unwrap_err();
    assert_eq!(e.message, "operands could not be broadcast together with shape (6,) (2,)");
}

#[test]
fn diagonals_and_triangles() {
    let d = diag(&ints(&[2], vec![1, 2]), 1).unwrap();
    assert_eq!((d.shape().to_vec(), iv(&d)), (vec![3, 3], vec![0, 1, 0, 0, 0, 2, 0, 0, 0]));
    let m = reshape(&arange(12), &[3, 4]).unwrap();
    assert_eq!(iv(&diag(&m, 0).unwrap()), vec![0, 5, 10]);
    assert_eq!(iv(&diag(&m, 1).unwrap()), vec![1, 6, 11]);
    assert_eq!(iv(&diag(&m, -1).unwrap()), vec![4, 9]);
    assert_eq!(diag(&m, 9).unwrap().shape(), &[0]);
    assert_eq!(diag(&ints(&[], vec![1]), 0).unwrap_err().message, "Input must be 1- or 2-d.");
    assert!(diagonal(&m, 0, 0, 1).unwrap().shares_buffer(&m));
    assert_eq!(diagonal(&m, 0, 1, 1).unwrap_err().message, "axis1 and axis2 cannot be the same");
    let sq = reshape(&arange(9), &[3, 3]).unwrap();
    assert_eq!(iv(&triu(&sq, 0).unwrap()), vec![0, 1, 2, 0, 4, 5, 0, 0, 8]);
    assert_eq!(iv(&tril(&sq, -1).unwrap()), vec![0, 0, 0, 3, 0, 0, 6, 7, 0]);
    assert_eq!(triu(&arange(3), 0).unwrap().shape(), &[3, 3]);
}

#[test]
fn rolls() {
    assert_eq!(iv(&roll(&arange(5), &[2], None).unwrap()), vec![3, 4, 0, 1, 2]);
    let m = reshape(&arange(6), &[2, 3]).unwrap();
    assert_eq!(iv(&roll(&m, &[1], None).unwrap()), vec![5, 0, 1, 2, 3, 4]);
    assert_eq!(iv(&roll(&m, &[1, 1], Some(&[1, 0])).unwrap()), vec![5, 3, 4, 2, 0, 1]);
}

#[test]
fn at_least_nd() {
    let s = ints(&[], vec![7]);
    assert_eq!(atleast_1d(&s).shape(), &[1]);
    assert_eq!(atleast_2d(&arange(3)).shape(), &[1, 3]);
    assert_eq!(atleast_3d(&arange(3)).shape(), &[1, 3, 1]);
    assert_eq!(atleast_3d(&reshape(&arange(6), &[2, 3]).unwrap()).shape(), &[2, 3, 1]);
}
