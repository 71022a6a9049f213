//! Decompositions: `eig`, `eigvals`, `eigh`, `eigvalsh`, `svd`, `svdvals`,
//! `qr` and `cholesky`.

use super::decl;
use super::stacked::{
    array_ref, assemble, each, each_square, first_array, float_array, is_complex, lin, mats_array, need_2d,
    need_square, push_rows, small_square, stack_of, Kern,
};
use crate::array::{Array, NdArray};
use crate::builtins::args::bind;
use crate::builtins::reductions::flag;
use crate::eval::error::{value_error, EvalResult};
use crate::eval::function::Args;
use crate::eval::Interp;
use crate::linalg::{self as kern, QrMode, QrResult};
use crate::value::Value;
use nalgebra::DMatrix;
use num_complex::Complex64;

/// Complex results as NumPy returns them: float64 when `real`.
fn complex_result(batch: &[usize], core: &[usize], parts: Vec<Vec<Complex64>>, real: bool) -> EvalResult<NdArray> {
    if real {
        float_array(batch, core, parts.into_iter().map(|p| p.into_iter().map(|z| z.re).collect()).collect())
    } else {
        assemble(batch, core, parts)
    }
}

/// `(w, v)` of every matrix, or `w` alone; real arrays when all eigenvalues are real.
fn eig_t<T: Kern>(a: &NdArray, vectors: bool) -> EvalResult<Value> {
    let s = stack_of::<T>(a);
    let n = s.rows;
    let mut real = !T::IS_COMPLEX;
    let mut ws = Vec::with_capacity(s.mats.len());
    let mut vs = Vec::with_capacity(s.mats.len());
    for m in &s.mats {
        if vectors {
            let r = kern::eig(m).map_err(lin)?;
            real &= r.real;
            ws.push(r.values.as_slice().to_vec());
            vs.push(r.vectors.transpose().as_slice().to_vec());
        } else {
            let (w, r) = kern::eigvals(m).map_err(lin)?;
            real &= r;
            ws.push(w.as_slice().to_vec());
        }
    }
    let w = complex_result(&s.batch, &[n], ws, real)?;
    if !vectors {
        return Ok(Value::array(w));
    }
    let v = complex_result(&s.batch, &[n, n], vs, real)?;
    Ok(Value::named_tuple(&"EigResult", &["eigenvalues", "eigenvectors"], vec![Value::array(w), Value::array(v)]))
}

/// Shared by `eig` and `eigvals`.
fn eig_common(args: Args, name: &str, vectors: bool) -> EvalResult {
    let mut b = bind(decl(name), args)?;
    let a = first_array(&mut b)?;
    need_square(&a)?;
    if is_complex(&a) {
        eig_t::<Complex64>(&a, vectors)
    } else {
        eig_t::<f64>(&a, vectors)
    }
}

/// `np.linalg.eig`.
pub(super) fn np_eig(_: &mut Interp, args: Args) -> EvalResult {
    eig_common(args, "eig", true)
}

/// `np.linalg.eigvals`.
pub(super) fn np_eigvals(_: &mut Interp, args: Args) -> EvalResult {
    eig_common(args, "eigvals", false)
}

/// `(w, v)` (or `w`) of every symmetric / Hermitian matrix.
fn eigh_t<T: Kern>(a: &NdArray, upper: bool, vectors: bool) -> EvalResult<Value> {
    let s = stack_of::<T>(a);
    let n = s.rows;
    let mut ws = Vec::with_capacity(s.mats.len());
    let mut vs = Vec::with_capacity(s.mats.len());
    for m in &s.mats {
        // The upper triangle of `m` is the (conjugated) lower one of its adjoint.
        let (w, v) = if upper { kern::eigh(&m.adjoint()) } else { kern::eigh(m) }.map_err(lin)?;
        ws.push(w.as_slice().to_vec());
        if vectors {
            vs.push(v);
        }
    }
    let w = float_array(&s.batch, &[n], ws)?;
    if !vectors {
        return Ok(Value::array(w));
    }
    let v = mats_array(&s.batch, n, n, &vs)?;
    Ok(Value::named_tuple(&"EighResult", &["eigenvalues", "eigenvectors"], vec![Value::array(w), Value::array(v)]))
}

