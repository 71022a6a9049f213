//! Tests of indexing. Every expected value and message is what NumPy 2.4
//! gives for the same index.

use super::*;
use crate::array::{Array, ErrorKind, Scalar};

fn arange(n: i64, shape: &[usize]) -> NdArray {
    NdArray::Int(Array::from_vec(shape.to_vec(), (0..n).collect()).unwrap())
}
fn ints(v: &[i64]) -> NdArray {
    NdArray::Int(Array::from_slice(v))
}
fn bools(v: &[bool]) -> NdArray {
    NdArray::Bool(Array::from_slice(v))
}
fn int(v: i64) -> NdArray {
    NdArray::from_scalar(Scalar::Int(v))
}
fn float(v: f64) -> NdArray {
    NdArray::from_scalar(Scalar::Float(v))
}
fn values(a: &NdArray) -> Vec<i64> {
    a.to_scalars().iter().map(|s| s.to_i64().unwrap_or(i64::MIN)).collect()
}
fn slice(start: Option<i64>, stop: Option<i64>, step: Option<i64>) -> IndexItem {
    IndexItem::Slice { start, stop, step }
}
fn arr(a: NdArray) -> IndexItem {
    IndexItem::Array(a)
}
fn message(r: ArrayResult<impl std::fmt::Debug>) -> (ErrorKind, String) {
    let e = r.unwrap_err();
    (e.kind, e.message)
}

#[test]
fn integers_and_slices_give_views() {
    let a = arange(10, &[10]);
    let s = |start, stop, step| get_index(&a, &[slice(start, stop, step)]).unwrap();
    assert_eq!(values(&s(Some(2), Some(5), None)), vec![2, 3, 4]);
    assert_eq!(values(&s(Some(8), Some(2), Some(-2))), vec![8, 6, 4]);
    assert_eq!(values(&s(Some(-100), Some(100), None)).len(), 10);
    assert_eq!(values(&s(Some(-1), Some(-4), Some(-1))), vec![9, 8, 7]);
    assert!(values(&s(Some(5), Some(2), None)).is_empty());
    assert_eq!(values(&s(None, None, Some(i64::MIN))), vec![9]);
    assert_eq!(values(&s(Some(i64::MIN), Some(i64::MAX), Some(4))), vec![0, 4, 8]);
    let m = arange(12, &[3, 4]);
    let x = get_index(&m, &[IndexItem::Int(-1), IndexItem::Int(-1)]).unwrap();
    assert_eq!(x.shape(), &[] as &[usize]);
    assert_eq!(values(&x), vec![11]);
    // Writing through a view changes the base.
    let row = get_index(&m, &[IndexItem::Int(1)]).unwrap();
    assert!(row.shares_buffer(&m));
    set_index(&row, &[IndexItem::Int(0)], &int(99)).unwrap();
    assert_eq!(values(&m)[4], 99);
    let rev = get_index(&m, &[slice(None, None, Some(-1)), slice(None, None, Some(-2))]).unwrap();
    assert_eq!(values(&rev), vec![11, 9, 7, 5, 3, 1]);
}

#[test]
fn newaxis_and_ellipsis() {
    let t = arange(24, &[2, 3, 4]);
    assert_eq!(get_index(&t, &[IndexItem::Ellipsis, IndexItem::Int(0)]).unwrap().shape(), &[2, 3]);
    assert_eq!(get_index(&t, &[IndexItem::Ellipsis, IndexItem::NewAxis]).unwrap().shape(), &[2, 3, 4, 1]);
    assert_eq!(
        values(&get_index(&t, &[IndexItem::Int(1), IndexItem::Ellipsis, IndexItem::Int(-1)]).unwrap()),
        vec![15, 19, 23]
    );
    let v = arange(3, &[3]);
    assert_eq!(
        get_index(&v, &[IndexItem::NewAxis, IndexItem::full(), IndexItem::NewAxis]).unwrap().shape(),
        &[1, 3, 1]
    );
    let z = int(7);
    assert_eq!(get_index(&z, &[]).unwrap().shape(), &[] as &[usize]);
    assert_eq!(get_index(&z, &[IndexItem::Ellipsis, IndexItem::NewAxis]).unwrap().shape(), &[1]);
}

