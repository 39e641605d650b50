//! The claims report as Markdown, to paste into a wiki, a forum or a pull
//! request, or to read as plain text.
//!
//! Markdown has no `lang` attribute. Inline HTML (`<span lang>`) would give
//! one, but many renderers strip it or show it raw, and the report promises
//! that no HTML reaches the reader from anyone. So the quoted passages' language
//! is said in words ("Quote (French, `fr`)"); the HTML report carries `lang`.
//!
//! User text never shapes the document: every character that can start
//! Markdown or HTML structure is backslash-escaped (CommonMark lets any ASCII
//! punctuation be escaped), and line breaks become hard breaks inside one
//! paragraph, so a conclusion cannot open a heading, a list or a code block.

use std::fmt::Write as _;
use std::rc::Rc;

use crate::claim::{Claim, SourceNote};
use crate::document::Document;
use crate::exchange::document_iri;
use crate::source_url::is_safe_link;

use super::{
    claim_iri, date_part, document_language, language_name, scales_used, verdict_words, ScaleUsed,
    VerdictWords,
};

pub fn markdown_report(doc: &Document, claims: &[Rc<Claim>], now: &str) -> String {
    let mut out = String::new();
    push_header(&mut out, doc, claims, now);
    for (i, claim) in claims.iter().enumerate() {
        push_claim(&mut out, doc, i + 1, claim);
    }
    push_scale_note(&mut out, claims);
    out
}

fn push_header(out: &mut String, doc: &Document, claims: &[Rc<Claim>], now: &str) {
    let title = if doc.title().trim().is_empty() {
        "Untitled article".to_owned()
    } else {
        escape_single_line(doc.title())
    };
    let _ = writeln!(out, "# Claims report: {title}\n");
    let _ = writeln!(out, "- Article: {}", code_span(&document_iri(&doc.id)));
    if let Some(lang) = document_language(doc) {
        let _ = writeln!(
            out,
            "- Article language: {} ({})",
            escape_inline(language_name(lang)),
            code_span(lang)
        );
    }
    let _ = writeln!(
        out,
        "- Date: {} (generated {})",
        escape_inline(&date_part(now)),
        escape_single_line(now)
    );
    let _ = writeln!(out, "- Claims: {}\n", claims.len());
    if claims.is_empty() {
        out.push_str("No claims have been highlighted in this article yet.\n\n");
    }
}

fn push_claim(out: &mut String, doc: &Document, number: usize, claim: &Claim) {
    let words = verdict_words(claim);
    let _ = writeln!(out, "## Claim {number}: {}\n", escape_single_line(words.en));
    let _ = writeln!(out, "Quote ({}):\n", quote_language(doc));
    let _ = writeln!(out, "{}\n", blockquote(&claim.anchor.exact));
    let _ = writeln!(out, "- **Verdict:** {}", verdict_sentence(&words));
    push_field(out, "Conclusion", &claim.conclusion);
    push_field(out, "Claimant", &claim.claimant);
    push_field(out, "Tags", &claim.tags.join(", "));
    push_field(out, "Card author", &claim.author);
    let _ = writeln!(
        out,
        "- **Created:** {}; **modified:** {}",
        escape_inline(&claim.created),
        escape_inline(&claim.modified)
    );
    let _ = writeln!(out, "- **Id:** {}\n", code_span(&claim_iri(claim)));
    if claim.sources.is_empty() {
        out.push_str("No sources yet.\n\n");
        return;
    }
    let _ = writeln!(out, "### Sources for claim {number}\n");
    for (i, source) in claim.sources.iter().enumerate() {
        push_source(out, i + 1, source);
    }
}

fn quote_language(doc: &Document) -> String {
    match document_language(doc) {
        Some(lang) => format!(
            "{}, {}",
            escape_inline(language_name(lang)),
            code_span(lang)
        ),
        None => "language not known".to_owned(),
    }
}

/// The verdict in words (English, then the scale's French label), with its
/// place on the scale when the scale is ordinal.
fn verdict_sentence_plain(words: &VerdictWords) -> String {
    let mut sentence = words.en.to_owned();
    if words.fr != words.en {
        let _ = write!(sentence, " ({})", words.fr);
    }
    if let Some(r) = words.rating {
        let _ = write!(
            sentence,
            ", rated {} on a scale from {} (worst) to {} (best)",
            r.value, r.worst, r.best
        );
    }
    sentence
}

fn verdict_sentence(words: &VerdictWords) -> String {
    escape_inline(&verdict_sentence_plain(words))
}

/// A labelled item, left out when the user left the field empty.
fn push_field(out: &mut String, label: &str, value: &str) {
    if !value.trim().is_empty() {
        let _ = writeln!(out, "- **{label}:** {}", escape_inline(value));
    }
}

