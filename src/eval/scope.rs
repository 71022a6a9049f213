//! Scope resolution: decides, before a program runs, where every name lives.
//!
//! Python's rules: a name bound anywhere in a function (assignment, `for`,
//! `def`, `import`, `except ... as`, `del`, parameters) is local to it unless
//! declared `global` or `nonlocal`; a name used but not bound is looked up in
//! the enclosing functions (a closure) and then in the module. Module-level
//! names are globals. Comprehensions have their own scope, stored in the
//! frame of the function (or module) that contains them.
//!
//! Locals get numbered slots in their frame; locals captured by an inner
//! function become cells, shared with the closure. Resolution runs in two
//! walks over the same tree: the first collects what each scope binds and
//! uses, the second writes the slots into the `NameRef`s and the layouts into
//! the `FunctionDef`s.

use crate::ast::*;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// A scope-resolution failure (`nonlocal` without a binding, ...).
#[derive(Debug, Clone)]
pub struct ScopeError {
    /// The message of the `SyntaxError`.
    pub message: String,
    /// Where.
    pub span: Span,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum ScopeKind {
    Module,
    Function,
    Comprehension,
}

#[derive(Debug)]
struct Scope {
    kind: ScopeKind,
    parent: Option<usize>,
    /// The scope whose frame holds this scope's variables.
    owner: usize,
    bound: Vec<Rc<str>>,
    globals: HashSet<Rc<str>>,
    nonlocals: Vec<(Rc<str>, Span)>,
    used: Vec<Rc<str>>,
}

impl Scope {
    fn binds(&self, name: &str) -> bool {
        self.bound.iter().any(|b| b.as_ref() == name)
    }
}

/// Where a variable is defined: (defining scope, name).
type VarKey = (usize, Rc<str>);

#[derive(Default, Debug)]
struct FrameVars {
    /// Own variables in order of first binding.
    own: Vec<VarKey>,
    /// Own variables captured by an inner frame.
    captured: HashSet<VarKey>,
    /// Variables of enclosing frames this frame needs, in order.
    free: Vec<VarKey>,
    /// Final slots.
    slots: HashMap<VarKey, NameSlot>,
}

/// Walks a tree, calling the visitor on scopes and names in a fixed order.
trait Visitor {
    fn enter(&mut self, kind: ScopeKind, func: Option<&FunctionDef>);
    fn exit(&mut self, func: Option<&FunctionDef>);
    fn bind(&mut self, name: &NameRef);
    fn bind_str(&mut self, name: &Rc<str>);
    fn load(&mut self, name: &NameRef);
    fn declare_global(&mut self, names: &[Rc<str>]);
    fn declare_nonlocal(&mut self, names: &[Rc<str>], span: Span);
}

fn walk_stmts(stmts: &[Stmt], v: &mut impl Visitor) {
    for s in stmts {
        walk_stmt(s, v);
    }
}

fn walk_target(t: &Expr, v: &mut impl Visitor) {
    match &t.kind {
        ExprKind::Name(n) => v.bind(n),
        ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().for_each(|i| walk_target(i, v)),
        ExprKind::Starred(inner) => walk_target(inner, v),
        _ => walk_expr(t, v),
    }
}

fn walk_function(f: &FunctionDef, v: &mut impl Visitor) {
    for p in &f.params {
        if let Some(d) = &p.default {
            walk_expr(d, v);
        }
    }
    v.enter(ScopeKind::Function, Some(f));
    for p in &f.params {
        if p.name.as_ref() != "*" {
            v.bind_str(&p.name);
        }
    }
    walk_stmts(&f.body, v);
    v.exit(Some(f));
}

fn walk_stmt(s: &Stmt, v: &mut impl Visitor) {
    match &s.kind {
        StmtKind::Expr(e) => walk_expr(e, v),
        StmtKind::Assign(targets, value) => {
            walk_expr(value, v);
            targets.iter().for_each(|t| walk_target(t, v));
        }
        StmtKind::AugAssign(target, _, value) => {
            walk_expr(value, v);
            if let ExprKind::Name(n) = &target.kind {
                v.load(n);
                v.bind(n);
            } else {
                walk_expr(target, v);
            }
        }
        StmtKind::If(c, a, b) | StmtKind::While(c, a, b) => {
            walk_expr(c, v);
            walk_stmts(a, v);
            walk_stmts(b, v);
        }
        StmtKind::For(t, it, body, orelse) => {
            walk_expr(it, v);
            walk_target(t, v);
            walk_stmts(body, v);
            walk_stmts(orelse, v);
        }
        StmtKind::Break | StmtKind::Continue | StmtKind::Pass => {}
        StmtKind::Def(f, name) => {
            walk_function(f, v);
            v.bind(name);
        }
        StmtKind::Return(e) => {
            if let Some(e) = e {
                walk_expr(e, v)
            }
        }
        StmtKind::Global(names) => v.declare_global(names),
        StmtKind::Nonlocal(names) => v.declare_nonlocal(names, s.span),
        StmtKind::Assert(a, b) => {
            walk_expr(a, v);
            if let Some(b) = b {
                walk_expr(b, v);
            }
        }
        StmtKind::Del(targets) => targets.iter().for_each(|t| walk_target(t, v)),
        StmtKind::Import(_, name) => v.bind(name),
        StmtKind::ImportFrom(_, names) => {
            for (n, bound) in names {
                if n.as_ref() != "*" {
                    v.bind(bound);
                }
            }
        }
        StmtKind::Try { body, handlers, orelse, finally } => {
            walk_stmts(body, v);
            for h in handlers {
                if let Some(k) = &h.kind {
                    walk_expr(k, v);
                }
                if let Some(n) = &h.name {
                    v.bind(n);
                }
                walk_stmts(&h.body, v);
            }
            walk_stmts(orelse, v);
            walk_stmts(finally, v);
        }
        StmtKind::Raise(a, b) => {
            if let Some(a) = a {
                walk_expr(a, v);
            }
            if let Some(b) = b {
                walk_expr(b, v);
            }
        }
    }
}

fn walk_fstring(parts: &[FStringPart], v: &mut impl Visitor) {
    for p in parts {
        if let FStringPart::Field { expr, spec, .. } = p {
            walk_expr(expr, v);
            walk_fstring(spec, v);
        }
    }
}

fn walk_expr(e: &Expr, v: &mut impl Visitor) {
    match &e.kind {
        ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Imag(_)
        | ExprKind::Str(_)
        | ExprKind::Bool(_)
        | ExprKind::NoneLit
        | ExprKind::Ellipsis => {}
        ExprKind::FString(parts) => walk_fstring(parts, v),
        ExprKind::Name(n) => v.load(n),
        ExprKind::List(items) | ExprKind::Tuple(items) => items.iter().for_each(|i| walk_expr(i, v)),
        ExprKind::Dict(items) => {
            for (k, val) in items {
                walk_expr(k, v);
                walk_expr(val, v);
            }
        }
        ExprKind::Starred(inner) | ExprKind::Unary(_, inner) | ExprKind::Attribute(inner, _) => walk_expr(inner, v),
        ExprKind::Call(f, args) => {
            walk_expr(f, v);
            for a in args {
                match a {
                    Arg::Positional(x) | Arg::Star(x) | Arg::Keyword(_, x) | Arg::DoubleStar(x) => walk_expr(x, v),
                }
            }
        }
        ExprKind::Subscript(a, b) | ExprKind::Binary(_, a, b) | ExprKind::And(a, b) | ExprKind::Or(a, b) => {
            walk_expr(a, v);
            walk_expr(b, v);
        }
        ExprKind::Slice(a, b, c) => {
            for x in [a, b, c].into_iter().flatten() {
                walk_expr(x, v);
            }
        }
        ExprKind::Compare(first, rest) => {
            walk_expr(first, v);
            rest.iter().for_each(|(_, x)| walk_expr(x, v));
        }
        ExprKind::IfExp(c, a, b) => {
            walk_expr(c, v);
            walk_expr(a, v);
            walk_expr(b, v);
        }
        ExprKind::Lambda(f) => walk_function(f, v),
        ExprKind::Comprehension(kind, clauses) => {
            // The first iterable is evaluated in the enclosing scope.
            if let Some(first) = clauses.first() {
                walk_expr(&first.iter, v);
            }
            v.enter(ScopeKind::Comprehension, None);
            for (i, c) in clauses.iter().enumerate() {
                if i > 0 {
                    walk_expr(&c.iter, v);
                }
                walk_target(&c.target, v);
                c.conditions.iter().for_each(|x| walk_expr(x, v));
            }
            match kind {
                CompKind::List(x) => walk_expr(x, v),
                CompKind::Dict(k, x) => {
                    walk_expr(k, v);
                    walk_expr(x, v);
                }
            }
            v.exit(None);
        }
    }
}

/// First walk: what every scope binds, declares and uses.
struct Collector {
    scopes: Vec<Scope>,
    stack: Vec<usize>,
}

impl Collector {
    fn current(&mut self) -> &mut Scope {
        let i = *self.stack.last().unwrap_or(&0);
        &mut self.scopes[i]
    }
}

impl Visitor for Collector {
    fn enter(&mut self, kind: ScopeKind, _f: Option<&FunctionDef>) {
        let parent = self.stack.last().copied();
        let id = self.scopes.len();
        let owner = match (kind, parent) {
            (ScopeKind::Comprehension, Some(p)) => self.scopes[p].owner,
            _ => id,
        };
        self.scopes.push(Scope {
            kind,
            parent,
            owner,
            bound: vec![],
            globals: HashSet::new(),
            nonlocals: vec![],
            used: vec![],
        });
        self.stack.push(id);
    }
    fn exit(&mut self, _f: Option<&FunctionDef>) {
        self.stack.pop();
    }
    fn bind(&mut self, name: &NameRef) {
        self.bind_str(&name.name);
    }
    fn bind_str(&mut self, name: &Rc<str>) {
        let s = self.current();
        if !s.binds(name) {
            s.bound.push(name.clone());
        }
    }
    fn load(&mut self, name: &NameRef) {
        self.current().used.push(name.name.clone());
    }
    fn declare_global(&mut self, names: &[Rc<str>]) {
        let s = self.current();
        s.globals.extend(names.iter().cloned());
    }
    fn declare_nonlocal(&mut self, names: &[Rc<str>], span: Span) {
        let s = self.current();
        s.nonlocals.extend(names.iter().map(|n| (n.clone(), span)));
    }
}

/// The scope that defines `name` as seen from `scope`, or `None` for a global.
fn defining_scope(scopes: &[Scope], scope: usize, name: &str) -> Option<usize> {
    let mut s = scope;
    loop {
        let sc = &scopes[s];
        if sc.kind == ScopeKind::Module {
            return None;
        }
        if sc.globals.contains(name) {
            return None;
        }
        let is_nonlocal = sc.nonlocals.iter().any(|(n, _)| n.as_ref() == name);
        if sc.binds(name) && !is_nonlocal {
            return Some(s);
        }
        s = sc.parent?;
    }
}

/// Second walk: writes slots into names and layouts into functions.
struct Assigner<'a> {
    scopes: &'a [Scope],
    frames: &'a HashMap<usize, FrameVars>,
    next_scope: usize,
    stack: Vec<usize>,
}