#[test]
fn index_errors_read_like_numpy() {
    let a = arange(3, &[3]);
    let m = NdArray::zeros(vec![2, 3], crate::array::DType::Float64).unwrap();
    let cases: Vec<(ArrayResult<NdArray>, ErrorKind, &str)> = vec![
        (get_index(&a, &[IndexItem::Int(3)]), ErrorKind::Index, "index 3 is out of bounds for axis 0 with size 3"),
        (get_index(&a, &[IndexItem::Int(i64::MIN)]), ErrorKind::Index, "index -9223372036854775808 is out of bounds for axis 0 with size 3"),
        (get_index(&m, &[IndexItem::Int(5), IndexItem::Int(0)]), ErrorKind::Index, "index 5 is out of bounds for axis 0 with size 2"),
        (get_index(&m, &[IndexItem::Int(0), IndexItem::Int(3)]), ErrorKind::Index, "index 3 is out of bounds for axis 1 with size 3"),
        (
            get_index(&a, &[IndexItem::Int(0), IndexItem::Int(0)]),
            ErrorKind::Index,
            "too many indices for array: array is 1-dimensional, but 2 were indexed",
        ),
        (
            get_index(&int(5), &[IndexItem::Int(0)]),
            ErrorKind::Index,
            "too many indices for array: array is 0-dimensional, but 1 were indexed",
        ),
        (
            get_index(&a, &[IndexItem::Ellipsis, IndexItem::Ellipsis]),
            ErrorKind::Index,
            "an index can only have a single ellipsis ('...')",
        ),
        (get_index(&a, &[slice(None, None, Some(0))]), ErrorKind::Value, "slice step cannot be zero"),
        (
            get_index(&a, &[arr(bools(&[true, false]))]),
            ErrorKind::Index,
            "boolean index did not match indexed array along axis 0; size of axis is 3 but size of corresponding boolean axis is 2",
        ),
        (
            get_index(&m, &[IndexItem::full(), arr(bools(&[true]))]),
            ErrorKind::Index,
            "boolean index did not match indexed array along axis 1; size of axis is 3 but size of corresponding boolean axis is 1",
        ),
        (
            get_index(&m, &[arr(ints(&[0, 1])), arr(ints(&[0, 1, 2]))]),
            ErrorKind::Index,
            "shape mismatch: indexing arrays could not be broadcast together with shapes (2,) (3,) ",
        ),
        (get_index(&m, &[IndexItem::full(), arr(ints(&[5]))]), ErrorKind::Index, "index 5 is out of bounds for axis 1 with size 3"),
        (
            get_index(&m, &[IndexItem::NewAxis, IndexItem::full(), arr(ints(&[-4]))]),
            ErrorKind::Index,
            "index -4 is out of bounds for axis 1 with size 3",
        ),
        (
            get_index(&a, &[arr(NdArray::Float(Array::from_slice(&[1.0])))]),
            ErrorKind::Index,
            "arrays used as indices must be of integer (or boolean) type",
        ),
        (
            get_index(&a, &[arr(float(1.0))]),
            ErrorKind::Index,
            "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices",
        ),
    ];
    for (result, kind, text) in cases {
        assert_eq!(message(result), (kind, text.to_string()));
    }
}

