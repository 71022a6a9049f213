//! The evaluator: a tree walker over the resolved AST.
//!
//! [`Interp`] holds the session: module globals, the output stream, the
//! random state and print options, and the interrupt flag. Statements are
//! executed here; expressions in [`expr`], operators in [`ops`], indexing
//! in [`subscript`], iteration and truth in [`iter`].

pub mod assign;
pub mod compile;
pub mod error;
pub mod explain;
pub mod expr;
pub mod function;
pub mod fusion;
pub mod globals;
pub mod intfunc;
pub mod iter;
pub mod literal;
pub mod loops;
pub mod num;
pub mod ops;
pub mod scope;
pub mod session;
pub mod subscript;

use crate::ast::*;
use crate::value::fxhash::FxHashMap;
use crate::value::{ExcKind, ExceptionValue, Module, Value};
use error::{raise, EvalResult, Location, NplError, Source, Unwind};
use function::Frame;
use std::io::Write;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Drops a value, skipping the out-of-line drop glue for the plain
/// numbers that need none (most values a loop discards).
#[inline(always)]
pub fn drop_value(v: Value) {
    match v {
        Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) => std::mem::forget(v),
        other => drop(other),
    }
}

/// Python's default recursion limit.
pub const RECURSION_LIMIT: usize = 1000;
/// Deepest nesting of expression evaluation (protects the Rust stack).
pub const EXPR_DEPTH_LIMIT: usize = 20_000;

/// `repr(v)`, or Python's `RecursionError` for containers nested too deep to print.
pub fn repr_of(v: &Value) -> EvalResult<String> {
    let text = v.checked_repr().ok_or_else(repr_recursion_error)?;
    // printing a huge array stops early on Ctrl-C; its partial text is dropped here
    crate::array::cancel::check()?;
    Ok(text)
}

/// `str(v)`, or Python's `RecursionError` for containers nested too deep to print.
pub fn str_of(v: &Value) -> EvalResult<String> {
    let text = v.checked_str().ok_or_else(repr_recursion_error)?;
    crate::array::cancel::check()?;
    Ok(text)
}

fn repr_recursion_error() -> Unwind {
    raise(ExcKind::RecursionError, "maximum recursion depth exceeded while getting the repr of an object")
}

/// An interpreter session.
pub struct Interp {
    /// Module-level variables.
    pub globals: globals::Globals,
    /// Python's builtin names (functions, types, exceptions).
    pub builtins: FxHashMap<&'static str, Value>,
    /// The `numpy` module (its names are also reachable bare).
    pub numpy: Rc<Module>,
    /// Where `print` writes.
    pub out: Box<dyn Write>,
    /// Set (e.g. by a Ctrl-C handler) to stop the running code.
    pub interrupt: Arc<AtomicBool>,
    /// The legacy global random state (`np.random.seed`).
    pub random: Option<crate::random::RandomState>,
    /// How many calls deep the running code is (for `RecursionError`).
    pub call_depth: usize,
    expr_depth: usize,
    /// Emptied local-variable vectors of finished calls, reused by the next
    /// calls so that a call to a plain function allocates nothing.
    frame_pool: Vec<Vec<Option<Value>>>,
    /// The source of the module-level code being run.
    source: Rc<Source>,
    /// The name module-level code reports in tracebacks (`<module>`).
    function_name: Rc<str>,
    /// The user function running now (`None` at module level): its source
    /// and name locate errors.
    current: Option<Rc<function::Function>>,
    /// The exception being handled (for bare `raise`).
    handling: Vec<Rc<ExceptionValue>>,
}

impl Interp {
    /// A fresh session writing to `out`.
    pub fn new(out: Box<dyn Write>) -> Interp {
        let numpy = crate::builtins::modules::numpy_module();
        let builtins = crate::builtins::python::builtin_names();
        Interp {
            globals: globals::Globals::default(),
            builtins,
            numpy,
            out,
            interrupt: Arc::new(AtomicBool::new(false)),
            random: None,
            call_depth: 0,
            expr_depth: 0,
            frame_pool: Vec::new(),
            source: Source::new("<string>", ""),
            function_name: Rc::from("<module>"),
            current: None,
            handling: vec![],
        }
    }

