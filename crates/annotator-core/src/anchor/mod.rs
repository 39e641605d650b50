//! Text anchors: where a claim is, said redundantly (offsets, and the quote
//! with its context) so it can be found again, and found faithfully.

use std::cell::OnceCell;

use serde::{Deserialize, Serialize};

use crate::document::Document;
use quote_match::{Candidate, Fuzzy, Scorer};
use text_index::{rarest_gram, QgramIndex, Symbols};

mod approx;
#[cfg(test)]
mod cases;
#[cfg(test)]
mod properties;
mod quote_match;
mod text_index;

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

/// How a claim was found again, cheapest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// The stored offsets still hold the quote.
    Position,
    /// The quote occurs as is (the best of its occurrences by context).
    Quote,
    /// The quote was found with this many edits (insertions, deletions,
    /// substitutions of code points).
    Fuzzy { errors: usize },
}

/// Where a claim is now, in code points of the document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located {
    pub start: usize,
    pub end: usize,
    pub method: Method,
}

/// Built once per document for many anchors (import of thousands of claims,
/// benchmark): caches the code points of the text as dense ids, and an index
/// of their 4-grams, both built on first need (a claim whose offsets still
/// hold builds neither).
pub struct Anchorer<'d> {
    doc: &'d Document,
    len: usize,
    /// Without the index, every quote reads the whole text; worth it only for
    /// a single anchor.
    indexed: bool,
    symbols: OnceCell<Symbols>,
    index: OnceCell<QgramIndex>,
    /// Work spent by the fuzzy stage, and its limit
    /// (`quote_match::FUZZY_WORK_BUDGET`, lower in tests).
    work: std::cell::Cell<u64>,
    work_budget: u64,
}

impl<'d> Anchorer<'d> {
    pub fn new(doc: &'d Document) -> Self {
        Anchorer {
            doc,
            len: doc.char_len(),
            indexed: true,
            symbols: OnceCell::new(),
            index: OnceCell::new(),
            work: std::cell::Cell::new(0),
            work_budget: quote_match::FUZZY_WORK_BUDGET,
        }
    }

    /// Finds an anchor in the document, from cheap to expensive: the stored
    /// offsets if they hold the quote; else the occurrence of the quote whose
    /// context matches best (ties go to the one nearest the stored offset);
    /// else the best approximate match (see `quote_match`). `None` means the
    /// claim is orphaned: it is kept, and listed as such.
    pub fn locate(&self, anchor: &TextAnchor) -> Option<Located> {
        if anchor.exact.is_empty() || self.len == 0 {
            return None;
        }
        self.by_position(anchor).or_else(|| {
            // Offsets that do not describe a range of the text are no hint
            // (foreign annotations with only a quote carry 0/0).
            let hint =
                (anchor.start < anchor.end && anchor.start < self.len).then_some(anchor.start);
            self.by_nearby_quote(anchor, hint).or_else(|| {
                let scorer = Scorer::new(anchor, hint, self.len);
                self.by_quote(anchor, &scorer)
                    .or_else(|| self.by_approximation(anchor, &scorer, hint))
            })
        })
    }

    /// The quote near its stored offset with its whole stored context around
    /// it: no occurrence elsewhere can score higher, and ties go to the
    /// nearest anyway, so this is the answer `by_quote` would give, found
    /// without reading (or indexing) the whole text. It is what an import
    /// onto a slightly edited article, or an export whose offsets moved,
    /// mostly needs.
    fn by_nearby_quote(&self, anchor: &TextAnchor, hint: Option<usize>) -> Option<Located> {
        let hint = hint?;
        let quote_len = crate::text::char_len(&anchor.exact);
        let from_char = hint.saturating_sub(NEARBY_CHARS);
        let to_char = (hint + quote_len + NEARBY_CHARS).min(self.len);
        let (from, to) = (
            self.doc.byte_offset(from_char),
            self.doc.byte_offset(to_char),
        );
        let text = &self.doc.text;
        let window = text.get(from..to)?;
        let mut best: Option<(usize, usize)> = None; // (distance, start)
        let mut counted = (0, from_char); // (window byte, code point) already counted
        let mut search_from = 0;
        // Overlapping occurrences count too ("ana" twice in "banana").
        while let Some(found) = window[search_from..].find(anchor.exact.as_str()) {
            let byte = search_from + found;
            search_from = byte + window[byte..].chars().next().map_or(1, char::len_utf8);
            let at = from + byte;
            if !text[..at].ends_with(anchor.prefix.as_str())
                || !text[at + anchor.exact.len()..].starts_with(anchor.suffix.as_str())
            {
                continue;
            }
            counted = (
                byte,
                counted.1 + crate::text::char_len(&window[counted.0..byte]),
            );
            let distance = counted.1.abs_diff(hint);
            if best.is_none_or(|(d, _)| distance < d) {
                best = Some((distance, counted.1));
            }
        }
        best.map(|(_, start)| Located {
            start,
            end: start + quote_len,
            method: Method::Quote,
        })
    }

