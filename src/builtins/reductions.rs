//! NumPy's reductions and statistics: `sum mean std var min max argmin
//! argmax prod cumsum cumprod all any ptp median percentile quantile
//! average cov corrcoef count_nonzero trace`. The ndarray methods of the
//! same names call these.

use super::args::{bind, Bound};
use super::array_glue::{operand, result_value};
use super::Builtin;
use crate::array::reduce;
use crate::array::{ArrayResult, NdArray};
use crate::builtin;
use crate::eval::error::{type_error, EvalResult};
use crate::eval::function::Args;
use crate::eval::Interp;
use crate::value::Value;

/// An `axis=` argument: None, an int, or a tuple of ints.
pub fn axes_arg(v: Option<&Value>) -> EvalResult<Option<Vec<isize>>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Tuple(items)) => Ok(Some(
            items.iter().map(|i| super::convert::to_index(i, "").map(|x| x as isize)).collect::<EvalResult<_>>()?,
        )),
        Some(Value::List(items)) => Ok(Some(
            items
                .borrow()
                .iter()
                .map(|i| super::convert::to_index(i, "").map(|x| x as isize))
                .collect::<EvalResult<_>>()?,
        )),
        Some(other) => Ok(Some(vec![super::convert::to_index(other, "")
            .map_err(|_| type_error(format!("'{}' object cannot be interpreted as an integer", other.type_name())))?
            as isize])),
    }
}

/// A single `axis=` argument (None or an int).
pub fn axis_arg(v: Option<&Value>) -> EvalResult<Option<isize>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(other) => Ok(Some(super::convert::to_index(other, "")? as isize)),
    }
}

/// A boolean flag argument.
pub fn flag(interp: &mut Interp, b: &Bound, i: usize) -> EvalResult<bool> {
    match b.get(i) {
        Some(v) => {
            let v = v.clone();
            interp.truthy(&v)
        }
        None => Ok(false),
    }
}

type AxisReducer = fn(&NdArray, Option<&[isize]>, bool) -> ArrayResult<NdArray>;

/// A whole-array reduction to a float that skips the general machinery for
/// the arrays it takes (`None` for the others).
type WholeFloat = fn(&NdArray) -> Option<f64>;

fn reduce_with(
    interp: &mut Interp,
    decl: &'static Builtin,
    args: Args,
    f: AxisReducer,
    whole: Option<WholeFloat>,
) -> EvalResult {
    if let (Some(whole), [Value::Array(a)], true) = (whole, args.positional.as_slice(), args.keywords.is_empty()) {
        if let Some(x) = whole(a) {
            return Ok(Value::Float(x));
        }
    }
    let mut b = bind(decl, args)?;
    let a = operand(&b.required(0)?)?;
    let axes = axes_arg(b.get(1))?;
    let keepdims = flag(interp, &b, 2)?;
    Ok(result_value(f(&a, axes.as_deref(), keepdims)?))
}

