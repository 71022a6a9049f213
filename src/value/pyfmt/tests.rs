//! Unit tests; every expected string was produced by CPython 3.11.

use super::*;

fn c(re: f64, im: f64) -> Complex64 {
    Complex64::new(re, im)
}

/// Asserts `format_fn(value, spec) == expected` for every row.
fn check<T: Copy + std::fmt::Debug>(
    format_fn: fn(T, &str) -> Result<String, String>,
    rows: &[(T, &str, Result<&str, &str>)],
) {
    for &(value, spec, expected) in rows {
        let expected = expected.map(str::to_string).map_err(str::to_string);
        assert_eq!(format_fn(value, spec), expected, "value {:?}, spec {:?}", value, spec);
    }
}

#[test]
fn huge_sizes_do_not_abort() {
    assert_eq!(format_float(1.5, "1000000000"), Err(TOO_LARGE_MESSAGE.to_string()));
    assert_eq!(format_float(1.5, ".1000000000f"), Err(TOO_LARGE_MESSAGE.to_string()));
    assert_eq!(format_int(1, "1000000000"), Err(TOO_LARGE_MESSAGE.to_string()));
    assert_eq!(format_str("a", "1000000000"), Err(TOO_LARGE_MESSAGE.to_string()));
    assert_eq!(format_complex(c(1.0, 2.0), "1000000000"), Err(TOO_LARGE_MESSAGE.to_string()));
    assert_eq!(format_str("a", ".1000000000"), Ok("a".to_string()));
    assert_eq!(format_int(1, "9223372036854775808"), Err("Too many decimal digits in format string".to_string()));
    assert_eq!(format_float(1.5, ".2147483648f"), Err("precision too big".to_string()));
    assert_eq!(round_float(1.5, i64::MAX), 1.5);
    assert_eq!(round_float(1.5, i64::MIN), 0.0);
}

#[test]
fn precision_beyond_rust_formatter_limit() {
    let text = format_float(0.1, ".70000e").unwrap_or_default();
    assert_eq!(text.len(), 70006);
    assert!(text.starts_with("1.0000000000000000555111512312578270211815834045410156250000"));
    assert!(text.ends_with("00e-01"));
    let text = format_float(-2.5, "#.70000g").unwrap_or_default();
    assert_eq!(text.len(), 70002);
    assert!(text.starts_with("-2.5000000"));
}

#[rustfmt::skip]
#[test]
fn float_repr_matches_cpython() {
    assert_eq!(float_repr(0.0), "0.0");
    assert_eq!(float_repr(-0.0), "-0.0");
    assert_eq!(float_repr(1.0), "1.0");
    assert_eq!(float_repr(-1.5), "-1.5");
    assert_eq!(float_repr(0.1), "0.1");
    assert_eq!(float_repr(0.30000000000000004), "0.30000000000000004");
    assert_eq!(float_repr(0.3333333333333333), "0.3333333333333333");
    assert_eq!(float_repr(1e+16), "1e+16");
    assert_eq!(float_repr(1000000000000000.0), "1000000000000000.0");
    assert_eq!(float_repr(9999999999999998.0), "9999999999999998.0");
    assert_eq!(float_repr(1.2345678901234568e+17), "1.2345678901234568e+17");
    assert_eq!(float_repr(0.0001), "0.0001");
    assert_eq!(float_repr(1e-05), "1e-05");
    assert_eq!(float_repr(0.00012), "0.00012");
    assert_eq!(float_repr(5e-324), "5e-324");
    assert_eq!(float_repr(2.2250738585072014e-308), "2.2250738585072014e-308");
    assert_eq!(float_repr(1.7976931348623157e+308), "1.7976931348623157e+308");
    assert_eq!(float_repr(1e+22), "1e+22");
    assert_eq!(float_repr(1e+100), "1e+100");
    assert_eq!(float_repr(2.5e-10), "2.5e-10");
    assert_eq!(float_repr(280836116192106.62), "280836116192106.62");
    assert_eq!(float_repr(f64::INFINITY), "inf");
    assert_eq!(float_repr(f64::NEG_INFINITY), "-inf");
    assert_eq!(float_repr(f64::NAN), "nan");
}

#[rustfmt::skip]
#[test]
fn complex_repr_matches_cpython() {
    assert_eq!(complex_repr(c(0.0, 0.0)), "0j");
    assert_eq!(complex_repr(c(0.0, 1.0)), "1j");
    assert_eq!(complex_repr(c(-0.0, -1.0)), "(-0-1j)");
    assert_eq!(complex_repr(c(-0.0, 0.0)), "(-0+0j)");
    assert_eq!(complex_repr(c(-0.0, -1.0)), "(-0-1j)");
    assert_eq!(complex_repr(c(0.0, -0.0)), "-0j");
    assert_eq!(complex_repr(c(1.0, 2.0)), "(1+2j)");
    assert_eq!(complex_repr(c(1.5, -0.0)), "(1.5-0j)");
    assert_eq!(complex_repr(c(f64::NAN, f64::INFINITY)), "(nan+infj)");
    assert_eq!(complex_repr(c(0.0, f64::NAN)), "nanj");
    assert_eq!(complex_repr(c(f64::NEG_INFINITY, f64::NEG_INFINITY)), "(-inf-infj)");
    assert_eq!(complex_repr(c(1e-05, 1.0)), "(1e-05+1j)");
    assert_eq!(complex_repr(c(1e+16, 1e-16)), "(1e+16+1e-16j)");
    assert_eq!(complex_repr(c(2.0, 0.0)), "(2+0j)");
    assert_eq!(complex_repr(c(0.0, 1e+16)), "1e+16j");
}