    fn by_position(&self, anchor: &TextAnchor) -> Option<Located> {
        let (start, end) = (anchor.start, anchor.end);
        (start < end && end <= self.len && self.doc.slice(start, end) == anchor.exact).then_some(
            Located {
                start,
                end,
                method: Method::Position,
            },
        )
    }

    fn by_quote(&self, anchor: &TextAnchor, scorer: &Scorer) -> Option<Located> {
        let quote_len = scorer.quote_len();
        let mut best: Option<Candidate> = None;
        let mut consider = |c: Candidate| {
            if best.as_ref().is_none_or(|b| c.beats(b)) {
                best = Some(c);
            }
        };
        if self.indexed {
            let symbols = self.symbols();
            let ids = &symbols.ids;
            for start in exact_occurrences(symbols, self.index(), &anchor.exact) {
                let end = start + quote_len;
                consider(scorer.score(
                    start,
                    end,
                    0,
                    ids[..start].iter().rev().map(|&i| symbols.char_of(i)),
                    ids[end..].iter().map(|&i| symbols.char_of(i)),
                ));
            }
        } else {
            let text = &self.doc.text;
            let (mut start, mut counted_to, mut from) = (0, 0, 0);
            while let Some(found) = text[from..].find(anchor.exact.as_str()) {
                let byte = from + found;
                start += crate::text::char_len(&text[counted_to..byte]);
                counted_to = byte;
                let after = byte + anchor.exact.len();
                consider(scorer.score(
                    start,
                    start + quote_len,
                    0,
                    text[..byte].chars().rev(),
                    text[after..].chars(),
                ));
                // Occurrences may overlap ("ana" in "bananas").
                from = byte + text[byte..].chars().next().map_or(1, char::len_utf8);
            }
        }
        best.map(|c| Located {
            start: c.start,
            end: c.end,
            method: Method::Quote,
        })
    }

    fn by_approximation(
        &self,
        anchor: &TextAnchor,
        scorer: &Scorer,
        hint: Option<usize>,
    ) -> Option<Located> {
        let index = self.indexed.then(|| self.index());
        let found = Fuzzy::new(self.symbols(), index, scorer, &anchor.exact, &self.work)
            .with_work_budget(self.work_budget)
            .run(hint)?;
        let (start, end) = snap_edges(self.symbols(), &anchor.exact, found.start, found.end);
        Some(Located {
            start,
            end,
            method: Method::Fuzzy {
                errors: found.errors,
            },
        })
    }

    fn symbols(&self) -> &Symbols {
        self.symbols.get_or_init(|| Symbols::new(&self.doc.text))
    }

    fn index(&self) -> &QgramIndex {
        self.index
            .get_or_init(|| QgramIndex::new(&self.symbols().ids))
    }
}

/// Code points searched on each side of a stale offset before the whole
/// text: edits above a claim (a sentence inserted, a paragraph rewritten)
/// rarely move it further, and 2,048 is the fuzzy stage's window too.
const NEARBY_CHARS: usize = 2048;

/// Quotation marks, straight and typographic: re-typing turns `"x"` into
/// `« x »` (French puts a space inside guillemets) or `“x”`.
fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '«' | '»' | '“' | '”' | '„' | '‘' | '’' | '‹' | '›'
    )
}

/// Spaces French typography puts inside guillemets, besides ordinary ones.
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}'
}

