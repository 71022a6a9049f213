//! Products checked against NumPy 2.4 (with its OpenBLAS on x86-64).

use super::*;
use crate::array::{DType, ErrorKind, Scalar};

fn ints(shape: &[usize], v: Vec<i64>) -> NdArray {
    NdArray::Int(Array::from_vec(shape.to_vec(), v).unwrap())
}
fn floats(shape: &[usize], v: Vec<f64>) -> NdArray {
    NdArray::Float(Array::from_vec(shape.to_vec(), v).unwrap())
}
fn iv(a: &NdArray) -> Vec<i64> {
    a.to_int().to_vec()
}
/// `((i * 2654435761) % 2**32) / 2**32` for i in start..start+n.
fn lcg(n: u64, start: u64) -> Vec<f64> {
    (start..start + n).map(|i| ((i * 2_654_435_761) % (1 << 32)) as f64 / 4_294_967_296.0).collect()
}

#[test]
fn int_products() {
    let a = ints(&[3], vec![1, 2, 3]);
    let b = ints(&[3], vec![4, 5, 6]);
    assert_eq!(dot(&a, &b).unwrap().item(), Some(Scalar::Int(32)));
    assert_eq!(matmul(&a, &b).unwrap().item(), Some(Scalar::Int(32)));
    assert_eq!(inner(&a, &b).unwrap().item(), Some(Scalar::Int(32)));
    assert_eq!(vdot(&a, &b).unwrap().item(), Some(Scalar::Int(32)));
    assert_eq!(iv(&outer(&a, &b).unwrap()), vec![4, 5, 6, 8, 10, 12, 12, 15, 18]);
    assert_eq!(iv(&cross(&a, &b).unwrap()), vec![-3, 6, -3]);
    let m = ints(&[2, 2], vec![1, 2, 3, 4]);
    let p = ints(&[2, 2], vec![0, 1, 1, 0]);
    assert_eq!(iv(&matmul(&m, &p).unwrap()), vec![2, 1, 4, 3]);
    assert_eq!(iv(&matmul(&m, &ints(&[2], vec![1, 1])).unwrap()), vec![3, 7]);
    assert_eq!(iv(&matmul(&ints(&[2], vec![1, 1]), &m).unwrap()), vec![4, 6]);
    assert_eq!(iv(&inner(&m, &p).unwrap()), vec![2, 1, 4, 3]);
    assert_eq!(iv(&dot(&ints(&[], vec![3]), &a).unwrap()), vec![3, 6, 9]);
    let big = ints(&[2], vec![i64::MAX, 1]);
    assert_eq!(dot(&big, &ints(&[2], vec![2, 0])).unwrap_err().kind, ErrorKind::Overflow);
}

#[test]
fn float_dots_use_numpys_blas_arithmetic() {
    let x = floats(&[40], lcg(40, 0));
    let y = floats(&[40], lcg(40, 1000));
    assert_eq!(dot(&x, &y).unwrap().item(), Some(Scalar::Float(12.185478262872222)));
    let x10 = floats(&[10], lcg(10, 0));
    let y10 = floats(&[10], lcg(10, 1000));
    assert_eq!(dot(&x10, &y10).unwrap().item(), Some(Scalar::Float(3.3775768546820175)));
    let xs = with_array!(&x, v => v.view(vec![20], vec![2], 0).into_nd());
    let ys = with_array!(&y, v => v.view(vec![20], vec![2], 0).into_nd());
    assert_eq!(dot(&xs, &ys).unwrap().item(), Some(Scalar::Float(5.8812861428766)));
    let a = floats(&[3, 4], lcg(12, 0));
    let b = floats(&[4, 5], lcg(20, 500));
    let c = matmul(&a, &b).unwrap().to_float().to_vec();
    assert_eq!(&c[..3], &[0.35837167078150484, 1.4140997500664403, 0.7616239087225002]);
}

#[test]
fn complex_dots() {
    let z: Vec<num_complex::Complex64> =
        lcg(20, 0).into_iter().zip(lcg(20, 77)).map(|(r, i)| num_complex::Complex64::new(r, i)).collect();
    let w: Vec<num_complex::Complex64> =
        lcg(20, 5).into_iter().zip(lcg(20, 9)).map(|(r, i)| num_complex::Complex64::new(r, -i)).collect();
    let (z, w) = (NdArray::Complex(Array::from_slice(&z)), NdArray::Complex(Array::from_slice(&w)));
    let d = dot(&z, &w).unwrap().item().unwrap().to_c64();
    assert_eq!(d, num_complex::Complex64::new(11.581557361670235, 0.12817868047983527));
    let v = vdot(&z, &w).unwrap().item().unwrap().to_c64();
    assert_eq!(v, num_complex::Complex64::new(0.5711362669821787, -7.575213821020564));
}

