//! Python's dict: insertion-ordered, keyed by hashable values.

use super::fxhash::FxHashMap;
use super::Value;
use std::collections::hash_map::Entry;

/// The hashable form of a key: equal Python keys (`1`, `1.0`, `True`) map
/// to the same `HashKey`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum HashKey {
    /// `None`
    None,
    /// ints, bools, and floats with integral values
    Int(i64),
    /// other floats, by bits
    Float(u64),
    /// complex numbers with a non-zero imaginary part, by bits
    Complex(u64, u64),
    /// strings
    Str(super::PyStr),
    /// tuples of hashable values
    Tuple(Vec<HashKey>),
    /// functions, modules and other objects hashed by identity
    Identity(usize),
}

impl HashKey {
    /// The key for `v`, or the name of its type if it is unhashable.
    pub fn of(v: &Value) -> Result<HashKey, &'static str> {
        Ok(match v {
            Value::None => HashKey::None,
            Value::Bool(b) => HashKey::Int(*b as i64),
            Value::Int(i) => HashKey::Int(*i),
            Value::Float(f) => float_key(*f),
            Value::Complex(c) if c.im == 0.0 => float_key(c.re),
            Value::Complex(c) => HashKey::Complex(c.re.to_bits(), c.im.to_bits()),
            Value::Str(s) => HashKey::Str(s.clone()),
            Value::Tuple(items) => HashKey::Tuple(items.iter().map(HashKey::of).collect::<Result<_, _>>()?),
            Value::NamedTuple(t) => HashKey::Tuple(t.items.iter().map(HashKey::of).collect::<Result<_, _>>()?),
            Value::List(_) => return Err("list"),
            Value::Dict(_) => return Err("dict"),
            Value::Array(_) => return Err("numpy.ndarray"),
            Value::Slice(_) => return Err("slice"),
            other => HashKey::Identity(other.identity()),
        })
    }
}

fn float_key(f: f64) -> HashKey {
    if f.fract() == 0.0 && f.abs() < 9.2e18 {
        HashKey::Int(f as i64)
    } else {
        HashKey::Float(f.to_bits())
    }
}

/// An insertion-ordered dictionary.
#[derive(Clone, Debug, Default)]
pub struct Dict {
    entries: Vec<(Value, Value)>,
    index: FxHashMap<HashKey, usize>,
}

impl Dict {
    /// An empty dict.
    pub fn new() -> Self {
        Self::default()
    }
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    /// Whether it has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
    /// The value for `key`, if present (`Err` names an unhashable type).
    pub fn get(&self, key: &Value) -> Result<Option<Value>, &'static str> {
        let k = HashKey::of(key)?;
        Ok(self.index.get(&k).map(|&i| self.entries[i].1.clone()))
    }
    /// Sets `key` to `value` (keeps the original key and position if present).
    pub fn insert(&mut self, key: Value, value: Value) -> Result<(), &'static str> {
        let k = HashKey::of(&key)?;
        // One hash and probe for both the lookup and the insertion.
        match self.index.entry(k) {
            Entry::Occupied(e) => self.entries[*e.get()].1 = value,
            Entry::Vacant(e) => {
                e.insert(self.entries.len());
                self.entries.push((key, value));
            }
        }
        Ok(())
    }
    /// Removes `key` and returns its value, if present.
    pub fn remove(&mut self, key: &Value) -> Result<Option<Value>, &'static str> {
        let k = HashKey::of(key)?;
        let Some(i) = self.index.remove(&k) else { return Ok(None) };
        let (_, v) = self.entries.remove(i);
        for slot in self.index.values_mut() {
            if *slot > i {
                *slot -= 1;
            }
        }
        Ok(Some(v))
    }
    /// Whether `key` is present.
    pub fn contains(&self, key: &Value) -> Result<bool, &'static str> {
        Ok(self.index.contains_key(&HashKey::of(key)?))
    }
    /// The entries in insertion order.
    pub fn entries(&self) -> &[(Value, Value)] {
        &self.entries
    }
    /// The keys in insertion order.
    pub fn keys(&self) -> Vec<Value> {
        self.entries.iter().map(|(k, _)| k.clone()).collect()
    }
    /// Removes every entry.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.index.clear();
    }
}
