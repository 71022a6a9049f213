//! Function bodies compiled to closures.
//!
//! On its first call a function's body is turned into a tree of Rust
//! closures that mirrors the statement and expression tree. Each closure is
//! specialized when it is made (a local slot read, `local - 1`, a call of a
//! plain user function), so running it skips the evaluator's dispatch on the
//! node kind and its general-purpose checks.
//!
//! Every closure receives the AST node it was made from, so a node kind
//! without a specialized closure simply calls the tree-walking evaluator on
//! that node: compiling never fails and never changes what a program does.
//! The specialized closures use the evaluator's own helpers for everything
//! but the fast case (errors, their locations, the general operators), so
//! both paths share one definition of the language.
//!
//! Deep expressions are left to the evaluator, which guards the Rust stack
//! with its nesting counter.

use super::error::{EvalResult, Unwind};
use super::expr::clone_value;
use super::function::{CallShape, Frame, Function};
use super::intfunc::IntBody;
use super::literal::{is_numpy_array, ConstantDisplay};
use super::num::{num_binary, scalar_binary, scalar_compare, Num};
use super::{drop_value, Interp};
use crate::ast::{Arg, BinOp, CmpOp, Expr, ExprKind, NameSlot, Stmt, StmtKind};
use crate::value::Value;
use std::rc::Rc;

/// A compiled expression node giving an `R`: evaluates its node (passed in) in a frame.
type Code<R> = Box<dyn Fn(&mut Interp, &Expr, &mut Frame) -> EvalResult<R>>;
/// A compiled expression: its value.
type ExprCode = Code<Value>;
/// A compiled condition: the truth of its node.
type CondCode = Code<bool>;
/// A compiled statement: runs its node.
type StmtCode = Box<dyn Fn(&mut Interp, &Stmt, &mut Frame) -> EvalResult<()>>;

/// Makes a closure over `$step`, the int result of `x op c` when it cannot
/// fail (no overflow; `%` and `//` only by a positive constant), chosen when
/// compiled so that the closure holds no dispatch on the operator.
macro_rules! with_int_step {
    ($op:expr, $c:expr, $make:ident) => {
        match $op {
            BinOp::Add => Some($make!(|x: i64, c: i64| x.checked_add(c))),
            BinOp::Sub => Some($make!(|x: i64, c: i64| x.checked_sub(c))),
            BinOp::Mul => Some($make!(|x: i64, c: i64| x.checked_mul(c))),
            BinOp::Mod if $c > 0 => Some($make!(|x: i64, c: i64| Some(x.rem_euclid(c)))),
            BinOp::FloorDiv if $c > 0 => Some($make!(|x: i64, c: i64| Some(x.div_euclid(c)))),
            _ => None,
        }
    };
}

/// Expressions nested deeper than this are evaluated by the tree walker,
/// whose depth counter protects the stack.
const MAX_COMPILED_DEPTH: usize = 24;

/// A function body as closures, one per statement of the body.
pub struct CompiledBody {
    /// The statements, except a final `return value`.
    stmts: Vec<StmtCode>,
    /// The value of a final `return value`, evaluated without unwinding.
    tail: Option<ExprCode>,
    /// The body as an int function, made on first use (`None` when it does not qualify).
    int: std::cell::OnceCell<Option<IntBody>>,
    /// Set when the int form gave up once: the function then always runs the general way.
    int_off: std::cell::Cell<bool>,
}

impl std::fmt::Debug for CompiledBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CompiledBody({} statements)", self.stmts.len())
    }
}

impl CompiledBody {
    /// Compiles a function body.
    pub fn new(body: &[Stmt]) -> CompiledBody {
        match body.split_last() {
            Some((Stmt { kind: StmtKind::Return(Some(value)), .. }, before)) => CompiledBody {
                stmts: block(before),
                tail: Some(expr(value, 0)),
                int: Default::default(),
                int_off: Default::default(),
            },
            _ => CompiledBody { stmts: block(body), tail: None, int: Default::default(), int_off: Default::default() },
        }
    }

