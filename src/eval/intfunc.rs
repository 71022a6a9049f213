//! Functions of ints run on machine integers.
//!
//! A function whose body only computes with ints (`fib`, `gcd`, a Collatz
//! step count) spends nearly all of its time in calls and small operators,
//! where boxing every intermediate as a [`Value`] and unwinding through
//! `EvalResult` costs more than the arithmetic. Such a body is compiled a
//! second time, into closures over `i64`s: locals in a fixed array, results
//! as `Option<i64>`, calls of other int functions without any frame.
//!
//! A body qualifies when it is made of `x = e`, `x op= e`, `if`, `while`,
//! `for x in range(...)`, `break`/`continue`/`pass` and `return e`, where every expression is an
//! int literal, a local, a global int, `+ - * // %`, unary minus, a
//! conditional expression, `abs`/`min`/`max`, or a call of a global
//! function with positional arguments (`a, b = x, y` may assign several), and conditions add comparisons, `and`/`or`/`not` and
//! `True`/`False`. Such a body has no effect but its result: it stores no
//! global, prints nothing and calls only functions of the same kind.
//!
//! So it can give up at any point and leave the call to the general
//! evaluator, which runs the same body again from its start and does what
//! Python does: whenever the fast run meets anything else (an argument or a
//! global that is not an int, an overflow, `%` or `//` by a number that is
//! not positive, an unbound local, falling off the end, a callee that is not
//! an int function, the recursion limit, Ctrl-C), it answers `None`. The
//! function's fast body is then switched off for good (except after Ctrl-C),
//! so a function that gives up wastes at most one run.

use super::function::{CallShape, Function};
use super::num::{num_binary, Num};
use super::{Interp, RECURSION_LIMIT};
use crate::ast::{Arg, BinOp, CmpOp, Expr, ExprKind, NameSlot, Stmt, StmtKind, UnaryOp};
use crate::value::Value;
use std::cell::Cell;
use std::sync::atomic::Ordering;

/// The most local slots (and arguments) an int function may have.
const MAX_LOCALS: usize = 16;

/// Expressions nested deeper than this make a body not qualify (each level
/// is a native stack frame when it runs).
const MAX_DEPTH: usize = 24;

/// The locals of a running int function and which of them are bound.
struct Locals {
    values: [i64; MAX_LOCALS],
    bound: u32,
}

impl Locals {
    #[inline(always)]
    fn get(&self, i: usize) -> Option<i64> {
        if self.bound & (1 << i) == 0 {
            return None;
        }
        self.values.get(i).copied()
    }

    #[inline(always)]
    fn set(&mut self, i: usize, v: i64) {
        if let Some(slot) = self.values.get_mut(i) {
            *slot = v;
            self.bound |= 1 << i;
        }
    }
}

/// One run of int functions: the interpreter (read only) and the call depth.
pub(super) struct IntRun<'a> {
    interp: &'a Interp,
    depth: Cell<usize>,
    interrupted: Cell<bool>,
}

/// How a statement ended.
enum Flow {
    Next,
    Return(i64),
    Break,
    Continue,
    GiveUp,
}

type IntExpr = Box<dyn Fn(&IntRun, &Expr, &mut Locals) -> Option<i64>>;
type IntCond = Box<dyn Fn(&IntRun, &Expr, &mut Locals) -> Option<bool>>;
type IntStmt = Box<dyn Fn(&IntRun, &Stmt, &mut Locals) -> Flow>;
/// `abs`, `min` or `max` of ints.
type IntBuiltin = fn(&[i64]) -> Option<i64>;

/// A function body compiled to closures over `i64`s.
pub struct IntBody {
    stmts: Vec<IntStmt>,
}

impl IntBody {
    /// The body as an int function, or `None` when it does not qualify.
    pub fn new(body: &[Stmt], shape: CallShape) -> Option<IntBody> {
        if !shape.plain_params || shape.n_own_cells != 0 || shape.n_locals as usize > MAX_LOCALS {
            return None;
        }
        Some(IntBody { stmts: block(body)? })
    }