#[test]
fn fancy_indexing_shapes() {
    let a = ints(&(10..20).collect::<Vec<_>>());
    assert_eq!(values(&get_index(&a, &[arr(ints(&[-1, -2, 0, 0]))]).unwrap()), vec![19, 18, 10, 10]);
    let x = arange(12, &[3, 4]);
    let r = get_index(&x, &[arr(ints(&[0, 1, 2])), arr(ints(&[3, 2, 1]))]).unwrap();
    assert_eq!(values(&r), vec![3, 6, 9]);
    let r = get_index(&x, &[IndexItem::full(), arr(ints(&[0, 3]))]).unwrap();
    assert_eq!((r.shape().to_vec(), values(&r)), (vec![3, 2], vec![0, 3, 4, 7, 8, 11]));
    assert!(!r.shares_buffer(&x));
    let idx2 = NdArray::Int(Array::from_vec(vec![2, 1], vec![0, 2]).unwrap());
    let r = get_index(&x, &[arr(idx2), arr(ints(&[1, 2]))]).unwrap();
    assert_eq!((r.shape().to_vec(), values(&r)), (vec![2, 2], vec![1, 2, 9, 10]));
    // Adjacent advanced indices stay in place; separated ones go first.
    let t = arange(24, &[2, 3, 4]);
    assert_eq!(get_index(&t, &[IndexItem::full(), arr(ints(&[0, 2])), IndexItem::Int(1)]).unwrap().shape(), &[2, 2]);
    let r = get_index(&t, &[arr(ints(&[0, 1])), IndexItem::full(), arr(ints(&[0, 3]))]).unwrap();
    assert_eq!((r.shape().to_vec(), values(&r)), (vec![2, 3], vec![0, 4, 8, 15, 19, 23]));
    assert_eq!(get_index(&t, &[IndexItem::Int(0), IndexItem::full(), arr(ints(&[0, 1]))]).unwrap().shape(), &[2, 3]);
    assert_eq!(
        values(&get_index(&t, &[IndexItem::Int(1), arr(ints(&[0, 1, 2])), arr(ints(&[3, 2, 1]))]).unwrap()),
        vec![15, 18, 21]
    );
    // An empty `...` between advanced indices separates them, as in NumPy.
    let m = arange(6, &[2, 3]);
    let sep = [
        slice(Some(1), None, Some(2)),
        IndexItem::Int(2),
        IndexItem::Ellipsis,
        arr(NdArray::from_scalar(Scalar::Bool(false))),
    ];
    assert_eq!(get_index(&m, &sep).unwrap().shape(), &[0, 1]);
    // Empty index arrays.
    assert_eq!(get_index(&a, &[arr(ints(&[]))]).unwrap().shape(), &[0]);
    // An empty float array is no index (the interpreter turns an empty *list* into an empty int array).
    let empty_float = arr(NdArray::Float(Array::from_slice(&[])));
    assert_eq!(get_index(&x, &[empty_float, IndexItem::full()]).unwrap_err().kind, ErrorKind::Index);
}

#[test]
fn boolean_masks() {
    let x = arange(12, &[3, 4]);
    let mask = NdArray::Bool(Array::from_vec(vec![3, 4], (0..12).map(|v| v > 5).collect()).unwrap());
    assert_eq!(values(&get_index(&x, &[arr(mask)]).unwrap()), vec![6, 7, 8, 9, 10, 11]);
    let rows = get_index(&x, &[arr(bools(&[false, true, true]))]).unwrap();
    assert_eq!(rows.shape(), &[2, 4]);
    let cols = get_index(&x, &[IndexItem::full(), arr(bools(&[true, false, true, false]))]).unwrap();
    assert_eq!(values(&cols), vec![0, 2, 4, 6, 8, 10]);
    let r = get_index(&x, &[arr(bools(&[false, true, true])), slice(Some(1), None, None)]).unwrap();
    assert_eq!((r.shape().to_vec(), values(&r)), (vec![2, 3], vec![5, 6, 7, 9, 10, 11]));
    // 0-d booleans add an axis of length 1 or 0.
    assert_eq!(get_index(&x, &[arr(NdArray::from_scalar(Scalar::Bool(true)))]).unwrap().shape(), &[1, 3, 4]);
    assert_eq!(get_index(&x, &[arr(NdArray::from_scalar(Scalar::Bool(false)))]).unwrap().shape(), &[0, 3, 4]);
    let e = get_index(&x, &[arr(NdArray::from_scalar(Scalar::Bool(false))), arr(ints(&[0, 1]))]).unwrap_err();
    assert_eq!(e.message, "shape mismatch: indexing arrays could not be broadcast together with shapes (0,) (2,) ");
}