    /// A session writing to `out` with `np` already bound, as the prompt
    /// and scripts start.
    pub fn with_numpy(out: Box<dyn std::io::Write>) -> Interp {
        let mut interp = Interp::new(out);
        interp.bind_numpy();
        interp
    }

    /// Binds `np` (and `numpy`) as the prompt does before the first line.
    pub fn bind_numpy(&mut self) {
        self.globals.insert(Rc::from("np"), Value::Module(self.numpy.clone()));
    }

    /// Parses and runs `text` as a module named `name`. With `echo`, the
    /// value of each expression statement is printed as its `repr` (as the
    /// prompt does). Variables persist in the session.
    pub fn run(&mut self, name: &str, text: &str, echo: bool) -> Result<(), NplError> {
        let source = Source::new(name, text);
        let program = crate::parser::parse_program(text).map_err(|e| {
            let kind = ExcKind::from_name(e.kind).unwrap_or(ExcKind::SyntaxError);
            let mut err = NplError::new(kind, e.message);
            err.trace.push(Location {
                source: source.clone(),
                span: Span::new(e.start, e.end),
                function: Rc::from("<module>"),
            });
            err.located = true;
            err
        })?;
        let layout = scope::resolve_module(&program).map_err(|e| {
            let mut err = NplError::new(ExcKind::SyntaxError, e.message);
            err.trace.push(Location { source: source.clone(), span: e.span, function: Rc::from("<module>") });
            err.located = true;
            err
        })?;
        let cells = (0..layout.cell_names.len()).map(|_| Rc::new(std::cell::RefCell::new(None))).collect();
        let mut frame = Frame::new(layout.n_locals as usize, cells);
        let saved_source = std::mem::replace(&mut self.source, source);
        let saved_name = std::mem::replace(&mut self.function_name, Rc::from("<module>"));
        let saved_current = self.current.take();
        self.call_depth = 0;
        self.expr_depth = 0;
        let result = self.exec_module(&program, &mut frame, echo);
        self.source = saved_source;
        self.function_name = saved_name;
        self.current = saved_current;
        let _ = self.out.flush();
        match result {
            Ok(()) => Ok(()),
            Err(Unwind::Raise(e)) => Err(*e),
            Err(Unwind::Return(_)) => Err(NplError::new(ExcKind::SyntaxError, "'return' outside function")),
            Err(Unwind::Break) => Err(NplError::new(ExcKind::SyntaxError, "'break' outside loop")),
            Err(Unwind::Continue) => Err(NplError::new(ExcKind::SyntaxError, "'continue' not properly in loop")),
        }
    }

    fn exec_module(&mut self, program: &[Stmt], frame: &mut Frame, echo: bool) -> EvalResult<()> {
        for stmt in program {
            if echo {
                if let StmtKind::Expr(e) = &stmt.kind {
                    let v = self.eval(e, frame).map_err(|u| self.locate(u, stmt.span))?;
                    if !matches!(v, Value::None) {
                        let text = repr_of(&v).map_err(|u| self.locate(u, stmt.span))?;
                        self.write_out(&text);
                        self.write_out("\n");
                        self.check_interrupt().map_err(|u| self.locate(u, stmt.span))?;
                    }
                    self.globals.insert(Rc::from("_"), v);
                    continue;
                }
            }
            self.exec(stmt, frame)?;
        }
        Ok(())
    }

    /// Writes text to the output stream.
    pub fn write_out(&mut self, text: &str) {
        // big texts (a huge array printed in full) go out in pieces so that
        // Ctrl-C stops a slow terminal too; the statement then raises
        // KeyboardInterrupt
        for piece in text.as_bytes().chunks(1 << 16) {
            if crate::array::cancel::is_requested() || self.interrupt.load(Ordering::Relaxed) {
                break;
            }
            let _ = self.out.write_all(piece);
        }
    }

