//! Fused evaluation of elementwise float64 expression trees.
//!
//! `a * 1.1 + b` evaluated one operator at a time makes a full-size
//! temporary and passes over memory twice. [`evaluate`] takes the whole tree
//! (leaves: float64 arrays of one shape, or float scalars; operators:
//! `+ - * / **` and negation), compiles it to a short list of instructions,
//! and runs them block by block (a few hundred elements, kept in the L1
//! cache), on all cores, writing each result element once.
//!
//! Each element gets exactly the IEEE operations of the unfused
//! evaluation, in the same order: the same roundings (no fused
//! multiply-add), and `** c` with NumPy's shortcuts as the unfused
//! `float ** scalar` kernel has them (`** 2` squares, `** 0.5` is `sqrt`,
//! `** -1` is `1 / x`, `** 1` and `** 0`). So results are bit-identical.

use super::elementwise::{pow_shortcut, PowShortcut};
use super::error::ArrayResult;
use super::parallel::{build_vec, with_simd};
use super::product::{RowProduct, Rows};
use super::reduce::generated::{pairwise_generated, sum_generated, GEN_BLOCK};
use super::storage::{check_allocation, Array};
use super::DType;
use std::mem::MaybeUninit;

/// A binary operator of a fused tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FusedOp {
    /// `x + y`
    Add,
    /// `x - y`
    Sub,
    /// `x * y`
    Mul,
    /// `x / y`
    Div,
    /// `x ** y`
    Pow,
}

/// An elementwise float64 expression tree.
#[derive(Clone, Debug)]
pub enum FusedExpr {
    /// An array operand (all arrays of a tree must have one shape and be
    /// C-contiguous, else [`evaluate`] declines).
    Array(Array<f64>),
    /// A scalar operand, broadcast to every element.
    Scalar(f64),
    /// A matrix-vector product (1-d, the shape of the tree), made block by
    /// block with the bits `matmul` gives it and never stored.
    Product(RowProduct),
    /// `-x`
    Neg(Box<FusedExpr>),
    /// `x op y`
    Binary(FusedOp, Box<FusedExpr>, Box<FusedExpr>),
}

/// Most instructions a tree may compile to (each needs a block of registers).
pub const MAX_INSTRUCTIONS: usize = 16;

/// Elements per block: every instruction's result block stays in L1.
const BLOCK: usize = 512;

/// What one instruction computes.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kernel {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
    Square,
    Sqrt,
    Recip,
    One,
    Neg,
    Copy,
}

/// An instruction operand.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Src {
    /// The `i`-th array leaf.
    Leaf(usize),
    /// The result of instruction `i`.
    Reg(usize),
    /// A scalar.
    Const(f64),
}

/// `dst = kernel(a, b)`; `dst` is the instruction's own register.
#[derive(Clone, Copy, Debug)]
struct Inst {
    kernel: Kernel,
    a: Src,
    b: Src,
}

/// An operand leaf of a compiled tree.
enum Leaf {
    Array(Array<f64>),
    Product(RowProduct),
}

impl Leaf {
    /// The array whose buffer the leaf reads.
    fn array(&self) -> &Array<f64> {
        match self {
            Leaf::Array(a) => a,
            Leaf::Product(p) => p.matrix(),
        }
    }
}

