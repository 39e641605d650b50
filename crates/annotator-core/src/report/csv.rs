//! Claims and their sources as CSV (RFC 4180, UTF-8), one row per claim and
//! one per source, safe to open in a spreadsheet.

use std::rc::Rc;

use crate::claim::Claim;

use super::{claim_iri, verdict_words};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CsvDialect {
    /// Comma-separated, as RFC 4180 and most programs expect.
    #[default]
    Rfc4180,
    /// Semicolon-separated with a byte-order mark: French Excel uses the
    /// comma as decimal separator, so it splits on semicolons, and without
    /// the BOM it reads UTF-8 as Windows-1252 ("SÃ©curitÃ©").
    FrenchExcel,
}

impl CsvDialect {
    pub fn separator(self) -> char {
        match self {
            CsvDialect::Rfc4180 => ',',
            CsvDialect::FrenchExcel => ';',
        }
    }

    fn preamble(self) -> &'static str {
        match self {
            CsvDialect::Rfc4180 => "",
            CsvDialect::FrenchExcel => "\u{FEFF}",
        }
    }
}

const CLAIM_COLUMNS: [&str; 16] = [
    "id",
    "quote",
    "verdict_id",
    "verdict",
    "verdict_fr",
    "rating",
    "scale",
    "conclusion",
    "claimant",
    "tags",
    "author",
    "created",
    "modified",
    "start",
    "end",
    "source_count",
];

const SOURCE_COLUMNS: [&str; 9] = [
    "claim_id",
    "number",
    "url",
    "title",
    "excerpt",
    "stance",
    "independent",
    "accessed",
    "archived_url",
];

/// One row per claim, in the order given.
pub fn claims_csv(claims: &[Rc<Claim>], dialect: CsvDialect) -> String {
    let rows = claims.iter().map(|claim| claim_row(claim));
    csv_document(&CLAIM_COLUMNS, rows, dialect)
}

/// One row per source note, numbered from 1 within its claim as in the
/// reports, with the claim's id to join on.
pub fn sources_csv(claims: &[Rc<Claim>], dialect: CsvDialect) -> String {
    let rows = claims.iter().flat_map(|claim| {
        claim.sources.iter().enumerate().map(move |(i, source)| {
            vec![
                claim_iri(claim),
                (i + 1).to_string(),
                source.url.clone(),
                source.title.clone(),
                source.excerpt.clone(),
                source.stance.id().to_owned(),
                source.independent.id().to_owned(),
                source.accessed.clone(),
                source.archived_url.clone(),
            ]
        })
    });
    csv_document(&SOURCE_COLUMNS, rows, dialect)
}

fn claim_row(claim: &Claim) -> Vec<String> {
    let words = verdict_words(claim);
    vec![
        claim_iri(claim),
        claim.anchor.exact.clone(),
        words.id.unwrap_or("").to_owned(),
        words.en.to_owned(),
        words.fr.to_owned(),
        words
            .rating
            .map_or_else(String::new, |r| r.value.to_string()),
        claim.scale.clone(),
        claim.conclusion.clone(),
        claim.claimant.clone(),
        // The editor's own format: tags never contain a comma (it splits them).
        claim.tags.join(", "),
        claim.author.clone(),
        claim.created.clone(),
        claim.modified.clone(),
        claim.anchor.start.to_string(),
        claim.anchor.end.to_string(),
        claim.sources.len().to_string(),
    ]
}

fn csv_document(
    header: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
    dialect: CsvDialect,
) -> String {
    let mut out = String::from(dialect.preamble());
    push_record(&mut out, header.iter().copied(), dialect);
    for row in rows {
        push_record(&mut out, row.iter().map(String::as_str), dialect);
    }
    out
}

/// Appends one record ending in CRLF, as RFC 4180 prescribes, including after
/// the last record (the RFC allows it and Excel expects it).
fn push_record<'a>(out: &mut String, fields: impl Iterator<Item = &'a str>, dialect: CsvDialect) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(dialect.separator());
        }
        out.push_str(&csv_field(field));
    }
    out.push_str("\r\n");
}

/// One cell: neutralised against formula injection, then quoted when it
/// holds a quote, a separator of either dialect, CR or LF. Quoting on both
/// separators keeps a file readable if a program guesses the wrong one.
pub fn csv_field(value: &str) -> String {
    let value = neutralise_formula(value);
    if value.contains(['"', ',', ';', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.into_owned()
    }
}

/// Prefixes `'` to a cell a spreadsheet would run as a formula (OWASP's
/// list: `= + - @`, tab and carriage return). The cost is that text such as
/// "-2" shows its apostrophe in some programs; our own numeric columns never
/// start with these characters.
pub fn neutralise_formula(value: &str) -> std::borrow::Cow<'_, str> {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}").into()
    } else {
        value.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed_and_inner_quotes_doubled() {
        let cases = [
            ("plain", "plain"),
            ("", ""),
            ("Pékin 🇨🇳", "Pékin 🇨🇳"),
            ("a,b", "\"a,b\""),
            ("a;b", "\"a;b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("two\r\nlines", "\"two\r\nlines\""),
            ("'quoted'", "'quoted'"),
        ];
        for (input, expected) in cases {
            assert_eq!(csv_field(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn formula_cells_are_neutralised_before_quoting() {
        let cases = [
            ("=1+1", "'=1+1"),
            ("+1", "'+1"),
            ("-2", "'-2"),
            ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "\"'\r=1\""),
            (
                "=HYPERLINK(\"http://evil.example\",\"clic\")",
                "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"clic\"\")\"",
            ),
            ("1-2", "1-2"),
            ("a=b", "a=b"),
            ("2026-11-28", "2026-11-28"),
        ];
        for (input, expected) in cases {
            assert_eq!(csv_field(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn records_end_in_crlf_and_french_excel_gets_bom_and_semicolons() {
        let mut out = String::new();
        push_record(&mut out, ["a", "b;c", "d"].into_iter(), CsvDialect::Rfc4180);
        assert_eq!(out, "a,\"b;c\",d\r\n");
        let empty = claims_csv(&[], CsvDialect::FrenchExcel);
        assert!(empty.starts_with("\u{FEFF}id;quote;verdict_id;verdict;"));
        assert!(empty.ends_with("source_count\r\n"));
        let plain = sources_csv(&[], CsvDialect::Rfc4180);
        assert_eq!(
            plain,
            "claim_id,number,url,title,excerpt,stance,independent,accessed,archived_url\r\n"
        );
    }
}