/// `eigh` / `eigvalsh` of real matrices below the small size, straight
/// from the array's data (row-major) into the results' buffers: LAPACK's
/// dsyevd path up to 25 rows (NumPy's signs), the nalgebra-like kernel
/// above.
fn eigh_small(a: &NdArray, upper: bool, vectors: bool) -> EvalResult<Value> {
    let shape = a.shape();
    let nd = shape.len();
    let n = shape[nd - 1];
    let batch = &shape[..nd - 2];
    let count: usize = batch.iter().product();
    let mut ws = vec![0.0; count * n];
    let mut vs = vec![0.0; if vectors { count * n * n } else { 0 }];
    let mut k = 0;
    each_square::<f64>(a, n, |m| {
        let v = if vectors { Some(&mut vs[k * n * n..(k + 1) * n * n]) } else { None };
        let w = &mut ws[k * n..(k + 1) * n];
        if n <= kern::lapack_eigh::LAPACK_EIGH_MAX {
            kern::lapack_eigh::eigh_into(m, n, upper, w, v).map_err(lin)?;
        } else {
            kern::small_eigh::eigh_into(m, n, upper, w, v).map_err(lin)?;
        }
        k += 1;
        Ok(())
    })?;
    let mut core = batch.to_vec();
    core.push(n);
    let w = Value::array(NdArray::Float(Array::from_vec(core.clone(), ws)?));
    if !vectors {
        return Ok(w);
    }
    core.push(n);
    let v = Value::array(NdArray::Float(Array::from_vec(core, vs)?));
    Ok(Value::named_tuple(&"EighResult", &["eigenvalues", "eigenvectors"], vec![w, v]))
}

/// Shared by `eigh` and `eigvalsh`.
fn eigh_common(args: Args, name: &str, vectors: bool) -> EvalResult {
    let mut b = bind(decl(name), args)?;
    let v0 = b.required(0)?;
    let mut slot = None;
    let a = array_ref(&v0, &mut slot)?;
    let upper = match b.get(1) {
        None => false,
        Some(Value::Str(s)) if matches!(s.as_ref(), "L" | "l") => false,
        Some(Value::Str(s)) if matches!(s.as_ref(), "U" | "u") => true,
        Some(_) => return Err(value_error("UPLO argument must be 'L' or 'U'")),
    };
    need_square(a)?;
    if is_complex(a) {
        eigh_t::<Complex64>(a, upper, vectors)
    } else if small_square(a) {
        eigh_small(a, upper, vectors)
    } else {
        eigh_t::<f64>(a, upper, vectors)
    }
}

/// `np.linalg.eigh`.
pub(super) fn np_eigh(_: &mut Interp, args: Args) -> EvalResult {
    eigh_common(args, "eigh", true)
}

/// `np.linalg.eigvalsh`.
pub(super) fn np_eigvalsh(_: &mut Interp, args: Args) -> EvalResult {
    eigh_common(args, "eigvalsh", false)
}

/// `(U, S, Vh)` of every matrix, or `S` alone.
fn svd_t<T: Kern>(a: &NdArray, full: bool, uv: bool) -> EvalResult<Value> {
    let s = stack_of::<T>(a);
    let (m, n) = (s.rows, s.cols);
    let k = m.min(n);
    if !uv {
        let out = each(&s, kern::svd_values)?;
        return Ok(Value::array(float_array(&s.batch, &[k], out.iter().map(|v| v.as_slice().to_vec()).collect())?));
    }
    let out = each(&s, |x| kern::svd(x, full))?;
    let (um, vn) = if full { (m, n) } else { (k, k) };
    let us: Vec<DMatrix<T>> = out.iter().map(|r| r.0.clone()).collect();
    let ss: Vec<Vec<f64>> = out.iter().map(|r| r.1.as_slice().to_vec()).collect();
    let vs: Vec<DMatrix<T>> = out.iter().map(|r| r.2.clone()).collect();
    Ok(Value::named_tuple(
        &"SVDResult",
        &["U", "S", "Vh"],
        vec![
            Value::array(mats_array(&s.batch, m, um, &us)?),
            Value::array(float_array(&s.batch, &[k], ss)?),
            Value::array(mats_array(&s.batch, vn, n, &vs)?),
        ],
    ))
}

/// `np.linalg.svd`.
pub(super) fn np_svd(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("svd"), args)?;
    let a = first_array(&mut b)?;
    let full = b.get(1).is_none() || flag(interp, &b, 1)?;
    let uv = b.get(2).is_none() || flag(interp, &b, 2)?;
    need_2d(&a)?;
    if is_complex(&a) {
        svd_t::<Complex64>(&a, full, uv)
    } else {
        svd_t::<f64>(&a, full, uv)
    }
}

/// `np.linalg.svdvals`.
pub(super) fn np_svdvals(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("svdvals"), args)?;
    let a = first_array(&mut b)?;
    need_2d(&a)?;
    if is_complex(&a) {
        svd_t::<Complex64>(&a, false, false)
    } else {
        svd_t::<f64>(&a, false, false)
    }
}

