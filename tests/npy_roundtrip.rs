//! `.npy` / `.npz` files move between NumPy and NPL both ways.
//!
//! The fixtures in `tests/data/` were written by NumPy (`make_fixtures.py`
//! regenerates them). First npl loads every fixture (native, big-endian,
//! Fortran-order, version 2.0, an `.npz` with two named arrays) and must print
//! exactly what NumPy printed (`expected_load.txt`). Then npl saves the same
//! arrays with `np.save` / `np.savez` into a temporary folder, and the bytes
//! it wrote must equal the bytes NumPy wrote: NumPy's `.npy` output is
//! deterministic, and the members of an `.npz` are `.npy` files.

use std::path::{Path, PathBuf};
use std::process::Command;

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("data")
}

/// Runs npl on `script` (a path relative to `dir`) in `dir`; returns stdout.
fn run_npl(dir: &Path, script: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_npl")).arg(script).current_dir(dir).output().expect("npl runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "npl {script} failed (exit {:?})\n--- stdout\n{stdout}--- stderr\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// A fresh, empty scratch folder for one test.
fn scratch(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("npl_npy_roundtrip_{tag}_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn u16_at(b: &[u8], at: usize) -> usize {
    usize::from(u16::from_le_bytes([b[at], b[at + 1]]))
}

fn u32_at(b: &[u8], at: usize) -> u64 {
    u64::from(u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]))
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    u32_at(b, at) | (u32_at(b, at + 4) << 32)
}

/// The members of a zip archive as (name, method, stored bytes), read from
/// the central directory (zip64 sizes and offsets included).
fn zip_members(b: &[u8]) -> Vec<(String, u16, Vec<u8>)> {
    assert!(b.len() >= 22, "too short for a zip archive");
    let eocd = (0..=b.len() - 22).rev().find(|&i| u32_at(b, i) == 0x0605_4b50).expect("end of central directory");
    let mut count = u16_at(b, eocd + 10) as u64;
    let mut cd = u32_at(b, eocd + 16);
    if (count == 0xFFFF || cd == 0xFFFF_FFFF) && eocd >= 20 && u32_at(b, eocd - 20) == 0x0706_4b50 {
        let z = u64_at(b, eocd - 12) as usize;
        count = u64_at(b, z + 32);
        cd = u64_at(b, z + 48);
    }
    let mut at = cd as usize;
    let mut members = Vec::new();
    for _ in 0..count {
        assert_eq!(u32_at(b, at), 0x0201_4b50, "central directory entry at {at}");
        let method = u16_at(b, at + 10) as u16;
        let mut csize = u32_at(b, at + 20);
        let mut usize_ = u32_at(b, at + 24);
        let name_len = u16_at(b, at + 28);
        let extra_len = u16_at(b, at + 30);
        let comment_len = u16_at(b, at + 32);
        let mut offset = u32_at(b, at + 42);
        let name = String::from_utf8_lossy(&b[at + 46..at + 46 + name_len]).into_owned();
        // zip64 extended information: only the fields that overflowed, in order.
        let mut e = at + 46 + name_len;
        let extra_end = e + extra_len;
        while e + 4 <= extra_end {
            let id = u16_at(b, e);
            let size = u16_at(b, e + 2);
            if id == 1 {
                let mut f = e + 4;
                if usize_ == 0xFFFF_FFFF {
                    usize_ = u64_at(b, f);
                    f += 8;
                }
                if csize == 0xFFFF_FFFF {
                    csize = u64_at(b, f);
                    f += 8;
                }
                if offset == 0xFFFF_FFFF {
                    offset = u64_at(b, f);
                }
            }
            e += 4 + size;
        }
        let local = offset as usize;
        assert_eq!(u32_at(b, local), 0x0403_4b50, "local header of {name}");
        let start = local + 30 + u16_at(b, local + 26) + u16_at(b, local + 28);
        let data = b[start..start + csize as usize].to_vec();
        if method == 0 {
            assert_eq!(csize, usize_, "stored member {name} has two sizes");
        }
        members.push((name, method, data));
        at = extra_end + comment_len;
    }
    members
}

#[test]
fn npl_loads_numpy_written_files_and_prints_what_numpy_prints() {
    let dir = data_dir();
    let expected = std::fs::read_to_string(dir.join("expected_load.txt")).expect("expected_load.txt");
    let got = run_npl(&dir, "load_fixtures.npl");
    if got != expected {
        let line = expected.lines().zip(got.lines()).position(|(a, b)| a != b);
        panic!("npl printed something else than NumPy (first differing line {line:?})\n--- numpy\n{expected}--- npl\n{got}");
    }
}

/// The NPL script that saves, under the names of the fixtures, the very
/// arrays `make_fixtures.py` saved with NumPy.
const SAVE_SCRIPT: &str = r#"import numpy as np
np.save("bool.npy", np.array([True, False, True]))
np.save("int64.npy", np.array([[1, -2, 3], [2 ** 40, 0, -7]]))
np.save("float64.npy", np.array([0.5, -1.25, 1e-10, 3.0]))
np.save("complex128.npy", np.array([1 + 2j, -0.5j, 3 + 0j]))
np.save("scalar0d.npy", np.array(2.5))
np.save("cube3d", np.arange(8).reshape(2, 2, 2))
np.savez("pair.npz", weights=np.array([0.5, -1.25, 1e-10, 3.0]), labels=np.array([[1, -2, 3], [2 ** 40, 0, -7]]))
np.savez("positional", np.array([True, False, True]), np.array(2.5))
print("saved")
"#;

