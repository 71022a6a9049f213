//! The `npl` command line: `npl` (prompt), `npl FILE.npl`, `npl -c CODE`,
//! `npl -` or a pipe on stdin, `--version`, `--help`.

use crate::eval::error::NplError;
use crate::eval::Interp;
use crate::value::ExcKind;
use std::io::{IsTerminal, Read, Write};

const USAGE: &str = "usage: npl [FILE.npl | -c CODE | -]\n\n\
NPL: Python syntax with NumPy arrays.\n\
  npl             start the interactive prompt (reads statements from stdin when it is not a terminal)\n\
  npl FILE.npl    run a script\n\
  npl -c CODE     run CODE\n\
  npl -           run the program on standard input\n\
  --version       print the version\n\
  --help          print this help\n";

/// Stack size of the interpreter thread: deep recursion in user code is
/// stopped by the recursion limit long before this is used up.
const STACK_SIZE: usize = 1 << 30;

/// Runs the command line and returns the process exit code.
pub fn main() -> i32 {
    let args: Vec<String> = std::env::args().skip(1).collect();
    super::guard::silence_panic_messages();
    apply_memory_limit();
    let handle = std::thread::Builder::new().stack_size(STACK_SIZE).spawn(move || run(args));
    match handle {
        Ok(h) => h.join().unwrap_or_else(|_| {
            eprintln!("InternalError: NPL crashed; please report this with the program that caused it");
            70
        }),
        Err(e) => {
            eprintln!("npl: cannot start: {e}");
            1
        }
    }
}

/// `NPL_MEMORY_LIMIT_MB=N` caps every allocation NPL attempts at N MiB
/// (default: the machine's memory); larger arrays, strings and lists raise
/// `MemoryError`. The tests use it to check those errors cheaply.
fn apply_memory_limit() {
    let limit = std::env::var("NPL_MEMORY_LIMIT_MB").ok().and_then(|v| v.trim().parse::<u64>().ok());
    if let Some(mib) = limit.filter(|&m| m > 0) {
        crate::array::storage::set_allocation_limit(mib.saturating_mul(1 << 20));
    }
}

fn stdout_writer() -> Box<dyn Write> {
    Box::new(std::io::BufWriter::new(std::io::stdout()))
}

/// Prints an error report to stderr (after flushing stdout).
pub fn report_error(interp: &mut Interp, e: &NplError) {
    let _ = interp.out.flush();
    eprint!("{}", e.report());
}

fn run_text(name: &str, text: &str) -> i32 {
    let mut interp = Interp::new(stdout_writer());
    crate::repl::prompt::install_interrupt_handler(&interp);
    let result = match super::guard::guarded(|| interp.run(name, text, false)) {
        Ok(result) => result,
        Err(message) => {
            let _ = interp.out.flush();
            eprint!("{}", super::guard::internal_error(&message));
            return 70;
        }
    };
    match result {
        Ok(()) => {
            let _ = interp.out.flush();
            0
        }
        Err(e) => {
            report_error(&mut interp, &e);
            if e.kind() == ExcKind::KeyboardInterrupt {
                130
            } else {
                1
            }
        }
    }
}

fn run(args: Vec<String>) -> i32 {
    match args.first().map(|s| s.as_str()) {
        None => {
            if std::io::stdin().is_terminal() {
                crate::repl::prompt::interactive()
            } else {
                crate::repl::prompt::piped()
            }
        }
        Some("--version" | "-V") => {
            println!("npl {}", env!("CARGO_PKG_VERSION"));
            0
        }
        Some("--help" | "-h") => {
            print!("{USAGE}");
            0
        }
        Some("-c") => match args.get(1) {
            Some(code) => run_text("<string>", code),
            None => {
                eprintln!("npl: -c needs an argument\n{USAGE}");
                2
            }
        },
        Some("-") => {
            let mut text = String::new();
            if let Err(e) = std::io::stdin().read_to_string(&mut text) {
                eprintln!("npl: cannot read standard input: {e}");
                return 1;
            }
            run_text("<stdin>", &text)
        }
        Some(path) if path.starts_with('-') => {
            eprintln!("npl: unknown option {path}\n{USAGE}");
            2
        }
        Some(path) => match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => run_text(path, &text),
                Err(_) => {
                    eprintln!("SyntaxError: {path} is not valid UTF-8 text");
                    1
                }
            },
            Err(e) => {
                eprintln!("npl: can't open file '{path}': {e}");
                2
            }
        },
    }
}
