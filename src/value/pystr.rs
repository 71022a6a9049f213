//! Python's `str` value: shared and immutable as Python sees it, but grown
//! in place by `s += t` when nothing else holds it (as CPython does), so a
//! loop of `+=` is linear instead of quadratic.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::rc::Rc;

/// Longest string NPL builds by concatenation (CPython would try and raise
/// `MemoryError` on most machines long before).
pub const MAX_STR_LEN: usize = 1 << 31;

/// A shared string (cheap to clone; reads as `&str`).
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PyStr(Rc<String>);

impl PyStr {
    /// Appends `tail`: in place when this is the only reference to the
    /// text, otherwise into a fresh copy (with room to grow).
    pub fn push_str(&mut self, tail: &str) {
        match Rc::get_mut(&mut self.0) {
            Some(text) => text.push_str(tail),
            None => {
                let mut text = String::with_capacity((self.0.len() + tail.len()) * 2);
                text.push_str(&self.0);
                text.push_str(tail);
                self.0 = Rc::new(text);
            }
        }
    }

    /// The text as a `&str`.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// Whether two values share the same text object (Python's `is`).
    pub fn ptr_eq(a: &PyStr, b: &PyStr) -> bool {
        Rc::ptr_eq(&a.0, &b.0)
    }

    /// An address identifying the text object (`id()`).
    pub fn as_ptr(&self) -> usize {
        Rc::as_ptr(&self.0) as usize
    }
}

impl Deref for PyStr {
    type Target = str;
    fn deref(&self) -> &str {
        self.0.as_str()
    }
}

impl AsRef<str> for PyStr {
    fn as_ref(&self) -> &str {
        self.0.as_str()
    }
}

impl Borrow<str> for PyStr {
    fn borrow(&self) -> &str {
        self.0.as_str()
    }
}

impl From<&str> for PyStr {
    fn from(s: &str) -> PyStr {
        PyStr(Rc::new(s.to_string()))
    }
}

impl From<String> for PyStr {
    fn from(s: String) -> PyStr {
        PyStr(Rc::new(s))
    }
}

impl From<&String> for PyStr {
    fn from(s: &String) -> PyStr {
        PyStr(Rc::new(s.clone()))
    }
}

impl From<Rc<str>> for PyStr {
    fn from(s: Rc<str>) -> PyStr {
        PyStr(Rc::new(s.to_string()))
    }
}

impl From<&Rc<str>> for PyStr {
    fn from(s: &Rc<str>) -> PyStr {
        PyStr(Rc::new(s.to_string()))
    }
}

impl From<char> for PyStr {
    fn from(c: char) -> PyStr {
        PyStr(Rc::new(c.to_string()))
    }
}

impl From<PyStr> for Rc<str> {
    fn from(s: PyStr) -> Rc<str> {
        Rc::from(s.as_str())
    }
}

impl From<&PyStr> for Rc<str> {
    fn from(s: &PyStr) -> Rc<str> {
        Rc::from(s.as_str())
    }
}

impl PartialEq<str> for PyStr {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for PyStr {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Display for PyStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for PyStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_grows_in_place_when_unique_and_copies_when_shared() {
        let mut a = PyStr::from("ab");
        a.push_str("cd");
        assert_eq!(a.as_str(), "abcd");
        let b = a.clone();
        a.push_str("e");
        assert_eq!(a.as_str(), "abcde");
        assert_eq!(b.as_str(), "abcd");
        assert!(!PyStr::ptr_eq(&a, &b));
    }
}