    /// The body's int form (see [`super::intfunc`]), compiled on first use
    /// from the same `body`; `None` when it does not qualify or gave up.
    #[inline(always)]
    pub fn int_body(&self, body: &[Stmt], shape: CallShape) -> Option<&IntBody> {
        if self.int_off.get() {
            return None;
        }
        self.int.get_or_init(|| IntBody::new(body, shape)).as_ref()
    }

    /// Switches the int form off (it gave up once).
    pub fn switch_off_int(&self) {
        self.int_off.set(true);
    }

    /// Runs the body (the same `body` it was compiled from) in `frame` and
    /// gives the function's result; a `return` inside unwinds as
    /// [`Unwind::Return`] for the caller to catch.
    pub fn run(&self, interp: &mut Interp, body: &[Stmt], frame: &mut Frame) -> EvalResult<Value> {
        run_block(&self.stmts, body, interp, frame)?;
        match (&self.tail, body.last()) {
            (Some(code), Some(Stmt { kind: StmtKind::Return(Some(value)), .. })) => code(interp, value, frame),
            _ => Ok(Value::None),
        }
    }
}

fn block(stmts: &[Stmt]) -> Vec<StmtCode> {
    stmts.iter().map(stmt).collect()
}

#[inline(always)]
fn run_block(codes: &[StmtCode], stmts: &[Stmt], interp: &mut Interp, frame: &mut Frame) -> EvalResult<()> {
    for (code, s) in codes.iter().zip(stmts) {
        code(interp, s, frame)?;
    }
    Ok(())
}

/// The tree walker on this statement.
fn walk_stmt() -> StmtCode {
    Box::new(|interp, s, frame| interp.exec(s, frame))
}

/// The tree walker on this expression.
fn walk_expr() -> ExprCode {
    Box::new(|interp, e, frame| interp.eval(e, frame))
}

fn stmt(s: &Stmt) -> StmtCode {
    match &s.kind {
        StmtKind::Expr(e) => {
            let code = expr(e, 0);
            Box::new(move |interp, s, frame| {
                let StmtKind::Expr(e) = &s.kind else { return interp.exec(s, frame) };
                drop_value(code(interp, e, frame)?);
                Ok(())
            })
        }
        StmtKind::Assign(targets, value) if matches!(targets.as_slice(), [Expr { kind: ExprKind::Name(_), .. }]) => {
            let code = expr(value, 0);
            Box::new(move |interp, s, frame| {
                let StmtKind::Assign(targets, value) = &s.kind else { return interp.exec(s, frame) };
                let [Expr { kind: ExprKind::Name(n), .. }] = targets.as_slice() else { return interp.exec(s, frame) };
                let v = code(interp, value, frame)?;
                interp.store_name(n, v, frame);
                Ok(())
            })
        }
        StmtKind::Return(value) => {
            let code = value.as_ref().map(|v| expr(v, 0));
            Box::new(move |interp, s, frame| {
                let v = match (&code, &s.kind) {
                    (Some(code), StmtKind::Return(Some(e))) => code(interp, e, frame)?,
                    _ => Value::None,
                };
                Err(Unwind::Return(v))
            })
        }
        StmtKind::If(cond, body, orelse) => {
            let test = condition(cond);
            let (yes, no) = (block(body), block(orelse));
            Box::new(move |interp, s, frame| {
                let StmtKind::If(cond, body, orelse) = &s.kind else { return interp.exec(s, frame) };
                if test(interp, cond, frame)? {
                    run_block(&yes, body, interp, frame)
                } else {
                    run_block(&no, orelse, interp, frame)
                }
            })
        }
        StmtKind::Assign(targets, value)
            if matches!(targets.as_slice(), [Expr { kind: ExprKind::Subscript(..), .. }]) =>
        {
            subscript_assign(&targets[0], value)
        }
        StmtKind::Assign(targets, value) if targets.len() == 1 => {
            let code = expr(value, 0);
            Box::new(move |interp, s, frame| {
                let StmtKind::Assign(targets, value) = &s.kind else { return interp.exec(s, frame) };
                let [target] = targets.as_slice() else { return interp.exec(s, frame) };
                let v = code(interp, value, frame)?;
                interp.assign(target, v, frame)
            })
        }
        StmtKind::AugAssign(target, op, value) => match &target.kind {
            ExprKind::Name(n) if matches!(n.slot.get(), NameSlot::Local(_)) => aug_assign_local(target, *op, value),
            _ => walk_stmt(),
        },
        StmtKind::While(cond, body, orelse) => {
            let test = condition(cond);
            let (body_codes, else_codes) = (block(body), block(orelse));
            Box::new(move |interp, s, frame| {
                let StmtKind::While(cond, body, orelse) = &s.kind else { return interp.exec(s, frame) };
                interp.run_while(
                    s,
                    frame,
                    |interp, frame| test(interp, cond, frame),
                    |interp, frame| run_block(&body_codes, body, interp, frame),
                    |interp, frame| run_block(&else_codes, orelse, interp, frame),
                )
            })
        }
        StmtKind::For(_, iter, body, orelse) => {
            let iter_code = expr(iter, 0);
            let (body_codes, else_codes) = (block(body), block(orelse));
            Box::new(move |interp, s, frame| {
                let StmtKind::For(target, iter, body, orelse) = &s.kind else { return interp.exec(s, frame) };
                let it = iter_code(interp, iter, frame)?;
                interp.run_for(
                    s,
                    target,
                    it,
                    iter.span,
                    frame,
                    |interp, frame| run_block(&body_codes, body, interp, frame),
                    |interp, frame| run_block(&else_codes, orelse, interp, frame),
                )
            })
        }
        StmtKind::Break => Box::new(|_, _, _| Err(Unwind::Break)),
        StmtKind::Continue => Box::new(|_, _, _| Err(Unwind::Continue)),
        StmtKind::Pass => Box::new(|_, _, _| Ok(())),
        _ => walk_stmt(),
    }
}