fn push_source(out: &mut String, number: usize, source: &SourceNote) {
    // Continuation lines are indented to the item's content column ("12. "
    // is four wide): less would end the item, and after a blank line four
    // spaces outside it would start a code block.
    let indent = " ".repeat(number.to_string().len() + 2);
    let mut lines = vec![source_link(source)];
    let mut facts = vec![
        format!("stance: {}", source.stance.label_en().to_lowercase()),
        format!(
            "independent of the claimant: {}",
            source.independent.label_en().to_lowercase()
        ),
    ];
    if !source.accessed.trim().is_empty() {
        facts.push(format!("accessed {}", escape_single_line(&source.accessed)));
    }
    lines.push(facts.join("; "));
    if !source.archived_url.trim().is_empty() {
        lines.push(format!(
            "Archived copy: {}",
            url_or_text(&source.archived_url)
        ));
    }
    let _ = writeln!(out, "{number}. {}", lines.join(&format!("\\\n{indent}")));
    if !source.excerpt.trim().is_empty() {
        let _ = writeln!(out);
        for line in blockquote(&source.excerpt).lines() {
            let _ = writeln!(out, "{indent}{line}");
        }
    }
    out.push('\n');
}

/// The source's title linked to its URL when the URL is http(s); otherwise
/// the URL is printed as text, flagged, and never becomes a link.
fn source_link(source: &SourceNote) -> String {
    let url = source.url.trim();
    let title = source.title.trim();
    let text = if title.is_empty() { url } else { title };
    if is_safe_link(url) {
        format!("[{}]({})", escape_inline(text), link_destination(url))
    } else if url.is_empty() {
        let text = if text.is_empty() {
            "Untitled source"
        } else {
            text
        };
        format!("{} (no address given)", escape_inline(text))
    } else if title.is_empty() {
        format!("{} (not a web address, not linked)", escape_inline(url))
    } else {
        format!(
            "{} — {} (not a web address, not linked)",
            escape_inline(title),
            escape_inline(url)
        )
    }
}

fn url_or_text(url: &str) -> String {
    let url = url.trim();
    if is_safe_link(url) {
        format!("<{}>", autolink_safe(url))
    } else {
        format!("{} (not a web address, not linked)", escape_inline(url))
    }
}

/// A link destination in angle brackets, which may hold parentheses and
/// spaces; `<`, `>` and `\` are percent-encoded and `&` escaped so that
/// neither the brackets nor an entity change the address.
fn link_destination(url: &str) -> String {
    format!("<{}>", autolink_safe(url).replace('&', "\\&"))
}

/// Characters an autolink or bracketed destination cannot hold, percent-encoded.
fn autolink_safe(url: &str) -> String {
    url.replace('\\', "%5C")
        .replace('<', "%3C")
        .replace('>', "%3E")
        .replace(' ', "%20")
}

/// The verdict scales the report's claims use, with their levels.
fn push_scale_note(out: &mut String, claims: &[Rc<Claim>]) {
    out.push_str("## Verdict scale\n\n");
    for scale in scales_used(claims) {
        match scale {
            ScaleUsed::Known(scale) => {
                let _ = writeln!(
                    out,
                    "Verdicts on the {} ({}):\n",
                    escape_inline(scale.name),
                    code_span(scale.id)
                );
                for verdict in scale.verdicts {
                    let rating = verdict
                        .rating
                        .map_or_else(|| "not rated".to_owned(), |r| r.to_string());
                    let _ = writeln!(
                        out,
                        "- {} ({}): {}",
                        escape_inline(verdict.label_en),
                        escape_inline(verdict.label_fr),
                        rating
                    );
                }
                let _ = writeln!(
                    out,
                    "\nRatings run from {} (worst) to {} (best); verdicts marked \"not rated\" are not on the ordinal scale.\n",
                    scale.worst_rating(),
                    scale.best_rating()
                );
            }
            ScaleUsed::Unknown(id) => {
                let _ = writeln!(
                    out,
                    "Some claims use the scale {}, which this version does not know: their verdicts are shown as stored.\n",
                    code_span(id)
                );
            }
        }
    }
}

/// Text as one blockquote paragraph: each line prefixed with `> ` and ended
/// with a hard break, blank lines dropped so the quote stays one block.
fn blockquote(text: &str) -> String {
    let lines: Vec<String> = user_lines(text).map(escape_line).collect();
    if lines.is_empty() {
        return "> (empty)".to_owned();
    }
    lines
        .iter()
        .map(|line| format!("> {line}"))
        .collect::<Vec<_>>()
        .join("\\\n")
}

/// User text on one logical line of the report: newlines become hard
/// breaks (a backslash before the newline) and blank lines are dropped,
/// since a blank line would end the paragraph or list item.
pub fn escape_inline(text: &str) -> String {
    user_lines(text)
        .map(escape_line)
        .collect::<Vec<_>>()
        .join("\\\n")
}

