//! Property tests: a claim lands back on its intended text after random
//! edits to the document, elsewhere and inside the quote; nothing panics.

use proptest::prelude::*;

use super::cases::raw_doc;
use super::*;

/// Code points documents are made of: accented French, an emoji, a flag's
/// halves, typographic punctuation and white space.
const ALPHABET: &[char] = &[
    'a', 'b', 'c', 'd', 'e', 'f', 'g', 'i', 'l', 'm', 'n', 'o', 'p', 'r', 's', 't', 'u', 'v', 'é',
    'è', 'à', 'ç', 'ô', 'É', '’', '«', '»', ',', '.', '😀', '🇫', '🇷', ' ', ' ', ' ', '\u{a0}',
];

/// Words of random code points: 10 code points rarely repeat in a few
/// hundred words, as in prose (repetition is the table tests' business).
fn document() -> impl Strategy<Value = Vec<char>> {
    prop::collection::vec(
        prop::collection::vec(prop::sample::select(ALPHABET), 1..9),
        40..160,
    )
    .prop_map(|words| words.join(&' '))
}

#[derive(Debug, Clone, Copy)]
enum Edit {
    Insert(char),
    Delete,
    Substitute(char),
}

fn edit() -> impl Strategy<Value = (f64, Edit)> {
    let c = || prop::sample::select(ALPHABET);
    (
        0.0..1.0f64,
        prop_oneof![
            c().prop_map(Edit::Insert),
            Just(Edit::Delete),
            c().prop_map(Edit::Substitute),
        ],
    )
}

/// Applies `edit` at the fraction `at` of the allowed positions (`inside`:
/// strictly inside `[start, end)`, keeping its first and last code points so
/// the intended range stays well defined; else outside it), moving the range
/// along. Returns whether the edit changed the text.
fn apply(
    text: &mut Vec<char>,
    range: &mut (usize, usize),
    (at, edit): (f64, Edit),
    inside: bool,
) -> bool {
    let (s, e) = *range;
    let pick = |n: usize| ((at * n as f64) as usize).min(n.saturating_sub(1));
    match edit {
        Edit::Insert(c) => {
            // Insertion points: outside, 0..=s and e..=len; inside, s+1..e.
            let p = if inside {
                if e - s < 2 {
                    return false;
                }
                s + 1 + pick(e - s - 1)
            } else {
                let n = (s + 1) + (text.len() - e + 1);
                let i = pick(n);
                if i <= s {
                    i
                } else {
                    e + (i - s - 1)
                }
            };
            text.insert(p, c);
            if p <= s && !inside {
                range.0 += 1;
            }
            if p < e || (inside && p == e) {
                range.1 += 1;
            }
            true
        }
        Edit::Delete | Edit::Substitute(_) => {
            let p = if inside {
                if e - s < 3 {
                    return false;
                }
                s + 1 + pick(e - s - 2)
            } else {
                let n = s + (text.len() - e);
                if n == 0 {
                    return false;
                }
                let i = pick(n);
                if i < s {
                    i
                } else {
                    e + (i - s)
                }
            };
            match edit {
                Edit::Substitute(c) => {
                    let changed = text[p] != c;
                    text[p] = c;
                    changed
                }
                _ => {
                    // Keep quotes from shrinking below what they can be told
                    // apart by.
                    if inside && e - s <= 8 {
                        return false;
                    }
                    text.remove(p);
                    if p < s {
                        range.0 -= 1;
                    }
                    if p < e {
                        range.1 -= 1;
                    }
                    true
                }
            }
        }
    }
}

/// A span of the document worth quoting: 12 to 60 code points, not starting
/// or ending with white space (as `anchor_range` trims).
fn span(text: &[char], at: f64, len: usize) -> Option<(usize, usize)> {
    let n = text.len();
    let mut s = ((at * n as f64) as usize).min(n.saturating_sub(1));
    while s < n && text[s].is_whitespace() {
        s += 1;
    }
    let mut e = (s + len).min(n);
    while e > s && text[e - 1].is_whitespace() {
        e -= 1;
    }
    (e >= s + 12).then_some((s, e))
}

fn string(chars: &[char]) -> String {
    chars.iter().collect()
}