/// `x op= value` for a local variable `x`. The value is computed first:
/// nothing it evaluates can rebind a plain local of this frame, so reading
/// the variable after it is the same as before. An unbound variable goes to
/// the tree walker, which raises before evaluating the value.
fn aug_assign_local(target: &Expr, op: BinOp, value: &Expr) -> StmtCode {
    // `x += 1` on an int local: updated in place
    if let (ExprKind::Name(n), ExprKind::Int(c)) = (&target.kind, &value.kind) {
        if let NameSlot::Local(i) = n.slot.get() {
            let (i, c) = (i as usize, *c);
            macro_rules! step_in_place {
                ($step:expr) => {{
                    let step = $step;
                    let code = expr(value, 0);
                    Box::new(move |interp: &mut Interp, s: &Stmt, frame: &mut Frame| {
                        if let Some(Some(Value::Int(x))) = frame.locals.get_mut(i) {
                            if let Some(r) = step(*x, c) {
                                *x = r;
                                return Ok(());
                            }
                        }
                        aug_assign_general(&code, interp, s, frame)
                    }) as StmtCode
                }};
            }
            if let Some(code) = with_int_step!(op, c, step_in_place) {
                return code;
            }
        }
    }
    let code = expr(value, 0);
    if may_be_number(value) {
        // `x += a * b` or `x += c[i]` on a number local, computed without
        // values (an element of anything but an array goes the general way).
        return Box::new(move |interp, s, frame| {
            if let StmtKind::AugAssign(Expr { kind: ExprKind::Name(n), .. }, op, value) = &s.kind {
                if let NameSlot::Local(i) = n.slot.get() {
                    let y = match &value.kind {
                        ExprKind::Subscript(obj, index) => interp.num_element(obj, index, frame, 0),
                        _ => interp.eval_num(value, frame, 0),
                    };
                    if let Some(y) = y {
                        if let Some(Some(current)) = frame.locals.get_mut(i as usize) {
                            if let Some(x) = Num::of(current) {
                                if let Some(r) = num_binary(*op, x, y) {
                                    // the old value is a number: nothing to drop
                                    std::mem::forget(std::mem::replace(current, r.into_value()));
                                    return Ok(());
                                }
                            }
                        }
                    }
                }
            }
            aug_assign_general(&code, interp, s, frame)
        });
    }
    Box::new(move |interp, s, frame| aug_assign_general(&code, interp, s, frame))
}