#[test]
fn shapes_of_products() {
    let t = floats(&[2, 2, 3], vec![1.0; 12]);
    assert_eq!(matmul(&t, &floats(&[3, 4], vec![1.0; 12])).unwrap().shape(), &[2, 2, 4]);
    assert_eq!(matmul(&floats(&[3], vec![1.0; 3]), &floats(&[4, 3, 2], vec![1.0; 24])).unwrap().shape(), &[4, 2]);
    assert_eq!(
        dot(&floats(&[2, 3, 4], vec![1.0; 24]), &floats(&[5, 4, 6], vec![1.0; 120])).unwrap().shape(),
        &[2, 3, 5, 6]
    );
    assert_eq!(inner(&floats(&[2, 3], vec![1.0; 6]), &floats(&[4, 3], vec![1.0; 12])).unwrap().shape(), &[2, 4]);
    assert_eq!(matmul(&floats(&[2, 0], vec![]), &floats(&[0, 2], vec![])).unwrap().to_float().to_vec(), vec![0.0; 4]);
    let k = kron(&ints(&[2], vec![1, 2]), &ints(&[2, 1], vec![1, 10])).unwrap();
    assert_eq!((k.shape().to_vec(), iv(&k)), (vec![2, 2], vec![1, 2, 10, 20]));
    let td = tensordot(&floats(&[2, 3], vec![1.0; 6]), &floats(&[3, 4], vec![1.0; 12]), &TensorAxes::Count(1)).unwrap();
    assert_eq!(td.shape(), &[2, 4]);
    assert_eq!(
        dot(&NdArray::Bool(Array::from_slice(&[true, false])), &NdArray::Bool(Array::from_slice(&[true, true])))
            .unwrap()
            .dtype(),
        DType::Bool
    );
}

#[test]
fn product_errors_are_numpys() {
    let e = dot(&floats(&[2, 3], vec![0.0; 6]), &floats(&[2, 3], vec![0.0; 6])).unwrap_err();
    assert_eq!(e.message, "shapes (2,3) and (2,3) not aligned: 3 (dim 1) != 2 (dim 0)");
    let e = matmul(&floats(&[2, 3], vec![0.0; 6]), &floats(&[2, 3], vec![0.0; 6])).unwrap_err();
    assert_eq!(
        e.message,
        "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size 2 is different from 3)"
    );
    let e = matmul(&ints(&[], vec![1]), &floats(&[2], vec![0.0; 2])).unwrap_err();
    assert_eq!(
        e.message,
        "matmul: Input operand 0 does not have enough dimensions (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)"
    );
    let e = matmul(&floats(&[2, 2, 3], vec![0.0; 12]), &floats(&[3, 3, 2], vec![0.0; 18])).unwrap_err();
    assert_eq!(
        e.message,
        "operands could not be broadcast together with remapped shapes [original->remapped]: (2,2,3)->(2,newaxis,newaxis) (3,3,2)->(3,newaxis,newaxis)  and requested shape (2,2)"
    );
    let e = vdot(&floats(&[3], vec![0.0; 3]), &floats(&[2], vec![0.0; 2])).unwrap_err();
    assert_eq!(e.message, "cannot reshape array of size 2 into shape (3,)");
    let e = cross(&floats(&[4], vec![0.0; 4]), &floats(&[3], vec![0.0; 3])).unwrap_err();
    assert_eq!(e.message, "incompatible dimensions for cross product\n(dimension must be 2 or 3)");
    let e =
        tensordot(&floats(&[2, 3], vec![0.0; 6]), &floats(&[2, 4], vec![0.0; 8]), &TensorAxes::Count(1)).unwrap_err();
    assert_eq!(e.message, "shape-mismatch for sum");
}

#[test]
fn cross_products_of_two_vectors() {
    let z = cross(&ints(&[2], vec![1, 2]), &ints(&[2], vec![3, 4])).unwrap();
    assert_eq!((z.ndim(), iv(&z)), (0, vec![-2]));
    assert_eq!(iv(&cross(&ints(&[2], vec![1, 2]), &ints(&[3], vec![3, 4, 5])).unwrap()), vec![10, -5, -2]);
}

