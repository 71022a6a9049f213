//! Files and printing options: `set_printoptions`, `get_printoptions`,
//! `loadtxt`, `savetxt`, `genfromtxt`, `save`, `load`, `savez`.
//!
//! This module holds the declarations and the hooks other modules call for
//! native objects; the implementations live in the submodules.

mod deflate;
mod files;
mod gzip;
mod loadtxt;
mod npy;
mod npz;
mod printoptions;
mod savetxt;
mod zip;

use super::Builtin;
use crate::builtin;
use crate::eval::error::{type_error, EvalResult, Unwind};
use crate::value::{ExcKind, NativeObject, Value};
use loadtxt::{np_genfromtxt, np_loadtxt};
use npy::{np_load, np_save};
use npz::{np_savez, np_savez_compressed, npz_close, npz_files, npz_items, npz_keys, npz_values, NpzFile};
use printoptions::{get_printoptions, set_printoptions};
use savetxt::np_savetxt;
use std::rc::Rc;

/// NumPy's I/O and print-option functions.
pub static BUILTINS: &[Builtin] = &[
    builtin!("numpy", "set_printoptions", Function, "(precision=None, threshold=None, edgeitems=None, linewidth=None, suppress=None, nanstr=None, infstr=None, formatter=None, sign=None, floatmode=None, *, legacy=None)",
        "Change how arrays print: digits of precision, summarization threshold, line width, suppression of scientific notation.\nRaises ValueError for a negative count or an unknown sign/floatmode; TypeError for a non-integer count.\n>>> np.set_printoptions(precision=3); print(np.array([1/3])); np.set_printoptions(precision=8)\n[0.333]", set_printoptions),
    builtin!("numpy", "get_printoptions", Function, "()",
        "The current print options as a dict.\nNever raises.\n>>> np.get_printoptions()['precision']\n8", get_printoptions),
    builtin!("numpy", "loadtxt", Function, "(fname, dtype=float, comments='#', delimiter=None, skiprows=0, usecols=None, unpack=False, ndmin=0, *, max_rows=None, encoding=None)",
        "Read a text file of numbers into an array: one row per line, columns split on whitespace (or `delimiter`), text after `comments` ignored. A single row or column gives a 1-D array (ndmin raises the minimum).\nRaises ValueError for ragged rows or non-numbers; FileNotFoundError for a missing file.\n>>> np.savetxt('/tmp/npl_doc.txt', [[1, 2], [3, 4]]); np.loadtxt('/tmp/npl_doc.txt')\narray([[1., 2.],\n       [3., 4.]])", np_loadtxt),
    builtin!("numpy", "savetxt", Function, "(fname, X, fmt='%.18e', delimiter=' ', newline='\\n', header='', footer='', comments='# ')",
        "Write a 1-D or 2-D array to a text file, one row per line, each value formatted with the %-format `fmt`.\nRaises ValueError for an array that is not 1-D or 2-D or a bad fmt; TypeError when fmt does not fit the values; OSError when the file cannot be written.\n>>> np.savetxt('/tmp/npl_doc.csv', np.eye(2), fmt='%d', delimiter=','); np.loadtxt('/tmp/npl_doc.csv', delimiter=',', dtype=int)\narray([[1, 0],\n       [0, 1]])", np_savetxt),
    builtin!("numpy", "genfromtxt", Function, "(fname, dtype=float, comments='#', delimiter=None, skip_header=0, usecols=None, filling_values=None, *, skip_footer=0, max_rows=None, unpack=None, encoding=None, missing_values=None)",
        "Like loadtxt, but missing or invalid values become nan (or `filling_values`; -1 for ints).\nRaises ValueError listing the lines with a wrong number of columns; FileNotFoundError for a missing file.\n>>> print(np.genfromtxt(['1,2', '3,'], delimiter=','))\n[[ 1.  2.]\n [ 3. nan]]", np_genfromtxt),
    builtin!("numpy", "save", Function, "(file, arr, allow_pickle=True)",
        "Write an array to a binary .npy file (NumPy's format; `.npy` is added to the name if missing).\nRaises OSError when the file cannot be written.\n>>> np.save('/tmp/npl_doc', np.arange(3)); np.load('/tmp/npl_doc.npy')\narray([0, 1, 2])", np_save),
    builtin!("numpy", "load", Function, "(file, mmap_mode=None, allow_pickle=False)",
        "Read an array from a .npy file, or an NpzFile (a mapping of names to arrays) from a .npz file.\nRaises FileNotFoundError for a missing file; ValueError for a file that is not a valid .npy/.npz or holds pickled data.\n>>> np.savez('/tmp/npl_doc.npz', x=np.ones(2)); f = np.load('/tmp/npl_doc.npz'); f.files, f['x']\n(['x'], array([1., 1.]))", np_load),
    builtin!("numpy", "savez", Function, "(file, *args, **kwds)",
        "Write several arrays to an uncompressed .npz archive: positional arrays are named arr_0, arr_1, ..., keyword arrays by their keyword.\nRaises ValueError when a keyword clashes with an arr_N name; OSError when the file cannot be written.\n>>> np.savez('/tmp/npl_doc2', np.arange(2), y=np.zeros(1)); np.load('/tmp/npl_doc2.npz').files\n['y', 'arr_0']", np_savez),
    builtin!("numpy", "savez_compressed", Function, "(file, *args, **kwds)",
        "Like savez, but the archive's members are deflate-compressed.\nRaises ValueError when a keyword clashes with an arr_N name; OSError when the file cannot be written.\n>>> np.savez_compressed('/tmp/npl_doc3', a=np.zeros(100)); print(np.load('/tmp/npl_doc3.npz')['a'].sum())\n0.0", np_savez_compressed),
    builtin!("NpzFile", "files", Property, "(self)",
        "The names of the arrays in the archive.\n>>> np.savez('/tmp/npl_doc4', a=np.zeros(1)); np.load('/tmp/npl_doc4.npz').files\n['a']", npz_files),
    builtin!("NpzFile", "keys", Method, "(self)",
        "The names of the arrays in the archive, as a list.\n>>> np.savez('/tmp/npl_doc4', a=np.zeros(1)); list(np.load('/tmp/npl_doc4.npz').keys())\n['a']", npz_keys),
    builtin!("NpzFile", "values", Method, "(self)",
        "The arrays in the archive, as a list.\n>>> np.savez('/tmp/npl_doc4', a=np.zeros(1)); list(np.load('/tmp/npl_doc4.npz').values())\n[array([0.])]", npz_values),
    builtin!("NpzFile", "items", Method, "(self)",
        "(name, array) pairs of the archive, as a list.\n>>> np.savez('/tmp/npl_doc4', a=np.zeros(1)); list(np.load('/tmp/npl_doc4.npz').items())\n[('a', array([0.]))]", npz_items),
    builtin!("NpzFile", "close", Method, "(self)",
        "Close the archive (NPL has already read it; a no-op).\n>>> np.savez('/tmp/npl_doc4', a=np.zeros(1)); np.load('/tmp/npl_doc4.npz').close()\n", npz_close),
];