#[rustfmt::skip]
#[test]
fn format_int_presentation_types() {
    check(format_int, &[
        (0, "", Ok("0")),
        (0, "d", Ok("0")),
        (0, "b", Ok("0")),
        (0, "o", Ok("0")),
        (0, "x", Ok("0")),
        (0, "X", Ok("0")),
        (0, "#b", Ok("0b0")),
        (0, "#o", Ok("0o0")),
        (0, "#x", Ok("0x0")),
        (0, "#X", Ok("0X0")),
        (0, "n", Ok("0")),
        (0, "+", Ok("+0")),
        (0, " ", Ok(" 0")),
        (0, "10", Ok("         0")),
        (0, "<10", Ok("0         ")),
        (0, "^10", Ok("    0     ")),
        (0, "=10", Ok("         0")),
        (0, "010", Ok("0000000000")),
        (0, "#010x", Ok("0x00000000")),
        (0, ",", Ok("0")),
        (0, "_", Ok("0")),
        (0, "_x", Ok("0")),
        (0, "#_b", Ok("0b0")),
        (0, "012,", Ok("0,000,000,000")),
        (0, "09,", Ok("0,000,000")),
        (255, "", Ok("255")),
        (255, "d", Ok("255")),
        (255, "b", Ok("11111111")),
        (255, "o", Ok("377")),
        (255, "x", Ok("ff")),
        (255, "X", Ok("FF")),
        (255, "#b", Ok("0b11111111")),
        (255, "#o", Ok("0o377")),
        (255, "#x", Ok("0xff")),
        (255, "#X", Ok("0XFF")),
        (255, "n", Ok("255")),
        (255, "+", Ok("+255")),
        (255, " ", Ok(" 255")),
        (255, "10", Ok("       255")),
        (255, "<10", Ok("255       ")),
        (255, "^10", Ok("   255    ")),
        (255, "=10", Ok("       255")),
        (255, "010", Ok("0000000255")),
        (255, "#010x", Ok("0x000000ff")),
        (255, ",", Ok("255")),
        (255, "_", Ok("255")),
        (255, "_x", Ok("ff")),
        (255, "#_b", Ok("0b1111_1111")),
        (255, "012,", Ok("0,000,000,255")),
        (255, "09,", Ok("0,000,255")),
        (-1234567, "", Ok("-1234567")),
        (-1234567, "d", Ok("-1234567")),
        (-1234567, "b", Ok("-100101101011010000111")),
        (-1234567, "o", Ok("-4553207")),
        (-1234567, "x", Ok("-12d687")),
        (-1234567, "X", Ok("-12D687")),
        (-1234567, "#b", Ok("-0b100101101011010000111")),
        (-1234567, "#o", Ok("-0o4553207")),
        (-1234567, "#x", Ok("-0x12d687")),
        (-1234567, "#X", Ok("-0X12D687")),
        (-1234567, "n", Ok("-1234567")),
        (-1234567, "+", Ok("-1234567")),
        (-1234567, " ", Ok("-1234567")),
        (-1234567, "10", Ok("  -1234567")),
        (-1234567, "<10", Ok("-1234567  ")),
        (-1234567, "^10", Ok(" -1234567 ")),
        (-1234567, "=10", Ok("-  1234567")),
        (-1234567, "010", Ok("-001234567")),
        (-1234567, "#010x", Ok("-0x012d687")),
        (-1234567, ",", Ok("-1,234,567")),
        (-1234567, "_", Ok("-1_234_567")),
        (-1234567, "_x", Ok("-12_d687")),
        (-1234567, "#_b", Ok("-0b1_0010_1101_0110_1000_0111")),
        (-1234567, "012,", Ok("-001,234,567")),
        (-1234567, "09,", Ok("-1,234,567")),
    ]);
}

#[rustfmt::skip]
#[test]
fn format_int_misc() {
    check(format_int, &[
        (65, "c", Ok("A")),
        (65, "5c", Ok("    A")),
        (65, "05c", Ok("0000A")),
        (65, "<3c", Ok("A  ")),
        (65, "e", Ok("6.500000e+01")),
        (65, ".2f", Ok("65.00")),
        (65, "%", Ok("6500.000000%")),
        (65, "g", Ok("65")),
        (65, ",.1f", Ok("65.0")),
        (65, "*^+9", Ok("***+65***")),
        (65, "😀>4", Ok("😀😀65")),
    ]);
    check(format_int, &[
        (-1, "c", Err("%c arg not in range(0x110000)")),
        (1114112, "c", Err("%c arg not in range(0x110000)")),
    ]);
    check(format_int, &[
        (i64::MAX, "", Ok("9223372036854775807")),
        (i64::MAX, ",", Ok("9,223,372,036,854,775,807")),
        (i64::MAX, "#x", Ok("0x7fffffffffffffff")),
        (i64::MAX, "e", Ok("9.223372e+18")),
        (i64::MAX, ".20e", Ok("9.22337203685477580800e+18")),
        (i64::MIN, "", Ok("-9223372036854775808")),
        (i64::MIN, ",", Ok("-9,223,372,036,854,775,808")),
        (i64::MIN, "#x", Ok("-0x8000000000000000")),
        (i64::MIN, "e", Ok("-9.223372e+18")),
        (i64::MIN, ".20e", Ok("-9.22337203685477580800e+18")),
    ]);
}

#[rustfmt::skip]
#[test]
fn format_int_errors() {
    check(format_int, &[
        (1, ".2", Err("Precision not allowed in integer format specifier")),
        (1, ".2d", Err("Precision not allowed in integer format specifier")),
        (1, "zd", Err("Negative zero coercion (z) not allowed in integer format specifier")),
        (1, "+c", Err("Sign not allowed with integer format specifier 'c'")),
        (1, "#c", Err("Alternate form (#) not allowed with integer format specifier 'c'")),
        (1, ",c", Err("Cannot specify ',' with 'c'.")),
        (1, ",x", Err("Cannot specify ',' with 'x'.")),
        (1, ",n", Err("Cannot specify ',' with 'n'.")),
        (1, ",_", Err("Cannot specify both ',' and '_'.")),
        (1, "_,", Err("Cannot specify both ',' and '_'.")),
        (1, ",,", Err("Cannot specify ',' with ','.")),
        (1, "s", Err("Unknown format code 's' for object of type 'int'")),
        (1, "xx", Err("Invalid format specifier 'xx' for object of type 'int'")),
        (1, ".", Err("Format specifier missing precision")),
        (1, "99999999999999999999", Err("Too many decimal digits in format string")),
        (1, "\u{1}", Err("Unknown format code '\\x1' for object of type 'int'")),
        (1, "é", Err("Unknown format code '\\xe9' for object of type 'int'")),
    ]);
}