#[test]
fn large_float_products_run_on_nalgebra() {
    let n = 80;
    let a = floats(&[n, n], lcg((n * n) as u64, 0));
    let id: Vec<f64> = (0..n * n).map(|k| if k / n == k % n { 1.0 } else { 0.0 }).collect();
    let c = matmul(&a, &floats(&[n, n], id)).unwrap();
    assert_eq!(c.to_float().to_vec(), a.to_float().to_vec());
    let t = crate::array::manip::transpose(&a, None).unwrap();
    let g = matmul(&t, &a).unwrap().to_float().to_vec();
    assert!((g[1] - g[n]).abs() < 1e-12);
}

#[test]
fn matrix_vector_rows_in_groups_of_four_keep_each_rows_gemv_order() {
    // Both cross the matrix-vector threshold; 2003 rows leave a remainder of 3.
    for (m, k) in [(2000usize, 300usize), (2003, 301)] {
        let a = floats(&[m, k], lcg((m * k) as u64, 3));
        let x: Vec<f64> = lcg(k as u64, 11);
        let r = matmul(&a, &floats(&[k], x.clone())).unwrap().to_float().to_vec();
        let av = a.to_float().to_vec();
        for (i, got) in r.iter().enumerate() {
            let row = &av[i * k..(i + 1) * k];
            let edge = gemv::edge_rows(m, k).into_iter().find(|&(r, _)| r == i);
            let expect = match edge {
                Some((_, e)) => gemv::edge_row(row, &x, e),
                None => gemv::row1(row, &x),
            };
            assert_eq!(got.to_bits(), expect.to_bits(), "row {i}");
        }
    }
}

#[test]
fn small_float_products_match_the_general_path_bit_for_bit() {
    // The general path, reached through a non-contiguous copy of `a`.
    // (Not matrix-vector products: NumPy hands `A @ x` with `A` in F order
    // to another BLAS kernel than with `A` in C order.)
    for (m, k, n) in [(3usize, 3usize, 3usize), (2, 5, 1), (1, 4, 3), (16, 16, 16), (5, 1, 7)] {
        let a = floats(&[m, k], lcg((m * k) as u64, 5).iter().map(|x| x - 0.3).collect());
        let b = if n == 0 { floats(&[k], lcg(k as u64, 9)) } else { floats(&[k, n], lcg((k * n) as u64, 9)) };
        let fast = matmul(&a, &b).unwrap();
        let at = transpose(&transpose(&a, None).unwrap().copy(), None).unwrap();
        assert!(!at.strides().ends_with(&[1]) || m == 1 || k == 1);
        let general = matmul(&at, &b).unwrap();
        assert_eq!(fast.shape(), general.shape());
        let bits = |r: &NdArray| r.to_float().to_vec().iter().map(|v| v.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&fast), bits(&general), "{m}x{k} @ {k}x{n}");
    }
}

#[test]
fn in_order_products_give_the_same_bits_whether_b_has_contiguous_rows_or_columns() {
    use super::kernel::{fma_gemm, Mat};
    let specials = [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -0.0, 1e300, -1e-310];
    for m in 1..=9usize {
        for k in [1usize, 3, 10, 33] {
            for n in [8usize, 9, 10, 11, 12, 13, 14, 15, 16, 17, 24] {
                let mut av: Vec<f64> = lcg((m * k) as u64, 3).iter().map(|x| x - 0.4).collect();
                let mut bv: Vec<f64> = lcg((k * n) as u64, 7).iter().map(|x| x * 3.0 - 1.0).collect();
                if (m + k + n) % 3 == 0 {
                    av[(m * k) / 2] = specials[(m + n) % specials.len()];
                    bv[(k * n) / 3] = specials[(k + n) % specials.len()];
                }
                // b in C order (rows contiguous) and the same matrix in F order.
                let bf: Vec<f64> = (0..k * n).map(|p| bv[(p % k) * n + p / k]).collect();
                let a = Mat { buf: &av, off: 0, rs: k as isize, cs: 1 };
                let (mut rows, mut cols) = (vec![0.0; m * n], vec![0.0; m * n]);
                fma_gemm(a, Mat { buf: &bv, off: 0, rs: n as isize, cs: 1 }, m, k, n, &mut rows);
                fma_gemm(a, Mat { buf: &bf, off: 0, rs: 1, cs: k as isize }, m, k, n, &mut cols);
                let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
                assert_eq!(bits(&rows), bits(&cols), "{m}x{k} @ {k}x{n}");
            }
        }
    }
}
