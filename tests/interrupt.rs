//! Ctrl-C on long array work: with the process-wide cancel flag set, big
//! reductions, scans, sorts and mask selections stop with
//! `ErrorKind::Interrupted` instead of running to the end, while writes
//! into an existing array (mask and in-place assignment) always finish, so
//! an interrupted statement never leaves a half-updated array. (A test binary
//! of its own, so the flag never disturbs the library's other tests; the
//! tests here share a lock since the flag is process-wide.)

use npl::array::index::{get_index, set_index, IndexItem};
use npl::array::{cancel, reduce, sort, Array, ErrorKind, IntoNdArray, NdArray};
use std::sync::Mutex;

static FLAG: Mutex<()> = Mutex::new(());

fn big(n: usize) -> NdArray {
    let data: Vec<f64> = (0..n).map(|i| ((i * 7919) % 1000) as f64 * 0.001).collect();
    Array::from_vec(vec![n], data).unwrap().into_nd()
}

fn big_matrix(rows: usize, cols: usize) -> NdArray {
    let data: Vec<f64> = (0..rows * cols).map(|i| ((i * 7919) % 1000) as f64 * 0.001).collect();
    Array::from_vec(vec![rows, cols], data).unwrap().into_nd()
}

/// Runs `f` with the cancel flag set and expects an interrupt.
fn interrupted<T>(f: impl FnOnce() -> Result<T, npl::array::ArrayError>) {
    let _guard = FLAG.lock().unwrap_or_else(|e| e.into_inner());
    cancel::request();
    let r = f();
    cancel::clear();
    match r {
        Err(e) => assert_eq!(e.kind, ErrorKind::Interrupted),
        Ok(_) => panic!("expected an interrupt"),
    }
}

#[test]
fn reductions_stop_on_request() {
    let a = big(1 << 21);
    let m = big_matrix(1024, 2048);
    interrupted(|| reduce::sum(&a, None, false));
    interrupted(|| reduce::sum(&m, Some(&[0]), false));
    interrupted(|| reduce::sum(&m, Some(&[1]), false));
    interrupted(|| reduce::mean(&m, None, false));
    interrupted(|| reduce::std(&m, Some(&[0]), 0.0, false));
    interrupted(|| reduce::var(&a, None, 0.0, false));
    interrupted(|| reduce::argmax(&a, None, false));
    interrupted(|| reduce::cumsum(&a, None));
    interrupted(|| reduce::cumsum(&m, Some(1)));
}

#[test]
fn sorts_stop_on_request() {
    let a = big(1 << 21);
    interrupted(|| sort::sort(&a, None));
    interrupted(|| sort::argsort(&a, None));
}

#[test]
fn mask_selection_stops_on_request() {
    let n = 1 << 21;
    let a = big(n);
    let mask: Vec<bool> = (0..n).map(|i| i % 3 == 0).collect();
    let mask = IndexItem::Array(Array::from_vec(vec![n], mask).unwrap().into_nd());
    interrupted(|| get_index(&a, std::slice::from_ref(&mask)));
}

#[test]
fn writes_into_an_existing_array_finish_despite_a_request() {
    let _guard = FLAG.lock().unwrap_or_else(|e| e.into_inner());
    let n = 1 << 21;
    let a = big(n);
    let mask: Vec<bool> = (0..n).map(|i| i % 3 == 0).collect();
    let mask = IndexItem::Array(Array::from_vec(vec![n], mask).unwrap().into_nd());
    let zero = Array::from_vec(vec![], vec![0.0]).unwrap().into_nd();
    let ones = Array::from_vec(vec![n.div_ceil(3)], vec![1.0; n.div_ceil(3)]).unwrap().into_nd();
    cancel::request();
    let single = set_index(&a, std::slice::from_ref(&mask), &zero);
    let total_after_zero = reduce::sum(&a, None, false);
    let many = set_index(&a, std::slice::from_ref(&mask), &ones);
    let one = Array::from_vec(vec![], vec![1.0]).unwrap().into_nd();
    let added = npl::array::elementwise::binary_inplace(npl::array::elementwise::BinaryOp::Add, &a, &one);
    cancel::clear();
    assert!(single.is_ok() && many.is_ok() && added.is_ok());
    assert!(total_after_zero.is_err(), "reductions still stop");
    let selected = get_index(&a, std::slice::from_ref(&mask)).unwrap();
    let count = n.div_ceil(3) as f64;
    assert_eq!(reduce::sum(&selected, None, false).unwrap().get_flat(0).to_f64(), 2.0 * count);
}

#[test]
fn work_runs_normally_after_clear() {
    let _guard = FLAG.lock().unwrap_or_else(|e| e.into_inner());
    cancel::clear();
    let a = big(1 << 21);
    assert!(reduce::sum(&a, None, false).is_ok());
    assert!(sort::sort(&a, None).is_ok());
}