#[rustfmt::skip]
#[test]
fn format_float_types() {
    check(format_float, &[
        (1234.5678, "f", Ok("1234.567800")),
        (1234.5678, ".2f", Ok("1234.57")),
        (1234.5678, ".0f", Ok("1235")),
        (1234.5678, "#.0f", Ok("1235.")),
        (1234.5678, "e", Ok("1.234568e+03")),
        (1234.5678, ".0e", Ok("1e+03")),
        (1234.5678, "#.0e", Ok("1.e+03")),
        (1234.5678, ".3E", Ok("1.235E+03")),
        (1234.5678, "g", Ok("1234.57")),
        (1234.5678, ".3g", Ok("1.23e+03")),
        (1234.5678, "#.3g", Ok("1.23e+03")),
        (1234.5678, "G", Ok("1234.57")),
        (1234.5678, "n", Ok("1234.57")),
        (1234.5678, "%", Ok("123456.780000%")),
        (1234.5678, ".1%", Ok("123456.8%")),
        (1234.5678, ".3", Ok("1.23e+03")),
        (1234.5678, "#", Ok("1234.5678")),
        (1234.5678, "+", Ok("+1234.5678")),
        (1234.5678, " ", Ok(" 1234.5678")),
        (1234.5678, "z.1f", Ok("1234.6")),
        (1234.5678, "12.3f", Ok("    1234.568")),
        (1234.5678, "<12", Ok("1234.5678   ")),
        (1234.5678, "^12", Ok(" 1234.5678  ")),
        (1234.5678, "=+12.1f", Ok("+     1234.6")),
        (1234.5678, "012.2f", Ok("000001234.57")),
        (1234.5678, "012,.1f", Ok("00,001,234.6")),
        (1234.5678, ",", Ok("1,234.5678")),
        (1234.5678, "_.2f", Ok("1_234.57")),
        (1234.5678, "F", Ok("1234.567800")),
        (-0.0, "f", Ok("-0.000000")),
        (-0.0, ".2f", Ok("-0.00")),
        (-0.0, ".0f", Ok("-0")),
        (-0.0, "#.0f", Ok("-0.")),
        (-0.0, "e", Ok("-0.000000e+00")),
        (-0.0, ".0e", Ok("-0e+00")),
        (-0.0, "#.0e", Ok("-0.e+00")),
        (-0.0, ".3E", Ok("-0.000E+00")),
        (-0.0, "g", Ok("-0")),
        (-0.0, ".3g", Ok("-0")),
        (-0.0, "#.3g", Ok("-0.00")),
        (-0.0, "G", Ok("-0")),
        (-0.0, "n", Ok("-0")),
        (-0.0, "%", Ok("-0.000000%")),
        (-0.0, ".1%", Ok("-0.0%")),
        (-0.0, ".3", Ok("-0.0")),
        (-0.0, "#", Ok("-0.0")),
        (-0.0, "+", Ok("-0.0")),
        (-0.0, " ", Ok("-0.0")),
        (-0.0, "z.1f", Ok("0.0")),
        (-0.0, "12.3f", Ok("      -0.000")),
        (-0.0, "<12", Ok("-0.0        ")),
        (-0.0, "^12", Ok("    -0.0    ")),
        (-0.0, "=+12.1f", Ok("-        0.0")),
        (-0.0, "012.2f", Ok("-00000000.00")),
        (-0.0, "012,.1f", Ok("-0,000,000.0")),
        (-0.0, ",", Ok("-0.0")),
        (-0.0, "_.2f", Ok("-0.00")),
        (-0.0, "F", Ok("-0.000000")),
        (0.125, "f", Ok("0.125000")),
        (0.125, ".2f", Ok("0.12")),
        (0.125, ".0f", Ok("0")),
        (0.125, "#.0f", Ok("0.")),
        (0.125, "e", Ok("1.250000e-01")),
        (0.125, ".0e", Ok("1e-01")),
        (0.125, "#.0e", Ok("1.e-01")),
        (0.125, ".3E", Ok("1.250E-01")),
        (0.125, "g", Ok("0.125")),
        (0.125, ".3g", Ok("0.125")),
        (0.125, "#.3g", Ok("0.125")),
        (0.125, "G", Ok("0.125")),
        (0.125, "n", Ok("0.125")),
        (0.125, "%", Ok("12.500000%")),
        (0.125, ".1%", Ok("12.5%")),
        (0.125, ".3", Ok("0.125")),
        (0.125, "#", Ok("0.125")),
        (0.125, "+", Ok("+0.125")),
        (0.125, " ", Ok(" 0.125")),
        (0.125, "z.1f", Ok("0.1")),
        (0.125, "12.3f", Ok("       0.125")),
        (0.125, "<12", Ok("0.125       ")),
        (0.125, "^12", Ok("   0.125    ")),
        (0.125, "=+12.1f", Ok("+        0.1")),
        (0.125, "012.2f", Ok("000000000.12")),
        (0.125, "012,.1f", Ok("00,000,000.1")),
        (0.125, ",", Ok("0.125")),
        (0.125, "_.2f", Ok("0.12")),
        (0.125, "F", Ok("0.125000")),
        (2.5, "f", Ok("2.500000")),
        (2.5, ".2f", Ok("2.50")),
        (2.5, ".0f", Ok("2")),
        (2.5, "#.0f", Ok("2.")),
        (2.5, "e", Ok("2.500000e+00")),
        (2.5, ".0e", Ok("2e+00")),
        (2.5, "#.0e", Ok("2.e+00")),
        (2.5, ".3E", Ok("2.500E+00")),
        (2.5, "g", Ok("2.5")),
        (2.5, ".3g", Ok("2.5")),
        (2.5, "#.3g", Ok("2.50")),
        (2.5, "G", Ok("2.5")),
        (2.5, "n", Ok("2.5")),
        (2.5, "%", Ok("250.000000%")),
        (2.5, ".1%", Ok("250.0%")),
        (2.5, ".3", Ok("2.5")),
        (2.5, "#", Ok("2.5")),
        (2.5, "+", Ok("+2.5")),
        (2.5, " ", Ok(" 2.5")),
        (2.5, "z.1f", Ok("2.5")),
        (2.5, "12.3f", Ok("       2.500")),
        (2.5, "<12", Ok("2.5         ")),
        (2.5, "^12", Ok("    2.5     ")),
        (2.5, "=+12.1f", Ok("+        2.5")),
        (2.5, "012.2f", Ok("000000002.50")),
        (2.5, "012,.1f", Ok("00,000,002.5")),
        (2.5, ",", Ok("2.5")),
        (2.5, "_.2f", Ok("2.50")),
        (2.5, "F", Ok("2.500000")),
        (1e+16, "f", Ok("10000000000000000.000000")),
        (1e+16, ".2f", Ok("10000000000000000.00")),
        (1e+16, ".0f", Ok("10000000000000000")),
        (1e+16, "#.0f", Ok("10000000000000000.")),
        (1e+16, "e", Ok("1.000000e+16")),
        (1e+16, ".0e", Ok("1e+16")),
        (1e+16, "#.0e", Ok("1.e+16")),
        (1e+16, ".3E", Ok("1.000E+16")),
        (1e+16, "g", Ok("1e+16")),
        (1e+16, ".3g", Ok("1e+16")),
        (1e+16, "#.3g", Ok("1.00e+16")),
        (1e+16, "G", Ok("1E+16")),
        (1e+16, "n", Ok("1e+16")),
        (1e+16, "%", Ok("1000000000000000000.000000%")),
        (1e+16, ".1%", Ok("1000000000000000000.0%")),
        (1e+16, ".3", Ok("1e+16")),
        (1e+16, "#", Ok("1.e+16")),
        (1e+16, "+", Ok("+1e+16")),
        (1e+16, " ", Ok(" 1e+16")),
        (1e+16, "z.1f", Ok("10000000000000000.0")),
        (1e+16, "12.3f", Ok("10000000000000000.000")),
        (1e+16, "<12", Ok("1e+16       ")),
        (1e+16, "^12", Ok("   1e+16    ")),
        (1e+16, "=+12.1f", Ok("+10000000000000000.0")),
        (1e+16, "012.2f", Ok("10000000000000000.00")),
        (1e+16, "012,.1f", Ok("10,000,000,000,000,000.0")),
        (1e+16, ",", Ok("1e+16")),
        (1e+16, "_.2f", Ok("10_000_000_000_000_000.00")),
        (1e+16, "F", Ok("10000000000000000.000000")),
        (1.5e-07, "f", Ok("0.000000")),
        (1.5e-07, ".2f", Ok("0.00")),
        (1.5e-07, ".0f", Ok("0")),
        (1.5e-07, "#.0f", Ok("0.")),
        (1.5e-07, "e", Ok("1.500000e-07")),
        (1.5e-07, ".0e", Ok("1e-07")),
        (1.5e-07, "#.0e", Ok("1.e-07")),
        (1.5e-07, ".3E", Ok("1.500E-07")),
        (1.5e-07, "g", Ok("1.5e-07")),
        (1.5e-07, ".3g", Ok("1.5e-07")),
        (1.5e-07, "#.3g", Ok("1.50e-07")),
        (1.5e-07, "G", Ok("1.5E-07")),
        (1.5e-07, "n", Ok("1.5e-07")),
        (1.5e-07, "%", Ok("0.000015%")),
        (1.5e-07, ".1%", Ok("0.0%")),
        (1.5e-07, ".3", Ok("1.5e-07")),
        (1.5e-07, "#", Ok("1.5e-07")),
        (1.5e-07, "+", Ok("+1.5e-07")),
        (1.5e-07, " ", Ok(" 1.5e-07")),
        (1.5e-07, "z.1f", Ok("0.0")),
        (1.5e-07, "12.3f", Ok("       0.000")),
        (1.5e-07, "<12", Ok("1.5e-07     ")),
        (1.5e-07, "^12", Ok("  1.5e-07   ")),
        (1.5e-07, "=+12.1f", Ok("+        0.0")),
        (1.5e-07, "012.2f", Ok("000000000.00")),
        (1.5e-07, "012,.1f", Ok("00,000,000.0")),
        (1.5e-07, ",", Ok("1.5e-07")),
        (1.5e-07, "_.2f", Ok("0.00")),
        (1.5e-07, "F", Ok("0.000000")),
        (f64::INFINITY, "f", Ok("inf")),
        (f64::INFINITY, ".2f", Ok("inf")),
        (f64::INFINITY, ".0f", Ok("inf")),
        (f64::INFINITY, "#.0f", Ok("inf")),
        (f64::INFINITY, "e", Ok("inf")),
        (f64::INFINITY, ".0e", Ok("inf")),
        (f64::INFINITY, "#.0e", Ok("inf")),
        (f64::INFINITY, ".3E", Ok("INF")),
        (f64::INFINITY, "g", Ok("inf")),
        (f64::INFINITY, ".3g", Ok("inf")),
        (f64::INFINITY, "#.3g", Ok("inf")),
        (f64::INFINITY, "G", Ok("INF")),
        (f64::INFINITY, "n", Ok("inf")),
        (f64::INFINITY, "%", Ok("inf%")),
        (f64::INFINITY, ".1%", Ok("inf%")),
        (f64::INFINITY, ".3", Ok("inf")),
        (f64::INFINITY, "#", Ok("inf")),
        (f64::INFINITY, "+", Ok("+inf")),
        (f64::INFINITY, " ", Ok(" inf")),
        (f64::INFINITY, "z.1f", Ok("inf")),
        (f64::INFINITY, "12.3f", Ok("         inf")),
        (f64::INFINITY, "<12", Ok("inf         ")),
        (f64::INFINITY, "^12", Ok("    inf     ")),
        (f64::INFINITY, "=+12.1f", Ok("+        inf")),
        (f64::INFINITY, "012.2f", Ok("000000000inf")),
        (f64::INFINITY, "012,.1f", Ok("000000000inf")),
        (f64::INFINITY, ",", Ok("inf")),
        (f64::INFINITY, "_.2f", Ok("inf")),
        (f64::INFINITY, "F", Ok("INF")),
        (f64::NEG_INFINITY, "f", Ok("-inf")),
        (f64::NEG_INFINITY, ".2f", Ok("-inf")),
        (f64::NEG_INFINITY, ".0f", Ok("-inf")),
        (f64::NEG_INFINITY, "#.0f", Ok("-inf")),
        (f64::NEG_INFINITY, "e", Ok("-inf")),
        (f64::NEG_INFINITY, ".0e", Ok("-inf")),
        (f64::NEG_INFINITY, "#.0e", Ok("-inf")),
        (f64::NEG_INFINITY, ".3E", Ok("-INF")),
        (f64::NEG_INFINITY, "g", Ok("-inf")),
        (f64::NEG_INFINITY, ".3g", Ok("-inf")),
        (f64::NEG_INFINITY, "#.3g", Ok("-inf")),
        (f64::NEG_INFINITY, "G", Ok("-INF")),
        (f64::NEG_INFINITY, "n", Ok("-inf")),
        (f64::NEG_INFINITY, "%", Ok("-inf%")),
        (f64::NEG_INFINITY, ".1%", Ok("-inf%")),
        (f64::NEG_INFINITY, ".3", Ok("-inf")),
        (f64::NEG_INFINITY, "#", Ok("-inf")),
        (f64::NEG_INFINITY, "+", Ok("-inf")),
        (f64::NEG_INFINITY, " ", Ok("-inf")),
        (f64::NEG_INFINITY, "z.1f", Ok("-inf")),
        (f64::NEG_INFINITY, "12.3f", Ok("        -inf")),
        (f64::NEG_INFINITY, "<12", Ok("-inf        ")),
        (f64::NEG_INFINITY, "^12", Ok("    -inf    ")),
        (f64::NEG_INFINITY, "=+12.1f", Ok("-        inf")),
        (f64::NEG_INFINITY, "012.2f", Ok("-00000000inf")),
        (f64::NEG_INFINITY, "012,.1f", Ok("-00000000inf")),
        (f64::NEG_INFINITY, ",", Ok("-inf")),
        (f64::NEG_INFINITY, "_.2f", Ok("-inf")),
        (f64::NEG_INFINITY, "F", Ok("-INF")),
        (f64::NAN, "f", Ok("nan")),
        (f64::NAN, ".2f", Ok("nan")),
        (f64::NAN, ".0f", Ok("nan")),
        (f64::NAN, "#.0f", Ok("nan")),
        (f64::NAN, "e", Ok("nan")),
        (f64::NAN, ".0e", Ok("nan")),
        (f64::NAN, "#.0e", Ok("nan")),
        (f64::NAN, ".3E", Ok("NAN")),
        (f64::NAN, "g", Ok("nan")),
        (f64::NAN, ".3g", Ok("nan")),
        (f64::NAN, "#.3g", Ok("nan")),
        (f64::NAN, "G", Ok("NAN")),
        (f64::NAN, "n", Ok("nan")),
        (f64::NAN, "%", Ok("nan%")),
        (f64::NAN, ".1%", Ok("nan%")),
        (f64::NAN, ".3", Ok("nan")),
        (f64::NAN, "#", Ok("nan")),
        (f64::NAN, "+", Ok("+nan")),
        (f64::NAN, " ", Ok(" nan")),
        (f64::NAN, "z.1f", Ok("nan")),
        (f64::NAN, "12.3f", Ok("         nan")),
        (f64::NAN, "<12", Ok("nan         ")),
        (f64::NAN, "^12", Ok("    nan     ")),
        (f64::NAN, "=+12.1f", Ok("+        nan")),
        (f64::NAN, "012.2f", Ok("000000000nan")),
        (f64::NAN, "012,.1f", Ok("000000000nan")),
        (f64::NAN, ",", Ok("nan")),
        (f64::NAN, "_.2f", Ok("nan")),
        (f64::NAN, "F", Ok("NAN")),
    ]);
}