/// `obj[index] = value`, its three parts compiled and evaluated in
/// Python's order: the value, then the object, then the index. A bound
/// local object is used where it lies (no reference count traffic).
fn subscript_assign(target: &Expr, value: &Expr) -> StmtCode {
    let ExprKind::Subscript(obj, index) = &target.kind else { return walk_stmt() };
    let (value_code, obj_code, index_code) = (expr(value, 0), expr(obj, 0), expr(index, 0));
    let local = local_of(obj);
    Box::new(move |interp, s, frame| {
        let StmtKind::Assign(targets, value) = &s.kind else { return interp.exec(s, frame) };
        let [target @ Expr { kind: ExprKind::Subscript(obj, index), .. }] = targets.as_slice() else {
            return interp.exec(s, frame);
        };
        let v = value_code(interp, value, frame)?;
        if let Some(slot) = local.filter(|&slot| matches!(frame.locals.get(slot), Some(Some(_)))) {
            let i = index_code(interp, index, frame)?;
            // (an expression cannot unbind a local of this frame)
            if let Some(Some(o)) = frame.locals.get(slot) {
                return interp.set_item(o, &i, v).map_err(|u| interp.locate(u, target.span));
            }
        }
        let o = obj_code(interp, obj, frame)?;
        let i = index_code(interp, index, frame)?;
        interp.set_item(&o, &i, v).map_err(|u| interp.locate(u, target.span))
    })
}

/// The slot of a local variable named by `e`.
fn local_of(e: &Expr) -> Option<usize> {
    match &e.kind {
        ExprKind::Name(n) => match n.slot.get() {
            NameSlot::Local(i) => Some(i as usize),
            _ => None,
        },
        _ => None,
    }
}

/// `x[index]` with `x` a local: once `x` is known to be bound, the index is
/// evaluated and `x` is read where it lies; a dict or 1-d array element
/// comes without the general dispatch.
fn local_subscript(obj: &Expr, index: &Expr, depth: usize) -> ExprCode {
    let (obj_code, index_code) = (expr(obj, depth + 1), expr(index, depth + 1));
    let Some(slot) = local_of(obj) else { return walk_expr() };
    Box::new(move |interp, e, frame| {
        let ExprKind::Subscript(obj, index) = &e.kind else { return interp.eval(e, frame) };
        if !matches!(frame.locals.get(slot), Some(Some(_))) {
            // unbound: the general read raises
            let v = obj_code(interp, obj, frame)?;
            let i = index_code(interp, index, frame)?;
            return interp.get_item(&v, &i).map_err(|u| interp.locate(u, e.span));
        }
        let i = index_code(interp, index, frame)?;
        let Some(Some(v)) = frame.locals.get(slot) else {
            return Err(super::error::type_error("internal error: local unbound by an index"));
        };
        match (v, &i) {
            (Value::Dict(d), _) => {
                if let Ok(Some(x)) = d.borrow().get(&i) {
                    return Ok(x);
                }
            }
            (Value::Array(a), Value::Int(k)) => {
                if let Some(x) = super::num::element_1d(a, *k) {
                    return Ok(x.into_value());
                }
            }
            _ => {}
        }
        interp.get_item(v, &i).map_err(|u| interp.locate(u, e.span))
    })
}

#[inline(always)]
fn aug_assign_general(code: &ExprCode, interp: &mut Interp, s: &Stmt, frame: &mut Frame) -> EvalResult<()> {
    let StmtKind::AugAssign(target, op, value) = &s.kind else { return interp.exec(s, frame) };
    let ExprKind::Name(n) = &target.kind else { return interp.exec(s, frame) };
    let NameSlot::Local(i) = n.slot.get() else { return interp.exec(s, frame) };
    let i = i as usize;
    if !matches!(frame.locals.get(i), Some(Some(_))) {
        return interp.exec(s, frame);
    }
    let v = code(interp, value, frame)?;
    if let Some(Some(current)) = frame.locals.get_mut(i) {
        if let Some(r) = scalar_binary(*op, current, &v) {
            drop_value(std::mem::replace(current, r));
            drop_value(v);
            return Ok(());
        }
    }
    let current = interp.load_name(n, frame).map_err(|u| interp.locate(u, target.span))?;
    interp.aug_assign_name(target, n, *op, value, current, v, frame)
}

