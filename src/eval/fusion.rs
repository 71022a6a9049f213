//! One-pass evaluation of arithmetic on big float64 arrays.
//!
//! `a * 1.1 + b` evaluated node by node makes a full-size temporary and
//! passes over memory twice. When an arithmetic tree's leaves are plain
//! names and numeric literals (nothing with side effects), its names hold
//! float64 arrays of one big shape (C-contiguous) or Python numbers, and
//! its operators are `+ - * / **` and unary `-`, NumPy's promotion gives
//! float64 at every node, and [`crate::array::fused`] evaluates the whole
//! tree in one pass with the same per-element arithmetic. Everything else
//! (and any doubt: an unbound name, a scalar subexpression that raises)
//! is left to the ordinary evaluator, which is always a safe fallback
//! because evaluating names and literals changes nothing.
//!
//! A product `a @ v` of two names, a big float64 matrix with unit column
//! stride times a vector, may be a leaf (`X @ w + b`): its rows are made
//! block by block by the kernel `matmul` makes them with, so the tree
//! never stores the product and has its bits.
//!
//! `np.mean(tree)` and `np.sum(tree)` go further: the tree's elements are
//! made inside NumPy's pairwise summation and never stored.

use super::function::Frame;
use super::Interp;
use crate::array::fused::{self, FusedExpr, FusedOp, MAX_INSTRUCTIONS};
use crate::array::product::RowProduct;
use crate::array::{Array, NdArray};
use crate::ast::{Arg, BinOp, Expr, ExprKind, NameRef, NameSlot, UnaryOp};
use crate::value::{Module, Value};

/// Fewest elements for which a tree is fused: below this the operands are
/// in the cache anyway and the ordinary kernels are as fast.
const FUSE_MIN: usize = 1 << 16;

/// The fused operator for an AST operator.
fn fused_op(op: BinOp) -> Option<FusedOp> {
    Some(match op {
        BinOp::Add => FusedOp::Add,
        BinOp::Sub => FusedOp::Sub,
        BinOp::Mul => FusedOp::Mul,
        BinOp::Div => FusedOp::Div,
        BinOp::Pow => FusedOp::Pow,
        _ => return None,
    })
}

/// Whether `e` is an operator node a fused tree may contain.
#[inline(always)]
fn is_inner(e: &Expr) -> bool {
    matches!(&e.kind, ExprKind::Binary(..) | ExprKind::Unary(UnaryOp::Neg, _))
}

/// Whether `a op b` may be a fused tree (an operand is itself an
/// operator): the one test on the evaluator's path for every `a op b`.
#[inline(always)]
pub(super) fn may_fuse(a: &Expr, b: &Expr) -> bool {
    is_inner(a) || is_inner(b)
}

/// A subtree during building: a Python number (a subtree without arrays,
/// computed as Python computes it) or part of the fused tree.
enum Part {
    Number(Value),
    Tree(FusedExpr),
}

impl Interp {
    /// `a op b` evaluated in one pass, when the tree qualifies (see the
    /// module documentation); `None` leaves it to the ordinary evaluator.
    #[inline(always)]
    pub(super) fn try_fused(
        &mut self,
        op: BinOp,
        a: &Expr,
        b: &Expr,
        frame: &mut Frame,
    ) -> Option<super::EvalResult<Value>> {
        if !may_fuse(a, b) || fused_op(op).is_none() {
            return None;
        }
        self.fused_tree(op, a, b, frame).map(Ok)
    }

    #[inline(never)]
    fn fused_tree(&mut self, op: BinOp, a: &Expr, b: &Expr, frame: &mut Frame) -> Option<Value> {
        let tree = self.fused_expr(op, a, b, frame)?;
        let r = fused::evaluate(&tree).ok()??;
        Some(Value::array(NdArray::Float(r)))
    }

    /// `np.mean(tree)` or `np.sum(tree)` (`receiver.name(args)` with the
    /// numpy module as receiver) without storing the tree's result, when
    /// the tree qualifies; `None` leaves the call to the ordinary evaluator.
    #[inline(always)]
    pub(super) fn try_fused_reduction(
        &mut self,
        receiver: &Value,
        name: &str,
        args: &[Arg],
        frame: &mut Frame,
    ) -> Option<Value> {
        let Value::Module(m) = receiver else { return None };
        if m.name != "numpy" || !(name == "mean" || name == "sum") {
            return None;
        }
        let [Arg::Positional(arg)] = args else { return None };
        let ExprKind::Binary(op, a, b) = &arg.kind else { return None };
        self.fused_reduction(m, name, *op, a, b, frame)
    }