#[rustfmt::skip]
#[test]
fn format_float_misc() {
    check(format_float, &[
        (123.0, ".3", Ok("1.23e+02")),
        (123.0, ".3g", Ok("123")),
        (123.0, ".2", Ok("1.2e+02")),
        (123.0, "0=12,", Ok("00,000,123.0")),
        (123.0, "013,", Ok("000,000,123.0")),
        (123.0, "z.2f", Ok("123.00")),
        (123.0, "z.0e", Ok("1e+02")),
        (123.0, ".0f", Ok("123")),
        (123.0, ".2g", Ok("1.2e+02")),
        (123.0, "*^15,.2f", Ok("****123.00*****")),
        (100.0, ".3", Ok("1e+02")),
        (100.0, ".3g", Ok("100")),
        (100.0, ".2", Ok("1e+02")),
        (100.0, "0=12,", Ok("00,000,100.0")),
        (100.0, "013,", Ok("000,000,100.0")),
        (100.0, "z.2f", Ok("100.00")),
        (100.0, "z.0e", Ok("1e+02")),
        (100.0, ".0f", Ok("100")),
        (100.0, ".2g", Ok("1e+02")),
        (100.0, "*^15,.2f", Ok("****100.00*****")),
        (1234567.0, ".3", Ok("1.23e+06")),
        (1234567.0, ".3g", Ok("1.23e+06")),
        (1234567.0, ".2", Ok("1.2e+06")),
        (1234567.0, "0=12,", Ok("01,234,567.0")),
        (1234567.0, "013,", Ok("001,234,567.0")),
        (1234567.0, "z.2f", Ok("1234567.00")),
        (1234567.0, "z.0e", Ok("1e+06")),
        (1234567.0, ".0f", Ok("1234567")),
        (1234567.0, ".2g", Ok("1.2e+06")),
        (1234567.0, "*^15,.2f", Ok("*1,234,567.00**")),
        (-0.0001, ".3", Ok("-0.0001")),
        (-0.0001, ".3g", Ok("-0.0001")),
        (-0.0001, ".2", Ok("-0.0001")),
        (-0.0001, "0=12,", Ok("-00,000.0001")),
        (-0.0001, "013,", Ok("-000,000.0001")),
        (-0.0001, "z.2f", Ok("0.00")),
        (-0.0001, "z.0e", Ok("-1e-04")),
        (-0.0001, ".0f", Ok("-0")),
        (-0.0001, ".2g", Ok("-0.0001")),
        (-0.0001, "*^15,.2f", Ok("*****-0.00*****")),
        (0.5, ".3", Ok("0.5")),
        (0.5, ".3g", Ok("0.5")),
        (0.5, ".2", Ok("0.5")),
        (0.5, "0=12,", Ok("00,000,000.5")),
        (0.5, "013,", Ok("000,000,000.5")),
        (0.5, "z.2f", Ok("0.50")),
        (0.5, "z.0e", Ok("5e-01")),
        (0.5, ".0f", Ok("0")),
        (0.5, ".2g", Ok("0.5")),
        (0.5, "*^15,.2f", Ok("*****0.50******")),
        (9.9999, ".3", Ok("10.0")),
        (9.9999, ".3g", Ok("10")),
        (9.9999, ".2", Ok("1e+01")),
        (9.9999, "0=12,", Ok("000,009.9999")),
        (9.9999, "013,", Ok("0,000,009.9999")),
        (9.9999, "z.2f", Ok("10.00")),
        (9.9999, "z.0e", Ok("1e+01")),
        (9.9999, ".0f", Ok("10")),
        (9.9999, ".2g", Ok("10")),
        (9.9999, "*^15,.2f", Ok("*****10.00*****")),
    ]);
}