impl Assigner<'_> {
    fn slot_of(&self, name: &Rc<str>) -> NameSlot {
        let scope = *self.stack.last().unwrap_or(&0);
        let Some(def) = defining_scope(self.scopes, scope, name) else {
            return NameSlot::Global;
        };
        let owner = self.scopes[scope].owner;
        let key = (def, name.clone());
        self.frames.get(&owner).and_then(|f| f.slots.get(&key)).copied().unwrap_or(NameSlot::Global)
    }
}

impl Visitor for Assigner<'_> {
    fn enter(&mut self, _kind: ScopeKind, f: Option<&FunctionDef>) {
        let id = self.next_scope;
        self.next_scope += 1;
        self.stack.push(id);
        if let Some(f) = f {
            let frame = self.frames.get(&id);
            let mut layout = FrameLayout::default();
            if let Some(frame) = frame {
                layout.n_locals = frame.slots.values().filter(|s| matches!(s, NameSlot::Local(_))).count() as u32;
                let mut cells: Vec<(u32, Rc<str>)> = frame
                    .slots
                    .iter()
                    .filter_map(|((_, n), s)| match s {
                        NameSlot::Cell(i) => Some((*i, n.clone())),
                        _ => None,
                    })
                    .collect();
                cells.sort();
                layout.cell_names = cells.into_iter().map(|(_, n)| n).collect();
                layout.n_own_cells = frame.own.iter().filter(|k| frame.captured.contains(*k)).count() as u32;
                // Where each free variable comes from in the creating frame.
                let parent_owner = self.scopes[id].parent.map(|p| self.scopes[p].owner);
                for key in &frame.free {
                    let from = parent_owner
                        .and_then(|po| self.frames.get(&po))
                        .and_then(|pf| pf.slots.get(key))
                        .and_then(|s| match s {
                            NameSlot::Cell(i) => Some(*i),
                            _ => None,
                        })
                        .unwrap_or(0);
                    layout.free_from.push(from);
                }
            }
            layout.param_slots = f
                .params
                .iter()
                .map(|p| frame.and_then(|fr| fr.slots.get(&(id, p.name.clone()))).copied().unwrap_or(NameSlot::Global))
                .collect();
            layout.plain_params = f.params.iter().all(|p| p.kind == ParamKind::Normal)
                && layout.param_slots.iter().enumerate().all(|(i, s)| *s == NameSlot::Local(i as u32));
            *f.layout.borrow_mut() = layout;
        }
    }
    fn exit(&mut self, _f: Option<&FunctionDef>) {
        self.stack.pop();
    }
    fn bind(&mut self, name: &NameRef) {
        name.slot.set(self.slot_of(&name.name));
    }
    fn bind_str(&mut self, _name: &Rc<str>) {}
    fn load(&mut self, name: &NameRef) {
        name.slot.set(self.slot_of(&name.name));
    }
    fn declare_global(&mut self, _names: &[Rc<str>]) {}
    fn declare_nonlocal(&mut self, _names: &[Rc<str>], _span: Span) {}
}