/// The truth of a condition; `local cmp int` is tested without building a
/// `bool` value.
fn condition(cond: &Expr) -> CondCode {
    if let ExprKind::Compare(first, rest) = &cond.kind {
        if let [(op, right)] = rest.as_slice() {
            if let Some(code) = local_and_int(first, right).and_then(|(i, c)| local_int_test(*op, i, c)) {
                return code;
            }
            return compare_code(first, *op, right, 0, |b| b, |interp, v, cond| interp.truth_at(v, cond));
        }
    }
    let code = expr(cond, 0);
    Box::new(move |interp, cond, frame| {
        let v = code(interp, cond, frame)?;
        interp.truth_at(v, cond)
    })
}

fn expr(e: &Expr, depth: usize) -> ExprCode {
    if depth > MAX_COMPILED_DEPTH {
        return walk_expr();
    }
    match &e.kind {
        ExprKind::Int(i) => {
            let i = *i;
            Box::new(move |_, _, _| Ok(Value::Int(i)))
        }
        ExprKind::Float(x) => {
            let x = *x;
            Box::new(move |_, _, _| Ok(Value::Float(x)))
        }
        ExprKind::Bool(b) => {
            let b = *b;
            Box::new(move |_, _, _| Ok(Value::Bool(b)))
        }
        ExprKind::NoneLit => Box::new(|_, _, _| Ok(Value::None)),
        ExprKind::Name(n) => match n.slot.get() {
            NameSlot::Local(i) => {
                let i = i as usize;
                Box::new(move |interp, e, frame| match frame.locals.get(i) {
                    Some(Some(v)) => Ok(clone_value(v)),
                    _ => interp.eval(e, frame),
                })
            }
            NameSlot::Global => Box::new(|interp, e, frame| {
                if let ExprKind::Name(n) = &e.kind {
                    if let Some(v) = interp.globals.get_cached(n) {
                        return Ok(clone_value(v));
                    }
                }
                interp.eval(e, frame)
            }),
            NameSlot::Cell(_) => walk_expr(),
        },
        ExprKind::Binary(op, a, b) if !super::fusion::may_fuse(a, b) => binary(*op, a, b, depth),
        ExprKind::Compare(first, rest) if rest.len() == 1 => {
            compare_code(first, rest[0].0, &rest[0].1, depth, Value::Bool, |_, v, _| Ok(v))
        }
        ExprKind::Subscript(obj, index) if local_of(obj).is_some() => local_subscript(obj, index, depth),
        ExprKind::Subscript(obj, index) => {
            let (obj_code, index_code) = (expr(obj, depth + 1), expr(index, depth + 1));
            Box::new(move |interp, e, frame| {
                let ExprKind::Subscript(obj, index) = &e.kind else { return interp.eval(e, frame) };
                let v = obj_code(interp, obj, frame)?;
                let i = index_code(interp, index, frame)?;
                if let (Value::Array(a), Value::Int(k)) = (&v, &i) {
                    if let Some(x) = super::num::element_1d(a, *k) {
                        return Ok(x.into_value());
                    }
                }
                interp.get_item(&v, &i).map_err(|u| interp.locate(u, e.span))
            })
        }
        ExprKind::Call(func, args)
            if !matches!(func.kind, ExprKind::Attribute(..))
                && args.iter().all(|a| matches!(a, Arg::Positional(_))) =>
        {
            call(func, args, depth)
        }
        ExprKind::Call(func, _) if matches!(&func.kind, ExprKind::Attribute(obj, _) if matches!(obj.kind, ExprKind::Name(_))) => {
            module_call()
        }
        _ => walk_expr(),
    }
}

