//! The claims report as one printable HTML file: inline styles, no external
//! resources, no script but the ClaimReview data block, A4 print layout.
//!
//! Every user string goes through [`escape_html`]; line breaks in user text
//! are kept by CSS (`white-space: pre-line`), so no markup is built from it.

use std::fmt::Write as _;
use std::rc::Rc;

use crate::claim::{Claim, SourceNote};
use crate::document::Document;
use crate::exchange::document_iri;
use crate::source_url::is_safe_link;

use super::{
    claim_iri, claim_reviews, date_part, document_language, language_name, scales_used,
    verdict_words, ScaleUsed, VerdictWords,
};

/// Screen and print styles. Verdicts are words in a bordered label; the
/// tint only repeats what the words say. In print, URLs follow their links
/// (paper cannot be clicked) and a claim card is not split across pages.
const STYLE: &str = "\
:root { color-scheme: light; }
body { font: 1rem/1.5 system-ui, -apple-system, \"Segoe UI\", Roboto, \"Helvetica Neue\", Arial, sans-serif; color: #1a1a1a; background: #fff; max-width: 48rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .75rem; }
h2 { font-size: 1.25rem; margin: 0 0 .5rem; }
h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
cite { font-style: italic; }
code { font-family: ui-monospace, \"SFMono-Regular\", Menlo, Consolas, monospace; font-size: .9em; overflow-wrap: anywhere; }
.text { white-space: pre-line; overflow-wrap: anywhere; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .5rem 0; }
dt { font-weight: 600; }
dd { margin: 0; }
.claim { border: 1px solid #8a8a8a; border-radius: 4px; padding: .9rem 1rem; margin: 1.25rem 0; }
blockquote { margin: .5rem 0; padding: .25rem .9rem; border-left: 4px solid #555; background: #f4f4f4; }
blockquote p { margin: 0; }
.verdict { display: inline-block; border: 2px solid #1a1a1a; border-radius: 3px; padding: 0 .4rem; font-weight: 700; }
.verdict.rating-5 { background: #dff3e4; }
.verdict.rating-4 { background: #ecf6dc; }
.verdict.rating-3 { background: #fff3cc; }
.verdict.rating-2 { background: #fde4d3; }
.verdict.rating-1 { background: #fbdada; }
.verdict.unrated { background: #e8ebf0; }
.verdict.none { border-style: dashed; font-weight: 400; }
.sources { padding-left: 1.75rem; }
.sources li { margin: .4rem 0; }
.source-facts { display: block; font-size: .95em; }
a { color: #0645ad; }
.unlinked { overflow-wrap: anywhere; }
footer { margin-top: 2rem; border-top: 1px solid #8a8a8a; }
@page { size: A4; margin: 18mm 16mm 20mm 16mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; color: #000; }
  a { color: #000; }
  a[href]:not(.bare)::after { content: \" <\" attr(href) \">\"; font-size: .9em; overflow-wrap: anywhere; }
  .claim { break-inside: avoid; page-break-inside: avoid; border-color: #000; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  blockquote, li { break-inside: avoid; page-break-inside: avoid; }
  blockquote { background: none; border-left-color: #000; }
  p, dd, li { orphans: 3; widows: 3; }
}
";

pub fn html_report(doc: &Document, claims: &[Rc<Claim>], now: &str) -> String {
    let mut out = String::new();
    let title = if doc.title().trim().is_empty() {
        "Untitled article"
    } else {
        doc.title()
    };
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<title>Claims report: {}</title>", escape_html(title));
    let _ = writeln!(out, "<style>\n{STYLE}</style>");
    let _ = writeln!(
        out,
        "<script type=\"application/ld+json\">\n{}\n</script>",
        json_for_script(&claim_reviews(doc, claims))
    );
    out.push_str("</head>\n<body>\n");
    push_header(&mut out, doc, title, claims, now);
    out.push_str("<main>\n");
    if claims.is_empty() {
        out.push_str("<p>No claims have been highlighted in this article yet.</p>\n");
    }
    for (i, claim) in claims.iter().enumerate() {
        push_claim(&mut out, doc, i + 1, claim);
    }
    out.push_str("</main>\n");
    push_scale_note(&mut out, claims);
    out.push_str("</body>\n</html>\n");
    out
}

fn push_header(out: &mut String, doc: &Document, title: &str, claims: &[Rc<Claim>], now: &str) {
    out.push_str("<header>\n");
    let _ = writeln!(
        out,
        "<h1>Claims report: <cite{}>{}</cite></h1>",
        lang_attribute(doc),
        escape_html(title)
    );
    out.push_str("<dl class=\"report-facts\">\n");
    let _ = writeln!(
        out,
        "<dt>Article</dt><dd><code>{}</code></dd>",
        escape_html(&document_iri(&doc.id))
    );
    if let Some(lang) = document_language(doc) {
        let _ = writeln!(
            out,
            "<dt>Article language</dt><dd>{} ({})</dd>",
            escape_html(language_name(lang)),
            escape_html(lang)
        );
    }
    let _ = writeln!(
        out,
        "<dt>Date</dt><dd><time datetime=\"{}\">{}</time></dd>",
        escape_html(now),
        escape_html(&date_part(now))
    );
    let _ = writeln!(out, "<dt>Claims</dt><dd>{}</dd>", claims.len());
    out.push_str("</dl>\n</header>\n");
}

fn push_claim(out: &mut String, doc: &Document, number: usize, claim: &Claim) {
    let words = verdict_words(claim);
    let heading_id = format!("claim-{number}");
    let _ = writeln!(
        out,
        "<article class=\"claim\" aria-labelledby=\"{heading_id}\">"
    );
    let _ = writeln!(
        out,
        "<h2 id=\"{heading_id}\">Claim {number}: {}</h2>",
        verdict_label(&words)
    );
    let _ = writeln!(
        out,
        "<blockquote class=\"quote\"{}><p class=\"text\">{}</p></blockquote>",
        lang_attribute(doc),
        escape_html(&claim.anchor.exact)
    );
    out.push_str("<dl class=\"claim-facts\">\n");
    let _ = writeln!(out, "<dt>Verdict</dt><dd>{}</dd>", verdict_sentence(&words));
    push_field(out, "Conclusion", &claim.conclusion);
    push_field(out, "Claimant", &claim.claimant);
    push_field(out, "Tags", &claim.tags.join(", "));
    push_field(out, "Card author", &claim.author);
    push_field(out, "Created", &claim.created);
    push_field(out, "Modified", &claim.modified);
    let _ = writeln!(
        out,
        "<dt>Id</dt><dd><code>{}</code></dd>",
        escape_html(&claim_iri(claim))
    );
    out.push_str("</dl>\n");
    let _ = writeln!(out, "<h3>Sources for claim {number}</h3>");
    if claim.sources.is_empty() {
        out.push_str("<p>No sources yet.</p>\n");
    } else {
        out.push_str("<ol class=\"sources\">\n");
        for source in &claim.sources {
            push_source(out, source);
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</article>\n");
}

/// The verdict as a bordered label. Its class comes from our own data (the
/// rating number), never from a stored id, which could be anything.
fn verdict_label(words: &VerdictWords) -> String {
    let class = match (words.id, words.rating) {
        (None, _) => "none".to_owned(),
        (Some(_), Some(r)) => format!("rating-{}", r.value),
        (Some(_), None) => "unrated".to_owned(),
    };
    format!(
        "<span class=\"verdict {class}\">{}</span>",
        escape_html(words.en)
    )
}

fn verdict_sentence(words: &VerdictWords) -> String {
    let mut sentence = escape_html(words.en);
    if words.fr != words.en {
        let _ = write!(
            sentence,
            " (<span lang=\"fr\">{}</span>)",
            escape_html(words.fr)
        );
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

/// A labelled fact, left out when the user left it empty.
fn push_field(out: &mut String, label: &str, value: &str) {
    if !value.trim().is_empty() {
        let _ = writeln!(
            out,
            "<dt>{label}</dt><dd class=\"text\">{}</dd>",
            escape_html(value)
        );
    }
}

fn push_source(out: &mut String, source: &SourceNote) {
    out.push_str("<li>");
    out.push_str(&source_link(source));
    let mut facts = vec![
        format!("Stance: {}", source.stance.label_en().to_lowercase()),
        format!(
            "independent of the claimant: {}",
            source.independent.label_en().to_lowercase()
        ),
    ];
    if !source.accessed.trim().is_empty() {
        facts.push(format!("accessed {}", escape_html(source.accessed.trim())));
    }
    let _ = write!(
        out,
        "\n<span class=\"source-facts\">{}</span>",
        facts.join("; ")
    );
    if !source.archived_url.trim().is_empty() {
        let _ = write!(
            out,
            "\n<span class=\"source-facts\">Archived copy: {}</span>",
            url_or_text(&source.archived_url)
        );
    }
    if !source.excerpt.trim().is_empty() {
        // The source's language is not recorded: claiming the article's (or
        // the page's English) would be a guess, so the excerpt inherits.
        let _ = write!(
            out,
            "\n<blockquote class=\"excerpt\"><p class=\"text\">{}</p></blockquote>",
            escape_html(&source.excerpt)
        );
    }
    out.push_str("</li>\n");
}

/// The source's title linked to its URL when the URL is http(s); any other
/// address is printed as text and flagged, never made a link.
fn source_link(source: &SourceNote) -> String {
    let url = source.url.trim();
    let title = source.title.trim();
    if is_safe_link(url) && title.is_empty() {
        // The URL is the link text: printing it again after would repeat it.
        format!("<a class=\"bare\" href=\"{0}\">{0}</a>", escape_html(url))
    } else if is_safe_link(url) {
        format!(
            "<a href=\"{}\">{}</a>",
            escape_html(url),
            escape_html(title)
        )
    } else if url.is_empty() {
        let title = if title.is_empty() {
            "Untitled source"
        } else {
            title
        };
        format!("{} (no address given)", escape_html(title))
    } else {
        let title = if title.is_empty() {
            String::new()
        } else {
            format!("{} — ", escape_html(title))
        };
        format!(
            "{title}<span class=\"unlinked\">{}</span> (not a web address, not linked)",
            escape_html(url)
        )
    }
}

fn url_or_text(url: &str) -> String {
    let url = url.trim();
    if is_safe_link(url) {
        format!("<a class=\"bare\" href=\"{0}\">{0}</a>", escape_html(url))
    } else {
        format!(
            "<span class=\"unlinked\">{}</span> (not a web address, not linked)",
            escape_html(url)
        )
    }
}

fn push_scale_note(out: &mut String, claims: &[Rc<Claim>]) {
    out.push_str("<footer>\n<h2>Verdict scale</h2>\n");
    for scale in scales_used(claims) {
        match scale {
            ScaleUsed::Known(scale) => {
                let _ = writeln!(
                    out,
                    "<p>Verdicts on the {} (<code>{}</code>), from best to worst; ratings run from {} (worst) to {} (best), and verdicts marked “not rated” are not on the ordinal scale.</p>",
                    escape_html(scale.name),
                    escape_html(scale.id),
                    scale.worst_rating(),
                    scale.best_rating()
                );
                out.push_str("<ul>\n");
                for verdict in scale.verdicts {
                    let rating = verdict
                        .rating
                        .map_or_else(|| "not rated".to_owned(), |r| format!("rating {r}"));
                    let _ = writeln!(
                        out,
                        "<li>{} (<span lang=\"fr\">{}</span>): {rating}</li>",
                        escape_html(verdict.label_en),
                        escape_html(verdict.label_fr)
                    );
                }
                out.push_str("</ul>\n");
            }
            ScaleUsed::Unknown(id) => {
                let _ = writeln!(
                    out,
                    "<p>Some claims use the scale <code>{}</code>, which this version does not know: their verdicts are shown as stored.</p>",
                    escape_html(id)
                );
            }
        }
    }
    out.push_str("</footer>\n");
}

/// ` lang="…"` for the document's quoted text; `lang=""` (language unknown,
/// per the HTML standard) rather than letting French text pass for English.
fn lang_attribute(doc: &Document) -> String {
    format!(" lang=\"{}\"", document_language(doc).unwrap_or(""))
}

/// Text for HTML content and quoted attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// JSON for a `<script>` block: `<`, `>` and `&` only occur inside JSON
/// strings, where `\u003c` means the same, so no user text can close the
/// block (`</script>`) or open a comment (`<!--`).
pub fn json_for_script(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value)
        .expect("a JSON value always serialises")
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escaping_covers_the_five_characters() {
        assert_eq!(
            escape_html("<a href='x' title=\"y\">&amp;</a>"),
            "&lt;a href=&#39;x&#39; title=&quot;y&quot;&gt;&amp;amp;&lt;/a&gt;"
        );
        assert_eq!(escape_html("Pékin 🇨🇳"), "Pékin 🇨🇳");
    }

    #[test]
    fn script_data_cannot_close_its_block() {
        let value = serde_json::json!({ "x": "</script><!-- & -->" });
        let text = json_for_script(&value);
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn unsafe_addresses_are_text_and_safe_ones_escaped_links() {
        let source = |url: &str, title: &str| SourceNote {
            url: url.into(),
            title: title.into(),
            ..SourceNote::default()
        };
        assert_eq!(
            source_link(&source("javascript:alert(1)", "<b>Clic</b>")),
            "&lt;b&gt;Clic&lt;/b&gt; — <span class=\"unlinked\">javascript:alert(1)</span> (not a web address, not linked)"
        );
        assert_eq!(
            source_link(&source("https://example.org/?q=\"><script>", "")),
            "<a class=\"bare\" href=\"https://example.org/?q=&quot;&gt;&lt;script&gt;\">https://example.org/?q=&quot;&gt;&lt;script&gt;</a>"
        );
        assert_eq!(
            source_link(&source("", "")),
            "Untitled source (no address given)"
        );
        assert_eq!(
            url_or_text(" DATA:text/html,x "),
            "<span class=\"unlinked\">DATA:text/html,x</span> (not a web address, not linked)"
        );
    }

    #[test]
    fn verdict_labels_take_their_class_from_the_rating_only() {
        let words = VerdictWords {
            id: Some("\" onmouseover=\"x"),
            en: "\" onmouseover=\"x",
            fr: "\" onmouseover=\"x",
            rating: None,
        };
        assert_eq!(
            verdict_label(&words),
            "<span class=\"verdict unrated\">&quot; onmouseover=&quot;x</span>"
        );
    }
}