/// QR of every matrix, shaped by `mode`.
fn qr_t<T: Kern>(a: &NdArray, mode: QrMode) -> EvalResult<Value> {
    let s = stack_of::<T>(a);
    let (m, n) = (s.rows, s.cols);
    let k = m.min(n);
    let out = each(&s, |x| kern::qr(x, mode))?;
    let mut firsts = Vec::new();
    let mut seconds = Vec::new();
    for r in &out {
        match r {
            QrResult::QR(q, rr) => {
                push_rows(&mut firsts, q);
                push_rows(&mut seconds, rr);
            }
            QrResult::R(rr) => push_rows(&mut firsts, rr),
            QrResult::Raw(h, tau) => {
                push_rows(&mut firsts, h);
                seconds.extend_from_slice(tau.as_slice());
            }
        }
    }
    let array = |core: &[usize], data: Vec<T>| -> EvalResult<Value> {
        let mut shape = s.batch.clone();
        shape.extend_from_slice(core);
        Ok(Value::array(T::wrap(Array::from_vec(shape, data)?)))
    };
    Ok(match mode {
        QrMode::Reduced => {
            Value::named_tuple(&"QRResult", &["Q", "R"], vec![array(&[m, k], firsts)?, array(&[k, n], seconds)?])
        }
        QrMode::Complete => {
            Value::named_tuple(&"QRResult", &["Q", "R"], vec![array(&[m, m], firsts)?, array(&[m, n], seconds)?])
        }
        QrMode::R => array(&[k, n], firsts)?,
        QrMode::Raw => Value::tuple(vec![array(&[n, m], firsts)?, array(&[k], seconds)?]),
    })
}

/// `np.linalg.qr`.
pub(super) fn np_qr(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("qr"), args)?;
    let a = first_array(&mut b)?;
    let mode = match b.get(1) {
        None => QrMode::Reduced,
        Some(Value::Str(s)) => match s.as_ref() {
            "reduced" => QrMode::Reduced,
            "complete" => QrMode::Complete,
            "r" => QrMode::R,
            "raw" => QrMode::Raw,
            other => return Err(value_error(format!("Unrecognized mode '{other}'"))),
        },
        Some(other) => return Err(value_error(format!("Unrecognized mode '{}'", other.type_name()))),
    };
    need_2d(&a)?;
    if is_complex(&a) {
        qr_t::<Complex64>(&a, mode)
    } else {
        qr_t::<f64>(&a, mode)
    }
}

/// Cholesky factors of every matrix (`upper` gives the adjoint).
fn cholesky_t<T: Kern>(a: &NdArray, upper: bool) -> EvalResult<NdArray> {
    if !T::IS_COMPLEX && !small_square(a) && a.size() > 0 {
        // Real input at faer's size: straight on the array's data.
        let arr = a.to_float();
        let shape = arr.shape().to_vec();
        let n = shape[shape.len() - 1];
        let mut out = Vec::with_capacity(arr.size());
        arr.with_slice(|data| -> EvalResult<()> {
            for m in data.chunks_exact(n * n) {
                crate::array::cancel::check()?;
                out.extend_from_slice(&kern::cholesky_rows_f64(m, n, upper).map_err(lin)?);
            }
            Ok(())
        })?;
        return Ok(T::wrap(T::array_of(&NdArray::Float(Array::from_vec(shape, out)?))));
    }
    if small_square(a) {
        let shape = a.shape().to_vec();
        let n = shape[shape.len() - 1];
        let mut out = Vec::with_capacity(a.size());
        each_square::<T>(a, n, |m| {
            let l = kern::small::cholesky(m, n).map_err(lin)?;
            if upper {
                out.extend((0..n * n).map(|k| l[(k % n) * n + k / n].conjugate()));
            } else {
                out.extend_from_slice(&l);
            }
            Ok(())
        })?;
        return Ok(T::wrap(Array::from_vec(shape, out)?));
    }
    let s = stack_of::<T>(a);
    let out = each(&s, |m| kern::cholesky(m).map(|l| if upper { l.adjoint() } else { l }))?;
    mats_array(&s.batch, s.rows, s.cols, &out)
}

/// `np.linalg.cholesky`.
pub(super) fn np_cholesky(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("cholesky"), args)?;
    let a = first_array(&mut b)?;
    let upper = flag(interp, &b, 1)?;
    need_square(&a)?;
    Ok(Value::array(if is_complex(&a) { cholesky_t::<Complex64>(&a, upper)? } else { cholesky_t::<f64>(&a, upper)? }))
}