/// The slot and the constant of `local` and `int literal` operands.
fn local_and_int(a: &Expr, b: &Expr) -> Option<(usize, i64)> {
    match (&a.kind, &b.kind) {
        (ExprKind::Name(n), ExprKind::Int(c)) => match n.slot.get() {
            NameSlot::Local(i) => Some((i as usize, *c)),
            _ => None,
        },
        _ => None,
    }
}

/// `a cmp b` (one comparison), as an expression (`R` = a value) or as a
/// condition (`R` = its truth): `numbers` makes the result of comparing two
/// numbers, `general` the result from the general comparison's value.
fn compare_code<R: 'static>(
    first: &Expr,
    op: CmpOp,
    right: &Expr,
    depth: usize,
    numbers: fn(bool) -> R,
    general: fn(&mut Interp, Value, &Expr) -> EvalResult<R>,
) -> Code<R> {
    let (left_code, right_code) = (expr(first, depth + 1), expr(right, depth + 1));
    Box::new(move |interp, e, frame| {
        let ExprKind::Compare(first, rest) = &e.kind else {
            let v = interp.eval(e, frame)?;
            return general(interp, v, e);
        };
        let [(_, right)] = rest.as_slice() else {
            let v = interp.eval(e, frame)?;
            return general(interp, v, e);
        };
        let x = left_code(interp, first, frame)?;
        let y = right_code(interp, right, frame)?;
        if let Some(b) = scalar_compare(op, &x, &y) {
            drop_value(x);
            drop_value(y);
            return Ok(numbers(b));
        }
        let v = interp.compare_located(e, op, x, y)?;
        general(interp, v, e)
    })
}

/// `local cmp int` with the comparison chosen when compiled; an operand
/// that is not an int goes to the general condition.
fn local_int_test(op: CmpOp, i: usize, c: i64) -> Option<CondCode> {
    macro_rules! test {
        ($cmp:tt) => {
            Box::new(move |interp: &mut Interp, cond: &Expr, frame: &mut Frame| {
                if let Some(Some(Value::Int(x))) = frame.locals.get(i) {
                    return Ok(*x $cmp c);
                }
                interp.eval_condition(cond, frame)
            })
        };
    }
    Some(match op {
        CmpOp::Lt => test!(<),
        CmpOp::Le => test!(<=),
        CmpOp::Gt => test!(>),
        CmpOp::Ge => test!(>=),
        CmpOp::Eq => test!(==),
        CmpOp::Ne => test!(!=),
        _ => return None,
    })
}

/// Whether the evaluator's number fast path (`Interp::eval_num`) may
/// compute `e`: literals, variables, element reads and operators on them.
fn may_be_number(e: &Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Name(_)
            | ExprKind::Binary(..)
            | ExprKind::Unary(crate::ast::UnaryOp::Neg, _)
            | ExprKind::Subscript(..)
    )
}

/// `local op int` on an int local; anything else (another type, an
/// overflow) is evaluated the general way.
fn local_int_arith(op: BinOp, i: usize, c: i64) -> Option<ExprCode> {
    macro_rules! arith {
        ($step:expr) => {{
            let step = $step;
            Box::new(move |interp: &mut Interp, e: &Expr, frame: &mut Frame| {
                if let Some(Some(Value::Int(x))) = frame.locals.get(i) {
                    if let Some(r) = step(*x, c) {
                        return Ok(Value::Int(r));
                    }
                }
                interp.eval(e, frame)
            }) as ExprCode
        }};
    }
    with_int_step!(op, c, arith)
}

