//! Evaluating expressions: names, literals, calls, attributes,
//! comprehensions, f-strings (assignment is in `assign.rs`).

use super::error::{raise, type_error, EvalResult, Unwind};
use super::function::{Args, Frame, Function};
use super::Interp;
use crate::ast::*;
use crate::value::{BoundMethod, Dict, ExcKind, TypeObj, Value};
use std::cell::RefCell;
use std::rc::Rc;

/// What `obj.name(...)` found: a builtin method already called, or an
/// attribute value still to be called.
enum MethodCall {
    Done(Value),
    Callee(Value),
}

impl Interp {
    /// Evaluates an expression. Leaves (literals and local names) are
    /// handled here, small enough to inline at every call site; the rest
    /// goes to the out-of-line [`Interp::eval_compound`].
    #[inline(always)]
    pub fn eval(&mut self, e: &Expr, frame: &mut Frame) -> EvalResult<Value> {
        match &e.kind {
            ExprKind::Int(i) => Ok(Value::Int(*i)),
            ExprKind::Float(f) => Ok(Value::Float(*f)),
            ExprKind::Name(n) => {
                match n.slot.get() {
                    NameSlot::Local(i) => {
                        if let Some(Some(v)) = frame.locals.get(i as usize) {
                            return Ok(clone_value(v));
                        }
                    }
                    NameSlot::Global => {
                        if let Some(v) = self.globals.get_cached(n) {
                            return Ok(clone_value(v));
                        }
                    }
                    NameSlot::Cell(_) => {}
                }
                self.eval_name(n, e.span, frame)
            }
            ExprKind::Binary(op, a, b) => self.eval_binary(e, *op, a, b, frame),
            ExprKind::Compare(first, rest) if rest.len() == 1 => self.eval_compare(e, first, &rest[0], frame),
            ExprKind::Call(func, args) => self.eval_call_nested(e, func, args, frame),
            _ => self.eval_nested(e, frame),
        }
    }

    /// A call, without the stack frame of the general evaluator.
    #[inline(never)]
    fn eval_call_nested(&mut self, e: &Expr, func: &Expr, args: &[Arg], frame: &mut Frame) -> EvalResult<Value> {
        self.enter_expr()?;
        let r = self.eval_call(e, func, args, frame);
        self.expr_depth -= 1;
        r
    }

    /// `a op b`: a small function of its own, so the common scalar case does
    /// not pay for the stack frame of the general evaluator.
    #[inline(never)]
    fn eval_binary(&mut self, e: &Expr, op: BinOp, a: &Expr, b: &Expr, frame: &mut Frame) -> EvalResult<Value> {
        if let Some(n) = self.num_binary_of(op, a, b, frame, 0) {
            return Ok(n.into_value());
        }
        self.enter_expr()?;
        let r = if super::fusion::may_fuse(a, b) {
            self.eval_binary_fusable(e, op, a, b, frame)
        } else {
            self.eval_binary_operands(e, op, a, b, frame)
        };
        self.expr_depth -= 1;
        r
    }

    /// `a op b` with an operator operand: in one pass when the tree
    /// qualifies (see [`super::fusion`]), else as usual.
    #[inline(never)]
    fn eval_binary_fusable(&mut self, e: &Expr, op: BinOp, a: &Expr, b: &Expr, frame: &mut Frame) -> EvalResult<Value> {
        match self.try_fused(op, a, b, frame) {
            Some(r) => r,
            None => self.eval_binary_operands(e, op, a, b, frame),
        }
    }

    #[inline(always)]
    fn eval_binary_operands(
        &mut self,
        e: &Expr,
        op: BinOp,
        a: &Expr,
        b: &Expr,
        frame: &mut Frame,
    ) -> EvalResult<Value> {
        let x = self.eval(a, frame)?;
        let y = self.eval(b, frame)?;
        if let Some(r) = super::num::scalar_binary(op, &x, &y) {
            super::drop_value(x);
            super::drop_value(y);
            return Ok(r);
        }
        self.binary_located(e, op, a, b, x, y)
    }