macro_rules! axis_reductions {
    (@whole) => { None };
    (@whole $whole:path) => { Some($whole as WholeFloat) };
    (@sig) => { "(a, axis=None, keepdims=False)" };
    (@sig $sig:literal) => { $sig };
    ($( $fname:ident $idx:literal $name:literal $(@ $sig:literal)? $f:path $(| $whole:path)?, $doc:literal; )*) => {
        $( pub(crate) fn $fname(interp: &mut Interp, args: Args) -> EvalResult {
            let whole: Option<WholeFloat> = None $(.or(Some($whole)))?;
            reduce_with(interp, &BUILTINS[$idx], args, $f, whole)
        } )*
        /// The reducer of each function above, by its index in [`BUILTINS`].
        const AXIS_REDUCERS: &[(AxisReducer, Option<WholeFloat>)] = &[
            $( ($f, axis_reductions!(@whole $($whole)?)), )*
        ];
        /// NumPy's reductions and statistics.
        pub static BUILTINS: &[Builtin] = &[
            $( builtin!("numpy", $name, Function, axis_reductions!(@sig $($sig)?), $doc, $fname), )*
            builtin!("numpy", "var", Function, "(a, axis=None, ddof=0, keepdims=False)", "Variance: mean of squared deviations, divided by n - ddof.\nRaises AxisError for a bad axis; TypeError for non-numeric input.\n>>> np.var(np.array([1.0, 2.0, 3.0, 4.0]))\n1.25", np_var),
            builtin!("numpy", "std", Function, "(a, axis=None, ddof=0, keepdims=False)", "Standard deviation: sqrt of var.\nRaises AxisError for a bad axis; TypeError for non-numeric input.\n>>> np.std(np.array([1.0, 2.0, 3.0, 4.0]))\n1.118033988749895", np_std),
            builtin!("numpy", "argmin", Function, "(a, axis=None, keepdims=False)", "Index of the smallest element (of the flattened array unless axis is given).\nRaises ValueError for an empty array; AxisError for a bad axis.\n>>> np.argmin(np.array([3, 1, 2]))\n1", np_argmin),
            builtin!("numpy", "argmax", Function, "(a, axis=None, keepdims=False)", "Index of the largest element (of the flattened array unless axis is given).\nRaises ValueError for an empty array; AxisError for a bad axis.\n>>> np.argmax(np.array([3, 1, 2]))\n0", np_argmax),
            builtin!("numpy", "cumsum", Function, "(a, axis=None)", "Cumulative sums (of the flattened array unless axis is given).\nRaises AxisError for a bad axis; OverflowError on int64 overflow.\n>>> np.cumsum(np.array([1, 2, 3]))\narray([1, 3, 6])", np_cumsum),
            builtin!("numpy", "cumprod", Function, "(a, axis=None)", "Cumulative products.\nRaises AxisError for a bad axis; OverflowError on int64 overflow.\n>>> np.cumprod(np.array([1, 2, 3]))\narray([1, 2, 6])", np_cumprod),
            builtin!("numpy", "percentile", Function, "(a, q, axis=None, keepdims=False)", "The q-th percentiles (linear interpolation).\nRaises ValueError for q outside [0, 100]; TypeError for complex input; IndexError for an empty array.\n>>> np.percentile(np.array([1, 2, 3, 4]), 50)\n2.5", np_percentile),
            builtin!("numpy", "quantile", Function, "(a, q, axis=None, keepdims=False)", "The q-th quantiles, q in [0, 1] (linear interpolation).\nRaises ValueError for q outside [0, 1]; TypeError for complex input; IndexError for an empty array.\n>>> np.quantile(np.array([1, 2, 3, 4]), 0.5)\n2.5", np_quantile),
            builtin!("numpy", "average", Function, "(a, axis=None, weights=None, returned=False, *, keepdims=False)", "Weighted average (the mean without weights).\nRaises ZeroDivisionError for an empty array or weights summing to 0; TypeError/ValueError for weights of the wrong shape.\n>>> np.average(np.array([1.0, 3.0]), weights=[3, 1])\n1.5", np_average),
            builtin!("numpy", "cov", Function, "(m, y=None, rowvar=True, bias=False, ddof=None)", "Covariance matrix; rows are variables unless rowvar=False.\nRaises ValueError for input of more than 2 dimensions.\n>>> np.cov(np.array([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0]]))\narray([[1., 2.],\n       [2., 4.]])", np_cov),
            builtin!("numpy", "corrcoef", Function, "(x, y=None, rowvar=True)", "Pearson correlation coefficients.\nRaises ValueError for input of more than 2 dimensions.\n>>> np.corrcoef(np.array([[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]]))\narray([[ 1., -1.],\n       [-1.,  1.]])", np_corrcoef),
            builtin!("numpy", "trace", Function, "(a, offset=0)", "Sum along the diagonal.\nRaises ValueError for fewer than 2 dimensions.\n>>> np.trace(np.array([[1, 2], [3, 4]]))\n5", np_trace),
        ];
    };
}

