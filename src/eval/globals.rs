//! Module-level variables, stored in slots so that a name in the program
//! finds its variable without hashing after the first access.
//!
//! Each name gets a slot the first time it is stored or looked up; the slot
//! stays (empty when the variable is deleted or was never bound), so a
//! [`NameRef`] can remember its slot index. The remembered index is tagged
//! with the table's id: an AST run by another session looks the name up
//! again instead of reading a wrong slot.

use crate::ast::NameRef;
use crate::value::fxhash::FxHashMap;
use crate::value::Value;
use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};

/// Ids of global tables (0 is never used, so a zeroed cache matches none).
static NEXT_ID: AtomicU32 = AtomicU32::new(1);

/// The global variables of a session, in the order they were first made.
pub struct Globals {
    id: u32,
    index: FxHashMap<Rc<str>, u32>,
    names: Vec<Rc<str>>,
    values: Vec<Option<Value>>,
}

impl Default for Globals {
    fn default() -> Self {
        Globals {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            index: FxHashMap::default(),
            names: Vec::new(),
            values: Vec::new(),
        }
    }
}

impl Globals {
    /// The slot of `name`, made (empty) if it has none yet.
    fn slot(&mut self, name: &Rc<str>) -> usize {
        if let Some(&i) = self.index.get(name) {
            return i as usize;
        }
        let i = self.values.len();
        self.index.insert(name.clone(), i as u32);
        self.names.push(name.clone());
        self.values.push(None);
        i
    }

    /// The slot a name reference stands for (remembered in the reference).
    #[inline]
    fn slot_of_ref(&mut self, n: &NameRef) -> usize {
        let cached = n.global_cache.get();
        if (cached >> 32) as u32 == self.id {
            return cached as u32 as usize;
        }
        let i = self.slot(&n.name);
        n.global_cache.set((u64::from(self.id) << 32) | i as u64);
        i
    }

    /// The value of the variable `n` names, if bound.
    #[inline]
    pub fn get_ref(&mut self, n: &NameRef) -> Option<&Value> {
        let i = self.slot_of_ref(n);
        self.values.get(i).and_then(|v| v.as_ref())
    }

    /// The value of `n` when the reference already remembers its slot in
    /// this table and the variable is bound (the evaluator's fast path).
    #[inline(always)]
    pub fn get_cached(&self, n: &NameRef) -> Option<&Value> {
        let cached = n.global_cache.get();
        if (cached >> 32) as u32 != self.id {
            return None;
        }
        self.values.get(cached as u32 as usize).and_then(|v| v.as_ref())
    }

    /// The bound variable `n` names, for update in place, when the reference
    /// already remembers its slot in this table.
    #[inline(always)]
    pub fn get_cached_mut(&mut self, n: &NameRef) -> Option<&mut Value> {
        let cached = n.global_cache.get();
        if (cached >> 32) as u32 != self.id {
            return None;
        }
        self.values.get_mut(cached as u32 as usize).and_then(|v| v.as_mut())
    }

    /// Binds the variable `n` names; returns the value it replaces.
    #[inline]
    pub fn set_ref(&mut self, n: &NameRef, value: Value) -> Option<Value> {
        let i = self.slot_of_ref(n);
        self.values.get_mut(i).and_then(|slot| slot.replace(value))
    }

    /// The value of the variable `n` names, if bound, remembering its slot
    /// in the reference when it has one (a lookup that makes no slot).
    #[inline(always)]
    pub fn get_remembering(&self, n: &NameRef) -> Option<&Value> {
        let cached = n.global_cache.get();
        if (cached >> 32) as u32 == self.id {
            return self.values.get(cached as u32 as usize).and_then(|v| v.as_ref());
        }
        let &i = self.index.get(&n.name)?;
        n.global_cache.set((u64::from(self.id) << 32) | u64::from(i));
        self.values.get(i as usize).and_then(|v| v.as_ref())
    }

    /// The value of `name`, if bound.
    pub fn get(&self, name: &str) -> Option<&Value> {
        let &i = self.index.get(name)?;
        self.values.get(i as usize).and_then(|v| v.as_ref())
    }

    /// Whether `name` is bound.
    pub fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Binds `name`; returns the value it replaces.
    pub fn insert(&mut self, name: Rc<str>, value: Value) -> Option<Value> {
        let i = self.slot(&name);
        self.values.get_mut(i).and_then(|slot| slot.replace(value))
    }

    /// Unbinds `name` (`del`); returns its value if it was bound.
    pub fn remove(&mut self, name: &str) -> Option<Value> {
        let &i = self.index.get(name)?;
        self.values.get_mut(i as usize).and_then(|slot| slot.take())
    }

    /// The bound variables, in the order their names were first used.
    pub fn iter(&self) -> impl Iterator<Item = (&Rc<str>, &Value)> {
        self.names.iter().zip(&self.values).filter_map(|(n, v)| v.as_ref().map(|v| (n, v)))
    }

    /// The names of the bound variables.
    pub fn keys(&self) -> impl Iterator<Item = &Rc<str>> {
        self.iter().map(|(n, _)| n)
    }

    /// Unbinds every variable for which `keep` is false.
    pub fn retain(&mut self, mut keep: impl FnMut(&Rc<str>, &Value) -> bool) {
        for (name, slot) in self.names.iter().zip(self.values.iter_mut()) {
            if slot.as_ref().is_some_and(|v| !keep(name, v)) {
                *slot = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_remember_their_slot_per_table() {
        let mut a = Globals::default();
        let mut b = Globals::default();
        let x = NameRef::new(Rc::from("x"));
        a.insert(Rc::from("y"), Value::Int(0));
        assert!(a.get_ref(&x).is_none());
        a.set_ref(&x, Value::Int(1));
        b.insert(Rc::from("x"), Value::Int(2));
        // the reference cached a's slot 1; b has x in slot 0
        assert!(matches!(a.get_ref(&x), Some(Value::Int(1))));
        assert!(matches!(b.get_ref(&x), Some(Value::Int(2))));
        assert!(matches!(a.get("x"), Some(Value::Int(1))));
        assert_eq!(a.remove("x").map(|v| v.repr()), Some("1".to_string()));
        assert!(a.get_ref(&x).is_none());
        assert_eq!(a.keys().map(|k| k.to_string()).collect::<Vec<_>>(), ["y"]);
        a.retain(|_, _| false);
        assert_eq!(a.iter().count(), 0);
    }
}