    /// The source being executed.
    pub fn source(&self) -> Rc<Source> {
        match &self.current {
            Some(f) => f.source.clone(),
            None => self.source.clone(),
        }
    }

    /// Where the running code is: `span` in the current source and function.
    pub fn location(&self, span: Span) -> Location {
        match &self.current {
            Some(f) => Location { source: f.source.clone(), span, function: f.def.name.clone() },
            None => Location { source: self.source.clone(), span, function: self.function_name.clone() },
        }
    }

    /// Attaches the innermost location to an error that has none yet.
    pub fn locate(&self, u: Unwind, span: Span) -> Unwind {
        match u {
            Unwind::Raise(mut e) if !e.located => {
                e.located = true;
                e.trace.push(self.location(span));
                Unwind::Raise(e)
            }
            other => other,
        }
    }

    /// Raises `KeyboardInterrupt` if an interrupt was requested.
    #[inline]
    pub fn check_interrupt(&self) -> EvalResult<()> {
        if self.interrupt.load(Ordering::Relaxed) || crate::array::cancel::is_requested() {
            self.interrupt.store(false, Ordering::Relaxed);
            crate::array::cancel::clear();
            return Err(raise(ExcKind::KeyboardInterrupt, ""));
        }
        Ok(())
    }

    /// Runs a block of statements.
    pub fn exec_block(&mut self, stmts: &[Stmt], frame: &mut Frame) -> EvalResult<()> {
        for s in stmts {
            self.exec(s, frame)?;
        }
        Ok(())
    }

    /// Runs one statement. The frequent simple statements are handled
    /// here; loops, definitions, imports and the rest in the out-of-line
    /// [`Interp::exec_other`], so a simple statement pays only for a small
    /// function.
    pub fn exec(&mut self, stmt: &Stmt, frame: &mut Frame) -> EvalResult<()> {
        match &stmt.kind {
            StmtKind::Expr(e) => {
                let v = self.eval(e, frame)?;
                drop_value(v);
                Ok(())
            }
            StmtKind::Assign(targets, value) if targets.len() == 1 => {
                let v = self.eval(value, frame)?;
                match &targets[0].kind {
                    ExprKind::Name(n) => {
                        self.store_name(n, v, frame);
                        Ok(())
                    }
                    _ => self.assign(&targets[0], v, frame),
                }
            }
            StmtKind::AugAssign(target, op, value) => {
                // `x += 1` on an int or float variable with a number on the
                // right: update the variable in place.
                if let ExprKind::Name(n) = &target.kind {
                    if let Some(y) = self.eval_num(value, frame, 0) {
                        let slot = match n.slot.get() {
                            NameSlot::Local(i) => frame.locals.get_mut(i as usize).and_then(|v| v.as_mut()),
                            NameSlot::Global => self.globals.get_cached_mut(n),
                            NameSlot::Cell(_) => None,
                        };
                        if let Some(current) = slot {
                            let x = match current {
                                Value::Int(i) => num::Num::Int(*i),
                                Value::Float(f) => num::Num::Float(*f),
                                _ => return self.aug_assign(target, *op, value, frame),
                            };
                            if let Some(r) = num::num_binary(*op, x, y) {
                                // the old value is a number: nothing to drop
                                std::mem::forget(std::mem::replace(current, r.into_value()));
                                return Ok(());
                            }
                        }
                    }
                    if let NameSlot::Local(i) = n.slot.get() {
                        let i = i as usize;
                        if matches!(frame.locals.get(i), Some(Some(Value::Int(_) | Value::Float(_)))) {
                            // The variable holds an immutable number that the right
                            // side cannot rebind, so reading it after is the same.
                            let v = self.eval(value, frame)?;
                            if let Some(Some(current)) = frame.locals.get_mut(i) {
                                if let Some(r) = num::scalar_binary(*op, current, &v) {
                                    drop_value(std::mem::replace(current, r));
                                    drop_value(v);
                                    return Ok(());
                                }
                            }
                            let current = self.load_name(n, frame).map_err(|u| self.locate(u, target.span))?;
                            return self.aug_assign_name(target, n, *op, value, current, v, frame);
                        }
                    }
                }
                self.aug_assign(target, *op, value, frame)
            }
            StmtKind::If(cond, body, orelse) => {
                let yes = match self.num_condition(cond, frame) {
                    Some(b) => b,
                    None => self.eval_condition(cond, frame)?,
                };
                if yes {
                    self.exec_block(body, frame)
                } else {
                    self.exec_block(orelse, frame)
                }
            }
            StmtKind::Return(value) => {
                let v = match value {
                    Some(e) => self.eval(e, frame)?,
                    None => Value::None,
                };
                Err(Unwind::Return(v))
            }
            StmtKind::Pass => Ok(()),
            _ => self.exec_other(stmt, frame),
        }
    }