#[rustfmt::skip]
#[test]
fn format_float_errors() {
    check(format_float, &[
        (1.5, "d", Err("Unknown format code 'd' for object of type 'float'")),
        (1.5, "x", Err("Unknown format code 'x' for object of type 'float'")),
        (1.5, "c", Err("Unknown format code 'c' for object of type 'float'")),
        (1.5, ",x", Err("Cannot specify ',' with 'x'.")),
        (1.5, "_x", Err("Unknown format code 'x' for object of type 'float'")),
        (1.5, "s", Err("Unknown format code 's' for object of type 'float'")),
        (1.5, ",n", Err("Cannot specify ',' with 'n'.")),
        (1.5, "ff", Err("Invalid format specifier 'ff' for object of type 'float'")),
        (1.5, ".", Err("Format specifier missing precision")),
        (1.5, ".2147483648f", Err("precision too big")),
        (1.5, "99999999999999999999", Err("Too many decimal digits in format string")),
    ]);
}

#[rustfmt::skip]
#[test]
fn format_complex_cases() {
    check(format_complex, &[
        (c(1.0, 2.0), "", Ok("(1+2j)")),
        (c(1.0, 2.0), "f", Ok("1.000000+2.000000j")),
        (c(1.0, 2.0), ".2f", Ok("1.00+2.00j")),
        (c(1.0, 2.0), "e", Ok("1.000000e+00+2.000000e+00j")),
        (c(1.0, 2.0), ".3g", Ok("1+2j")),
        (c(1.0, 2.0), "g", Ok("1+2j")),
        (c(1.0, 2.0), ".3", Ok("(1+2j)")),
        (c(1.0, 2.0), "+", Ok("(+1+2j)")),
        (c(1.0, 2.0), "20", Ok("              (1+2j)")),
        (c(1.0, 2.0), "<20", Ok("(1+2j)              ")),
        (c(1.0, 2.0), "^20", Ok("       (1+2j)       ")),
        (c(1.0, 2.0), "*^20.1f", Ok("******1.0+2.0j******")),
        (c(1.0, 2.0), ",.2f", Ok("1.00+2.00j")),
        (c(1.0, 2.0), "z.1f", Ok("1.0+2.0j")),
        (c(1.0, 2.0), "n", Ok("1+2j")),
        (c(1.0, 2.0), "E", Ok("1.000000E+00+2.000000E+00j")),
        (c(-0.0, 3.0), "", Ok("(-0+3j)")),
        (c(-0.0, 3.0), "f", Ok("-0.000000+3.000000j")),
        (c(-0.0, 3.0), ".2f", Ok("-0.00+3.00j")),
        (c(-0.0, 3.0), "e", Ok("-0.000000e+00+3.000000e+00j")),
        (c(-0.0, 3.0), ".3g", Ok("-0+3j")),
        (c(-0.0, 3.0), "g", Ok("-0+3j")),
        (c(-0.0, 3.0), ".3", Ok("(-0+3j)")),
        (c(-0.0, 3.0), "+", Ok("(-0+3j)")),
        (c(-0.0, 3.0), "20", Ok("             (-0+3j)")),
        (c(-0.0, 3.0), "<20", Ok("(-0+3j)             ")),
        (c(-0.0, 3.0), "^20", Ok("      (-0+3j)       ")),
        (c(-0.0, 3.0), "*^20.1f", Ok("*****-0.0+3.0j******")),
        (c(-0.0, 3.0), ",.2f", Ok("-0.00+3.00j")),
        (c(-0.0, 3.0), "z.1f", Ok("0.0+3.0j")),
        (c(-0.0, 3.0), "n", Ok("-0+3j")),
        (c(-0.0, 3.0), "E", Ok("-0.000000E+00+3.000000E+00j")),
        (c(0.0, 0.0), "", Ok("0j")),
        (c(0.0, 0.0), "f", Ok("0.000000+0.000000j")),
        (c(0.0, 0.0), ".2f", Ok("0.00+0.00j")),
        (c(0.0, 0.0), "e", Ok("0.000000e+00+0.000000e+00j")),
        (c(0.0, 0.0), ".3g", Ok("0+0j")),
        (c(0.0, 0.0), "g", Ok("0+0j")),
        (c(0.0, 0.0), ".3", Ok("0j")),
        (c(0.0, 0.0), "+", Ok("+0j")),
        (c(0.0, 0.0), "20", Ok("                  0j")),
        (c(0.0, 0.0), "<20", Ok("0j                  ")),
        (c(0.0, 0.0), "^20", Ok("         0j         ")),
        (c(0.0, 0.0), "*^20.1f", Ok("******0.0+0.0j******")),
        (c(0.0, 0.0), ",.2f", Ok("0.00+0.00j")),
        (c(0.0, 0.0), "z.1f", Ok("0.0+0.0j")),
        (c(0.0, 0.0), "n", Ok("0+0j")),
        (c(0.0, 0.0), "E", Ok("0.000000E+00+0.000000E+00j")),
        (c(1234.5, -6789.125), "", Ok("(1234.5-6789.125j)")),
        (c(1234.5, -6789.125), "f", Ok("1234.500000-6789.125000j")),
        (c(1234.5, -6789.125), ".2f", Ok("1234.50-6789.12j")),
        (c(1234.5, -6789.125), "e", Ok("1.234500e+03-6.789125e+03j")),
        (c(1234.5, -6789.125), ".3g", Ok("1.23e+03-6.79e+03j")),
        (c(1234.5, -6789.125), "g", Ok("1234.5-6789.12j")),
        (c(1234.5, -6789.125), ".3", Ok("(1.23e+03-6.79e+03j)")),
        (c(1234.5, -6789.125), "+", Ok("(+1234.5-6789.125j)")),
        (c(1234.5, -6789.125), "20", Ok("  (1234.5-6789.125j)")),
        (c(1234.5, -6789.125), "<20", Ok("(1234.5-6789.125j)  ")),
        (c(1234.5, -6789.125), "^20", Ok(" (1234.5-6789.125j) ")),
        (c(1234.5, -6789.125), "*^20.1f", Ok("***1234.5-6789.1j***")),
        (c(1234.5, -6789.125), ",.2f", Ok("1,234.50-6,789.12j")),
        (c(1234.5, -6789.125), "z.1f", Ok("1234.5-6789.1j")),
        (c(1234.5, -6789.125), "n", Ok("1234.5-6789.12j")),
        (c(1234.5, -6789.125), "E", Ok("1.234500E+03-6.789125E+03j")),
        (c(f64::NAN, f64::INFINITY), "", Ok("(nan+infj)")),
        (c(f64::NAN, f64::INFINITY), "f", Ok("nan+infj")),
        (c(f64::NAN, f64::INFINITY), ".2f", Ok("nan+infj")),
        (c(f64::NAN, f64::INFINITY), "e", Ok("nan+infj")),
        (c(f64::NAN, f64::INFINITY), ".3g", Ok("nan+infj")),
        (c(f64::NAN, f64::INFINITY), "g", Ok("nan+infj")),
        (c(f64::NAN, f64::INFINITY), ".3", Ok("(nan+infj)")),
        (c(f64::NAN, f64::INFINITY), "+", Ok("(+nan+infj)")),
        (c(f64::NAN, f64::INFINITY), "20", Ok("          (nan+infj)")),
        (c(f64::NAN, f64::INFINITY), "<20", Ok("(nan+infj)          ")),
        (c(f64::NAN, f64::INFINITY), "^20", Ok("     (nan+infj)     ")),
        (c(f64::NAN, f64::INFINITY), "*^20.1f", Ok("******nan+infj******")),
        (c(f64::NAN, f64::INFINITY), ",.2f", Ok("nan+infj")),
        (c(f64::NAN, f64::INFINITY), "z.1f", Ok("nan+infj")),
        (c(f64::NAN, f64::INFINITY), "n", Ok("nan+infj")),
        (c(f64::NAN, f64::INFINITY), "E", Ok("NAN+INFj")),
    ]);
}

