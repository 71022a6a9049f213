mod ast;
mod lexer;
mod parser;
fn main() {
    let src = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    match parser::parse_program(&src) { Ok(p) => println!("{} stmts", p.len()), Err(e) => println!("{e:?}") }
}