    /// The truth of a condition evaluated the general way.
    #[inline(never)]
    pub(super) fn eval_condition(&mut self, cond: &Expr, frame: &mut Frame) -> EvalResult<bool> {
        let c = self.eval(cond, frame)?;
        self.truth_at(c, cond)
    }

    /// The truth of a condition's value `c` (errors located at `cond`).
    pub(super) fn truth_at(&mut self, c: Value, cond: &Expr) -> EvalResult<bool> {
        let yes = match c {
            Value::Bool(b) => b,
            _ => self.truthy(&c).map_err(|u| self.locate(u, cond.span))?,
        };
        drop_value(c);
        Ok(yes)
    }

    #[inline(never)]
    fn exec_other(&mut self, stmt: &Stmt, frame: &mut Frame) -> EvalResult<()> {
        match &stmt.kind {
            StmtKind::Expr(e) => {
                self.eval(e, frame)?;
            }
            StmtKind::Assign(targets, value) => {
                let v = self.eval(value, frame)?;
                for t in targets {
                    self.assign(t, v.clone(), frame)?;
                }
            }
            StmtKind::AugAssign(target, op, value) => self.aug_assign(target, *op, value, frame)?,
            StmtKind::If(cond, body, orelse) => {
                let c = self.eval(cond, frame)?;
                let yes = match c {
                    Value::Bool(b) => b,
                    _ => self.truthy(&c).map_err(|u| self.locate(u, cond.span))?,
                };
                if yes {
                    self.exec_block(body, frame)?;
                } else {
                    self.exec_block(orelse, frame)?;
                }
            }
            StmtKind::While(cond, body, orelse) => self.run_while(
                stmt,
                frame,
                |this, frame| match this.num_condition(cond, frame) {
                    Some(b) => Ok(b),
                    None => this.eval_condition(cond, frame),
                },
                |this, frame| this.exec_block(body, frame),
                |this, frame| this.exec_block(orelse, frame),
            )?,
            StmtKind::For(target, iter, body, orelse) => {
                let it = self.eval(iter, frame)?;
                self.run_for(
                    stmt,
                    target,
                    it,
                    iter.span,
                    frame,
                    |this, frame| this.exec_block(body, frame),
                    |this, frame| this.exec_block(orelse, frame),
                )?
            }
            StmtKind::Break => return Err(Unwind::Break),
            StmtKind::Continue => return Err(Unwind::Continue),
            StmtKind::Pass => {}
            StmtKind::Def(def, name) => {
                let f = self.make_function(def, frame)?;
                self.store_name(name, f, frame);
            }
            StmtKind::Return(value) => {
                let v = match value {
                    Some(e) => self.eval(e, frame)?,
                    None => Value::None,
                };
                return Err(Unwind::Return(v));
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) => {}
            StmtKind::Assert(test, msg) => {
                let v = self.eval(test, frame)?;
                if !self.truthy(&v).map_err(|u| self.locate(u, test.span))? {
                    let message = match msg {
                        Some(m) => {
                            let mv = self.eval(m, frame)?;
                            vec![mv]
                        }
                        None => vec![],
                    };
                    let exc = Rc::new(ExceptionValue { kind: ExcKind::AssertionError, args: message });
                    let err = Unwind::Raise(Box::new(NplError::from_exception(exc)));
                    return Err(self.locate(err, stmt.span));
                }
            }
            StmtKind::Del(targets) => {
                for t in targets {
                    self.delete(t, frame).map_err(|u| self.locate(u, t.span))?;
                }
            }
            StmtKind::Import(path, name) => {
                let module = self.import_module(path).map_err(|u| self.locate(u, stmt.span))?;
                // `import numpy.linalg` binds `numpy`; `import numpy.linalg as la` binds the submodule.
                let bound = if path.len() > 1 && name.name == path[0] {
                    self.import_module(&path[..1]).map_err(|u| self.locate(u, stmt.span))?
                } else {
                    module
                };
                self.store_name(name, bound, frame);
            }
            StmtKind::ImportFrom(path, names) => {
                let module = self.import_module(path).map_err(|u| self.locate(u, stmt.span))?;
                let Value::Module(m) = &module else { return Ok(()) };
                for (n, bound) in names {
                    if n.as_ref() == "*" {
                        let attrs: Vec<(Rc<str>, Value)> = m.attrs.borrow().clone();
                        for (k, v) in attrs {
                            if !k.starts_with('_') {
                                self.globals.insert(k, v);
                            }
                        }
                        continue;
                    }
                    let v = match m.get(n) {
                        Some(v) => v,
                        None => {
                            let mut sub = path.clone();
                            sub.push(n.clone());
                            self.import_module(&sub).map_err(|_| {
                                self.locate(
                                    raise(
                                        ExcKind::ImportError,
                                        format!("cannot import name '{}' from '{}'", n, m.name),
                                    ),
                                    stmt.span,
                                )
                            })?
                        }
                    };
                    self.store_name(bound, v, frame);
                }
            }
            StmtKind::Try { body, handlers, orelse, finally } => {
                let result = self.exec_try(body, handlers, orelse, frame);
                if !finally.is_empty() {
                    self.exec_block(finally, frame)?;
                }
                result?;
            }
            StmtKind::Raise(exc, cause) => {
                let _ = cause;
                let err = match exc {
                    None => match self.handling.last() {
                        Some(e) => Unwind::Raise(Box::new(NplError::from_exception(e.clone()))),
                        None => raise(ExcKind::RuntimeError, "No active exception to reraise"),
                    },
                    Some(e) => {
                        let v = self.eval(e, frame)?;
                        match v {
                            Value::Exception(x) => Unwind::Raise(Box::new(NplError::from_exception(x))),
                            Value::Type(crate::value::TypeObj::Exception(kind)) => {
                                Unwind::Raise(Box::new(NplError::new(kind, "")))
                            }
                            _ => raise(ExcKind::TypeError, "exceptions must derive from BaseException"),
                        }
                    }
                };
                return Err(self.locate(err, stmt.span));
            }
        }
        Ok(())
    }

