//! Python's dict: insertion-ordered, keyed by hashable values.

use super::Value;

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

/// A key as the dict compares and hashes it, borrowed from the value:
/// equal Python keys (`1`, `1.0`, `True`) give equal `KeyRef`s.
#[derive(Clone, Copy)]
enum KeyRef<'a> {
    None,
    Int(i64),
    Float(u64),
    Complex(u64, u64),
    Str(&'a str),
    Tuple(&'a [Value]),
    Identity(usize),
}

impl<'a> KeyRef<'a> {
    /// The key for `v`, or the name of its type if it is unhashable
    /// (a tuple is checked item by item). Ints and strings inline.
    #[inline(always)]
    fn of(v: &'a Value) -> Result<KeyRef<'a>, &'static str> {
        match v {
            Value::Int(i) => Ok(KeyRef::Int(*i)),
            Value::Str(s) => Ok(KeyRef::Str(s.as_str())),
            _ => Self::of_other(v),
        }
    }

    fn of_other(v: &'a Value) -> Result<KeyRef<'a>, &'static str> {
        Ok(match v {
            Value::None => KeyRef::None,
            Value::Bool(b) => KeyRef::Int(*b as i64),
            Value::Int(i) => KeyRef::Int(*i),
            Value::Float(f) => float_key_ref(*f),
            Value::Complex(c) if c.im == 0.0 => float_key_ref(c.re),
            Value::Complex(c) => KeyRef::Complex(c.re.to_bits(), c.im.to_bits()),
            Value::Str(s) => KeyRef::Str(s.as_str()),
            Value::Tuple(items) => tuple_key_ref(items)?,
            Value::NamedTuple(t) => tuple_key_ref(&t.items)?,
            Value::List(_) => return Err("list"),
            Value::Dict(_) => return Err("dict"),
            Value::Array(_) => return Err("numpy.ndarray"),
            Value::Slice(_) => return Err("slice"),
            other => KeyRef::Identity(other.identity()),
        })
    }

    /// The key's hash: well mixed in every bit, since the table takes its
    /// bucket from the low bits (ints with equal low bits must not collide).
    #[inline(always)]
    fn hash(&self) -> u64 {
        match *self {
            KeyRef::Int(i) => mix(i as u64),
            _ => self.hash_other(),
        }
    }

    fn hash_other(&self) -> u64 {
        match *self {
            KeyRef::None => mix(0x6e6f6e65),
            KeyRef::Int(i) => mix(i as u64),
            KeyRef::Float(bits) => mix(bits ^ 0x0f10a7),
            KeyRef::Complex(re, im) => mix(mix(re) ^ im),
            KeyRef::Str(s) => {
                let mut h = super::fxhash::FxHasher::default();
                std::hash::Hasher::write(&mut h, s.as_bytes());
                mix(std::hash::Hasher::finish(&h) ^ s.len() as u64)
            }
            KeyRef::Tuple(items) => {
                let mut h = mix(items.len() as u64 ^ 0x7475706c65);
                for item in items {
                    // items were checked hashable when the key was made
                    let item_hash = KeyRef::of(item).map_or(0, |k| k.hash());
                    h = mix(h ^ item_hash);
                }
                h
            }
            KeyRef::Identity(p) => mix(p as u64 ^ 0x1d),
        }
    }

    /// Whether the stored key `v` is this key.
    #[inline(always)]
    fn matches(&self, v: &Value) -> bool {
        match (*self, v) {
            (KeyRef::Int(a), Value::Int(b)) => a == *b,
            _ => self.matches_other(v),
        }
    }

    fn matches_other(&self, v: &Value) -> bool {
        match (*self, KeyRef::of(v)) {
            (KeyRef::None, Ok(KeyRef::None)) => true,
            (KeyRef::Int(a), Ok(KeyRef::Int(b))) => a == b,
            (KeyRef::Float(a), Ok(KeyRef::Float(b))) => a == b,
            (KeyRef::Complex(a, b), Ok(KeyRef::Complex(c, d))) => a == c && b == d,
            (KeyRef::Str(a), Ok(KeyRef::Str(b))) => a == b,
            (KeyRef::Tuple(a), Ok(KeyRef::Tuple(b))) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| KeyRef::of(x).is_ok_and(|k| k.matches(y)))
            }
            (KeyRef::Identity(a), Ok(KeyRef::Identity(b))) => a == b,
            _ => false,
        }
    }
}

fn float_key_ref(f: f64) -> KeyRef<'static> {
    if f.fract() == 0.0 && f.abs() < 9.2e18 {
        KeyRef::Int(f as i64)
    } else {
        KeyRef::Float(f.to_bits())
    }
}

fn tuple_key_ref(items: &[Value]) -> Result<KeyRef<'_>, &'static str> {
    for item in items {
        KeyRef::of(item)?;
    }
    Ok(KeyRef::Tuple(items))
}

/// A 64-bit mix (multiply, fold the high half into the low).
#[inline(always)]
fn mix(x: u64) -> u64 {
    let p = u128::from(x ^ 0x243f_6a88_85a3_08d3).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (p as u64) ^ ((p >> 64) as u64)
}