axis_reductions! {
    np_sum 0 "sum" reduce::sum | reduce::small_float_sum, "Sum of the elements (over `axis`); pairwise summation for floats.\nRaises AxisError for a bad axis; OverflowError when an int64 sum overflows.\n>>> np.sum(np.array([[1, 2], [3, 4]]), axis=0)\narray([4, 6])";
    np_prod 1 "prod" reduce::prod, "Product of the elements.\nRaises AxisError for a bad axis; OverflowError when an int64 product overflows.\n>>> np.prod(np.array([1, 2, 3, 4]))\n24";
    np_mean 2 "mean" reduce::mean | reduce::small_float_mean, "Arithmetic mean (float for int input).\nRaises AxisError for a bad axis; TypeError for non-numeric input.\n>>> np.mean(np.array([[1, 2], [3, 4]]), axis=0)\narray([2., 3.])";
    np_min 3 "min" reduce::min, "Smallest element.\nRaises ValueError for an empty array (or axis); AxisError for a bad axis.\n>>> np.min(np.array([3, 1, 2]))\n1";
    np_max 4 "max" reduce::max, "Largest element.\nRaises ValueError for an empty array (or axis); AxisError for a bad axis.\n>>> np.max(np.array([3, 1, 2]))\n3";
    np_amin 5 "amin" reduce::min, "Same as np.min.\nRaises ValueError for an empty array (or axis); AxisError for a bad axis.\n>>> np.amin(np.array([3, 1]))\n1";
    np_amax 6 "amax" reduce::max, "Same as np.max.\nRaises ValueError for an empty array (or axis); AxisError for a bad axis.\n>>> np.amax(np.array([3, 1]))\n3";
    np_all 7 "all" reduce::all, "Whether every element is true.\nRaises AxisError for a bad axis; TypeError for non-numeric input.\n>>> np.all(np.array([1, 2, 0]))\nFalse";
    np_any 8 "any" reduce::any, "Whether some element is true.\nRaises AxisError for a bad axis; TypeError for non-numeric input.\n>>> np.any(np.array([0, 0, 1]))\nTrue";
    np_ptp 9 "ptp" reduce::ptp, "Range of values: max - min.\nRaises ValueError for an empty array; AxisError for a bad axis; TypeError for bools.\n>>> np.ptp(np.array([3, 1, 7]))\n6";
    np_median 10 "median" reduce::median, "Median (mean of the two middle values for even counts).\nRaises AxisError for a bad axis; TypeError for non-numeric input.\n>>> np.median(np.array([3, 1, 4, 2]))\n2.5";
    np_count_nonzero 11 "count_nonzero" @ "(a, axis=None, *, keepdims=False)" reduce::count_nonzero, "Number of non-zero elements.\nRaises AxisError for a bad axis; TypeError for non-numeric input.\n>>> np.count_nonzero(np.array([0, 1, 2, 0]))\n2";
}

fn ddof_arg(v: Option<&Value>) -> EvalResult<f64> {
    match v {
        None => Ok(0.0),
        Some(v) => match super::convert::to_float_value(v)? {
            Value::Float(f) => Ok(f),
            _ => Ok(0.0),
        },
    }
}

/// The axis reduction `BUILTINS[index]` (`np.sum`...) with the arguments
/// bound to `decl` (the ndarray method of the same name).
pub(crate) fn reduce_method(interp: &mut Interp, decl: &'static Builtin, args: Args, index: usize) -> EvalResult {
    match AXIS_REDUCERS.get(index) {
        Some(&(f, whole)) => reduce_with(interp, decl, args, f, whole),
        None => Err(type_error("no such reduction")),
    }
}