    fn exec_try(
        &mut self,
        body: &[Stmt],
        handlers: &[ExceptHandler],
        orelse: &[Stmt],
        frame: &mut Frame,
    ) -> EvalResult<()> {
        match self.exec_block(body, frame) {
            Ok(()) => self.exec_block(orelse, frame),
            Err(Unwind::Raise(err)) => {
                for h in handlers {
                    let matches = match &h.kind {
                        None => true,
                        Some(k) => {
                            let kv = self.eval(k, frame)?;
                            self.exception_matches(err.kind(), &kv).map_err(|u| self.locate(u, k.span))?
                        }
                    };
                    if matches {
                        if let Some(name) = &h.name {
                            self.store_name(name, Value::Exception(err.exc.clone()), frame);
                        }
                        self.handling.push(err.exc.clone());
                        let r = self.exec_block(&h.body, frame);
                        self.handling.pop();
                        return r;
                    }
                }
                Err(Unwind::Raise(err))
            }
            Err(other) => Err(other),
        }
    }

    fn exception_matches(&self, kind: ExcKind, class: &Value) -> EvalResult<bool> {
        match class {
            Value::Type(crate::value::TypeObj::Exception(k)) => Ok(kind.is_subclass_of(*k)),
            Value::Tuple(items) => {
                for i in items.iter() {
                    if self.exception_matches(kind, i)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => {
                Err(raise(ExcKind::TypeError, "catching classes that do not inherit from BaseException is not allowed"))
            }
        }
    }

    /// The module at a dotted path (`numpy`, `numpy.linalg`, `math`).
    pub fn import_module(&mut self, path: &[Rc<str>]) -> EvalResult<Value> {
        let full: Vec<&str> = path.iter().map(|s| s.as_ref()).collect();
        let full = full.join(".");
        crate::builtins::modules::import(self, &full).ok_or_else(|| {
            let hint = match full.as_str() {
                "scipy" | "pandas" | "matplotlib" | "sympy" | "sklearn" => {
                    format!("No module named '{full}' (NPL provides numpy, math and time)")
                }
                _ => format!("No module named '{full}'"),
            };
            raise(ExcKind::ModuleNotFoundError, hint)
        })
    }

    /// Stores `value` under a resolved name.
    pub fn store_name(&mut self, name: &NameRef, value: Value, frame: &mut Frame) {
        match name.slot.get() {
            NameSlot::Local(i) => {
                if let Some(old) = frame.locals[i as usize].replace(value) {
                    drop_value(old);
                }
            }
            NameSlot::Cell(i) => *frame.cells[i as usize].borrow_mut() = Some(value),
            NameSlot::Global => {
                if let Some(old) = self.globals.set_ref(name, value) {
                    drop_value(old);
                }
            }
        }
    }

    /// Runs `f` with one more level of call depth, raising `RecursionError`
    /// past the limit.
    pub fn with_call_depth<T>(&mut self, f: impl FnOnce(&mut Interp) -> EvalResult<T>) -> EvalResult<T> {
        if self.call_depth >= RECURSION_LIMIT {
            return Err(raise(ExcKind::RecursionError, "maximum recursion depth exceeded"));
        }
        self.call_depth += 1;
        let r = f(self);
        self.call_depth -= 1;
        r
    }

    /// Calls a user function with bound arguments.
    pub fn call_function(&mut self, func: &Rc<function::Function>, args: function::Args) -> EvalResult<Value> {
        let frame = func.bind(args)?;
        self.run_function(func.clone(), frame)
    }

    /// Calls a plain function (positional parameters only, one local slot
    /// each) with positional argument expressions, evaluating them straight
    /// into a reused locals vector. Gives the function back when the call
    /// does not have that shape (the caller then binds arguments the
    /// general way).
    pub(crate) fn call_plain(
        &mut self,
        func: Rc<function::Function>,
        args: &[Arg],
        frame: &mut Frame,
    ) -> Result<EvalResult<Value>, Rc<function::Function>> {
        if !func.shape.takes_plain(args.len()) || !args.iter().all(|a| matches!(a, Arg::Positional(_))) {
            return Err(func);
        }
        Ok(self.call_plain_with(func, args.len(), frame, |this, i, frame| match args.get(i) {
            Some(Arg::Positional(x)) => this.eval(x, frame),
            _ => Err(raise(ExcKind::RuntimeError, "internal error: argument out of range")),
        }))
    }

    /// Calls a plain function with `n_args` positional arguments, the
    /// `i`-th made by `arg(self, i, frame)` straight into a reused locals
    /// vector. The caller has checked [`function::CallShape::takes_plain`];
    /// a function of another shape raises an internal error.
    #[inline(always)]
    pub(crate) fn call_plain_with(
        &mut self,
        func: Rc<function::Function>,
        n_args: usize,
        frame: &mut Frame,
        mut arg: impl FnMut(&mut Interp, usize, &mut Frame) -> EvalResult<Value>,
    ) -> EvalResult<Value> {
        let shape = func.shape;
        if !shape.takes_plain(n_args) {
            return Err(raise(ExcKind::RuntimeError, "internal error: not a plain call"));
        }
        let n_locals = shape.n_locals as usize;
        let mut locals = self.frame_pool.pop().unwrap_or_default();
        locals.reserve(n_locals);
        for i in 0..n_args {
            match arg(self, i, frame) {
                Ok(v) => locals.push(Some(v)),
                Err(u) => {
                    self.recycle_locals(locals);
                    return Err(u);
                }
            }
        }
        if locals.len() < n_locals {
            locals.resize(n_locals, None);
        }
        let cells = if shape.n_own_cells == 0 && func.closure.is_empty() {
            Vec::new()
        } else {
            let mut cells = Vec::with_capacity(shape.n_own_cells as usize + func.closure.len());
            cells.extend((0..shape.n_own_cells).map(|_| Rc::new(std::cell::RefCell::new(None))));
            cells.extend(func.closure.iter().cloned());
            cells
        };
        self.run_function(func, Frame { locals, cells })
    }

    /// Returns a finished call's locals vector to the pool (emptied).
    fn recycle_locals(&mut self, mut locals: Vec<Option<Value>>) {
        if self.frame_pool.len() < 64 && locals.capacity() <= 256 {
            // numbers, the usual locals, need no drop call
            while let Some(v) = locals.pop() {
                if let Some(v) = v {
                    drop_value(v);
                }
            }
            self.frame_pool.push(locals);
        }
    }

    /// Runs a user function's body in a bound frame, then recycles the frame.
    fn run_function(&mut self, func: Rc<function::Function>, mut frame: Frame) -> EvalResult<Value> {
        if let Err(u) = self.check_interrupt() {
            self.recycle_locals(std::mem::take(&mut frame.locals));
            return Err(u);
        }
        if self.call_depth >= RECURSION_LIMIT {
            self.recycle_locals(std::mem::take(&mut frame.locals));
            return Err(raise(ExcKind::RecursionError, "maximum recursion depth exceeded"));
        }
        let def = func.def.clone();
        let body = def.compiled.get_or_init(|| compile::CompiledBody::new(&def.body));
        if let Some(r) = self.run_int_function(&func, body, &def.body, &frame) {
            self.recycle_locals(std::mem::take(&mut frame.locals));
            return Ok(Value::Int(r));
        }
        let saved_current = self.current.replace(func);
        let saved_expr_depth = self.expr_depth;
        self.call_depth += 1;
        // The body runs compiled (made on the first call); a final
        // `return value` is evaluated without unwinding. Ok and raised
        // results pass through as the body left them.
        let r = match body.run(self, &def.body, &mut frame) {
            Err(Unwind::Return(v)) => Ok(v),
            Err(Unwind::Break | Unwind::Continue) => Ok(Value::None),
            r => r,
        };
        self.call_depth -= 1;
        self.expr_depth = saved_expr_depth;
        self.current = saved_current;
        self.recycle_locals(std::mem::take(&mut frame.locals));
        r
    }

    /// Runs a call on the body's int form when it has one and every
    /// argument is an int (see [`intfunc`]); `None` leaves the call to the
    /// general way (and switches the int form off if it gave up).
    #[inline(always)]
    fn run_int_function(
        &self,
        func: &function::Function,
        body: &compile::CompiledBody,
        stmts: &[Stmt],
        frame: &Frame,
    ) -> Option<i64> {
        if !func.closure.is_empty() {
            return None;
        }
        let int = body.int_body(stmts, func.shape)?;
        let mut args = [0i64; 16];
        let n = func.shape.n_params as usize;
        for (slot, a) in frame.locals.get(..n)?.iter().zip(args.iter_mut()) {
            let Some(Value::Int(v)) = slot else { return None };
            *a = *v;
        }
        let run = intfunc::IntRun::new(self, self.call_depth + 1);
        let r = run.run_body(int, stmts, args.get(..n)?);
        if r.is_none() && !run.interrupted() {
            body.switch_off_int();
        }
        r
    }

    /// Enters one level of expression nesting.
    #[inline]
    fn enter_expr(&mut self) -> EvalResult<()> {
        self.expr_depth += 1;
        if self.expr_depth > EXPR_DEPTH_LIMIT {
            self.expr_depth -= 1;
            return Err(raise(ExcKind::RecursionError, "maximum recursion depth exceeded during evaluation"));
        }
        Ok(())
    }
}