#[rustfmt::skip]
#[test]
fn format_complex_errors() {
    check(format_complex, &[
        (c(1.0, 2.0), "020", Err("Zero padding is not allowed in complex format specifier")),
        (c(1.0, 2.0), "0<20", Err("Zero padding is not allowed in complex format specifier")),
        (c(1.0, 2.0), "=20", Err("'=' alignment flag is not allowed in complex format specifier")),
        (c(1.0, 2.0), "%", Err("Unknown format code '%' for object of type 'complex'")),
        (c(1.0, 2.0), "d", Err("Unknown format code 'd' for object of type 'complex'")),
        (c(1.0, 2.0), "xx", Err("Invalid format specifier 'xx' for object of type 'complex'")),
    ]);
}

#[rustfmt::skip]
#[test]
fn format_str_cases() {
    check(format_str, &[
        ("ab", "", Ok("ab")),
        ("ab", "s", Ok("ab")),
        ("ab", "10", Ok("ab        ")),
        ("ab", "<10", Ok("ab        ")),
        ("ab", ">10", Ok("        ab")),
        ("ab", "^10", Ok("    ab    ")),
        ("ab", "^11", Ok("    ab     ")),
        ("ab", "*^9", Ok("***ab****")),
        ("ab", ".2", Ok("ab")),
        ("ab", ".0", Ok("")),
        ("ab", "10.2", Ok("ab        ")),
        ("ab", "05", Ok("ab000")),
        ("ab", "0>5", Ok("000ab")),
        ("ab", "😀^7", Ok("😀😀ab😀😀😀")),
        ("ab", "+", Err("Sign not allowed in string format specifier")),
        ("ab", " ", Err("Space not allowed in string format specifier")),
        ("ab", "z", Err("Negative zero coercion (z) not allowed in string format specifier")),
        ("ab", "#", Err("Alternate form (#) not allowed in string format specifier")),
        ("ab", "=10", Err("'=' alignment not allowed in string format specifier")),
        ("ab", ",", Err("Cannot specify ',' with 's'.")),
        ("ab", "_", Err("Cannot specify '_' with 's'.")),
        ("ab", "d", Err("Unknown format code 'd' for object of type 'str'")),
        ("ab", "ss", Err("Invalid format specifier 'ss' for object of type 'str'")),
        ("ab", ".", Err("Format specifier missing precision")),
        ("héllo", "", Ok("héllo")),
        ("héllo", "s", Ok("héllo")),
        ("héllo", "10", Ok("héllo     ")),
        ("héllo", "<10", Ok("héllo     ")),
        ("héllo", ">10", Ok("     héllo")),
        ("héllo", "^10", Ok("  héllo   ")),
        ("héllo", "^11", Ok("   héllo   ")),
        ("héllo", "*^9", Ok("**héllo**")),
        ("héllo", ".2", Ok("hé")),
        ("héllo", ".0", Ok("")),
        ("héllo", "10.2", Ok("hé        ")),
        ("héllo", "05", Ok("héllo")),
        ("héllo", "0>5", Ok("héllo")),
        ("héllo", "😀^7", Ok("😀héllo😀")),
        ("héllo", "+", Err("Sign not allowed in string format specifier")),
        ("héllo", " ", Err("Space not allowed in string format specifier")),
        ("héllo", "z", Err("Negative zero coercion (z) not allowed in string format specifier")),
        ("héllo", "#", Err("Alternate form (#) not allowed in string format specifier")),
        ("héllo", "=10", Err("'=' alignment not allowed in string format specifier")),
        ("héllo", ",", Err("Cannot specify ',' with 's'.")),
        ("héllo", "_", Err("Cannot specify '_' with 's'.")),
        ("héllo", "d", Err("Unknown format code 'd' for object of type 'str'")),
        ("héllo", "ss", Err("Invalid format specifier 'ss' for object of type 'str'")),
        ("héllo", ".", Err("Format specifier missing precision")),
        ("日本語", "", Ok("日本語")),
        ("日本語", "s", Ok("日本語")),
        ("日本語", "10", Ok("日本語       ")),
        ("日本語", "<10", Ok("日本語       ")),
        ("日本語", ">10", Ok("       日本語")),
        ("日本語", "^10", Ok("   日本語    ")),
        ("日本語", "^11", Ok("    日本語    ")),
        ("日本語", "*^9", Ok("***日本語***")),
        ("日本語", ".2", Ok("日本")),
        ("日本語", ".0", Ok("")),
        ("日本語", "10.2", Ok("日本        ")),
        ("日本語", "05", Ok("日本語00")),
        ("日本語", "0>5", Ok("00日本語")),
        ("日本語", "😀^7", Ok("😀😀日本語😀😀")),
        ("日本語", "+", Err("Sign not allowed in string format specifier")),
        ("日本語", " ", Err("Space not allowed in string format specifier")),
        ("日本語", "z", Err("Negative zero coercion (z) not allowed in string format specifier")),
        ("日本語", "#", Err("Alternate form (#) not allowed in string format specifier")),
        ("日本語", "=10", Err("'=' alignment not allowed in string format specifier")),
        ("日本語", ",", Err("Cannot specify ',' with 's'.")),
        ("日本語", "_", Err("Cannot specify '_' with 's'.")),
        ("日本語", "d", Err("Unknown format code 'd' for object of type 'str'")),
        ("日本語", "ss", Err("Invalid format specifier 'ss' for object of type 'str'")),
        ("日本語", ".", Err("Format specifier missing precision")),
    ]);
}