#[test]
fn npl_writes_the_same_npy_bytes_as_numpy() {
    let data = data_dir();
    let tmp = scratch("save");
    std::fs::write(tmp.join("save.npl"), SAVE_SCRIPT).expect("write script");
    assert_eq!(run_npl(&tmp, "save.npl"), "saved\n");

    let mut failures = Vec::new();
    for name in ["bool", "int64", "float64", "complex128", "scalar0d", "cube3d"] {
        let file = format!("{name}.npy");
        let ours = read(&tmp.join(&file));
        let numpy = read(&data.join(&file));
        if ours != numpy {
            failures.push(format!(
                "{file}: npl wrote {} bytes, NumPy {} bytes\n  npl header:   {:?}\n  numpy header: {:?}",
                ours.len(),
                numpy.len(),
                String::from_utf8_lossy(&ours[..ours.len().min(128)]),
                String::from_utf8_lossy(&numpy[..numpy.len().min(128)])
            ));
        }
    }

    // An .npz holds one .npy per array, named NAME.npy (arr_0.npy, ... for
    // positional arrays), stored uncompressed as NumPy's np.savez does.
    let checks: [(&str, &[(&str, &str)]); 2] = [
        ("pair.npz", &[("weights.npy", "float64.npy"), ("labels.npy", "int64.npy")]),
        ("positional.npz", &[("arr_0.npy", "bool.npy"), ("arr_1.npy", "scalar0d.npy")]),
    ];
    for (archive, wanted) in checks {
        let members = zip_members(&read(&tmp.join(archive)));
        let mut names: Vec<&str> = members.iter().map(|(n, _, _)| n.as_str()).collect();
        names.sort_unstable();
        let mut want_names: Vec<&str> = wanted.iter().map(|(m, _)| *m).collect();
        want_names.sort_unstable();
        if names != want_names {
            failures.push(format!("{archive}: members {names:?}, NumPy writes {want_names:?}"));
            continue;
        }
        for (member, fixture) in wanted {
            let (_, method, bytes) = members.iter().find(|(n, _, _)| n == member).expect("member present");
            if *method != 0 {
                failures.push(format!("{archive}/{member}: compression method {method}, np.savez stores (0)"));
            } else if *bytes != read(&data.join(fixture)) {
                failures.push(format!("{archive}/{member}: bytes differ from NumPy's {fixture}"));
            }
        }
    }

    // The members of NumPy's own pair.npz are the same .npy bytes too, so the
    // fixtures agree with each other (this checks the zip reader above).
    for (member, fixture) in [("weights.npy", "float64.npy"), ("labels.npy", "int64.npy")] {
        let members = zip_members(&read(&data.join("pair.npz")));
        let (_, _, bytes) = members.iter().find(|(n, _, _)| n == member).expect("NumPy's pair.npz member");
        assert_eq!(*bytes, read(&data.join(fixture)), "NumPy's pair.npz/{member} differs from {fixture}");
    }

    let _ = std::fs::remove_dir_all(&tmp);
    assert!(failures.is_empty(), "npl's files differ from NumPy's:\n{}", failures.join("\n"));
}

#[test]
fn numpy_files_survive_a_load_save_load_cycle_in_npl() {
    // Big-endian, Fortran-order and version 2.0 files are read, saved again by
    // npl (as native C-order version 1.0) and read back with the same values.
    let data = data_dir();
    let tmp = scratch("cycle");
    for f in ["bigendian_f8.npy", "bigendian_i8.npy", "fortran.npy", "v2.npy", "pair.npz"] {
        std::fs::copy(data.join(f), tmp.join(f)).expect("copy fixture");
    }
    let script = r#"import numpy as np
for name in ["bigendian_f8", "bigendian_i8", "fortran", "v2"]:
    a = np.load(name + ".npy")
    np.save("again_" + name + ".npy", a)
    b = np.load("again_" + name + ".npy")
    print(name, b.shape, np.array_equal(a, b), b.ravel().tolist())
z = np.load("pair.npz")
np.savez("again_pair.npz", **{k: z[k] for k in z.files})
y = np.load("again_pair.npz")
print(sorted(y.files), np.array_equal(y["weights"], z["weights"]), np.array_equal(y["labels"], z["labels"]))
"#;
    std::fs::write(tmp.join("cycle.npl"), script).expect("write script");
    let got = run_npl(&tmp, "cycle.npl");
    let _ = std::fs::remove_dir_all(&tmp);
    let expected = "bigendian_f8 (3,) True [1.5, -2.0, 0.001]\n\
                    bigendian_i8 (2, 2) True [1, -2, 300, 8589934592]\n\
                    fortran (2, 3) True [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]\n\
                    v2 (2, 2) True [1.0, 2.0, 3.0, 4.0]\n\
                    ['labels', 'weights'] True True\n";
    assert_eq!(got, expected);
}
