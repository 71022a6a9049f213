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

    /// The key's hash. An int is its own hash, as in CPython: consecutive
    /// keys fill consecutive slots, so a dict of `range` keys is read and
    /// written in memory order. The probe sequence mixes in the high bits
    /// ([`Dict::probe`]), so ints equal in their low bits spread out after
    /// the first probe.
    #[inline(always)]
    fn hash(&self) -> u64 {
        match *self {
            KeyRef::Int(i) => i as u64,
            _ => self.hash_other(),
        }
    }

    fn hash_other(&self) -> u64 {
        match *self {
            KeyRef::None => mix(0x6e6f6e65),
            KeyRef::Int(i) => i as u64,
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

/// An index slot that holds no entry.
const EMPTY: u32 = u32::MAX;

/// Where a key's probe ended: at its entry, or at the free slot it would take.
enum Probe {
    Found(usize),
    Vacant(usize),
}

/// An insertion-ordered dictionary, laid out as CPython's compact dict:
/// the entries in insertion order, and an open-addressed table holding only
/// entry positions (4 bytes a slot; a dict cannot reach 2^32 entries, which
/// would take over 200 GB). The table's length is 0 or a power of two, and
/// it is at most two thirds full, so every probe ends at an empty slot.
#[derive(Clone, Default)]
pub struct Dict {
    entries: Vec<(Value, Value)>,
    hashes: Vec<u64>,
    slots: Vec<u32>,
}

impl std::fmt::Debug for Dict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.entries.iter().map(|(k, v)| (k, v))).finish()
    }
}

/// The slot after `slot` in the probe sequence of a hash, CPython's
/// recurrence: `perturb` (initially the hash) shifts its high bits in, so
/// keys that agree in their low bits part after a few probes, and once it
/// reaches 0, `5 * slot + 1` visits every slot of a power-of-two table.
#[inline(always)]
fn next_slot(slot: usize, perturb: &mut u64, mask: usize) -> usize {
    *perturb >>= 5;
    (slot.wrapping_mul(5).wrapping_add(*perturb as usize).wrapping_add(1)) & mask
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
    /// Follows the probe sequence of `hash` to the entry whose key is `key`,
    /// or to the first empty slot. The table must not be empty.
    #[inline(always)]
    fn probe(&self, key: KeyRef<'_>, hash: u64) -> Probe {
        let mask = self.slots.len() - 1;
        let mut slot = hash as usize & mask;
        let mut perturb = hash;
        loop {
            let pos = self.slots[slot];
            if pos == EMPTY {
                return Probe::Vacant(slot);
            }
            // An int key compares at once; other keys compare their stored
            // hashes first, as CPython does, before reading the key.
            let hit = match key {
                KeyRef::Int(_) => self.entries.get(pos as usize).is_some_and(|(k, _)| key.matches(k)),
                _ => {
                    self.hashes.get(pos as usize) == Some(&hash)
                        && self.entries.get(pos as usize).is_some_and(|(k, _)| key.matches(k))
                }
            };
            if hit {
                return Probe::Found(pos as usize);
            }
            slot = next_slot(slot, &mut perturb, mask);
        }
    }
    /// The position of the entry for `key` with hash `hash`.
    #[inline]
    fn position(&self, key: KeyRef<'_>, hash: u64) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        match self.probe(key, hash) {
            Probe::Found(pos) => Some(pos),
            Probe::Vacant(_) => None,
        }
    }
    /// Rebuilds the table with room for `len` entries (at most two thirds of
    /// a power of two, at least 8 slots) from the stored hashes.
    fn rebuild(&mut self, len: usize) {
        let size = len.saturating_mul(3).div_ceil(2).max(8).next_power_of_two();
        self.slots.clear();
        self.slots.resize(size, EMPTY);
        let mask = size - 1;
        for (pos, &hash) in self.hashes.iter().enumerate() {
            let mut slot = hash as usize & mask;
            let mut perturb = hash;
            while self.slots[slot] != EMPTY {
                slot = next_slot(slot, &mut perturb, mask);
            }
            self.slots[slot] = pos as u32;
        }
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
        if (self.entries.len() + 1) * 3 > self.slots.len() * 2 {
            // Grown as CPython grows a dict: to three times the entries.
            self.rebuild((self.entries.len() + 1) * 2);
        }
        // One probe for both the lookup and the insertion.
        match self.probe(k, hash) {
            Probe::Found(pos) => {
                if let Some(entry) = self.entries.get_mut(pos) {
                    entry.1 = value;
                }
            }
            Probe::Vacant(slot) => {
                self.slots[slot] = self.entries.len() as u32;
                self.entries.push((key, value));
                self.hashes.push(hash);
            }
        }
        Ok(())
    }
    /// Removes `key` and returns its value, if present. Later entries move
    /// down one place, so the table is rebuilt: removal costs O(len).
    pub fn remove(&mut self, key: &Value) -> Result<Option<Value>, &'static str> {
        let k = KeyRef::of(key)?;
        let Some(i) = self.position(k, k.hash()) else {
            return Ok(None);
        };
        let (_, v) = self.entries.remove(i);
        self.hashes.remove(i);
        self.rebuild(self.slots.len() * 2 / 3);
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
        self.slots.clear();
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

    #[test]
    fn keys_equal_in_their_low_bits_are_all_found() {
        let mut d = Dict::new();
        let keys: Vec<i64> = (0..3000).map(|i| (i << 32) - (i & 1) * (i << 40)).collect();
        for (n, &k) in keys.iter().enumerate() {
            d.insert(Value::Int(k), Value::Int(n as i64)).unwrap();
        }
        assert_eq!(d.len(), keys.len());
        for (n, &k) in keys.iter().enumerate() {
            assert_eq!(d.get(&Value::Int(k)).unwrap().map(|v| v.repr()), Some(n.to_string()));
            assert!(!d.contains(&Value::Int(k + 1)).unwrap());
        }
        for n in 0..50 {
            d.insert(Value::str(&format!("s{n}")), Value::Int(n)).unwrap();
            d.insert(Value::Float(n as f64 + 0.5), Value::Int(n)).unwrap();
        }
        assert_eq!(d.len(), keys.len() + 100);
        assert_eq!(d.get(&Value::str("s49")).unwrap().map(|v| v.repr()), Some("49".to_string()));
        assert_eq!(d.get(&Value::Float(7.5)).unwrap().map(|v| v.repr()), Some("7".to_string()));
        d.clear();
        assert!(d.is_empty() && d.get(&Value::Int(0)).unwrap().is_none());
        d.insert(Value::Int(-1), Value::None).unwrap();
        assert!(d.contains(&Value::Float(-1.0)).unwrap());
    }
}
