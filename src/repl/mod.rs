//! The command line and the interactive prompt. Only this module knows
//! about terminals; the interpreter writes to whatever stream it is given.

pub mod cli;
pub mod commands;
pub mod completion;
pub mod guard;
pub mod helper;
pub mod highlight;
pub mod prompt;
