//! Property tests of the report escapers: whatever a user types, a CSV cell
//! reads back as typed (bar the formula guard), and HTML or Markdown text
//! never carries a live `<`.

use annotator_core::report::csv::{csv_field, neutralise_formula};
use annotator_core::report::html::escape_html;
use annotator_core::report::markdown::escape_inline;
use proptest::prelude::*;

/// Reads one RFC 4180 field back.
fn unquote(field: &str) -> String {
    match field.strip_prefix('"').and_then(|f| f.strip_suffix('"')) {
        Some(inner) => inner.replace("\"\"", "\""),
        None => field.to_owned(),
    }
}

/// Text rich in the characters each format treats specially.
fn hostile_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("<".to_owned()),
            Just(">".to_owned()),
            Just("&".to_owned()),
            Just("\"".to_owned()),
            Just("'".to_owned()),
            Just("\\".to_owned()),
            Just("\n".to_owned()),
            Just("\r".to_owned()),
            Just("\t".to_owned()),
            Just(",".to_owned()),
            Just(";".to_owned()),
            Just("=".to_owned()),
            Just("+".to_owned()),
            Just("-".to_owned()),
            Just("@".to_owned()),
            Just("#".to_owned()),
            Just("1.".to_owned()),
            Just(" ".to_owned()),
            Just("é".to_owned()),
            Just("🇨🇳".to_owned()),
            "[a-z]{1,3}",
        ],
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn csv_cells_read_back_as_neutralised(text in hostile_text()) {
        let cell = csv_field(&text);
        prop_assert_eq!(unquote(&cell), neutralise_formula(&text).into_owned());
        let quoted = cell.starts_with('"');
        let needs_quotes = cell.contains([',', ';', '\r', '\n']) || text.contains('"');
        prop_assert_eq!(quoted, needs_quotes);
        let first = unquote(&cell).chars().next();
        prop_assert!(!matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')));
    }

    #[test]
    fn html_text_has_no_markup_characters(text in hostile_text()) {
        let escaped = escape_html(&text);
        prop_assert!(!escaped.contains(['<', '>', '"', '\'']));
        let unescaped = escaped
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
        prop_assert_eq!(unescaped, text);
    }

    #[test]
    fn markdown_text_has_no_live_angle_bracket_or_blank_line(text in hostile_text()) {
        let escaped = escape_inline(&text);
        for (i, _) in escaped.match_indices(['<', '>', '&', '[', ']', '`', '*', '_']) {
            let backslashes = escaped[..i].chars().rev().take_while(|c| *c == '\\').count();
            prop_assert!(backslashes % 2 == 1, "unescaped at {} in {:?}", i, escaped);
        }
        prop_assert!(!escaped.contains("\n\n") && !escaped.contains('\r'));
        for line in escaped.lines() {
            prop_assert!(!line.starts_with([' ', '\t', '#', '-', '+', '=', '>']), "line {:?}", line);
        }
    }
}