    #[inline(never)]
    fn fused_reduction(
        &mut self,
        m: &Module,
        name: &str,
        op: BinOp,
        a: &Expr,
        b: &Expr,
        frame: &mut Frame,
    ) -> Option<Value> {
        // Still NumPy's own function (a script may have replaced it).
        match m.get(name)? {
            Value::Builtin(f) if f.module == "numpy" && f.name == name => {}
            _ => return None,
        }
        let tree = self.fused_expr(op, a, b, frame)?;
        let r = if name == "mean" { fused::mean(&tree) } else { fused::sum(&tree) };
        Some(Value::Float(r.ok()??))
    }

    /// The fused tree of `a op b`, its leaves evaluated.
    fn fused_expr(&mut self, op: BinOp, a: &Expr, b: &Expr, frame: &mut Frame) -> Option<FusedExpr> {
        let mut leaves = 0;
        let mut size = None;
        if !self.scan(a, frame, &mut leaves, &mut size) || !self.scan(b, frame, &mut leaves, &mut size) {
            return None;
        }
        let shape = size?;
        let x = self.build(a, frame, &shape)?;
        let y = self.build(b, frame, &shape)?;
        Some(match (x, y) {
            (Part::Tree(x), Part::Tree(y)) => FusedExpr::Binary(fused_op(op)?, Box::new(x), Box::new(y)),
            (Part::Tree(x), Part::Number(y)) => FusedExpr::Binary(fused_op(op)?, Box::new(x), Box::new(number(&y)?)),
            (Part::Number(x), Part::Tree(y)) => FusedExpr::Binary(fused_op(op)?, Box::new(number(&x)?), Box::new(y)),
            (Part::Number(_), Part::Number(_)) => return None,
        })
    }

    /// Checks the shape of the tree without evaluating anything: only
    /// operators, names and numeric literals, at most
    /// [`MAX_INSTRUCTIONS`] leaves; records the shape of the first name
    /// holding a big float64 array in `shape`.
    fn scan(&mut self, e: &Expr, frame: &Frame, leaves: &mut usize, shape: &mut Option<Vec<usize>>) -> bool {
        match &e.kind {
            ExprKind::Binary(BinOp::MatMul, x, y) => {
                if !matches!((&x.kind, &y.kind), (ExprKind::Name(_), ExprKind::Name(_))) {
                    return false;
                }
                *leaves += 1;
                if shape.is_none() {
                    *shape = self.peek_product(x, y, frame);
                }
                *leaves <= MAX_INSTRUCTIONS
            }
            ExprKind::Binary(op, x, y) => {
                fused_op(*op).is_some() && self.scan(x, frame, leaves, shape) && self.scan(y, frame, leaves, shape)
            }
            ExprKind::Unary(UnaryOp::Neg, x) => {
                *leaves += 1;
                *leaves <= MAX_INSTRUCTIONS && self.scan(x, frame, leaves, shape)
            }
            ExprKind::Int(_) | ExprKind::Float(_) => {
                *leaves += 1;
                *leaves <= MAX_INSTRUCTIONS
            }
            ExprKind::Name(n) => {
                *leaves += 1;
                if shape.is_none() {
                    *shape = self.peek_big_float(n, frame);
                }
                *leaves <= MAX_INSTRUCTIONS
            }
            _ => false,
        }
    }

    /// The shape of the big float64 array `n` holds, if it holds one
    /// (looked at in place: nothing is cloned).
    fn peek_big_float(&mut self, n: &NameRef, frame: &Frame) -> Option<Vec<usize>> {
        self.peek_float(n, frame, |s| (s.iter().product::<usize>() >= FUSE_MIN).then(|| s.to_vec())).flatten()
    }

    /// `f` of the shape of the float64 array `n` holds, if it holds one
    /// (the shape is lent, not copied: small arrays, which never fuse, are
    /// then turned down without an allocation).
    fn peek_float<R>(&mut self, n: &NameRef, frame: &Frame, f: impl FnOnce(&[usize]) -> R) -> Option<R> {
        let shape_of = |v: &Value| match v {
            Value::Array(a) => match &**a {
                NdArray::Float(x) => Some(f(x.shape())),
                _ => None,
            },
            _ => None,
        };
        match n.slot.get() {
            NameSlot::Local(i) => frame.locals.get(i as usize)?.as_ref().and_then(shape_of),
            NameSlot::Cell(i) => frame.cells.get(i as usize)?.borrow().as_ref().and_then(shape_of),
            NameSlot::Global => self.globals.get_ref(n).and_then(shape_of),
        }
    }