#[test]
fn assignment_broadcasts_and_casts() {
    let m = NdArray::zeros(vec![3, 4], crate::array::DType::Int64).unwrap();
    set_index(&m, &[IndexItem::Int(0)], &int(1)).unwrap();
    set_index(&m, &[IndexItem::Int(1), IndexItem::full()], &ints(&[1, 2, 3, 4])).unwrap();
    set_index(&m, &[IndexItem::full(), IndexItem::Int(3)], &int(9)).unwrap();
    set_index(&m, &[IndexItem::Int(2), slice(Some(1), Some(3), None)], &ints(&[7, 8])).unwrap();
    assert_eq!(values(&m), vec![1, 1, 1, 9, 1, 2, 3, 9, 0, 7, 8, 9]);
    // Floats truncate into ints; leading length-1 axes of the value are ignored.
    let a = ints(&[1, 2, 3]);
    set_index(&a, &[IndexItem::Int(0)], &float(9.99)).unwrap();
    set_index(&a, &[IndexItem::Int(1)], &float(-2.7)).unwrap();
    set_index(&a, &[slice(Some(2), None, None)], &NdArray::Bool(Array::from_vec(vec![1, 1, 1], vec![true]).unwrap()))
        .unwrap();
    assert_eq!(values(&a), vec![9, -2, 1]);
    let e = set_index(&a, &[slice(Some(0), Some(2), None)], &ints(&[1, 2, 3])).unwrap_err();
    assert_eq!(e.message, "could not broadcast input array from shape (3,) into shape (2,)");
    assert_eq!(
        message(set_index(&a, &[IndexItem::Int(0)], &float(f64::NAN))),
        (ErrorKind::Value, "cannot convert float NaN to integer".into())
    );
    assert_eq!(message(set_index(&a, &[IndexItem::Int(0)], &float(f64::INFINITY))).0, ErrorKind::Overflow);
    assert_eq!(
        message(set_index(&a, &[IndexItem::Int(0)], &ints(&[5]))).1,
        "setting an array element with a sequence."
    );
    let c = NdArray::Complex(Array::from_slice(&[num_complex::Complex64::new(1.0, 2.0)]));
    let f = NdArray::Float(Array::from_slice(&[0.0, 0.0]));
    assert_eq!(message(set_index(&f, &[IndexItem::Int(0)], &NdArray::from_scalar(c.get_flat(0)))).0, ErrorKind::Type);
    // An array of complex drops the imaginary part, as NumPy's cast.
    set_index(&f, &[slice(None, None, None)], &c).unwrap();
    assert_eq!(f.to_scalars(), vec![Scalar::Float(1.0), Scalar::Float(1.0)]);
    // An array of NaN into ints casts as NumPy does (no error).
    set_index(&a, &[slice(None, Some(1), None)], &NdArray::Float(Array::from_slice(&[f64::NAN]))).unwrap();
    assert_eq!(values(&a)[0], i64::MIN);
}

#[test]
fn fancy_and_mask_assignment() {
    let m = NdArray::zeros(vec![3, 4], crate::array::DType::Int64).unwrap();
    set_index(&m, &[arr(ints(&[0, 2]))], &ints(&[1, 2, 3, 4])).unwrap();
    set_index(&m, &[arr(ints(&[0, 1, 2])), arr(ints(&[3, 2, 1]))], &int(9)).unwrap();
    set_index(&m, &[arr(ints(&[0, 2])), slice(Some(1), Some(3), None)], &int(-1)).unwrap();
    assert_eq!(values(&m), vec![1, -1, -1, 9, 0, 0, 9, 0, 1, -1, -1, 4]);
    let e = set_index(&m, &[arr(ints(&[0, 1]))], &ints(&[1, 2, 3])).unwrap_err();
    assert_eq!(
        e.message,
        "shape mismatch: value array of shape (3,) could not be broadcast to indexing result of shape (2,4)"
    );
    // Repeated indices: the last write wins.
    let b = ints(&[0, 0, 0, 0]);
    set_index(&b, &[arr(ints(&[2, 2, 2]))], &ints(&[1, 2, 3])).unwrap();
    assert_eq!(values(&b), vec![0, 0, 3, 0]);
    // Masks of the full shape.
    let c = arange(6, &[6]);
    let mask = bools(&[false, false, false, true, true, true]);
    set_index(&c, &[arr(mask.clone())], &ints(&[30, 40, 50])).unwrap();
    assert_eq!(values(&c), vec![0, 1, 2, 30, 40, 50]);
    let e = set_index(&c, &[arr(mask.clone())], &ints(&[1, 2])).unwrap_err();
    assert_eq!(
        e.message,
        "NumPy boolean array indexing assignment cannot assign 2 input values to the 3 output values where the mask is true"
    );
    let e =
        set_index(&c, &[arr(mask)], &NdArray::Int(Array::from_vec(vec![1, 3], vec![1, 2, 3]).unwrap())).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Type);
    // A row mask with a column block.
    let n = arange(12, &[3, 4]);
    let col = NdArray::Int(Array::from_vec(vec![3, 1], vec![-1, -2, -3]).unwrap());
    set_index(&n, &[IndexItem::full(), arr(bools(&[true, true, false, false]))], &col).unwrap();
    assert_eq!(values(&n), vec![-1, -1, 2, 3, -2, -2, 6, 7, -3, -3, 10, 11]);
    // A mask that is the array itself.
    let t = bools(&[true, false, true]);
    set_index(&t, &[arr(t.clone())], &NdArray::from_scalar(Scalar::Bool(false))).unwrap();
    assert_eq!(t.to_scalars(), vec![Scalar::Bool(false); 3]);
}