/// Fixes the edges of an approximate match, which the edit distance alone
/// leaves where they are cheapest: a match does not begin or end with
/// white space its quote lacks, and a quote that begins or ends with a
/// quotation mark keeps its re-typed mark, even across the space French
/// typography adds (`"globale"` found as `« globale »`, not `« globale `).
fn snap_edges(symbols: &Symbols, quote: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    let at = |i: usize| symbols.char_of(symbols.ids[i]);
    let len = symbols.ids.len();
    let (Some(first), Some(last)) = (quote.chars().next(), quote.chars().last()) else {
        return (start, end);
    };
    if !is_space(last) {
        while end > start + 1 && is_space(at(end - 1)) {
            end -= 1;
        }
    }
    if !is_space(first) {
        while start + 1 < end && is_space(at(start)) {
            start += 1;
        }
    }
    if is_quote_mark(last) && !is_quote_mark(at(end - 1)) {
        let mut k = end;
        while k < len && k < end + 2 && is_space(at(k)) {
            k += 1;
        }
        if k < len && is_quote_mark(at(k)) {
            end = k + 1;
        }
    }
    if is_quote_mark(first) && !is_quote_mark(at(start)) {
        let mut k = start;
        while k > 0 && k + 2 > start && is_space(at(k - 1)) {
            k -= 1;
        }
        if k > 0 && is_quote_mark(at(k - 1)) {
            start = k - 1;
        }
    }
    (start, end)
}

/// Starts of the exact occurrences of `quote`, increasing (overlapping ones
/// included).
fn exact_occurrences(symbols: &Symbols, index: &QgramIndex, quote: &str) -> Vec<usize> {
    let Some(quote) = quote
        .chars()
        .map(|c| symbols.id(c).map(|id| id as u16))
        .collect::<Option<Vec<u16>>>()
    else {
        return Vec::new();
    };
    let ids = &symbols.ids;
    let matches_at = |start: usize| ids.get(start..start + quote.len()) == Some(&quote[..]);
    match rarest_gram(index, &quote) {
        Some((offset, bucket)) => bucket
            .iter()
            .filter_map(|&p| (p as usize).checked_sub(offset))
            .filter(|&start| matches_at(start))
            .collect(),
        // Shorter than a gram: read the text.
        None => (0..ids.len()).filter(|&start| matches_at(start)).collect(),
    }
}

/// Finds an anchor in a document (see [`Anchorer::locate`]); for one anchor:
/// for many, build an [`Anchorer`] once.
pub fn locate(doc: &Document, anchor: &TextAnchor) -> Option<(usize, usize)> {
    let single = Anchorer {
        indexed: false,
        ..Anchorer::new(doc)
    };
    single.locate(anchor).map(|l| (l.start, l.end))
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

    #[test]
    fn a_re_typed_quotation_keeps_its_marks() {
        let original = doc("T\n\ndans le cadre de \"l'Initiative de sécurité globale\" proposée");
        let quoted = "\"l'Initiative de sécurité globale\"";
        let byte = original.text.find(quoted).unwrap();
        let start = crate::text::char_len(&original.text[..byte]);
        let anchor = anchor_exact(&original, start, start + crate::text::char_len(quoted));
        let edited = doc("T\n\ndans le cadre de « l’Initiative de sécurité globale » proposée");
        let (s, e) = locate(&edited, &anchor).unwrap();
        assert_eq!(edited.slice(s, e), "« l’Initiative de sécurité globale »");
        let curly = doc("T\n\ndans le cadre de “l’Initiative de sécurité globale” proposée");
        let (s, e) = locate(&curly, &anchor).unwrap();
        assert_eq!(curly.slice(s, e), "“l’Initiative de sécurité globale”");
    }

    #[test]
    fn the_fuzzy_stage_stops_when_its_work_budget_is_spent() {
        // Degenerate text and a long quote one edit away from everywhere:
        // the worst case for the matcher, as a hostile file could make it.
        let d = doc(&format!("T\n\n{}", "a".repeat(20_000)));
        let quote = format!("{}b", "a".repeat(2_000));
        let anchor = TextAnchor {
            start: 0,
            end: 0,
            exact: quote,
            prefix: String::new(),
            suffix: String::new(),
        };
        let mut anchorer = Anchorer::new(&d);
        anchorer.work_budget = 2_000_000;
        let found = (0..50)
            .filter(|_| anchorer.locate(&anchor).is_some())
            .count();
        let spent = anchorer.work.get();
        // Each search charges before it works, and stops at the first charge
        // over the limit: the overshoot is one region's worth at most.
        assert!(spent < 2_000_000 + 20_002 * 32 * 2, "spent {spent}");
        assert!(
            found < 50,
            "later quotes became orphans instead of costing more"
        );
        assert!(anchorer.locate(&anchor).is_none());
    }
}