/// User text where a line break has no place (a heading, a date): its
/// lines joined by spaces, then escaped.
fn escape_single_line(text: &str) -> String {
    escape_line(
        &user_lines(text)
            .map(str::trim)
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// The non-blank lines of user text. A lone CR ends a line in CommonMark
/// (not in `str::lines`), so it splits here too.
fn user_lines(text: &str) -> impl Iterator<Item = &str> {
    text.split(['\n', '\r'])
        .filter(|line| !line.trim().is_empty())
}

/// Escapes one line of user text. Characters with inline meaning are escaped
/// wherever they are (`#` too: at the end of a heading it would be taken for
/// a closing sequence and dropped); those that only start a block (`+`, `-`,
/// `=`, `1.`) are escaped at the start of the line. Leading white space is
/// dropped: it could make an indented code block.
fn escape_line(line: &str) -> String {
    let line = line.trim_start();
    let mut out = String::with_capacity(line.len() + 8);
    let ordered_marker = ordered_list_marker_end(line);
    for (i, c) in line.char_indices() {
        let at_start = i == 0;
        let needs_escape = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '$' | '!' | '#'
        ) || (at_start && matches!(c, '+' | '-' | '='))
            || Some(i) == ordered_marker;
        if needs_escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Byte index of the `.` or `)` in "12. " / "3)" at the start of a line,
/// which would open an ordered list ("3.000" would not: a marker is followed
/// by white space or the end of the line).
fn ordered_list_marker_end(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let is_marker = digits > 0
        && matches!(bytes.get(digits), Some(b'.' | b')'))
        && matches!(bytes.get(digits + 1), None | Some(b' ' | b'\t'));
    is_marker.then_some(digits)
}

/// Our own identifiers (IRIs, language tags) as code; a backtick in them
/// cannot end the span early because the fence is longer than any run.
fn code_span(text: &str) -> String {
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markup_is_escaped() {
        let cases = [
            ("plain text, d'accord", "plain text, d'accord"),
            (
                "<script>alert(1)</script>",
                "\\<script\\>alert(1)\\</script\\>",
            ),
            ("[click](javascript:x)", "\\[click\\](javascript:x)"),
            ("![img](http://x/y.png)", "\\!\\[img\\](http://x/y.png)"),
            (
                "**bold** _it_ `code`",
                "\\*\\*bold\\*\\* \\_it\\_ \\`code\\`",
            ),
            (
                "a | b ~~c~~ $x$ &amp;",
                "a \\| b \\~\\~c\\~\\~ \\$x\\$ \\&amp;",
            ),
            ("back\\slash", "back\\\\slash"),
            ("3.000 policiers - 2.700", "3.000 policiers - 2.700"),
        ];
        for (input, expected) in cases {
            assert_eq!(escape_inline(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn block_starts_are_escaped_on_every_line() {
        let cases = [
            ("# title", "\\# title"),
            ("- item", "\\- item"),
            ("+1", "\\+1"),
            ("=HYPERLINK(1)", "\\=HYPERLINK(1)"),
            ("12. item", "12\\. item"),
            ("3) item", "3\\) item"),
            ("1.", "1\\."),
            ("3.000 policiers", "3.000 policiers"),
            ("> quote", "\\> quote"),
            ("    code", "code"),
            (
                "first\n\n# second\n===\n  - third",
                "first\\\n\\# second\\\n\\===\\\n\\- third",
            ),
            ("a\r# b\r\n- c", "a\\\n\\# b\\\n\\- c"),
        ];
        for (input, expected) in cases {
            assert_eq!(escape_inline(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn headings_and_dates_stay_on_one_line() {
        assert_eq!(escape_single_line("a\n\n# b\r c"), "a \\# b c");
    }

    #[test]
    fn blockquotes_stay_one_paragraph() {
        assert_eq!(blockquote("a\n\n- b"), "> a\\\n> \\- b");
        assert_eq!(blockquote(" \n"), "> (empty)");
    }

    #[test]
    fn only_web_addresses_become_links() {
        let source = |url: &str, title: &str| SourceNote {
            url: url.into(),
            title: title.into(),
            ..SourceNote::default()
        };
        assert_eq!(
            source_link(&source("https://example.org/a_(b)?x=1&y=<2>", "T")),
            "[T](<https://example.org/a_(b)?x=1\\&y=%3C2%3E>)"
        );
        assert_eq!(
            source_link(&source("javascript:alert(1)", "Clic")),
            "Clic — javascript:alert(1) (not a web address, not linked)"
        );
        assert_eq!(
            source_link(&source("data:text/html,<b>", "")),
            "data:text/html,\\<b\\> (not a web address, not linked)"
        );
        assert_eq!(
            source_link(&source("", "Livre")),
            "Livre (no address given)"
        );
    }

    #[test]
    fn code_spans_outlast_backticks() {
        assert_eq!(code_span("fr"), "`fr`");
        assert_eq!(code_span("a``b"), "```a``b```");
        assert_eq!(code_span("`x"), "`` `x ``");
    }
}