#[rustfmt::skip]
#[test]
fn round_float_cases() {
    assert_eq!(float_repr(round_float(2.675, 2)), "2.67");
    assert_eq!(float_repr(round_float(0.5, 0)), "0.0");
    assert_eq!(float_repr(round_float(1.5, 0)), "2.0");
    assert_eq!(float_repr(round_float(2.5, 0)), "2.0");
    assert_eq!(float_repr(round_float(-0.5, 0)), "-0.0");
    assert_eq!(float_repr(round_float(0.125, 2)), "0.12");
    assert_eq!(float_repr(round_float(0.375, 2)), "0.38");
    assert_eq!(float_repr(round_float(1.005, 2)), "1.0");
    assert_eq!(float_repr(round_float(12345.0, -2)), "12300.0");
    assert_eq!(float_repr(round_float(12350.0, -2)), "12400.0");
    assert_eq!(float_repr(round_float(12250.0, -2)), "12200.0");
    assert_eq!(float_repr(round_float(-12250.0, -2)), "-12200.0");
    assert_eq!(float_repr(round_float(50.0, -2)), "0.0");
    assert_eq!(float_repr(round_float(150.0, -2)), "200.0");
    assert_eq!(float_repr(round_float(49.99, -2)), "0.0");
    assert_eq!(float_repr(round_float(1e+300, -299)), "1e+300");
    assert_eq!(float_repr(round_float(5e-324, 323)), "0.0");
    assert_eq!(float_repr(round_float(5e-324, 324)), "5e-324");
    assert_eq!(float_repr(round_float(123.456, -400)), "0.0");
    assert_eq!(float_repr(round_float(-123.456, -400)), "-0.0");
    assert_eq!(float_repr(round_float(0.1, 1000)), "0.1");
    assert_eq!(float_repr(round_float(f64::INFINITY, 2)), "inf");
    assert_eq!(float_repr(round_float(f64::NEG_INFINITY, -2)), "-inf");
    assert_eq!(float_repr(round_float(1.25, 1)), "1.2");
    assert_eq!(float_repr(round_float(1.35, 1)), "1.4");
    assert_eq!(float_repr(round_float(2.5e-05, 5)), "3e-05");
    assert!(round_float(f64::NAN, 2).is_nan());
    assert_eq!(round_float_checked(1.7976931348623157e308, -308), Err("rounded value too large to represent".to_string()));
}