/// Resolves every name of a module (a script or one prompt entry) and
/// returns the number of local slots and cells the module frame needs
/// (for comprehension variables at module level).
pub fn resolve_module(body: &[Stmt]) -> Result<FrameLayout, ScopeError> {
    let mut collector = Collector { scopes: vec![], stack: vec![] };
    collector.enter(ScopeKind::Module, None);
    walk_stmts(body, &mut collector);
    collector.exit(None);
    let scopes = collector.scopes;

    // Check nonlocal declarations.
    for (i, sc) in scopes.iter().enumerate() {
        for (name, span) in &sc.nonlocals {
            let found = sc.parent.and_then(|p| defining_scope(&scopes, p, name));
            if found.is_none() || sc.kind == ScopeKind::Module {
                let message = if sc.kind == ScopeKind::Module || i == 0 {
                    "nonlocal declaration not allowed at module level".to_string()
                } else {
                    format!("no binding for nonlocal '{name}' found")
                };
                return Err(ScopeError { message, span: *span });
            }
        }
    }

    // Own variables of every frame, and captures across frames.
    let mut frames: HashMap<usize, FrameVars> = HashMap::new();
    for (id, sc) in scopes.iter().enumerate() {
        frames.entry(sc.owner).or_default();
        if sc.kind == ScopeKind::Module {
            continue;
        }
        for name in &sc.bound {
            let nonlocal = sc.nonlocals.iter().any(|(n, _)| n == name);
            if !sc.globals.contains(name) && !nonlocal {
                frames.entry(sc.owner).or_default().own.push((id, name.clone()));
            }
        }
    }
    for (id, sc) in scopes.iter().enumerate() {
        let mut names: Vec<Rc<str>> = sc.used.clone();
        names.extend(sc.bound.iter().cloned());
        names.extend(sc.nonlocals.iter().map(|(n, _)| n.clone()));
        for name in names {
            let Some(def) = defining_scope(&scopes, id, &name) else { continue };
            let def_owner = scopes[def].owner;
            if def_owner == sc.owner {
                continue;
            }
            let key = (def, name.clone());
            frames.entry(def_owner).or_default().captured.insert(key.clone());
            // Every frame between the user and the definer passes it through.
            let mut s = Some(id);
            while let Some(cur) = s {
                let owner = scopes[cur].owner;
                if owner == def_owner {
                    break;
                }
                let f = frames.entry(owner).or_default();
                if !f.free.contains(&key) {
                    f.free.push(key.clone());
                }
                s = scopes[owner].parent;
            }
        }
    }
    for f in frames.values_mut() {
        let mut n_cells = 0u32;
        let mut n_locals = 0u32;
        let own = f.own.clone();
        for key in own.iter().filter(|k| f.captured.contains(*k)) {
            f.slots.insert(key.clone(), NameSlot::Cell(n_cells));
            n_cells += 1;
        }
        for key in f.free.clone() {
            f.slots.insert(key, NameSlot::Cell(n_cells));
            n_cells += 1;
        }
        for key in own.iter().filter(|k| !f.captured.contains(*k)) {
            f.slots.insert(key.clone(), NameSlot::Local(n_locals));
            n_locals += 1;
        }
    }

    let mut assigner = Assigner { scopes: &scopes, frames: &frames, next_scope: 0, stack: vec![] };
    assigner.enter(ScopeKind::Module, None);
    walk_stmts(body, &mut assigner);
    assigner.exit(None);

    let mut layout = FrameLayout::default();
    if let Some(f) = frames.get(&0) {
        layout.n_locals = f.slots.values().filter(|s| matches!(s, NameSlot::Local(_))).count() as u32;
        layout.n_own_cells = f.captured.len() as u32;
        let mut cells: Vec<(u32, Rc<str>)> = f
            .slots
            .iter()
            .filter_map(|((_, n), s)| match s {
                NameSlot::Cell(i) => Some((*i, n.clone())),
                _ => None,
            })
            .collect();
        cells.sort();
        layout.cell_names = cells.into_iter().map(|(_, n)| n).collect();
    }
    Ok(layout)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::parse_program;

    fn layout_of(src: &str) -> (Vec<Stmt>, FrameLayout) {
        let prog = parse_program(src).unwrap();
        let l = resolve_module(&prog).unwrap();
        (prog, l)
    }

    #[test]
    fn function_locals_get_slots() {
        let (prog, _) = layout_of("def f(a):\n    b = a\n    return b\n");
        let StmtKind::Def(f, _) = &prog[0].kind else { panic!() };
        let l = f.layout.borrow();
        assert_eq!(l.n_locals, 2);
        assert_eq!(l.param_slots, vec![NameSlot::Local(0)]);
    }

    #[test]
    fn closures_capture_cells() {
        let (prog, _) = layout_of("def f():\n    x = 1\n    def g():\n        return x\n    return g\n");
        let StmtKind::Def(f, _) = &prog[0].kind else { panic!() };
        let l = f.layout.borrow();
        assert_eq!(l.cell_names.len(), 1);
        assert_eq!(l.n_own_cells, 1);
        let StmtKind::Def(g, _) = &f.body[1].kind else { panic!() };
        let gl = g.layout.borrow();
        assert_eq!(gl.cell_names.len(), 1);
        assert_eq!(gl.free_from, vec![0]);
    }

    #[test]
    fn module_comprehension_vars_are_frame_locals() {
        let (_, l) = layout_of("y = [x * 2 for x in range(3)]\n");
        assert_eq!(l.n_locals, 1);
    }

    #[test]
    fn nonlocal_without_binding_is_an_error() {
        let prog = parse_program("def f():\n    nonlocal q\n").unwrap();
        assert!(resolve_module(&prog).is_err());
    }
}