/// The declaration named `name` (the first one if misnamed).
fn decl(name: &str) -> &'static Builtin {
    BUILTINS.iter().find(|b| b.name == name).unwrap_or(&BUILTINS[0])
}

/// The items of a native object that can be iterated (an `.npz` file's names).
pub fn iterate_object(o: &dyn NativeObject) -> Option<Vec<Value>> {
    let f = o.as_any().downcast_ref::<NpzFile>()?;
    Some(f.members.iter().map(|(n, _)| Value::str(n)).collect())
}

/// `obj[key]` for native objects.
pub fn object_get_item(o: &dyn NativeObject, key: &Value) -> EvalResult {
    let Some(f) = o.as_any().downcast_ref::<NpzFile>() else {
        return Err(type_error(format!("'{}' object is not subscriptable", o.type_name())));
    };
    let text = key.to_str();
    let wanted = text.strip_suffix(".npy").unwrap_or(&text);
    if let Value::Str(_) = key {
        if let Some((_, a)) = f.members.iter().find(|(n, _)| n == wanted) {
            return Ok(Value::array(a.copy()));
        }
    }
    let exc = Rc::new(crate::value::ExceptionValue {
        kind: ExcKind::KeyError,
        args: vec![Value::str(&format!("{text} is not a file in the archive"))],
    });
    Err(Unwind::Raise(Box::new(crate::eval::error::NplError::from_exception(exc))))
}

/// `len(obj)` for native objects.
pub fn object_len(o: &dyn NativeObject) -> Option<usize> {
    o.as_any().downcast_ref::<NpzFile>().map(|f| f.members.len())
}