/// An insertion-ordered dictionary, laid out as CPython's compact dict:
/// the entries in insertion order, and a hash table holding only entry
/// positions (4 bytes a slot, half of a `usize`, so that the table of a
/// 100K-entry dict stays in a core's L2 cache; a dict cannot reach 2^32
/// entries, which would take over 200 GB).
#[derive(Clone, Default)]
pub struct Dict {
    entries: Vec<(Value, Value)>,
    hashes: Vec<u64>,
    index: hashbrown::HashTable<u32>,
}

impl std::fmt::Debug for Dict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.entries.iter().map(|(k, v)| (k, v))).finish()
    }
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
    /// The position of the entry for `key` with hash `hash`.
    fn position(&self, key: KeyRef<'_>, hash: u64) -> Option<usize> {
        let entries = &self.entries;
        self.index.find(hash, |&i| entries.get(i as usize).is_some_and(|(k, _)| key.matches(k))).map(|&i| i as usize)
    }
    /// The value for `key`, if present (`Err` names an unhashable type).
    pub fn get(&self, key: &Value) -> Result<Option<Value>, &'static str> {
        let k = KeyRef::of(key)?;
        Ok(self.position(k, k.hash()).and_then(|i| self.entries.get(i)).map(|(_, v)| v.clone()))
    }
    /// Sets `key` to `value` (keeps the original key and position if present).
    pub fn insert(&mut self, key: Value, value: Value) -> Result<(), &'static str> {
        let k = KeyRef::of(&key)?;
        let hash = k.hash();
        let (entries, hashes) = (&self.entries, &self.hashes);
        // One probe for both the lookup and the insertion.
        let slot = self.index.entry(
            hash,
            |&i| entries.get(i as usize).is_some_and(|(s, _)| k.matches(s)),
            |&j| hashes.get(j as usize).copied().unwrap_or(0),
        );
        match slot {
            hashbrown::hash_table::Entry::Occupied(e) => {
                let i = *e.get() as usize;
                if let Some(entry) = self.entries.get_mut(i) {
                    entry.1 = value;
                }
            }
            hashbrown::hash_table::Entry::Vacant(e) => {
                e.insert(self.entries.len() as u32);
                self.entries.push((key, value));
                self.hashes.push(hash);
            }
        }
        Ok(())
    }
    /// Removes `key` and returns its value, if present.
    pub fn remove(&mut self, key: &Value) -> Result<Option<Value>, &'static str> {
        let k = KeyRef::of(key)?;
        let hash = k.hash();
        let entries = &self.entries;
        let Ok(slot) = self.index.find_entry(hash, |&i| entries.get(i as usize).is_some_and(|(s, _)| k.matches(s)))
        else {
            return Ok(None);
        };
        let i = slot.remove().0 as usize;
        if i >= self.entries.len() {
            return Ok(None);
        }
        let (_, v) = self.entries.remove(i);
        self.hashes.remove(i);
        // later entries moved down one place
        for slot in self.index.iter_mut() {
            if *slot as usize > i {
                *slot -= 1;
            }
        }
        Ok(Some(v))
    }
    /// Whether `key` is present.
    pub fn contains(&self, key: &Value) -> Result<bool, &'static str> {
        let k = KeyRef::of(key)?;
        Ok(self.position(k, k.hash()).is_some())
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
        self.hashes.clear();
        self.index.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_python_keys_share_an_entry() {
        let mut d = Dict::new();
        d.insert(Value::Int(1), Value::str("int")).unwrap();
        d.insert(Value::Float(1.0), Value::str("float")).unwrap();
        d.insert(Value::Bool(true), Value::str("bool")).unwrap();
        assert_eq!(d.len(), 1);
        assert_eq!(d.entries()[0].0.repr(), "1");
        assert_eq!(d.get(&Value::Int(1)).unwrap().map(|v| v.repr()), Some("'bool'".to_string()));
        let t = Value::tuple(vec![Value::Int(2), Value::str("a")]);
        d.insert(t, Value::None).unwrap();
        let same = Value::tuple(vec![Value::Float(2.0), Value::str("a")]);
        assert!(d.contains(&same).unwrap());
        assert!(matches!(d.get(&Value::list(vec![])), Err("list")));
        let nested = Value::tuple(vec![Value::list(vec![])]);
        assert!(matches!(d.insert(nested, Value::None), Err("list")));
    }

    #[test]
    fn removal_keeps_order_and_positions() {
        let mut d = Dict::new();
        for i in 0..1000 {
            d.insert(Value::Int(i * 1024), Value::Int(i)).unwrap();
        }
        for i in (0..1000).step_by(3) {
            assert_eq!(d.remove(&Value::Int(i * 1024)).unwrap().map(|v| v.repr()), Some(i.to_string()));
        }
        assert_eq!(d.remove(&Value::Int(0)).unwrap().map(|v| v.repr()), None);
        let kept: Vec<i64> = (0..1000).filter(|i| i % 3 != 0).collect();
        assert_eq!(d.len(), kept.len());
        for (pos, i) in kept.iter().enumerate() {
            assert_eq!(d.entries()[pos].1.repr(), i.to_string());
            assert_eq!(d.get(&Value::Int(i * 1024)).unwrap().map(|v| v.repr()), Some(i.to_string()));
        }
    }
}