    #[inline(never)]
    pub(super) fn binary_located(
        &mut self,
        e: &Expr,
        op: BinOp,
        a: &Expr,
        b: &Expr,
        x: Value,
        y: Value,
    ) -> EvalResult<Value> {
        self.binary(op, &x, &y).map_err(|u| self.locate_binary(u, e.span, a, b, &x, &y, op))
    }

    /// `a < b` (one comparison; chains go through the general evaluator).
    #[inline(never)]
    fn eval_compare(&mut self, e: &Expr, first: &Expr, rest: &(CmpOp, Expr), frame: &mut Frame) -> EvalResult<Value> {
        if let Some(b) = self.num_condition(e, frame) {
            return Ok(Value::Bool(b));
        }
        self.enter_expr()?;
        let r = self.eval_compare_operands(e, first, rest, frame);
        self.expr_depth -= 1;
        r
    }

    #[inline(always)]
    fn eval_compare_operands(
        &mut self,
        e: &Expr,
        first: &Expr,
        rest: &(CmpOp, Expr),
        frame: &mut Frame,
    ) -> EvalResult<Value> {
        let (op, right_e) = rest;
        let left = self.eval(first, frame)?;
        let right = self.eval(right_e, frame)?;
        if let Some(b) = super::num::scalar_compare(*op, &left, &right) {
            super::drop_value(left);
            super::drop_value(right);
            return Ok(Value::Bool(b));
        }
        self.compare_located(e, *op, left, right)
    }

    #[inline(never)]
    pub(super) fn compare_located(&mut self, e: &Expr, op: CmpOp, left: Value, right: Value) -> EvalResult<Value> {
        self.compare(op, &left, &right).map_err(|u| self.locate(u, e.span))
    }

    #[inline(never)]
    fn eval_name(&mut self, n: &NameRef, span: Span, frame: &mut Frame) -> EvalResult<Value> {
        self.load_name(n, frame).map_err(|u| self.locate(u, span))
    }

    #[inline(never)]
    fn eval_nested(&mut self, e: &Expr, frame: &mut Frame) -> EvalResult<Value> {
        self.enter_expr()?;
        let r = self.eval_compound(e, frame);
        self.expr_depth -= 1;
        r
    }