/// `a op b` (not a tree the evaluator would fuse into one array pass).
fn binary(op: BinOp, a: &Expr, b: &Expr, depth: usize) -> ExprCode {
    // `local op int`, the commonest arithmetic in a loop or a recursion
    if let Some(code) = local_and_int(a, b).and_then(|(i, c)| local_int_arith(op, i, c)) {
        return code;
    }
    let (left_code, right_code) = (expr(a, depth + 1), expr(b, depth + 1));
    let numeric = may_be_number(a) && may_be_number(b);
    Box::new(move |interp, e, frame| {
        let ExprKind::Binary(_, a, b) = &e.kind else { return interp.eval(e, frame) };
        if numeric {
            // both sides are made of numbers: computed without values
            if let Some(n) = interp.num_binary_of(op, a, b, frame, 0) {
                return Ok(n.into_value());
            }
        }
        let x = left_code(interp, a, frame)?;
        let y = right_code(interp, b, frame)?;
        if let Some(r) = scalar_binary(op, &x, &y) {
            drop_value(x);
            drop_value(y);
            return Ok(r);
        }
        interp.binary_located(e, op, a, b, x, y)
    })
}

/// `f(x, y)` with positional arguments: a plain user function gets its
/// arguments evaluated straight into its frame; anything else is called
/// the general way.
fn call(func: &Expr, args: &[Arg], depth: usize) -> ExprCode {
    let callee_code = expr(func, depth + 1);
    let arg_codes: Vec<ExprCode> = args
        .iter()
        .map(|a| match a {
            Arg::Positional(x) => expr(x, depth + 1),
            _ => walk_expr(),
        })
        .collect();
    let all_positional = args.iter().all(|a| matches!(a, Arg::Positional(_)));
    Box::new(move |interp, e, frame| {
        let ExprKind::Call(func, args) = &e.kind else { return interp.eval(e, frame) };
        let f = match global_function(interp, func) {
            Some(user) => Value::Function(user),
            None => callee_code(interp, func, frame)?,
        };
        match f {
            Value::Function(user) if all_positional && user.shape.takes_plain(args.len()) => {
                let mut r = interp.call_plain_with(user, args.len(), frame, |interp, i, frame| {
                    match (arg_codes.get(i), args.get(i)) {
                        (Some(code), Some(Arg::Positional(x))) => code(interp, x, frame),
                        _ => Err(super::error::type_error("internal error: argument out of range")),
                    }
                });
                if let Err(u) = r {
                    r = Err(interp.add_call_site(u, e.span));
                }
                r
            }
            other => interp.eval_call_general(e, other, args, frame),
        }
    })
}

/// `m.f(args)` where `m` is a variable: when it holds a module, `f` is read
/// from the module's attribute cache and called the general way (after the
/// fused `np.sum`/`np.mean` of an operator tree), as the walker does
/// without its method-call checks. Any other receiver is a method call for
/// the walker's call path (reading a variable twice has no effect).
fn module_call() -> ExprCode {
    // `np.array(display)` of number literals: the elements, computed at the first call.
    let constant: std::cell::OnceCell<Option<ConstantDisplay>> = std::cell::OnceCell::new();
    Box::new(move |interp, e, frame| {
        let ExprKind::Call(func, args) = &e.kind else { return interp.eval(e, frame) };
        let ExprKind::Attribute(obj, attr) = &func.kind else { return interp.eval(e, frame) };
        let ExprKind::Name(n) = &obj.kind else { return interp.eval(e, frame) };
        let receiver = match interp.variable(n, frame) {
            Some(Value::Module(m)) => Value::Module(Rc::clone(m)),
            _ => return interp.eval_call(e, func, args, frame),
        };
        if let Some(r) = interp.try_fused_reduction(&receiver, &attr.name, args, frame) {
            return Ok(r);
        }
        let f = interp.get_attr_at(&receiver, attr).map_err(|u| interp.locate(u, func.span))?;
        if is_numpy_array(&f) {
            if let Some(array) = constant.get_or_init(|| interp.constant_display(args, frame)) {
                return Ok(array.array());
            }
        }
        interp.eval_call_general(e, f, args, frame)
    })
}

/// The user function a global name holds, without the general clone of a value.
#[inline(always)]
fn global_function(interp: &Interp, func: &Expr) -> Option<Rc<Function>> {
    let ExprKind::Name(n) = &func.kind else { return None };
    match interp.globals.get_cached(n) {
        Some(Value::Function(user)) => Some(Rc::clone(user)),
        _ => None,
    }
}