/// A leaf during a run: the array's elements, or the product's rows.
#[derive(Clone, Copy)]
enum LeafData<'a> {
    Slice(&'a [f64]),
    Rows(Rows<'a>),
}

/// A compiled tree: leaves in order, and the instructions.
struct Program {
    leaves: Vec<Leaf>,
    insts: Vec<Inst>,
}

impl Program {
    fn push(&mut self, kernel: Kernel, a: Src, b: Src) -> Option<Src> {
        if self.insts.len() >= MAX_INSTRUCTIONS {
            return None;
        }
        self.insts.push(Inst { kernel, a, b });
        Some(Src::Reg(self.insts.len() - 1))
    }

    /// Compiles `e`; `None` when the tree is too big.
    fn compile(&mut self, e: &FusedExpr) -> Option<Src> {
        Some(match e {
            FusedExpr::Array(a) => {
                self.leaves.push(Leaf::Array(a.clone()));
                Src::Leaf(self.leaves.len() - 1)
            }
            FusedExpr::Product(p) => {
                self.leaves.push(Leaf::Product(p.clone()));
                Src::Leaf(self.leaves.len() - 1)
            }
            FusedExpr::Scalar(c) => Src::Const(*c),
            FusedExpr::Neg(x) => match self.compile(x)? {
                Src::Const(c) => Src::Const(-c),
                s => self.push(Kernel::Neg, s, Src::Const(0.0))?,
            },
            FusedExpr::Binary(op, x, y) => {
                let (a, b) = (self.compile(x)?, self.compile(y)?);
                if let (Src::Const(p), Src::Const(q)) = (a, b) {
                    return Some(Src::Const(apply(kernel_for(*op, Some(q)), p, q)));
                }
                let right = match b {
                    Src::Const(y) => Some(y),
                    _ => None,
                };
                match kernel_for(*op, right) {
                    Kernel::Copy => a,
                    k => self.push(k, a, b)?,
                }
            }
        })
    }
}

/// The kernel for `x op y`, where `y` is known when it is a constant: a
/// constant exponent takes the unfused `float ** scalar` kernel's shortcut.
fn kernel_for(op: FusedOp, y: Option<f64>) -> Kernel {
    match op {
        FusedOp::Add => Kernel::Add,
        FusedOp::Sub => Kernel::Sub,
        FusedOp::Mul => Kernel::Mul,
        FusedOp::Div => Kernel::Div,
        FusedOp::Pow => y.and_then(pow_kernel).unwrap_or(Kernel::Pow),
    }
}

/// The shortcut kernel for `x ** y` with a scalar `y`, as the unfused
/// `float ** scalar` kernel chooses it; `None` for the general `pow`.
fn pow_kernel(y: f64) -> Option<Kernel> {
    pow_shortcut(y).map(|k| match k {
        PowShortcut::Square => Kernel::Square,
        PowShortcut::Sqrt => Kernel::Sqrt,
        PowShortcut::Recip => Kernel::Recip,
        PowShortcut::Identity => Kernel::Copy,
        PowShortcut::One => Kernel::One,
    })
}

/// One element of `kernel`.
#[inline(always)]
fn apply(kernel: Kernel, x: f64, y: f64) -> f64 {
    match kernel {
        Kernel::Add => x + y,
        Kernel::Sub => x - y,
        Kernel::Mul => x * y,
        Kernel::Div => x / y,
        Kernel::Pow => x.powf(y),
        Kernel::Square => x * x,
        Kernel::Sqrt => x.sqrt(),
        Kernel::Recip => 1.0 / x,
        Kernel::One => 1.0,
        Kernel::Neg => -x,
        Kernel::Copy => x,
    }
}

/// An operand resolved for one block.
#[derive(Clone, Copy)]
enum Val<'a> {
    Slice(&'a [f64]),
    Scalar(f64),
}

/// A place an instruction writes: a register element, or an element of
/// the (uninitialized) result for the last instruction.
trait Slot {
    fn put(&mut self, v: f64);
}

impl Slot for f64 {
    #[inline(always)]
    fn put(&mut self, v: f64) {
        *self = v;
    }
}

impl Slot for MaybeUninit<f64> {
    #[inline(always)]
    fn put(&mut self, v: f64) {
        self.write(v);
    }
}

/// `dst[i] = f(a[i], b[i])` over one block, one tight loop per operand kind.
#[inline(always)]
fn run2<S: Slot>(dst: &mut [S], a: Val, b: Val, f: impl Fn(f64, f64) -> f64) {
    match (a, b) {
        (Val::Slice(x), Val::Slice(y)) => {
            for ((d, &p), &q) in dst.iter_mut().zip(x).zip(y) {
                d.put(f(p, q));
            }
        }
        (Val::Slice(x), Val::Scalar(q)) => {
            for (d, &p) in dst.iter_mut().zip(x) {
                d.put(f(p, q));
            }
        }
        (Val::Scalar(p), Val::Slice(y)) => {
            for (d, &q) in dst.iter_mut().zip(y) {
                d.put(f(p, q));
            }
        }
        (Val::Scalar(p), Val::Scalar(q)) => {
            let v = f(p, q);
            dst.iter_mut().for_each(|d| d.put(v));
        }
    }
}

/// Runs one instruction over a block.
#[inline(always)]
fn run_inst<S: Slot>(kernel: Kernel, dst: &mut [S], a: Val, b: Val) {
    let none = Val::Scalar(0.0);
    match kernel {
        Kernel::Add => run2(dst, a, b, |x, y| x + y),
        Kernel::Sub => run2(dst, a, b, |x, y| x - y),
        Kernel::Mul => run2(dst, a, b, |x, y| x * y),
        Kernel::Div => run2(dst, a, b, |x, y| x / y),
        Kernel::Pow => run2(dst, a, b, f64::powf),
        Kernel::Square => run2(dst, a, none, |x, _| x * x),
        Kernel::Sqrt => run2(dst, a, none, |x, _| x.sqrt()),
        Kernel::Recip => run2(dst, a, none, |x, _| 1.0 / x),
        Kernel::One => run2(dst, none, none, |_, _| 1.0),
        Kernel::Neg => run2(dst, a, none, |x, _| -x),
        Kernel::Copy => run2(dst, a, none, |x, _| x),
    }
}

/// Registers and product blocks of one thread of a run.
struct Scratch {
    /// A block per instruction but the last.
    regs: Vec<f64>,
    /// A block per leaf when some leaf is a product (its rows of the
    /// current block), else empty.
    rows: Vec<f64>,
}

impl Scratch {
    fn new(insts: &[Inst], leaves: &[LeafData]) -> Scratch {
        let products = leaves.iter().any(|l| matches!(l, LeafData::Rows(_)));
        Scratch {
            regs: vec![0.0; insts.len().saturating_sub(1) * BLOCK],
            rows: if products { vec![0.0; leaves.len() * BLOCK] } else { Vec::new() },
        }
    }
}

/// Evaluates positions `start..start + out.len()` of the program into
/// `out`, block by block; the last instruction writes `out` directly.
/// Always inlined, so that callers wrap it in [`with_simd`] and its loops
/// get the CPU's widest vectors.
#[inline(always)]
fn run_range<S: Slot>(insts: &[Inst], leaves: &[LeafData], scratch: &mut Scratch, start: usize, out: &mut [S]) {
    let Some((last, body)) = insts.split_last() else { return };
    let Scratch { regs, rows } = scratch;
    let mut done = 0;
    while done < out.len() {
        let len = BLOCK.min(out.len() - done);
        let pos = start + done;
        for (k, leaf) in leaves.iter().enumerate() {
            if let LeafData::Rows(p) = leaf {
                p.fill(pos, &mut rows[k * BLOCK..k * BLOCK + len]);
            }
        }
        let rows: &[f64] = rows;
        let leaf = |k: usize| match leaves[k] {
            LeafData::Slice(x) => Val::Slice(&x[pos..pos + len]),
            LeafData::Rows(_) => Val::Slice(&rows[k * BLOCK..k * BLOCK + len]),
        };
        for (i, inst) in body.iter().enumerate() {
            let (lower, upper) = regs.split_at_mut(i * BLOCK);
            let lower: &[f64] = lower;
            let resolve = |s: Src| match s {
                Src::Leaf(k) => leaf(k),
                Src::Reg(r) => Val::Slice(&lower[r * BLOCK..r * BLOCK + len]),
                Src::Const(c) => Val::Scalar(c),
            };
            run_inst(inst.kernel, &mut upper[..len], resolve(inst.a), resolve(inst.b));
        }
        let regs: &[f64] = regs;
        let resolve = |s: Src| match s {
            Src::Leaf(k) => leaf(k),
            Src::Reg(r) => Val::Slice(&regs[r * BLOCK..r * BLOCK + len]),
            Src::Const(c) => Val::Scalar(c),
        };
        run_inst(last.kernel, &mut out[done..done + len], resolve(last.a), resolve(last.b));
        done += len;
    }
}

/// The common shape of a program's leaves, when they all have it and the
/// arrays are C-contiguous (a product's shape is its length).
fn common_shape(leaves: &[Leaf]) -> Option<Vec<usize>> {
    let shape_of = |l: &Leaf| match l {
        Leaf::Array(a) => a.is_c_contiguous().then(|| a.shape().to_vec()),
        Leaf::Product(p) => Some(vec![p.len()]),
    };
    let shape = shape_of(leaves.first()?)?;
    leaves.iter().all(|l| shape_of(l).as_ref() == Some(&shape)).then_some(shape)
}

/// `e` compiled, with its array leaves' common shape; `None` when the tree
/// does not qualify: no array leaf, arrays of different shapes or not
/// C-contiguous, or more than [`MAX_INSTRUCTIONS`] operations.
fn prepare(e: &FusedExpr) -> Option<(Program, Vec<usize>)> {
    let mut prog = Program { leaves: Vec::new(), insts: Vec::new() };
    let root = prog.compile(e)?;
    let shape = common_shape(&prog.leaves)?;
    if !matches!(root, Src::Reg(_)) {
        // A lone leaf (`a ** 1`) still makes a new array.
        prog.push(Kernel::Copy, root, Src::Const(0.0))?;
    }
    Some((prog, shape))
}

/// Runs `f` with the leaves' data (arrays: `size` elements from their
/// offset; products: their rows over the matrix's buffer).
fn with_leaves<R>(prog: &Program, size: usize, f: impl FnOnce(&[LeafData]) -> R) -> R {
    let bufs: Vec<_> = prog.leaves.iter().map(|l| l.array().buffer()).collect();
    let leaves: Vec<LeafData> = bufs
        .iter()
        .zip(&prog.leaves)
        .map(|(b, l)| match l {
            Leaf::Array(a) => LeafData::Slice(&b[a.offset()..a.offset() + size]),
            Leaf::Product(p) => LeafData::Rows(p.rows(b)),
        })
        .collect();
    f(&leaves)
}

/// Evaluates `e` in one pass: `Ok(None)` (nothing done) when the tree does
/// not qualify (see [`FusedExpr`]).
pub fn evaluate(e: &FusedExpr) -> ArrayResult<Option<Array<f64>>> {
    let Some((prog, shape)) = prepare(e) else { return Ok(None) };
    let size = check_allocation(&shape, DType::Float64)?;
    let insts = &prog.insts;
    let out = with_leaves(&prog, size, |leaves| {
        build_vec(size, 1, |start, out| {
            let mut scratch = Scratch::new(insts, leaves);
            with_simd(
                #[inline(always)]
                || run_range(insts, leaves, &mut scratch, start, out),
            );
        })
    })?;
    Ok(Some(Array::from_vec(shape, out)?))
}

/// `np.sum(e)` over all axes without storing `e`: the elements are made
/// block by block inside NumPy's pairwise summation, so the result has the
/// bits of summing the evaluated array. `Ok(None)` as for [`evaluate`].
pub fn sum(e: &FusedExpr) -> ArrayResult<Option<f64>> {
    let Some((prog, shape)) = prepare(e) else { return Ok(None) };
    let size: usize = shape.iter().product();
    let insts = &prog.insts;
    with_leaves(&prog, size, |leaves| {
        sum_generated(&shape, |start, n| {
            let mut scratch = Scratch::new(insts, leaves);
            let mut block = vec![0.0; GEN_BLOCK];
            pairwise_generated(start, n, &mut block, &mut |first, out: &mut [f64]| {
                with_simd(
                    #[inline(always)]
                    || run_range(insts, leaves, &mut scratch, first, out),
                )
            })
        })
    })
}

/// `np.mean(e)` over all axes without storing `e` (the [`sum`] divided by
/// the count, as `np.mean` divides). `Ok(None)` as for [`evaluate`].
pub fn mean(e: &FusedExpr) -> ArrayResult<Option<f64>> {
    let Some(total) = sum(e)? else { return Ok(None) };
    let size: usize = prepare(e).map(|(_, shape)| shape.iter().product()).unwrap_or(1);
    Ok(Some(total / size as f64))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::array::elementwise::{binary, unary, BinaryOp, UnaryOp};
    use crate::array::NdArray;

    fn arr(n: usize, seed: u64) -> Array<f64> {
        let mut s = seed;
        let specials = [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 0.0, -0.0, 1e308, -1e-310, 2.0];
        let v = (0..n)
            .map(|i| {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                if i % 97 == 5 {
                    specials[(s >> 61) as usize]
                } else {
                    ((s >> 11) as f64 / (1u64 << 53) as f64 - 0.3) * 7.0
                }
            })
            .collect();
        Array::from_vec(vec![n], v).unwrap()
    }

    /// The unfused evaluation through the ordinary kernels.
    fn unfused(e: &FusedExpr) -> NdArray {
        match e {
            FusedExpr::Array(a) => NdArray::Float(a.clone()),
            FusedExpr::Product(p) => {
                let v = Array::from_vec(vec![p.vector().len()], p.vector().to_vec()).unwrap();
                crate::array::product::matmul(&NdArray::Float(p.matrix().clone()), &NdArray::Float(v)).unwrap()
            }
            FusedExpr::Scalar(c) => NdArray::Float(Array::scalar(*c)),
            FusedExpr::Neg(x) => unary(UnaryOp::Neg, &unfused(x)).unwrap(),
            FusedExpr::Binary(op, x, y) => {
                let bop = match op {
                    FusedOp::Add => BinaryOp::Add,
                    FusedOp::Sub => BinaryOp::Sub,
                    FusedOp::Mul => BinaryOp::Mul,
                    FusedOp::Div => BinaryOp::TrueDiv,
                    FusedOp::Pow => BinaryOp::Pow,
                };
                binary(bop, &unfused(x), &unfused(y)).unwrap()
            }
        }
    }

    fn bits(a: &NdArray) -> Vec<u64> {
        match a {
            NdArray::Float(x) => x.to_vec().iter().map(|v| v.to_bits()).collect(),
            _ => panic!("not float"),
        }
    }

    fn bin(op: FusedOp, x: FusedExpr, y: FusedExpr) -> FusedExpr {
        FusedExpr::Binary(op, Box::new(x), Box::new(y))
    }

    #[test]
    fn fused_matches_unfused_bit_for_bit() {
        use FusedExpr::{Array as A, Scalar as S};
        use FusedOp::*;
        for n in [0usize, 1, 7, BLOCK + 3, 200_003] {
            let (a, b, c) = (arr(n, 1), arr(n, 2), arr(n, 3));
            let trees = vec![
                bin(Add, bin(Mul, A(a.clone()), S(1.1)), A(b.clone())),
                bin(Pow, bin(Sub, A(a.clone()), A(b.clone())), S(2.0)),
                bin(Div, FusedExpr::Neg(Box::new(A(a.clone()))), bin(Pow, A(c.clone()), S(0.5))),
                bin(Pow, A(a.clone()), S(-1.0)),
                bin(Pow, A(a.clone()), S(0.0)),
                bin(Pow, A(a.clone()), S(1.0)),
                bin(Pow, A(a.clone()), S(3.0)),
                bin(Pow, A(a.clone()), A(b.clone())),
                bin(Pow, S(2.5), A(b.clone())),
                bin(Sub, S(1.0), bin(Mul, A(a.clone()), bin(Add, A(a.clone()), A(c.clone())))),
                bin(Mul, bin(Add, S(2.0), S(3.5)), bin(Div, S(1.0), A(c.clone()))),
            ];
            for t in &trees {
                let fused = evaluate(t).unwrap().unwrap();
                assert_eq!(fused.shape(), &[n]);
                assert_eq!(bits(&NdArray::Float(fused)), bits(&unfused(t)), "{t:?}");
            }
        }
    }

    /// Trees with matrix-vector products (rows of 3, 10 and 20 elements,
    /// a matrix view with rows further apart, odd lengths): the bits of
    /// `matmul` followed by the elementwise operators, stored or summed.
    #[test]
    fn fused_products_match_matmul_bit_for_bit() {
        use crate::array::reduce;
        use FusedExpr::{Array as A, Product as P, Scalar as S};
        for (m, k, rs) in [(100_003usize, 3usize, 3usize), (65_541, 10, 10), (30_001, 20, 20), (70_001, 10, 13)] {
            let buf = arr(m * rs, 7).to_vec();
            let full = Array::from_vec(vec![m, rs], buf).unwrap();
            let x = full.view(vec![m, k], vec![rs as isize, 1], 0);
            let v = Array::from_vec(vec![k], arr(k, 8).to_vec()).unwrap();
            let y = arr(m, 9);
            let p = RowProduct::new(&x, &v).unwrap();
            let trees = vec![
                bin(FusedOp::Add, P(p.clone()), S(0.5)),
                bin(FusedOp::Sub, bin(FusedOp::Add, P(p.clone()), S(0.5)), A(y.clone())),
                bin(FusedOp::Mul, S(2.0), bin(FusedOp::Sub, P(p.clone()), P(p.clone()))),
            ];
            for t in &trees {
                let stored = evaluate(t).unwrap().unwrap();
                assert_eq!(bits(&NdArray::Float(stored.clone())), bits(&unfused(t)), "m={m} k={k}");
                let s = reduce::sum(&NdArray::Float(stored), None, false).unwrap().get_flat(0);
                let crate::array::Scalar::Float(s) = s else { panic!("not float") };
                assert_eq!(sum(t).unwrap().unwrap().to_bits(), s.to_bits(), "sum m={m} k={k}");
            }
            // A product of another length than the arrays: declined.
            let short = arr(m - 1, 9);
            assert!(evaluate(&bin(FusedOp::Add, P(p.clone()), A(short))).unwrap().is_none());
        }
        // Too small, or a vector of another length: not a row product.
        let small = Array::from_vec(vec![100, 10], arr(1000, 1).to_vec()).unwrap();
        assert!(RowProduct::new(&small, &arr(10, 2)).is_none());
        let big = Array::from_vec(vec![70_000, 10], arr(700_000, 1).to_vec()).unwrap();
        assert!(RowProduct::new(&big, &arr(9, 2)).is_none());
        assert!(RowProduct::new(&big.view(vec![10, 70_000], vec![1, 10], 0), &arr(70_000, 2)).is_none());
    }

    #[test]
    fn fused_sums_match_sums_of_the_stored_result() {
        use crate::array::reduce;
        use FusedExpr::{Array as A, Scalar as S};
        let plain = |n: usize, seed: u64| {
            Array::from_vec(
                vec![n],
                arr(n, seed).to_vec().iter().map(|v| if v.is_finite() { *v } else { 0.5 }).collect(),
            )
            .unwrap()
        };
        for n in [2usize, 129, 8193, 1_000_003] {
            let (a, b) = (plain(n, 4), plain(n, 5));
            let t = bin(FusedOp::Pow, bin(FusedOp::Sub, A(a.clone()), A(b.clone())), S(2.0));
            let stored = NdArray::Float(evaluate(&t).unwrap().unwrap());
            let s = reduce::sum(&stored, None, false).unwrap().get_flat(0);
            assert_eq!(crate::array::Scalar::Float(sum(&t).unwrap().unwrap()), s, "n = {n}");
            let m = reduce::mean(&stored, None, false).unwrap().get_flat(0);
            assert_eq!(crate::array::Scalar::Float(mean(&t).unwrap().unwrap()), m, "n = {n}");
        }
        let x = Array::from_vec(vec![700, 300], plain(210_000, 6).to_vec()).unwrap();
        let t = bin(FusedOp::Mul, A(x.clone()), S(0.25));
        let stored = NdArray::Float(evaluate(&t).unwrap().unwrap());
        let m = reduce::mean(&stored, None, false).unwrap().get_flat(0);
        assert_eq!(crate::array::Scalar::Float(mean(&t).unwrap().unwrap()), m);
    }

    #[test]
    fn declines_what_it_cannot_fuse() {
        use FusedExpr::{Array as A, Scalar as S};
        let a = arr(10, 1);
        let b = Array::from_vec(vec![2, 5], a.to_vec()).unwrap();
        assert!(evaluate(&bin(FusedOp::Add, S(1.0), S(2.0))).unwrap().is_none());
        assert!(evaluate(&bin(FusedOp::Add, A(a.clone()), A(b.clone()))).unwrap().is_none());
        let t = b.view(vec![5, 2], vec![1, 5], 0);
        assert!(evaluate(&bin(FusedOp::Add, A(t.clone()), S(1.0))).unwrap().is_none());
        let mut e = A(a.clone());
        for _ in 0..MAX_INSTRUCTIONS + 1 {
            e = bin(FusedOp::Add, e, S(1.0));
        }
        assert!(evaluate(&e).unwrap().is_none());
    }
}