#[test]
fn fixed_point_fast_path_matches_general_path() {
    let values = [
        0.0,
        -0.0,
        0.5,
        1.25,
        2.675,
        -1.005,
        0.125,
        0.375,
        1e-7,
        -1e-7,
        123456.5,
        1e22,
        1.7976931348623157e308,
        5e-324,
        49999.995,
        0.045,
        -0.001,
    ];
    for x in values {
        for spec in [".0f", ".1f", ".2f", ".3f", ".10f", ".17f"] {
            let general = format_float_with(x, &parse_spec(spec, "float", None, '>').unwrap()).unwrap();
            assert_eq!(fixed_point_fast(x, spec).unwrap(), general, "{x} {spec}");
        }
    }
    assert_eq!(fixed_point_fast(f64::NAN, ".2f"), None);
    assert_eq!(fixed_point_fast(1.0, "10.2f"), None);
    assert_eq!(fixed_point_fast(1.0, ".123f"), None);
}

#[test]
fn exact_dyadic_fixed_agrees_with_the_general_formatter() {
    let mut values = vec![0.5, -0.5, 1.0, 12.25, -3.75, 1e15, 2.0f64.powi(60), 4e-5, 0.125, 5e-324, -1e300, 0.1, 2.675];
    values.extend((0..2000).map(|i| i as f64 * 0.5 - 300.0));
    values.extend((0..200).map(|i| i as f64 / 64.0));
    for &x in &values {
        for p in [0usize, 1, 2, 3, 6, 10, 20, 21] {
            let want = format!("{:.*}", p, x);
            assert_eq!(super::format_float(x, &format!(".{p}f")).unwrap(), want, "x = {x:?}, p = {p}");
        }
    }
}