#[test]
fn aliasing_assignments_match_numpy() {
    let a = arange(5, &[5]);
    let src = get_index(&a, &[slice(None, Some(-1), None)]).unwrap();
    set_index(&a, &[slice(Some(1), None, None)], &src).unwrap();
    assert_eq!(values(&a), vec![0, 0, 1, 2, 3]);
    let b = arange(5, &[5]);
    let rev = get_index(&b, &[slice(None, None, Some(-1))]).unwrap();
    set_index(&b, &[IndexItem::full()], &rev).unwrap();
    assert_eq!(values(&b), vec![4, 3, 2, 1, 0]);
    // Row swap through fancy indices.
    let m = arange(6, &[3, 2]);
    let swapped = get_index(&m, &[arr(ints(&[1, 0]))]).unwrap();
    set_index(&m, &[arr(ints(&[0, 1]))], &swapped).unwrap();
    assert_eq!(values(&m), vec![2, 3, 0, 1, 4, 5]);
    // Indexing an array with itself.
    let s = ints(&[2, 0, 1]);
    set_index(&s, &[arr(s.clone())], &ints(&[10, 20, 30])).unwrap();
    assert_eq!(values(&s), vec![20, 30, 10]);
}

#[test]
fn empty_arrays_do_not_break_views() {
    let e = NdArray::zeros(vec![0, 3], crate::array::DType::Float64).unwrap();
    let col = get_index(&e, &[IndexItem::full(), IndexItem::Int(2)]).unwrap();
    assert_eq!(col.shape(), &[0]);
    assert!(col.to_scalars().is_empty());
    let tail = get_index(&e, &[IndexItem::full(), slice(Some(1), None, None)]).unwrap();
    assert_eq!(tail.shape(), &[0, 2]);
    set_index(&tail, &[], &float(1.0)).unwrap();
    assert_eq!(message(get_index(&e, &[arr(ints(&[0]))])).1, "index 0 is out of bounds for axis 0 with size 0");
    assert_eq!(get_index(&e, &[IndexItem::full(), arr(ints(&[0]))]).unwrap().shape(), &[0, 1]);
}

#[test]
fn big_single_index_gathers_match_the_reference() {
    // Big enough to run on several threads; negative indices count from
    // the end; a strided view as the source.
    let n = 300_000i64;
    let a = arange(2 * n, &[2 * n as usize]);
    let view = get_index(&a, &[slice(None, None, Some(2))]).unwrap();
    let idx: Vec<i64> = (0..400_000i64).map(|k| (k * 7919) % (2 * n) - n).collect();
    let got = get_index(&view, &[arr(ints(&idx))]).unwrap();
    let want: Vec<i64> = idx.iter().map(|&i| 2 * if i < 0 { i + n } else { i }).collect();
    assert_eq!(values(&got), want);
    // The first bad index is reported, however late it comes.
    let mut bad = idx.clone();
    bad[399_000] = n;
    bad[399_500] = -n - 1;
    assert_eq!(
        message(get_index(&view, &[arr(ints(&bad))])).1,
        format!("index {n} is out of bounds for axis 0 with size {n}")
    );
    bad[399_000] = 0;
    assert_eq!(
        message(get_index(&view, &[arr(ints(&bad))])).1,
        format!("index {} is out of bounds for axis 0 with size {n}", -n - 1)
    );
}
