//! `.npz` archives: `savez`, `savez_compressed` and the `NpzFile` object
//! that `load` returns.

use super::decl;
use super::files::{path_arg, write_atomic};
use super::npy::npy_bytes;
use super::zip::zip_bytes;
use crate::array::NdArray;
use crate::builtins::args::bind;
use crate::builtins::array_glue::operand;
use crate::builtins::Builtin;
use crate::eval::error::{type_error, value_error, EvalResult};
use crate::eval::function::Args;
use crate::eval::Interp;
use crate::value::{NativeObject, Value};

/// `savez` / `savez_compressed`: keyword arrays first, then arr_0, arr_1, ...
fn savez(name: &str, args: Args, compress: bool) -> EvalResult {
    let mut b = bind(decl(name), args)?;
    let mut path = path_arg(&b.required(0)?)?;
    if !path.ends_with(".npz") {
        path.push_str(".npz");
    }
    let mut named: Vec<(String, NdArray)> = Vec::new();
    for (k, v) in &b.rest_keywords {
        named.push((k.to_string(), operand(v)?));
    }
    for (i, v) in b.rest.iter().enumerate() {
        let key = format!("arr_{i}");
        if named.iter().any(|(k, _)| *k == key) {
            return Err(value_error(format!("Cannot use un-named variables and keyword {key}")));
        }
        named.push((key, operand(v)?));
    }
    let entries: Vec<(String, Vec<u8>)> = named.iter().map(|(k, a)| (format!("{k}.npy"), npy_bytes(a))).collect();
    write_atomic(&path, &zip_bytes(&entries, compress))?;
    Ok(Value::None)
}

/// `np.savez`.
pub(super) fn np_savez(_: &mut Interp, args: Args) -> EvalResult {
    savez("savez", args, false)
}

/// `np.savez_compressed`.
pub(super) fn np_savez_compressed(_: &mut Interp, args: Args) -> EvalResult {
    savez("savez_compressed", args, true)
}

/// The arrays of a `.npz` archive, read when it was loaded.
pub struct NpzFile {
    /// The file the archive was loaded from.
    pub(super) path: String,
    /// The arrays, by name (without `.npy`), in archive order.
    pub(super) members: Vec<(String, NdArray)>,
}

impl NativeObject for NpzFile {
    fn type_name(&self) -> &'static &'static str {
        &"NpzFile"
    }
    fn repr(&self) -> String {
        let names: Vec<&str> = self.members.iter().take(5).map(|(n, _)| n.as_str()).collect();
        let more = if self.members.len() > 5 { "..." } else { "" };
        format!("NpzFile {} with keys: {}{more}", crate::value::quote_str(&self.path), names.join(", "))
    }
    fn method(&self, name: &str) -> Option<&'static Builtin> {
        super::BUILTINS.iter().find(|b| b.module == "NpzFile" && b.name == name)
    }
    fn method_names(&self) -> Vec<&'static str> {
        super::BUILTINS.iter().filter(|b| b.module == "NpzFile").map(|b| b.name).collect()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn npz_receiver(args: &Args) -> EvalResult<crate::value::ObjectRef> {
    match args.positional.first() {
        Some(Value::Object(o)) if o.as_any().is::<NpzFile>() => Ok(o.clone()),
        _ => Err(type_error("descriptor requires an 'NpzFile' object")),
    }
}

fn npz_members(o: &crate::value::ObjectRef) -> Vec<(String, NdArray)> {
    o.as_any().downcast_ref::<NpzFile>().map(|f| f.members.clone()).unwrap_or_default()
}

fn npz_names(o: &crate::value::ObjectRef) -> Value {
    Value::list(npz_members(o).into_iter().map(|(n, _)| Value::str(&n)).collect())
}

/// `NpzFile.files`.
pub(super) fn npz_files(_: &mut Interp, args: Args) -> EvalResult {
    let o = npz_receiver(&args)?;
    bind(decl("files"), args)?;
    Ok(npz_names(&o))
}

/// `NpzFile.keys`.
pub(super) fn npz_keys(_: &mut Interp, args: Args) -> EvalResult {
    let o = npz_receiver(&args)?;
    bind(decl("keys"), args)?;
    Ok(npz_names(&o))
}

/// `NpzFile.values`.
pub(super) fn npz_values(_: &mut Interp, args: Args) -> EvalResult {
    let o = npz_receiver(&args)?;
    bind(decl("values"), args)?;
    Ok(Value::list(npz_members(&o).into_iter().map(|(_, a)| Value::array(a.copy())).collect()))
}

/// `NpzFile.items`.
pub(super) fn npz_items(_: &mut Interp, args: Args) -> EvalResult {
    let o = npz_receiver(&args)?;
    bind(decl("items"), args)?;
    Ok(Value::list(
        npz_members(&o).into_iter().map(|(n, a)| Value::tuple(vec![Value::str(&n), Value::array(a.copy())])).collect(),
    ))
}

/// `NpzFile.close`.
pub(super) fn npz_close(_: &mut Interp, args: Args) -> EvalResult {
    npz_receiver(&args)?;
    bind(decl("close"), args)?;
    Ok(Value::None)
}
