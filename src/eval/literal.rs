//! `np.array([...])` written with a list (or tuple) display of numbers,
//! built straight into the array's buffer.
//!
//! The general path evaluates the display into a list of values, binds the
//! call's arguments and then converts the list; for `np.array([1.0, x, 3])`
//! (and one level of nested rows, `np.array([[1, 2], [3, 4]])`) every element
//! is a number the fast path of [`super::num`] can compute, so the values go
//! directly into an int64 or float64 buffer. The dtype follows NumPy's rule
//! for Python numbers: int64 when every element is an int, float64 as soon
//! as one is a float. Anything else (another element type, ragged rows, an
//! empty display, a rebound `np.array`) answers `None` and the caller takes
//! the general path; the fast path only reads variables, so evaluating the
//! call again there is safe.

use super::function::Frame;
use super::num::Num;
use super::Interp;
use crate::array::{Array, NdArray};
use crate::ast::{Arg, Expr, ExprKind, UnaryOp};
use crate::value::Value;

/// The items of a list or tuple display.
fn display_items(e: &Expr) -> Option<&[Expr]> {
    match &e.kind {
        ExprKind::List(items) | ExprKind::Tuple(items) => Some(items),
        _ => None,
    }
}

/// The elements read so far: ints until the first float.
enum Elements {
    Int(Vec<i64>),
    Float(Vec<f64>),
}

impl Elements {
    #[inline(always)]
    fn push(&mut self, n: Num) {
        match (&mut *self, n) {
            (Elements::Int(v), Num::Int(i)) => v.push(i),
            (Elements::Float(v), Num::Float(f)) => v.push(f),
            (Elements::Float(v), Num::Int(i)) => v.push(i as f64),
            (Elements::Int(v), Num::Float(f)) => {
                // The same allocation, reinterpreted: i64 and f64 have one layout.
                let mut floats: Vec<f64> = std::mem::take(v).into_iter().map(|i| i as f64).collect();
                floats.push(f);
                *self = Elements::Float(floats);
            }
        }
    }

    /// The array of `shape` holding these elements.
    fn into_array(self, shape: Vec<usize>) -> Option<NdArray> {
        Some(match self {
            Elements::Int(v) => NdArray::Int(Array::from_vec(shape, v).ok()?),
            Elements::Float(v) => NdArray::Float(Array::from_vec(shape, v).ok()?),
        })
    }
}

/// Whether `e` is made of number literals only (`-2.5`, `2 ** 0.5`), so the
/// fast path always computes the same number for it.
fn is_constant_number(e: &Expr, depth: u32) -> bool {
    if depth > 8 {
        return false;
    }
    match &e.kind {
        ExprKind::Int(_) | ExprKind::Float(_) => true,
        ExprKind::Unary(UnaryOp::Neg, x) => is_constant_number(x, depth + 1),
        ExprKind::Binary(_, a, b) => is_constant_number(a, depth + 1) && is_constant_number(b, depth + 1),
        _ => false,
    }
}

/// The elements of an `np.array` display made of number literals only,
/// computed once where the call is compiled and copied at each call.
pub(super) struct ConstantDisplay(NdArray);

impl ConstantDisplay {
    /// A new array holding the display's elements.
    pub(super) fn array(&self) -> Value {
        Value::array(self.0.copy())
    }
}

impl Interp {
    /// `np.array(display)` when `f` is NumPy's own `array`, the only argument
    /// is a display of numbers (or of equally long rows of numbers), and
    /// each number is computable on the fast path; `None` otherwise.
    pub(super) fn array_from_display(&self, f: &Value, args: &[Arg], frame: &Frame) -> Option<Value> {
        if !is_numpy_array(f) {
            return None;
        }
        let (shape, elements) = self.display_elements(args, frame)?;
        Some(Value::array(elements.into_array(shape)?))
    }

    /// The elements of `np.array(display)`'s arguments when every element
    /// is a number literal, computed now (`None` for any other argument).
    /// The caller checks, at each call, that the callee is `np.array`.
    pub(super) fn constant_display(&self, args: &[Arg], frame: &Frame) -> Option<ConstantDisplay> {
        let [Arg::Positional(arg)] = args else { return None };
        let items = display_items(arg)?;
        let constant = items.iter().all(|x| match display_items(x) {
            Some(row) => row.iter().all(|y| is_constant_number(y, 0)),
            None => is_constant_number(x, 0),
        });
        if !constant {
            return None;
        }
        let (shape, elements) = self.display_elements(args, frame)?;
        Some(ConstantDisplay(elements.into_array(shape)?))
    }

