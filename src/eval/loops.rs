//! `while` and `for` loops, shared by the tree walker and compiled bodies:
//! each passes its own way of testing the condition and running the body.

use super::error::{EvalResult, Unwind};
use super::function::Frame;
use super::{iter, Interp};
use crate::ast::{Expr, ExprKind, NameSlot, Span, Stmt};
use crate::value::Value;

/// What running a loop body once asks the loop to do next.
enum Next {
    Go,
    Stop,
}

#[inline(always)]
fn after_body(r: EvalResult<()>) -> EvalResult<Next> {
    match r {
        Ok(()) | Err(Unwind::Continue) => Ok(Next::Go),
        Err(Unwind::Break) => Ok(Next::Stop),
        Err(other) => Err(other),
    }
}

impl Interp {
    /// `while test: body else: orelse`, checking for Ctrl-C before each test
    /// (located at the statement `stmt`).
    #[inline(always)]
    pub(super) fn run_while(
        &mut self,
        stmt: &Stmt,
        frame: &mut Frame,
        mut test: impl FnMut(&mut Interp, &mut Frame) -> EvalResult<bool>,
        mut body: impl FnMut(&mut Interp, &mut Frame) -> EvalResult<()>,
        orelse: impl FnOnce(&mut Interp, &mut Frame) -> EvalResult<()>,
    ) -> EvalResult<()> {
        loop {
            self.check_interrupt().map_err(|u| self.locate(u, stmt.span))?;
            if !test(self, frame)? {
                return orelse(self, frame);
            }
            if let Next::Stop = after_body(body(self, frame))? {
                return Ok(());
            }
        }
    }

    /// `for target in it: body else: orelse`, where `it` is the iterable's
    /// value (made by the expression at `iter_span`). A range stored in a
    /// local variable counts in a machine integer.
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    pub(super) fn run_for(
        &mut self,
        stmt: &Stmt,
        target: &Expr,
        it: Value,
        iter_span: Span,
        frame: &mut Frame,
        mut body: impl FnMut(&mut Interp, &mut Frame) -> EvalResult<()>,
        orelse: impl FnOnce(&mut Interp, &mut Frame) -> EvalResult<()>,
    ) -> EvalResult<()> {
        if let (Value::Range(r), ExprKind::Name(n)) = (&it, &target.kind) {
            if let NameSlot::Local(slot) = n.slot.get() {
                for v in iter::IntRange::of(r) {
                    self.check_interrupt().map_err(|u| self.locate(u, stmt.span))?;
                    iter::store_local_int(frame, slot as usize, v)?;
                    if let Next::Stop = after_body(body(self, frame))? {
                        return Ok(());
                    }
                }
                return orelse(self, frame);
            }
        }
        let mut items = self.iterate(&it).map_err(|u| self.locate(u, iter_span))?;
        while let Some(item) = items.next_value(self).map_err(|u| self.locate(u, iter_span))? {
            self.check_interrupt().map_err(|u| self.locate(u, stmt.span))?;
            match &target.kind {
                ExprKind::Name(n) => self.store_name(n, item, frame),
                _ => self.assign(target, item, frame)?,
            }
            if let Next::Stop = after_body(body(self, frame))? {
                return Ok(());
            }
        }
        orelse(self, frame)
    }
}