    fn eval_compound(&mut self, e: &Expr, frame: &mut Frame) -> EvalResult<Value> {
        match &e.kind {
            ExprKind::Str(s) => Ok(Value::Str(s.clone())),
            ExprKind::Bool(b) => Ok(Value::Bool(*b)),
            ExprKind::NoneLit => Ok(Value::None),
            ExprKind::Imag(f) => Ok(Value::complex(num_complex::Complex64::new(0.0, *f))),
            ExprKind::Ellipsis => Ok(Value::Ellipsis),
            ExprKind::FString(parts) => {
                let s = self.eval_fstring(parts, frame)?;
                Ok(Value::Str(crate::value::PyStr::from(s)))
            }
            ExprKind::List(items) => Ok(Value::list(self.eval_items(items, frame)?)),
            ExprKind::Tuple(items) => Ok(Value::tuple(self.eval_items(items, frame)?)),
            ExprKind::Dict(items) => {
                let mut d = Dict::new();
                for (k, v) in items {
                    let kv = self.eval(k, frame)?;
                    let vv = self.eval(v, frame)?;
                    d.insert(kv, vv).map_err(|t| self.locate(type_error(format!("unhashable type: '{t}'")), k.span))?;
                }
                Ok(Value::Dict(Rc::new(RefCell::new(d))))
            }
            ExprKind::Starred(_) => {
                Err(self.locate(raise(ExcKind::SyntaxError, "can't use starred expression here"), e.span))
            }
            ExprKind::Attribute(obj, attr) => {
                let v = self.eval(obj, frame)?;
                self.get_attr_at(&v, attr).map_err(|u| self.locate(u, e.span))
            }
            ExprKind::Call(func, args) => self.eval_call(e, func, args, frame),
            ExprKind::Subscript(obj, index) => {
                let v = self.eval(obj, frame)?;
                let i = self.eval_index(index, frame)?;
                self.get_item(&v, &i).map_err(|u| self.locate(u, e.span))
            }
            ExprKind::Slice(a, b, c) => {
                let mut part = |x: &Option<Box<Expr>>, this: &mut Interp| -> EvalResult<Value> {
                    match x {
                        Some(x) => this.eval(x, frame),
                        None => Ok(Value::None),
                    }
                };
                let start = part(a, self)?;
                let stop = part(b, self)?;
                let step = part(c, self)?;
                Ok(Value::Slice(Rc::new(crate::value::SliceValue { start, stop, step })))
            }
            ExprKind::Unary(op, x) => {
                let v = self.eval(x, frame)?;
                self.unary(*op, &v).map_err(|u| self.locate(u, e.span))
            }
            ExprKind::Binary(op, a, b) => {
                let x = self.eval(a, frame)?;
                let y = self.eval(b, frame)?;
                if let Some(r) = super::num::scalar_binary(*op, &x, &y) {
                    return Ok(r);
                }
                self.binary(*op, &x, &y).map_err(|u| self.locate_binary(u, e.span, a, b, &x, &y, *op))
            }
            ExprKind::And(a, b) => {
                let x = self.eval(a, frame)?;
                if !self.truthy(&x).map_err(|u| self.locate(u, a.span))? {
                    return Ok(x);
                }
                self.eval(b, frame)
            }
            ExprKind::Or(a, b) => {
                let x = self.eval(a, frame)?;
                if self.truthy(&x).map_err(|u| self.locate(u, a.span))? {
                    return Ok(x);
                }
                self.eval(b, frame)
            }
            ExprKind::Compare(first, rest) => {
                let mut left = self.eval(first, frame)?;
                if let [(op, right_e)] = rest.as_slice() {
                    let right = self.eval(right_e, frame)?;
                    if let Some(b) = super::num::scalar_compare(*op, &left, &right) {
                        return Ok(Value::Bool(b));
                    }
                    return self.compare(*op, &left, &right).map_err(|u| self.locate(u, e.span));
                }
                let mut result = Value::Bool(true);
                for (i, (op, right_e)) in rest.iter().enumerate() {
                    let right = self.eval(right_e, frame)?;
                    result = self.compare(*op, &left, &right).map_err(|u| self.locate(u, e.span))?;
                    if i + 1 < rest.len() {
                        if !self.truthy(&result).map_err(|u| self.locate(u, e.span))? {
                            return Ok(result);
                        }
                        left = right;
                    }
                }
                Ok(result)
            }
            ExprKind::IfExp(c, a, b) => {
                let cv = self.eval(c, frame)?;
                if self.truthy(&cv).map_err(|u| self.locate(u, c.span))? {
                    self.eval(a, frame)
                } else {
                    self.eval(b, frame)
                }
            }
            ExprKind::Lambda(def) => self.make_function(def, frame),
            ExprKind::Comprehension(kind, clauses) => {
                let mut out_list = Vec::new();
                let mut out_dict = Dict::new();
                self.run_comprehension(kind, clauses, 0, frame, &mut out_list, &mut out_dict)?;
                match kind {
                    CompKind::List(_) => Ok(Value::list(out_list)),
                    CompKind::Dict(..) => Ok(Value::Dict(Rc::new(RefCell::new(out_dict)))),
                }
            }
            ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Name(_) => self.eval(e, frame),
        }
    }