/// `np.var` (`std` true: `np.std`) with the arguments bound to `decl`.
pub(crate) fn var_std(interp: &mut Interp, decl: &'static Builtin, args: Args, std: bool) -> EvalResult {
    let mut b = bind(decl, args)?;
    let a = operand(&b.required(0)?)?;
    let axes = axes_arg(b.get(1))?;
    let ddof = ddof_arg(b.get(2))?;
    let keepdims = flag(interp, &b, 3)?;
    let r = if std {
        reduce::std(&a, axes.as_deref(), ddof, keepdims)?
    } else {
        reduce::var(&a, axes.as_deref(), ddof, keepdims)?
    };
    Ok(result_value(r))
}
pub(crate) fn np_var(interp: &mut Interp, args: Args) -> EvalResult {
    var_std(interp, &BUILTINS[12], args, false)
}
pub(crate) fn np_std(interp: &mut Interp, args: Args) -> EvalResult {
    var_std(interp, &BUILTINS[13], args, true)
}
/// `np.argmin` (`max` true: `np.argmax`) with the arguments bound to `decl`.
pub(crate) fn arg_extremum(interp: &mut Interp, decl: &'static Builtin, args: Args, max: bool) -> EvalResult {
    let mut b = bind(decl, args)?;
    let a = operand(&b.required(0)?)?;
    let axis = axis_arg(b.get(1))?;
    let keepdims = flag(interp, &b, 2)?;
    let r = if max { reduce::argmax(&a, axis, keepdims)? } else { reduce::argmin(&a, axis, keepdims)? };
    Ok(result_value(r))
}
pub(crate) fn np_argmin(interp: &mut Interp, args: Args) -> EvalResult {
    arg_extremum(interp, &BUILTINS[14], args, false)
}
pub(crate) fn np_argmax(interp: &mut Interp, args: Args) -> EvalResult {
    arg_extremum(interp, &BUILTINS[15], args, true)
}
/// `np.cumsum` (`prod` true: `np.cumprod`) with the arguments bound to `decl`.
pub(crate) fn cumulative(decl: &'static Builtin, args: Args, prod: bool) -> EvalResult {
    let mut b = bind(decl, args)?;
    let a = operand(&b.required(0)?)?;
    let axis = axis_arg(b.get(1))?;
    let r = if prod { reduce::cumprod(&a, axis)? } else { reduce::cumsum(&a, axis)? };
    Ok(result_value(r))
}
pub(crate) fn np_cumsum(_: &mut Interp, args: Args) -> EvalResult {
    cumulative(&BUILTINS[16], args, false)
}
pub(crate) fn np_cumprod(_: &mut Interp, args: Args) -> EvalResult {
    cumulative(&BUILTINS[17], args, true)
}
fn percentile_like(interp: &mut Interp, decl: &'static Builtin, args: Args, quantile: bool) -> EvalResult {
    let mut b = bind(decl, args)?;
    let a = operand(&b.required(0)?)?;
    let q = operand(&b.required(1)?)?;
    let axes = axes_arg(b.get(2))?;
    let keepdims = flag(interp, &b, 3)?;
    let r = if quantile {
        reduce::quantile(&a, &q, axes.as_deref(), keepdims)?
    } else {
        reduce::percentile(&a, &q, axes.as_deref(), keepdims)?
    };
    Ok(result_value(r))
}
pub(crate) fn np_percentile(interp: &mut Interp, args: Args) -> EvalResult {
    percentile_like(interp, &BUILTINS[18], args, false)
}
pub(crate) fn np_quantile(interp: &mut Interp, args: Args) -> EvalResult {
    percentile_like(interp, &BUILTINS[19], args, true)
}
pub(crate) fn np_average(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[20], args)?;
    let a = operand(&b.required(0)?)?;
    let axes = axes_arg(b.get(1))?;
    let weights = b.take(2).map(|w| operand(&w)).transpose()?;
    let returned = flag(interp, &b, 3)?;
    let keepdims = flag(interp, &b, 4)?;
    let (avg, wsum) = reduce::average(&a, axes.as_deref(), weights.as_ref(), keepdims).map_err(|mut e| {
        // np.average checks its axis with the argument name as prefix ("axis: axis 2 is out of bounds ...")
        if e.kind == crate::array::error::ErrorKind::Axis {
            e.message = format!("axis: {}", e.message);
        }
        e
    })?;
    if returned {
        Ok(Value::tuple(vec![result_value(avg), result_value(wsum)]))
    } else {
        Ok(result_value(avg))
    }
}
pub(crate) fn np_cov(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[21], args)?;
    let m = operand(&b.required(0)?)?;
    let y = b.take(1).map(|v| operand(&v)).transpose()?;
    let rowvar = match b.get(2) {
        Some(v) => {
            let v = v.clone();
            interp.truthy(&v)?
        }
        None => true,
    };
    let bias = flag(interp, &b, 3)?;
    let ddof = match b.get(4) {
        Some(v) => Some(super::convert::to_index(v, "")?),
        None => None,
    };
    Ok(result_value(reduce::cov(&m, y.as_ref(), rowvar, bias, ddof)?))
}
pub(crate) fn np_corrcoef(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[22], args)?;
    let m = operand(&b.required(0)?)?;
    let y = b.take(1).map(|v| operand(&v)).transpose()?;
    let rowvar = match b.get(2) {
        Some(v) => {
            let v = v.clone();
            interp.truthy(&v)?
        }
        None => true,
    };
    Ok(result_value(reduce::corrcoef(&m, y.as_ref(), rowvar)?))
}
pub(crate) fn np_trace(_: &mut Interp, args: Args) -> EvalResult {
    trace(&BUILTINS[23], args)
}
/// `np.trace` with the arguments bound to `decl`.
pub(crate) fn trace(decl: &'static Builtin, args: Args) -> EvalResult {
    let mut b = bind(decl, args)?;
    let a = operand(&b.required(0)?)?;
    let offset = match b.get(1) {
        Some(v) => super::convert::to_index(v, "")? as isize,
        None => 0,
    };
    Ok(result_value(reduce::trace(&a, offset)?))
}