    /// Runs the body (the same `body` it was compiled from) in `locals`,
    /// which hold the arguments.
    #[inline(always)]
    fn run(&self, run: &IntRun, body: &[Stmt], locals: &mut Locals) -> Option<i64> {
        match run_block(&self.stmts, body, run, locals) {
            Flow::Return(v) => Some(v),
            _ => None,
        }
    }
}

impl<'a> IntRun<'a> {
    /// A run for a call made at `call_depth` (the depth inside the call).
    pub(super) fn new(interp: &'a Interp, call_depth: usize) -> IntRun<'a> {
        IntRun { interp, depth: Cell::new(call_depth), interrupted: Cell::new(false) }
    }

    /// Whether the run gave up because of Ctrl-C (the flag stays set for
    /// the general evaluator to raise `KeyboardInterrupt`).
    pub(super) fn interrupted(&self) -> bool {
        self.interrupted.get()
    }

    /// Runs `body` of a function (its int form) with `args`.
    pub(super) fn run_body(&self, int: &IntBody, body: &[Stmt], args: &[i64]) -> Option<i64> {
        let mut locals = Locals { values: [0; MAX_LOCALS], bound: 0 };
        for (i, &a) in args.iter().enumerate() {
            locals.set(i, a);
        }
        int.run(self, body, &mut locals)
    }

    #[inline(always)]
    fn check_interrupt(&self) -> Option<()> {
        if self.interp.interrupt.load(Ordering::Relaxed) || crate::array::cancel::is_requested() {
            self.interrupted.set(true);
            return None;
        }
        Some(())
    }

    /// Calls the int function held by the global `n` with the `n_args`
    /// arguments that `locals` (the callee's) hold.
    #[inline(always)]
    fn call(&self, n: &crate::ast::NameRef, n_args: usize, locals: &mut Locals) -> Option<i64> {
        let Some(Value::Function(user)) = self.interp.globals.get_remembering(n) else { return None };
        self.check_interrupt()?;
        let depth = self.depth.get();
        if depth >= RECURSION_LIMIT || !user.shape.takes_plain(n_args) || !user.closure.is_empty() {
            return None;
        }
        let int = int_body_of(user)?;
        self.depth.set(depth + 1);
        let r = int.run(self, &user.def.body, locals);
        self.depth.set(depth);
        r
    }
}

/// The int form of a user function's body, compiled (with its general
/// form) on first use; `None` when it does not qualify or was switched off.
#[inline(always)]
fn int_body_of(user: &Function) -> Option<&IntBody> {
    let def = &user.def;
    def.compiled.get_or_init(|| super::compile::CompiledBody::new(&def.body)).int_body(&def.body, user.shape)
}

fn block(stmts: &[Stmt]) -> Option<Vec<IntStmt>> {
    stmts.iter().map(stmt).collect()
}

#[inline(always)]
fn run_block(codes: &[IntStmt], stmts: &[Stmt], run: &IntRun, locals: &mut Locals) -> Flow {
    for (code, s) in codes.iter().zip(stmts) {
        match code(run, s, locals) {
            Flow::Next => {}
            other => return other,
        }
    }
    Flow::Next
}

/// The slot of a local variable target.
fn local_slot(target: &Expr) -> Option<usize> {
    match &target.kind {
        ExprKind::Name(n) => match n.slot.get() {
            NameSlot::Local(i) if (i as usize) < MAX_LOCALS => Some(i as usize),
            _ => None,
        },
        _ => None,
    }
}

/// Applies an int operator (`None` on overflow or a divisor that is not positive).
#[inline(always)]
fn apply(op: BinOp, x: i64, y: i64) -> Option<i64> {
    match num_binary(op, Num::Int(x), Num::Int(y))? {
        Num::Int(r) => Some(r),
        Num::Float(_) => None,
    }
}

fn int_op(op: BinOp) -> bool {
    matches!(op, BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::FloorDiv | BinOp::Mod)
}

fn stmt(s: &Stmt) -> Option<IntStmt> {
    Some(match &s.kind {
        StmtKind::Assign(targets, value) if is_tuple_swap(targets, value) => tuple_assign(targets, value)?,
        StmtKind::Assign(targets, value) => {
            let [target] = targets.as_slice() else { return None };
            let slot = local_slot(target)?;
            let code = expr(value, 0)?;
            Box::new(move |run, s, locals| {
                let StmtKind::Assign(_, value) = &s.kind else { return Flow::GiveUp };
                match code(run, value, locals) {
                    Some(v) => {
                        locals.set(slot, v);
                        Flow::Next
                    }
                    None => Flow::GiveUp,
                }
            })
        }
        StmtKind::AugAssign(target, op, value) if int_op(*op) => {
            let slot = local_slot(target)?;
            let code = expr(value, 0)?;
            let op = *op;
            Box::new(move |run, s, locals| {
                let StmtKind::AugAssign(_, _, value) = &s.kind else { return Flow::GiveUp };
                let Some(x) = locals.get(slot) else { return Flow::GiveUp };
                match code(run, value, locals).and_then(|y| apply(op, x, y)) {
                    Some(r) => {
                        locals.set(slot, r);
                        Flow::Next
                    }
                    None => Flow::GiveUp,
                }
            })
        }
        StmtKind::If(cond, body, orelse) => {
            let (test, body_code, else_code) = (condition(cond, 0)?, block(body)?, block(orelse)?);
            Box::new(move |run, s, locals| {
                let StmtKind::If(cond, body, orelse) = &s.kind else { return Flow::GiveUp };
                match test(run, cond, locals) {
                    Some(true) => run_block(&body_code, body, run, locals),
                    Some(false) => run_block(&else_code, orelse, run, locals),
                    None => Flow::GiveUp,
                }
            })
        }
        StmtKind::While(cond, body, orelse) => {
            let (test, body_code, else_code) = (condition(cond, 0)?, block(body)?, block(orelse)?);
            Box::new(move |run, s, locals| {
                let StmtKind::While(cond, body, orelse) = &s.kind else { return Flow::GiveUp };
                loop {
                    if run.check_interrupt().is_none() {
                        return Flow::GiveUp;
                    }
                    match test(run, cond, locals) {
                        Some(true) => match run_block(&body_code, body, run, locals) {
                            Flow::Next | Flow::Continue => {}
                            Flow::Break => return Flow::Next,
                            other => return other,
                        },
                        Some(false) => return run_block(&else_code, orelse, run, locals),
                        None => return Flow::GiveUp,
                    }
                }
            })
        }
        StmtKind::For(target, iter, body, orelse) => for_range(target, iter, body, orelse)?,
        StmtKind::Break => Box::new(|_, _, _| Flow::Break),
        StmtKind::Continue => Box::new(|_, _, _| Flow::Continue),
        StmtKind::Pass => Box::new(|_, _, _| Flow::Next),
        StmtKind::Return(Some(value)) => {
            let code = expr(value, 0)?;
            Box::new(move |run, s, locals| {
                let StmtKind::Return(Some(value)) = &s.kind else { return Flow::GiveUp };
                match code(run, value, locals) {
                    Some(v) => Flow::Return(v),
                    None => Flow::GiveUp,
                }
            })
        }
        _ => return None,
    })
}

/// Whether an assignment is `a, b = x, y` (as many locals as values, no star).
fn is_tuple_swap(targets: &[Expr], value: &Expr) -> bool {
    match (targets, &value.kind) {
        ([Expr { kind: ExprKind::Tuple(names), .. }], ExprKind::Tuple(values)) => {
            names.len() == values.len() && names.len() <= MAX_LOCALS && names.iter().all(|t| local_slot(t).is_some())
        }
        _ => false,
    }
}

/// `a, b = x, y`: every value first, then the stores from left to right.
fn tuple_assign(targets: &[Expr], value: &Expr) -> Option<IntStmt> {
    let [Expr { kind: ExprKind::Tuple(names), .. }] = targets else { return None };
    let ExprKind::Tuple(values) = &value.kind else { return None };
    let slots = names.iter().map(local_slot).collect::<Option<Vec<usize>>>()?;
    let codes = values.iter().map(|v| expr(v, 1)).collect::<Option<Vec<IntExpr>>>()?;
    Some(Box::new(move |run, s, locals| {
        let StmtKind::Assign(_, value) = &s.kind else { return Flow::GiveUp };
        let ExprKind::Tuple(values) = &value.kind else { return Flow::GiveUp };
        let mut results = [0i64; MAX_LOCALS];
        for ((code, v), r) in codes.iter().zip(values).zip(results.iter_mut()) {
            match code(run, v, locals) {
                Some(x) => *r = x,
                None => return Flow::GiveUp,
            }
        }
        for (&slot, &r) in slots.iter().zip(&results) {
            locals.set(slot, r);
        }
        Flow::Next
    }))
}

/// `for x in range(...)` with a local `x` and int bounds, while `range` is
/// Python's (no global of that name).
fn for_range(target: &Expr, iter: &Expr, body: &[Stmt], orelse: &[Stmt]) -> Option<IntStmt> {
    let slot = local_slot(target)?;
    let ExprKind::Call(func, args) = &iter.kind else { return None };
    let ExprKind::Name(n) = &func.kind else { return None };
    if &*n.name != "range" || !matches!(n.slot.get(), NameSlot::Global) || !(1..=3).contains(&args.len()) {
        return None;
    }
    let bounds = args
        .iter()
        .map(|a| match a {
            Arg::Positional(x) => expr(x, 1),
            _ => None,
        })
        .collect::<Option<Vec<IntExpr>>>()?;
    let (body_code, else_code) = (block(body)?, block(orelse)?);
    Some(Box::new(move |run, s, locals| {
        let StmtKind::For(_, iter, body, orelse) = &s.kind else { return Flow::GiveUp };
        let ExprKind::Call(func, args) = &iter.kind else { return Flow::GiveUp };
        let ExprKind::Name(n) = &func.kind else { return Flow::GiveUp };
        if run.interp.globals.get_remembering(n).is_some() {
            return Flow::GiveUp;
        }
        let mut values = [0i64, 0, 1];
        for (code, arg) in bounds.iter().zip(args) {
            let Arg::Positional(x) = arg else { return Flow::GiveUp };
            let Some(v) = code(run, x, locals) else { return Flow::GiveUp };
            values.rotate_left(1);
            values[2] = v;
        }
        // range(stop) / range(start, stop) / range(start, stop, step)
        let (start, stop, step) = match bounds.len() {
            1 => (0, values[2], 1),
            2 => (values[1], values[2], 1),
            _ => (values[0], values[1], values[2]),
        };
        if step == 0 {
            return Flow::GiveUp;
        }
        let range = crate::value::RangeValue { start, stop, step };
        for v in super::iter::IntRange::of(&range) {
            if run.check_interrupt().is_none() {
                return Flow::GiveUp;
            }
            locals.set(slot, v);
            match run_block(&body_code, body, run, locals) {
                Flow::Next | Flow::Continue => {}
                Flow::Break => return Flow::Next,
                other => return other,
            }
        }
        run_block(&else_code, orelse, run, locals)
    }))
}

/// `x op c` with the operator chosen here, so the closure holds no dispatch on it.
macro_rules! with_op {
    ($op:expr, $make:ident) => {
        match $op {
            BinOp::Add => $make!(|x: i64, y: i64| x.checked_add(y)),
            BinOp::Sub => $make!(|x: i64, y: i64| x.checked_sub(y)),
            BinOp::Mul => $make!(|x: i64, y: i64| x.checked_mul(y)),
            op => $make!(move |x: i64, y: i64| apply(op, x, y)),
        }
    };
}

fn expr(e: &Expr, depth: usize) -> Option<IntExpr> {
    if depth > MAX_DEPTH {
        return None;
    }
    Some(match &e.kind {
        ExprKind::Int(c) => {
            let c = *c;
            Box::new(move |_, _, _| Some(c))
        }
        ExprKind::Name(n) => match n.slot.get() {
            NameSlot::Local(i) if (i as usize) < MAX_LOCALS => {
                let i = i as usize;
                Box::new(move |_, _, locals| locals.get(i))
            }
            NameSlot::Global => Box::new(|run, e, _| {
                let ExprKind::Name(n) = &e.kind else { return None };
                match run.interp.globals.get_remembering(n)? {
                    Value::Int(v) => Some(*v),
                    _ => None,
                }
            }),
            _ => return None,
        },
        ExprKind::Unary(UnaryOp::Neg, x) => {
            let code = expr(x, depth + 1)?;
            Box::new(move |run, e, locals| {
                let ExprKind::Unary(_, x) = &e.kind else { return None };
                code(run, x, locals)?.checked_neg()
            })
        }
        ExprKind::Unary(UnaryOp::Pos, x) => {
            let code = expr(x, depth + 1)?;
            Box::new(move |run, e, locals| {
                let ExprKind::Unary(_, x) = &e.kind else { return None };
                code(run, x, locals)
            })
        }
        ExprKind::Binary(op, a, b) if int_op(*op) => binary(*op, a, b, depth)?,
        ExprKind::IfExp(cond, a, b) => {
            let (test, yes, no) = (condition(cond, depth + 1)?, expr(a, depth + 1)?, expr(b, depth + 1)?);
            Box::new(move |run, e, locals| {
                let ExprKind::IfExp(cond, a, b) = &e.kind else { return None };
                if test(run, cond, locals)? {
                    yes(run, a, locals)
                } else {
                    no(run, b, locals)
                }
            })
        }
        ExprKind::Call(func, args) => call(func, args, depth)?,
        _ => return None,
    })
}

/// `a op b`; a local with a constant, the common case, in one closure.
fn binary(op: BinOp, a: &Expr, b: &Expr, depth: usize) -> Option<IntExpr> {
    if let (Some(slot), ExprKind::Int(c)) = (local_slot(a), &b.kind) {
        let c = *c;
        macro_rules! local_const {
            ($f:expr) => {{
                let f = $f;
                Box::new(move |_: &IntRun, _: &Expr, locals: &mut Locals| f(locals.get(slot)?, c)) as IntExpr
            }};
        }
        return Some(with_op!(op, local_const));
    }
    let (left, right) = (expr(a, depth + 1)?, expr(b, depth + 1)?);
    macro_rules! general {
        ($f:expr) => {{
            let f = $f;
            Box::new(move |run: &IntRun, e: &Expr, locals: &mut Locals| {
                let ExprKind::Binary(_, a, b) = &e.kind else { return None };
                let x = left(run, a, locals)?;
                let y = right(run, b, locals)?;
                f(x, y)
            }) as IntExpr
        }};
    }
    Some(with_op!(op, general))
}

/// `f(a, b)` of a global name with positional arguments: a user function,
/// or Python's `abs`, `min` and `max` of ints.
fn call(func: &Expr, args: &[Arg], depth: usize) -> Option<IntExpr> {
    let ExprKind::Name(n) = &func.kind else { return None };
    if !matches!(n.slot.get(), NameSlot::Global) || args.len() > MAX_LOCALS {
        return None;
    }
    let codes = args
        .iter()
        .map(|a| match a {
            Arg::Positional(x) => expr(x, depth + 1),
            _ => None,
        })
        .collect::<Option<Vec<IntExpr>>>()?;
    let builtin: Option<IntBuiltin> = match (&*n.name, codes.len()) {
        ("abs", 1) => Some(|v| v.first()?.checked_abs()),
        ("min", 2..) => Some(|v| v.iter().copied().min()),
        ("max", 2..) => Some(|v| v.iter().copied().max()),
        _ => None,
    };
    if let Some(f) = builtin {
        return Some(Box::new(move |run, e, locals| {
            let ExprKind::Call(func, args) = &e.kind else { return None };
            let ExprKind::Name(n) = &func.kind else { return None };
            // a global of that name hides the builtin
            if run.interp.globals.get_remembering(n).is_some() {
                return None;
            }
            let mut values = [0i64; MAX_LOCALS];
            for ((code, arg), v) in codes.iter().zip(args).zip(values.iter_mut()) {
                let Arg::Positional(x) = arg else { return None };
                *v = code(run, x, locals)?;
            }
            f(values.get(..codes.len())?)
        }));
    }
    let bound_args = (1u32 << codes.len()) - 1;
    Some(Box::new(move |run, e, locals| {
        let ExprKind::Call(func, args) = &e.kind else { return None };
        let ExprKind::Name(n) = &func.kind else { return None };
        let mut callee = Locals { values: [0; MAX_LOCALS], bound: bound_args };
        for ((code, arg), v) in codes.iter().zip(args).zip(callee.values.iter_mut()) {
            let Arg::Positional(x) = arg else { return None };
            *v = code(run, x, locals)?;
        }
        run.call(n, codes.len(), &mut callee)
    }))
}

/// A condition: a comparison, `and`/`or`/`not`, `True`/`False`, or an int
/// (true when not zero).
fn condition(e: &Expr, depth: usize) -> Option<IntCond> {
    if depth > MAX_DEPTH {
        return None;
    }
    Some(match &e.kind {
        ExprKind::Compare(first, rest) => {
            let [(op, right)] = rest.as_slice() else { return None };
            compare(*op, first, right, depth)?
        }
        ExprKind::And(a, b) => {
            let (x, y) = (condition(a, depth + 1)?, condition(b, depth + 1)?);
            Box::new(move |run, e, locals| {
                let ExprKind::And(a, b) = &e.kind else { return None };
                Some(x(run, a, locals)? && y(run, b, locals)?)
            })
        }
        ExprKind::Or(a, b) => {
            let (x, y) = (condition(a, depth + 1)?, condition(b, depth + 1)?);
            Box::new(move |run, e, locals| {
                let ExprKind::Or(a, b) = &e.kind else { return None };
                Some(x(run, a, locals)? || y(run, b, locals)?)
            })
        }
        ExprKind::Unary(UnaryOp::Not, x) => {
            let code = condition(x, depth + 1)?;
            Box::new(move |run, e, locals| {
                let ExprKind::Unary(_, x) = &e.kind else { return None };
                Some(!code(run, x, locals)?)
            })
        }
        ExprKind::Bool(b) => {
            let b = *b;
            Box::new(move |_, _, _| Some(b))
        }
        _ => {
            let code = expr(e, depth)?;
            Box::new(move |run, e, locals| Some(code(run, e, locals)? != 0))
        }
    })
}

/// `a cmp b` for the six orderings; a local with a constant in one closure.
fn compare(op: CmpOp, a: &Expr, b: &Expr, depth: usize) -> Option<IntCond> {
    macro_rules! with_cmp {
        ($make:ident) => {
            match op {
                CmpOp::Lt => $make!(|x: i64, y: i64| x < y),
                CmpOp::Le => $make!(|x: i64, y: i64| x <= y),
                CmpOp::Gt => $make!(|x: i64, y: i64| x > y),
                CmpOp::Ge => $make!(|x: i64, y: i64| x >= y),
                CmpOp::Eq => $make!(|x: i64, y: i64| x == y),
                CmpOp::Ne => $make!(|x: i64, y: i64| x != y),
                _ => return None,
            }
        };
    }
    if let (Some(slot), ExprKind::Int(c)) = (local_slot(a), &b.kind) {
        let c = *c;
        macro_rules! local_const {
            ($f:expr) => {{
                let f = $f;
                Box::new(move |_: &IntRun, _: &Expr, locals: &mut Locals| Some(f(locals.get(slot)?, c))) as IntCond
            }};
        }
        return Some(with_cmp!(local_const));
    }
    let (left, right) = (expr(a, depth + 1)?, expr(b, depth + 1)?);
    macro_rules! general {
        ($f:expr) => {{
            let f = $f;
            Box::new(move |run: &IntRun, e: &Expr, locals: &mut Locals| {
                let ExprKind::Compare(a, rest) = &e.kind else { return None };
                let (_, b) = rest.first()?;
                let x = left(run, a, locals)?;
                let y = right(run, b, locals)?;
                Some(f(x, y))
            }) as IntCond
        }};
    }
    Some(with_cmp!(general))
}