    /// Attaches a location to a binary-operator error, with the operands'
    /// shapes aligned for broadcasting errors.
    #[allow(clippy::too_many_arguments)]
    fn locate_binary(&self, u: Unwind, span: Span, a: &Expr, b: &Expr, x: &Value, y: &Value, op: BinOp) -> Unwind {
        let u = self.locate(u, span);
        match u {
            Unwind::Raise(mut e) if e.note.is_none() => {
                if let (Some(sx), Some(sy)) =
                    (crate::builtins::array_glue::shape_of(x), crate::builtins::array_glue::shape_of(y))
                {
                    if e.kind() == ExcKind::ValueError
                        && (e.exc.message().contains("broadcast") || e.exc.message().contains("mismatch"))
                    {
                        let source = self.source();
                        let matmul = op == BinOp::MatMul;
                        e.note =
                            Some(super::explain::explain_operator_shapes(&source, a.span, b.span, &sx, &sy, matmul));
                    }
                }
                Unwind::Raise(e)
            }
            other => other,
        }
    }

    fn eval_items(&mut self, items: &[Expr], frame: &mut Frame) -> EvalResult<Vec<Value>> {
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            if let ExprKind::Starred(inner) = &item.kind {
                let v = self.eval(inner, frame)?;
                let mut it = self.iterate(&v).map_err(|u| self.locate(u, inner.span))?;
                while let Some(x) = it.next_value(self)? {
                    out.push(x);
                }
            } else {
                out.push(self.eval(item, frame)?);
            }
        }
        Ok(out)
    }

    /// Evaluates a subscript: a tuple of indices keeps slices as slice objects.
    fn eval_index(&mut self, index: &Expr, frame: &mut Frame) -> EvalResult<Value> {
        self.eval(index, frame)
    }

    fn run_comprehension(
        &mut self,
        kind: &CompKind,
        clauses: &[Comprehension],
        level: usize,
        frame: &mut Frame,
        out_list: &mut Vec<Value>,
        out_dict: &mut Dict,
    ) -> EvalResult<()> {
        let Some(clause) = clauses.get(level) else {
            match kind {
                CompKind::List(e) => {
                    out_list.push(self.eval(e, frame)?);
                    if out_list.len().is_multiple_of(4096) {
                        super::ops::check_sequence_size(out_list.len(), std::mem::size_of::<Value>())?;
                    }
                }
                CompKind::Dict(k, v) => {
                    let kv = self.eval(k, frame)?;
                    let vv = self.eval(v, frame)?;
                    out_dict
                        .insert(kv, vv)
                        .map_err(|t| self.locate(type_error(format!("unhashable type: '{t}'")), k.span))?;
                }
            }
            return Ok(());
        };
        let iterable = self.eval(&clause.iter, frame)?;
        if let (Value::Range(r), ExprKind::Name(n)) = (&iterable, &clause.target.kind) {
            if let NameSlot::Local(slot) = n.slot.get() {
                'ints: for v in super::iter::IntRange::of(r) {
                    self.check_interrupt()?;
                    super::iter::store_local_int(frame, slot as usize, v)?;
                    for cond in &clause.conditions {
                        if !self.comprehension_condition(cond, frame)? {
                            continue 'ints;
                        }
                    }
                    self.run_comprehension(kind, clauses, level + 1, frame, out_list, out_dict)?;
                }
                return Ok(());
            }
        }
        let mut it = self.iterate(&iterable).map_err(|u| self.locate(u, clause.iter.span))?;
        'items: while let Some(item) = it.next_value(self)? {
            self.check_interrupt()?;
            match &clause.target.kind {
                ExprKind::Name(n) => self.store_name(n, item, frame),
                _ => self.assign(&clause.target, item, frame)?,
            }
            for cond in &clause.conditions {
                if !self.comprehension_condition(cond, frame)? {
                    continue 'items;
                }
            }
            self.run_comprehension(kind, clauses, level + 1, frame, out_list, out_dict)?;
        }
        Ok(())
    }

    /// The truth of one `if` filter of a comprehension.
    fn comprehension_condition(&mut self, cond: &Expr, frame: &mut Frame) -> EvalResult<bool> {
        if let Some(b) = self.num_condition(cond, frame) {
            return Ok(b);
        }
        let c = self.eval(cond, frame)?;
        self.truthy(&c).map_err(|u| self.locate(u, cond.span))
    }

    fn eval_fstring(&mut self, parts: &[FStringPart], frame: &mut Frame) -> EvalResult<String> {
        let mut out = String::with_capacity(32);
        for p in parts {
            match p {
                FStringPart::Text(t) => out.push_str(t),
                FStringPart::Field { expr, conversion, spec, debug_text } => {
                    let v = self.eval(expr, frame)?;
                    if let Some(t) = debug_text {
                        out.push_str(t);
                    }
                    // a spec without fields (`.2f`) is used as written
                    let spec_owned;
                    let spec_text: &str = match spec.as_slice() {
                        [] => "",
                        [FStringPart::Text(t)] => t,
                        _ => {
                            spec_owned = self.eval_fstring(spec, frame)?;
                            &spec_owned
                        }
                    };
                    let v = match conversion {
                        Some('r' | 'a') => Value::Str(crate::value::PyStr::from(
                            super::repr_of(&v).map_err(|u| self.locate(u, expr.span))?,
                        )),
                        Some('s') => Value::Str(crate::value::PyStr::from(
                            super::str_of(&v).map_err(|u| self.locate(u, expr.span))?,
                        )),
                        _ => v,
                    };
                    let text = self.format_value(&v, spec_text).map_err(|u| self.locate(u, expr.span))?;
                    out.push_str(&text);
                }
            }
        }
        Ok(out)
    }

    /// `format(value, spec)`.
    pub fn format_value(&mut self, v: &Value, spec: &str) -> EvalResult<String> {
        use crate::value::pyfmt;
        let r = match v {
            Value::Bool(b) if spec.is_empty() => Ok(if *b { "True".to_string() } else { "False".to_string() }),
            Value::Bool(b) => pyfmt::format_int(*b as i64, spec),
            Value::Int(i) => pyfmt::format_int(*i, spec),
            Value::Float(f) => pyfmt::format_float(*f, spec),
            Value::Complex(c) => pyfmt::format_complex(**c, spec),
            Value::Str(s) => pyfmt::format_str(s, spec),
            Value::Array(a) if a.ndim() == 0 => {
                let s = crate::builtins::array_glue::scalar_value(a);
                return self.format_value(&s, spec);
            }
            other => {
                if spec.is_empty() {
                    return super::str_of(other);
                } else {
                    return Err(type_error(format!(
                        "unsupported format string passed to {}.__format__",
                        other.type_name()
                    )));
                }
            }
        };
        r.map_err(|m| raise(ExcKind::ValueError, m))
    }

    /// Reads a resolved name.
    pub fn load_name(&mut self, n: &NameRef, frame: &Frame) -> EvalResult<Value> {
        match n.slot.get() {
            NameSlot::Local(i) => match &frame.locals[i as usize] {
                Some(v) => Ok(v.clone()),
                None => Err(raise(
                    ExcKind::UnboundLocalError,
                    format!("cannot access local variable '{}' where it is not associated with a value", n.name),
                )),
            },
            NameSlot::Cell(i) => match &*frame.cells[i as usize].borrow() {
                Some(v) => Ok(v.clone()),
                None => Err(raise(
                    ExcKind::NameError,
                    format!(
                        "cannot access free variable '{}' where it is not associated with a value in enclosing scope",
                        n.name
                    ),
                )),
            },
            NameSlot::Global => match self.globals.get_ref(n) {
                Some(v) => Ok(v.clone()),
                None => self.load_global(&n.name),
            },
        }
    }

    /// Looks a name up in the globals, then Python's builtins, then the
    /// bare numpy names.
    pub fn load_global(&mut self, name: &str) -> EvalResult<Value> {
        if let Some(v) = self.globals.get(name) {
            return Ok(v.clone());
        }
        if let Some(v) = self.builtins.get(name) {
            return Ok(v.clone());
        }
        if let Some(v) = self.numpy.get(name) {
            return Ok(v);
        }
        let mut err = super::error::NplError::new(ExcKind::NameError, format!("name '{name}' is not defined"));
        err.suffix = self.suggest_name(name).map(|s| format!(". Did you mean: '{s}'?"));
        Err(Unwind::Raise(Box::new(err)))
    }

    fn suggest_name(&self, name: &str) -> Option<String> {
        // As CPython: module globals first, then the builtins; last NumPy's
        // bare names, which NPL also resolves (`arrray` → `array`), and only
        // when neither of Python's own namespaces has a close name.
        let mut globals: Vec<&str> = self.globals.keys().map(|k| k.as_ref()).collect();
        globals.sort_unstable();
        let mut builtins: Vec<&str> = self.builtins.keys().copied().collect();
        builtins.sort_unstable();
        let closest = crate::builtins::python_more::closest_name;
        closest(name, globals.into_iter()).or_else(|| closest(name, builtins.into_iter())).or_else(|| {
            let attrs = self.numpy.attrs.borrow();
            let mut numpy_names: Vec<&str> = attrs.iter().map(|(k, _)| k.as_ref()).collect();
            numpy_names.sort_unstable();
            crate::builtins::python_more::closest_name(name, numpy_names.into_iter())
        })
    }

    /// Builds a function value from a `def` or `lambda`, evaluating its
    /// defaults and capturing its free variables.
    pub fn make_function(&mut self, def: &Rc<FunctionDef>, frame: &mut Frame) -> EvalResult<Value> {
        let mut defaults = Vec::with_capacity(def.params.len());
        for p in &def.params {
            defaults.push(match &p.default {
                Some(d) => Some(self.eval(d, frame)?),
                None => None,
            });
        }
        let layout = def.layout.borrow();
        let closure = layout
            .free_from
            .iter()
            .map(|&i| frame.cells.get(i as usize).cloned().unwrap_or_else(|| Rc::new(RefCell::new(None))))
            .collect();
        let shape = super::function::CallShape::of(def);
        Ok(Value::Function(Rc::new(Function { def: def.clone(), defaults, closure, source: self.source(), shape })))
    }

    pub(super) fn eval_call(&mut self, e: &Expr, func: &Expr, args: &[Arg], frame: &mut Frame) -> EvalResult<Value> {
        let f = match &func.kind {
            // `obj.method(...)`: call the method with its receiver first,
            // without building a bound-method object.
            ExprKind::Attribute(obj, attr) => match self.eval_method_call(e, func, obj, attr, args, frame)? {
                MethodCall::Done(v) => return Ok(v),
                MethodCall::Callee(f) => f,
            },
            _ => self.eval(func, frame)?,
        };
        // A plain user function takes its arguments straight into a frame.
        let f = match f {
            Value::Function(user) => match self.call_plain(user, args, frame) {
                Ok(r) => return r.map_err(|u| self.add_call_site(u, e.span)),
                Err(user) => Value::Function(user),
            },
            other => other,
        };
        self.eval_call_general(e, f, args, frame)
    }

    /// `obj.name(...)`: calls a builtin method with the receiver as its first
    /// argument, or returns the attribute to call the general way.
    #[inline(never)]
    fn eval_method_call(
        &mut self,
        e: &Expr,
        func: &Expr,
        obj: &Expr,
        attr: &AttrName,
        args: &[Arg],
        frame: &mut Frame,
    ) -> EvalResult<MethodCall> {
        let receiver = self.eval(obj, frame)?;
        let name: &str = &attr.name;
        if let (Value::List(list), "append", [Arg::Positional(x)]) = (&receiver, name, args) {
            // `xs.append(x)`, the commonest method call, without binding `Args`
            let v = self.eval(x, frame)?;
            let mut items = list.borrow_mut();
            super::ops::check_sequence_size(items.len() + 1, std::mem::size_of::<Value>())
                .map_err(|u| self.add_call_site(u, e.span))?;
            items.push(v);
            return Ok(MethodCall::Done(Value::None));
        }
        if let Some(r) = self.try_fused_reduction(&receiver, name, args, frame) {
            return Ok(MethodCall::Done(r));
        }
        let method = match &receiver {
            Value::Module(_) => None,
            other => crate::builtins::methods::lookup_method(other, name)
                .filter(|b| b.kind == crate::builtins::BuiltinKind::Method),
        };
        match method {
            Some(b) => {
                let mut call_args = Args::default();
                call_args.positional.reserve(args.len() + 1);
                call_args.positional.push(receiver);
                self.eval_args(args, &mut call_args, frame)?;
                let v = self
                    .with_call_depth(|this| (b.func)(this, call_args))
                    .map_err(|u| self.add_call_site(u, e.span))?;
                Ok(MethodCall::Done(v))
            }
            None => Ok(MethodCall::Callee(self.get_attr_at(&receiver, attr).map_err(|u| self.locate(u, func.span))?)),
        }
    }

    /// Calls `f` with arguments bound the general way (keywords, `*args`,
    /// builtins, types, bound methods).
    #[inline(never)]
    pub(super) fn eval_call_general(
        &mut self,
        e: &Expr,
        f: Value,
        args: &[Arg],
        frame: &mut Frame,
    ) -> EvalResult<Value> {
        if let Some(v) = self.array_from_display(&f, args, frame) {
            return Ok(v);
        }
        let mut call_args = Args::default();
        // Room for the callee's locals, so binding reuses this vector as its frame.
        let room = match &f {
            Value::Function(func) => (func.shape.n_locals as usize).max(args.len()),
            // binding extends the arguments to one slot per parameter
            Value::Builtin(b) => usize::from(b.shape.n_params).max(args.len()),
            _ => args.len(),
        };
        call_args.positional.reserve(room);
        self.eval_args(args, &mut call_args, frame)?;
        self.call(&f, call_args).map_err(|u| self.add_call_site(u, e.span))
    }

    fn eval_args(&mut self, args: &[Arg], call_args: &mut Args, frame: &mut Frame) -> EvalResult<()> {
        for a in args {
            match a {
                Arg::Positional(x) => call_args.positional.push(self.eval(x, frame)?),
                Arg::Star(x) => {
                    let v = self.eval(x, frame)?;
                    let mut it = self.iterate(&v).map_err(|u| self.locate(u, x.span))?;
                    while let Some(item) = it.next_value(self)? {
                        call_args.positional.push(item);
                    }
                }
                Arg::Keyword(k, x) => {
                    let v = self.eval(x, frame)?;
                    call_args.keywords.push((k.clone(), v));
                }
                Arg::DoubleStar(x) => {
                    let v = self.eval(x, frame)?;
                    let Value::Dict(d) = &v else {
                        return Err(self.locate(type_error("argument after ** must be a mapping"), x.span));
                    };
                    for (k, val) in d.borrow().entries() {
                        let Value::Str(k) = k else {
                            return Err(self.locate(type_error("keywords must be strings"), x.span));
                        };
                        call_args.keywords.push((k.into(), val.clone()));
                    }
                }
            }
        }
        Ok(())
    }

    /// Records a call site in an error's traceback (or locates an error
    /// raised by the call itself).
    pub(super) fn add_call_site(&self, u: Unwind, span: Span) -> Unwind {
        match u {
            Unwind::Raise(mut e) => {
                let loc = self.location(span);
                if e.located {
                    e.trace.insert(0, loc);
                } else {
                    e.located = true;
                    e.trace.push(loc);
                }
                Unwind::Raise(e)
            }
            other => other,
        }
    }

    /// Calls any callable value.
    pub fn call(&mut self, f: &Value, args: Args) -> EvalResult<Value> {
        match f {
            Value::Function(func) => self.call_function(func, args),
            Value::Builtin(b) => self.with_call_depth(|this| (b.func)(this, args)),
            Value::Method(m) => {
                let mut args = args;
                args.positional.insert(0, m.receiver.clone());
                let b = m.method;
                self.with_call_depth(|this| (b.func)(this, args))
            }
            Value::Type(t) => crate::builtins::python::call_type(self, *t, args),
            other => Err(type_error(format!("'{}' object is not callable", other.type_name()))),
        }
    }

    /// `obj.name` at a place in the source: a module attribute is found
    /// through the place's cache.
    #[inline]
    pub fn get_attr_at(&mut self, v: &Value, attr: &AttrName) -> EvalResult<Value> {
        if let Value::Module(m) = v {
            if let Some(found) = m.get_cached(&attr.name, &attr.module_cache) {
                return Ok(found);
            }
        }
        self.get_attr(v, &attr.name)
    }

    /// `obj.name`.
    pub fn get_attr(&mut self, v: &Value, name: &str) -> EvalResult<Value> {
        if let Value::Module(m) = v {
            return m.get(name).ok_or_else(|| {
                let mut err = super::error::NplError::new(
                    ExcKind::AttributeError,
                    format!("module '{}' has no attribute '{}'", m.name, name),
                );
                // As CPython's traceback: the closest attribute name.
                let attrs = m.attrs.borrow();
                let mut names: Vec<&str> = attrs.iter().map(|(k, _)| k.as_ref()).collect();
                names.sort_unstable();
                let closest = crate::builtins::python_more::closest_name(name, names.into_iter());
                err.suffix = closest.map(|s| format!(". Did you mean: '{s}'?"));
                Unwind::Raise(Box::new(err))
            });
        }
        if let Some(b) = crate::builtins::methods::lookup_method(v, name) {
            return match b.kind {
                crate::builtins::BuiltinKind::Property => (b.func)(self, Args::positional(vec![v.clone()])),
                _ => Ok(Value::Method(Rc::new(BoundMethod { receiver: v.clone(), method: b }))),
            };
        }
        if let Value::Type(t) = v {
            let table: &[&'static [crate::builtins::Builtin]] = match t {
                TypeObj::Str => &[crate::builtins::methods::STR_METHODS],
                TypeObj::List => &[crate::builtins::methods::LIST_METHODS],
                TypeObj::Dict => &[crate::builtins::methods::DICT_METHODS],
                TypeObj::NdArray => &[crate::builtins::ndarray::BUILTINS],
                _ => &[],
            };
            if let Some(b) = table
                .iter()
                .flat_map(|t| t.iter())
                .find(|b| b.name == name && b.kind == crate::builtins::BuiltinKind::Method)
            {
                return Ok(Value::Builtin(b));
            }
        }
        match (v, name) {
            (Value::Type(t), "__name__") => return Ok(Value::str(t.name())),
            (Value::Function(f), "__name__") => return Ok(Value::Str((&f.def.name).into())),
            (Value::Builtin(b), "__name__") => return Ok(Value::str(b.name)),
            (Value::Exception(e), "args") => return Ok(Value::tuple(e.args.clone())),
            (Value::NamedTuple(t), field) => {
                if let Some(v) = t.get(field) {
                    return Ok(v);
                }
            }
            _ => {}
        }
        let type_name = match v {
            Value::Array(_) => "numpy.ndarray".to_string(),
            other => other.type_name().to_string(),
        };
        Err(raise(ExcKind::AttributeError, format!("'{type_name}' object has no attribute '{name}'")))
    }

    /// The type object of `v` (for `type(v)`).
    pub fn type_value(v: &Value) -> Value {
        Value::Type(v.type_of())
    }
}

/// Clones a value, copying plain numbers inline instead of calling the
/// out-of-line clone glue (most values a loop reads are numbers).
#[inline(always)]
pub fn clone_value(v: &Value) -> Value {
    match v {
        Value::Int(i) => Value::Int(*i),
        Value::Float(f) => Value::Float(*f),
        Value::Bool(b) => Value::Bool(*b),
        other => other.clone(),
    }
}

/// Whether a type object names an exception class.
pub fn is_exception_type(v: &Value) -> bool {
    matches!(v, Value::Type(TypeObj::Exception(_)))
}