    /// The shape (`[m]`) of `x @ y` for names holding a big float64 matrix
    /// `(m, k)` and a float64 vector `(k,)`; `None` otherwise (the product
    /// then stays out of the tree when [`Interp::build`] sees it).
    fn peek_product(&mut self, x: &Expr, y: &Expr, frame: &Frame) -> Option<Vec<usize>> {
        let (ExprKind::Name(x), ExprKind::Name(y)) = (&x.kind, &y.kind) else { return None };
        let (m, k) = self.peek_float(x, frame, |a| match *a {
            [m, k] if m >= FUSE_MIN => Some((m, k)),
            _ => None,
        })??;
        self.peek_float(y, frame, |v| *v == [k])?.then(|| vec![m])
    }

    /// Evaluates the leaves of `e` (already scanned) and builds its part.
    fn build(&mut self, e: &Expr, frame: &Frame, shape: &[usize]) -> Option<Part> {
        match &e.kind {
            ExprKind::Int(i) => Some(Part::Number(Value::Int(*i))),
            ExprKind::Float(f) => Some(Part::Number(Value::Float(*f))),
            ExprKind::Name(n) => match self.load_name(n, frame).ok()? {
                Value::Array(a) => match &*a {
                    NdArray::Float(x) if x.shape() == shape && x.is_c_contiguous() => {
                        Some(Part::Tree(FusedExpr::Array(Array::clone(x))))
                    }
                    _ => None,
                },
                v @ (Value::Int(_) | Value::Float(_)) => Some(Part::Number(v)),
                _ => None,
            },
            // `a @ v` as a leaf whose rows are made block by block (names
            // only, so evaluating them has no effects; anything but a
            // product `matmul` makes row by row leaves the tree unfused).
            ExprKind::Binary(BinOp::MatMul, x, y) => {
                let (ExprKind::Name(x), ExprKind::Name(y)) = (&x.kind, &y.kind) else { return None };
                let (x, y) = (self.load_name(x, frame).ok()?, self.load_name(y, frame).ok()?);
                let (Value::Array(x), Value::Array(y)) = (x, y) else { return None };
                let (NdArray::Float(a), NdArray::Float(v)) = (&*x, &*y) else { return None };
                let p = RowProduct::new(a, v)?;
                (shape == [p.len()]).then_some(Part::Tree(FusedExpr::Product(p)))
            }
            ExprKind::Unary(UnaryOp::Neg, x) => match self.build(x, frame, shape)? {
                Part::Tree(t) => Some(Part::Tree(FusedExpr::Neg(Box::new(t)))),
                Part::Number(Value::Int(i)) => Some(Part::Number(Value::Int(i.checked_neg()?))),
                Part::Number(Value::Float(f)) => Some(Part::Number(Value::Float(-f))),
                Part::Number(_) => None,
            },
            ExprKind::Binary(op, x, y) => {
                let fop = fused_op(*op)?;
                match (self.build(x, frame, shape)?, self.build(y, frame, shape)?) {
                    // Python's own arithmetic on numbers (ints stay exact).
                    (Part::Number(p), Part::Number(q)) => super::num::scalar_binary(*op, &p, &q).map(Part::Number),
                    (Part::Tree(p), Part::Tree(q)) => {
                        Some(Part::Tree(FusedExpr::Binary(fop, Box::new(p), Box::new(q))))
                    }
                    (Part::Tree(p), Part::Number(q)) => {
                        Some(Part::Tree(FusedExpr::Binary(fop, Box::new(p), Box::new(number(&q)?))))
                    }
                    (Part::Number(p), Part::Tree(q)) => {
                        Some(Part::Tree(FusedExpr::Binary(fop, Box::new(number(&p)?), Box::new(q))))
                    }
                }
            }
            _ => None,
        }
    }
}

/// A Python number as a float64 operand: a float as it is, an int
/// converted as NumPy converts a Python int meeting a float64 array.
fn number(v: &Value) -> Option<FusedExpr> {
    match v {
        Value::Float(f) => Some(FusedExpr::Scalar(*f)),
        Value::Int(i) => Some(FusedExpr::Scalar(*i as f64)),
        _ => None,
    }
}