proptest! {
    // No regression files: they would land outside this module.
        #![proptest_config(ProptestConfig {
            cases: 64,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

    /// Untouched text: the stored position holds.
    #[test]
    fn an_unchanged_document_keeps_every_claim_in_place(
        text in document(), at in 0.0..1.0f64, len in 12usize..60,
    ) {
        let Some((s, e)) = span(&text, at, len) else { return Ok(()) };
        let doc = raw_doc(&string(&text));
        let anchor = anchor_exact(&doc, s, e);
        let found = Anchorer::new(&doc).locate(&anchor);
        prop_assert_eq!(found, Some(Located { start: s, end: e, method: Method::Position }));
    }

    /// Edits anywhere but in the quote (context included): the claim lands
    /// exactly on its text, wherever it moved.
    #[test]
    fn edits_elsewhere_move_the_claim_with_its_text(
        text in document(), at in 0.0..1.0f64, len in 12usize..60,
        edits in prop::collection::vec(edit(), 1..30),
    ) {
        let Some((s, e)) = span(&text, at, len) else { return Ok(()) };
        let doc = raw_doc(&string(&text));
        let anchor = anchor_exact(&doc, s, e);
        let (mut edited, mut range) = (text.clone(), (s, e));
        for ed in edits {
            apply(&mut edited, &mut range, ed, false);
        }
        let edited_doc = raw_doc(&string(&edited));
        let found = Anchorer::new(&edited_doc).locate(&anchor);
        prop_assert_eq!(found.map(|l| (l.start, l.end)), Some(range));
        prop_assert_eq!(locate(&edited_doc, &anchor), Some(range));
    }

    /// Up to one edit per 8 code points inside the quote, and up to 20
    /// elsewhere: the claim lands on its edited text, each end off by at most
    /// as many code points as there were edits inside (an edit next to an
    /// end can make a shorter or longer alignment as good).
    #[test]
    fn edited_quotes_land_on_their_edited_text(
        text in document(), at in 0.0..1.0f64, len in 12usize..60,
        inside in prop::collection::vec(edit(), 1..8),
        outside in prop::collection::vec(edit(), 0..20),
    ) {
        let Some((s, e)) = span(&text, at, len) else { return Ok(()) };
        let doc = raw_doc(&string(&text));
        let anchor = anchor_exact(&doc, s, e);
        let (mut edited, mut range) = (text.clone(), (s, e));
        let budget = (e - s) / 8;
        let mut changed = 0;
        for ed in inside.into_iter().take(budget.max(1)) {
            changed += usize::from(apply(&mut edited, &mut range, ed, true));
        }
        for ed in outside {
            apply(&mut edited, &mut range, ed, false);
        }
        let edited_doc = raw_doc(&string(&edited));
        // Where the edits made the stored quote occur as is elsewhere (or it
        // did already), that occurrence rightly wins: not this property.
        prop_assume!(doc.text.matches(anchor.exact.as_str()).count() == 1);
        prop_assume!(!edited_doc.text.contains(anchor.exact.as_str()));
        let found = Anchorer::new(&edited_doc).locate(&anchor);
        prop_assert_eq!(found.map(|l| (l.start, l.end)), locate(&edited_doc, &anchor));
        let found = found.expect("an edited claim is found");
        let off = found.start.abs_diff(range.0) + found.end.abs_diff(range.1);
        prop_assert!(
            off <= changed,
            "found {:?}, intended {:?}, {} edits; quote {:?} [{:?}|{:?}], now {:?} [{:?}|{:?}]",
            found,
            range,
            changed,
            anchor.exact,
            anchor.prefix,
            anchor.suffix,
            edited_doc.slice(range.0, range.1),
            edited_doc.slice(range.0.saturating_sub(10), range.0),
            edited_doc.slice(range.1, range.1 + 10)
        );
        if let Method::Fuzzy { errors } = found.method {
            prop_assert!(errors <= changed + off);
        }
    }

    /// Any offsets, any strings, any document: an answer inside the text, or
    /// none, and the same from both entry points.
    #[test]
    fn nothing_panics(
        text in prop::collection::vec(prop::sample::select(ALPHABET), 0..200),
        exact in prop::collection::vec(prop::sample::select(ALPHABET), 0..80),
        prefix in prop::collection::vec(prop::sample::select(ALPHABET), 0..40),
        suffix in prop::collection::vec(prop::sample::select(ALPHABET), 0..40),
        start in prop_oneof![0usize..300, Just(usize::MAX - 1), any::<usize>()],
        end in prop_oneof![0usize..300, Just(usize::MAX), any::<usize>()],
    ) {
        let doc = raw_doc(&string(&text));
        let anchor = TextAnchor {
            start,
            end,
            exact: string(&exact),
            prefix: string(&prefix),
            suffix: string(&suffix),
        };
        let found = Anchorer::new(&doc).locate(&anchor);
        prop_assert_eq!(found.map(|l| (l.start, l.end)), locate(&doc, &anchor));
        if let Some(l) = found {
            prop_assert!(l.start < l.end && l.end <= text.len());
            if !matches!(l.method, Method::Fuzzy { .. }) {
                prop_assert_eq!(doc.slice(l.start, l.end), anchor.exact.as_str());
            }
        }
    }
}