    /// The shape and elements of a single display argument of numbers.
    fn display_elements(&self, args: &[Arg], frame: &Frame) -> Option<(Vec<usize>, Elements)> {
        let [Arg::Positional(arg)] = args else { return None };
        let items = display_items(arg)?;
        let first = items.first()?;
        Some(match display_items(first) {
            None => {
                let mut out = Elements::Int(Vec::with_capacity(items.len()));
                for x in items {
                    out.push(self.eval_num(x, frame, 0)?);
                }
                (vec![items.len()], out)
            }
            Some(row) => {
                let cols = row.len();
                if cols == 0 {
                    return None;
                }
                let mut out = Elements::Int(Vec::with_capacity(items.len().checked_mul(cols)?));
                for r in items {
                    let row = display_items(r)?;
                    if row.len() != cols {
                        return None;
                    }
                    for x in row {
                        out.push(self.eval_num(x, frame, 0)?);
                    }
                }
                (vec![items.len(), cols], out)
            }
        })
    }
}

/// Whether `f` is NumPy's own `array` (not a rebound `np.array`).
pub(super) fn is_numpy_array(f: &Value) -> bool {
    matches!(f, Value::Builtin(b) if std::ptr::eq(*b, &crate::builtins::creation::BUILTINS[0]))
}

#[cfg(test)]
mod tests {
    use crate::eval::Interp;
    use std::cell::RefCell;
    use std::io::Write;
    use std::rc::Rc;

    struct Shared(Rc<RefCell<Vec<u8>>>);
    impl Write for Shared {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn run(code: &str) -> String {
        let out = Rc::new(RefCell::new(Vec::new()));
        let mut interp = Interp::with_numpy(Box::new(Shared(out.clone())));
        if let Err(e) = interp.run("<test>", code, false) {
            interp.write_out(&format!("{}\n", e.last_line()));
        }
        let text = String::from_utf8_lossy(&out.borrow()).into_owned();
        text
    }

    /// Displays the fast path takes, and some it must leave alone.
    const DISPLAYS: &[&str] = &[
        "[1, 2, 3]",
        "[1, x * 3, 2.5]",
        "(y, -x)",
        "[[1, 2], [3, x]]",
        "[[1, 2.0], (3, 4)]",
        "[2**62 + 1, 1.5]",
        "[9007199254740993, 0.0]",
        "[True, 1]",
        "[]",
        "[[], []]",
        "[-0.0, 1]",
        "[[1], [2]]",
        "[x, 'a']",
    ];

    #[test]
    fn displays_of_numbers_give_the_general_paths_arrays() {
        let prelude = "import numpy as np\nx = 2\ny = 0.5\n";
        for d in DISPLAYS {
            let fast = run(&format!("{prelude}a = np.array({d})\nprint(repr(a), a.dtype, a.shape)\n"));
            let general = run(&format!("{prelude}a = np.array(list({d}))\nprint(repr(a), a.dtype, a.shape)\n"));
            assert_eq!(fast, general, "{d}");
        }
        let out = run("import numpy as np\nx = 2\nprint(repr(np.array([1, x * 3, 2.5])))\n");
        assert_eq!(out, "array([1. , 6. , 2.5])\n");
    }

    #[test]
    fn rebinding_np_array_is_respected() {
        let out = run("import numpy as np\nnp.array = len\nprint(np.array([1, 2, 3]))\n");
        assert_eq!(out, "3\n");
    }

    #[test]
    fn ragged_rows_and_bad_elements_still_raise() {
        let out = run("import numpy as np\na = np.array([[1, 2], [3]])\n");
        assert!(out.starts_with("ValueError: setting an array element with a sequence"), "{out}");
        let out = run("import numpy as np\nx = 1\na = np.array([x, 'a'])\nprint(a.dtype)\n");
        assert!(out.starts_with("<U21") || out.contains("Error"), "{out}");
    }
}
