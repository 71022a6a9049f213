//! Generates the parser from `grammar/npl.lalrpop` with LALRPOP.
fn main() {
    lalrpop::Configuration::new()
        .set_in_dir("grammar")
        .emit_rerun_directives(true)
        .process()
        .expect("the LALRPOP grammar in grammar/ must build");
}
