//! Text anchors: where a claim is, said redundantly (offsets, and the quote
//! with its context) so it can be found again, and found faithfully.

use serde::{Deserialize, Serialize};

mod approx;

use crate::document::Document;

/// Code points of context kept on each side of the quote. Hypothesis keeps 32:
/// enough to tell repeated phrases apart, short enough to survive edits nearby.
pub const CONTEXT_CHARS: usize = 32;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextAnchor {
    /// Code-point offsets in the document's canonical text, `start < end`.
    pub start: usize,
    pub end: usize,
    pub exact: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
}

/// Anchors the selected range `[start, end)`, trimmed of surrounding white
/// space. `None` when nothing but white space was selected.
pub fn anchor_range(doc: &Document, start: usize, end: usize) -> Option<TextAnchor> {
    let len = doc.char_len();
    let (start, end) = (start.min(len), end.min(len));
    let (start, end) = (start.min(end), start.max(end));
    let selected = doc.slice(start, end);
    let leading = selected.chars().take_while(|c| c.is_whitespace()).count();
    let trailing = selected
        .chars()
        .rev()
        .take_while(|c| c.is_whitespace())
        .count();
    let (start, end) = (start + leading, end.saturating_sub(trailing));
    (start < end).then(|| anchor_exact(doc, start, end))
}

/// Anchors exactly `[start, end)`, with its context.
pub fn anchor_exact(doc: &Document, start: usize, end: usize) -> TextAnchor {
    TextAnchor {
        start,
        end,
        exact: doc.slice(start, end).to_owned(),
        prefix: doc
            .slice(start.saturating_sub(CONTEXT_CHARS), start)
            .to_owned(),
        suffix: doc.slice(end, end + CONTEXT_CHARS).to_owned(),
    }
}

/// Finds an anchor in a document, from cheap to expensive: the stored offsets
/// if they still hold the quote, else the occurrence of the quote whose
/// context matches best (ties go to the one nearest the stored offset).
/// `None` means the claim is orphaned: it is kept, and listed as such.
pub fn locate(doc: &Document, anchor: &TextAnchor) -> Option<(usize, usize)> {
    if anchor.exact.is_empty() {
        return None;
    }
    if anchor.start < anchor.end && doc.slice(anchor.start, anchor.end) == anchor.exact {
        return Some((anchor.start, anchor.end));
    }
    let quote_len = crate::text::char_len(&anchor.exact);
    let mut best: Option<(usize, usize, usize)> = None; // (score, distance, start)
    let mut char_pos = 0;
    let mut last_byte = 0;
    for (byte, _) in doc.text.match_indices(anchor.exact.as_str()) {
        char_pos += crate::text::char_len(&doc.text[last_byte..byte]);
        last_byte = byte;
        let before = &doc.text[..byte];
        let after = &doc.text[byte + anchor.exact.len()..];
        let score = common_suffix_chars(before, &anchor.prefix)
            + common_prefix_chars(after, &anchor.suffix);
        let distance = char_pos.abs_diff(anchor.start);
        let better = match best {
            None => true,
            Some((s, d, _)) => score > s || (score == s && distance < d),
        };
        if better {
            best = Some((score, distance, char_pos));
        }
    }
    best.map(|(_, _, start)| (start, start + quote_len))
}

fn common_prefix_chars(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

fn common_suffix_chars(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::SourceFormat;

    fn doc(text: &str) -> Document {
        Document::parse(text, SourceFormat::PlainText).unwrap()
    }

    #[test]
    fn anchors_trim_surrounding_white_space_and_keep_context() {
        let d = doc("Titre\n\nLa Chine a annoncé lundi 9 septembre.");
        let start = crate::text::char_len(&d.text[..d.text.find(" a annoncé").unwrap()]) - 1;
        let a = anchor_range(&d, start + 1, start + 12).unwrap();
        assert_eq!(a.exact, "a annoncé");
        assert_eq!(a.prefix, "Titre\n\nLa Chine ");
        assert_eq!(a.suffix, " lundi 9 septembre.");
        assert_eq!(d.slice(a.start, a.end), a.exact);
    }

    #[test]
    fn a_selection_may_span_blocks() {
        let d = doc("T\n\nfin du premier.\n\nDébut du second");
        let a = anchor_range(&d, 10, 26).unwrap();
        assert_eq!(a.exact, "premier.\n\nDébut");
    }

    #[test]
    fn white_space_only_selection_is_no_anchor() {
        let d = doc("T\n\nab");
        assert_eq!(anchor_range(&d, 1, 3), None);
        assert_eq!(anchor_range(&d, 2, 2), None);
    }

    #[test]
    fn locate_prefers_offsets_then_context_then_proximity() {
        let d = doc("T\n\nle chat dort. le chien dort. le chat mange.");
        let second_cat = d.text.rfind("le chat").unwrap();
        let exact = anchor_exact(&d, second_cat, second_cat + 7);
        assert_eq!(locate(&d, &exact), Some((second_cat, second_cat + 7)));
        // Offsets that no longer hold the quote: context decides.
        let moved = TextAnchor {
            start: 0,
            end: 7,
            ..exact.clone()
        };
        assert_eq!(locate(&d, &moved), Some((second_cat, second_cat + 7)));
        let gone = TextAnchor {
            exact: "le poisson".into(),
            ..exact
        };
        assert_eq!(locate(&d, &gone), None);
    }

    #[test]
    fn locate_counts_code_points_in_accented_and_emoji_text() {
        let d = doc("Été 😀\n\nLa sécurité 🇨🇳 chinoise");
        let start = crate::text::char_len("Été 😀\n\nLa sécurité ");
        let wrong_offsets = TextAnchor {
            start: 0,
            end: 2,
            exact: "🇨🇳 chinoise".into(),
            prefix: "sécurité ".into(),
            suffix: String::new(),
        };
        assert_eq!(locate(&d, &wrong_offsets), Some((start, start + 11)));
    }
}
