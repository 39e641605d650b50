//! Table-driven anchoring cases: our own (accented French, emoji and flags,
//! where code points, UTF-8 bytes and UTF-16 units all differ), and the
//! published vectors of Hypothesis's quote matcher and of Apache Annotator's
//! text-quote and text-position matchers, with their expectations restated
//! for an API that returns the single best place, or an orphan.

use super::quote_match::Scorer;
use super::text_index::{QgramIndex, Symbols};
use super::*;
use crate::document::{Block, BlockKind};

/// A document whose text is exactly `text` (no block parsing), so that
/// offsets in the tables are offsets in the strings written there.
pub(super) fn raw_doc(text: &str) -> Document {
    let len = crate::text::char_len(text);
    Document {
        id: String::new(),
        text: text.to_owned(),
        blocks: if text.is_empty() {
            Vec::new()
        } else {
            vec![Block {
                kind: BlockKind::Paragraph,
                start: 0,
                end: len,
                byte_start: 0,
                text: text.to_owned(),
            }]
        },
        lang: None,
        builtin: false,
    }
}

/// Code-point offset of the first occurrence of `needle` in `text`.
fn at(text: &str, needle: &str) -> usize {
    crate::text::char_len(&text[..text.find(needle).expect(needle)])
}

/// Code-point range of `needle`, found after `after` (a landmark).
fn range_of(text: &str, after: &str, needle: &str) -> (usize, usize) {
    let from = text.find(after).expect(after);
    let start = at(text, after) + at(&text[from..], needle);
    (start, start + crate::text::char_len(needle))
}

fn quote(exact: &str, prefix: &str, suffix: &str) -> TextAnchor {
    TextAnchor {
        start: 0,
        end: 0,
        exact: exact.into(),
        prefix: prefix.into(),
        suffix: suffix.into(),
    }
}

fn at_offsets(start: usize, end: usize, exact: &str) -> TextAnchor {
    TextAnchor {
        start,
        end,
        ..quote(exact, "", "")
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    At(usize, usize, Kind),
    Orphan,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Position,
    Quote,
    Fuzzy(usize),
}

fn check(name: &str, text: &str, anchor: &TextAnchor, expect: Expect) {
    let doc = raw_doc(text);
    let got = Anchorer::new(&doc).locate(anchor);
    let single = locate(&doc, anchor);
    assert_eq!(
        single,
        got.map(|l| (l.start, l.end)),
        "{name}: one-off and batch disagree"
    );
    let got = got.map(|l| {
        let kind = match l.method {
            Method::Position => Kind::Position,
            Method::Quote => Kind::Quote,
            Method::Fuzzy { errors } => Kind::Fuzzy(errors),
        };
        (l.start, l.end, kind)
    });
    match expect {
        Expect::At(start, end, kind) => {
            assert_eq!(got, Some((start, end, kind)), "{name}");
            assert!(end <= doc.char_len(), "{name}");
        }
        Expect::Orphan => assert_eq!(got, None, "{name}"),
    }
}

const FR: &str = "Été 😀\n\nLa sécurité 🇨🇳 chinoise a formé 2\u{202f}000 policiers d’Afrique. \
                  La sécurité 🇫🇷 française aussi, selon l’Initiative de sécurité mondiale.";

#[test]
fn accented_and_emoji_text_in_code_points() {
    let t = FR;
    let chinoise = range_of(t, "🇨🇳", "chinoise");
    let second_securite = range_of(t, "aussi", "sécurité"); // after "aussi": the third
    let first_la = range_of(t, "La", "La sécurité");
    let second_la = range_of(t, "Afrique", "La sécurité");
    let flag_phrase = range_of(t, "La", "sécurité 🇨🇳 chinoise");
    let initiative = range_of(t, "selon", "l’Initiative de sécurité mondiale");
    let policiers = range_of(t, "formé", "2\u{202f}000 policiers");
    // Code points, not bytes or UTF-16 units: before "La" come 7 code
    // points, 12 bytes, 8 UTF-16 units.
    assert_eq!(first_la.0, 7);
    assert_eq!("Été 😀\n\n".len(), 12);
    assert_eq!("Été 😀\n\n".encode_utf16().count(), 8);

    let rows: Vec<(&str, TextAnchor, Expect)> = vec![
        (
            "offsets hold the quote",
            at_offsets(chinoise.0, chinoise.1, "chinoise"),
            Expect::At(chinoise.0, chinoise.1, Kind::Position),
        ),
        (
            "offsets in UTF-16 units (3 more: emoji, flag): the quote decides",
            at_offsets(chinoise.0 + 3, chinoise.1 + 3, "chinoise"),
            Expect::At(chinoise.0, chinoise.1, Kind::Quote),
        ),
        (
            "repeated phrase: the suffix picks the French flag",
            quote("La sécurité", "d’Afrique. ", " 🇫🇷 française"),
            Expect::At(second_la.0, second_la.1, Kind::Quote),
        ),
        (
            "repeated phrase, no context: the first",
            quote("La sécurité", "", ""),
            Expect::At(first_la.0, first_la.1, Kind::Quote),
        ),
        (
            "repeated word: stale offsets nearest the last one",
            at_offsets(second_securite.0 - 2, second_securite.1 - 2, "sécurité"),
            Expect::At(second_securite.0, second_securite.1, Kind::Quote),
        ),
        (
            "accents lost in the stored quote",
            quote("securite 🇨🇳 chinoise", "La ", " a formé"),
            Expect::At(flag_phrase.0, flag_phrase.1, Kind::Fuzzy(2)),
        ),
        (
            "a flag is two code points: two substitutions",
            quote("sécurité 🇫🇷 chinoise", "La ", " a formé"),
            Expect::At(flag_phrase.0, flag_phrase.1, Kind::Fuzzy(2)),
        ),
        (
            "re-typed apostrophe and accent",
            quote("l'Initiative de securité mondiale", "aussi, selon ", "."),
            Expect::At(initiative.0, initiative.1, Kind::Fuzzy(2)),
        ),
        (
            "changed white space: no-break space typed as nothing",
            quote("2000 policiers", "chinoise a formé ", " d’Afrique"),
            Expect::At(policiers.0, policiers.1, Kind::Fuzzy(1)),
        ),
        (
            "a passage that is not there is an orphan",
            quote("Interpol", "chinoise a formé ", " policiers"),
            Expect::Orphan,
        ),
        (
            "an empty quote is no claim",
            at_offsets(3, 3, ""),
            Expect::Orphan,
        ),
        (
            "absurd offsets are no hint",
            at_offsets(usize::MAX - 1, usize::MAX, "chinoise"),
            Expect::At(chinoise.0, chinoise.1, Kind::Quote),
        ),
        (
            "reversed offsets are no hint",
            at_offsets(chinoise.1, chinoise.0, "chinoise"),
            Expect::At(chinoise.0, chinoise.1, Kind::Quote),
        ),
        (
            "offsets past the end never hold",
            at_offsets(0, usize::MAX, t),
            Expect::At(0, crate::text::char_len(t), Kind::Quote),
        ),
        (
            "a quote longer than the document",
            quote(&format!("{t} et plus encore"), "", ""),
            Expect::At(0, crate::text::char_len(t), Kind::Fuzzy(15)),
        ),
    ];
    for (name, anchor, expect) in rows {
        check(name, t, &anchor, expect);
    }
}

#[test]
fn an_empty_document_anchors_nothing() {
    check("empty", "", &quote("a", "", ""), Expect::Orphan);
    check("empty, offsets", "", &at_offsets(0, 1, "a"), Expect::Orphan);
}

// Hypothesis client, src/annotator/anchoring/test/match-quote-test.js.

const SOLITUDE: &str = "Many years later, as he faced the firing squad, Colonel Aureliano \
    Buendía was to remember that distant afternoon when his father took him to discover ice";

const TWO_CITIES: &str = "It was the best of times, it was the worst of times, it was the age \
    of wisdom, it was the age of foolishness, it was the epoch of belief, it was the epoch of \
    incredulity, it was the season of Light, it was the season of Darkness, it was the spring \
    of hope, it was the winter of despair, we had everything before us, we had nothing before \
    us, we were all going direct to Heaven, we were all going direct the other way.";

/// The score the anchorer gives its best candidate, as Hypothesis's
/// `matchQuote` reports one: exact occurrences if any, else approximate ones.
fn best_score(text: &str, anchor: &TextAnchor, hint: Option<usize>) -> Option<f64> {
    let symbols = Symbols::new(text);
    let index = QgramIndex::new(&symbols.ids);
    let scorer = Scorer::new(anchor, hint, symbols.ids.len());
    let m = scorer.quote_len();
    let ids = &symbols.ids;
    let exact = exact_occurrences(&symbols, &index, &anchor.exact)
        .into_iter()
        .map(|s| {
            scorer
                .score(
                    s,
                    s + m,
                    0,
                    ids[..s].iter().rev().map(|&i| symbols.char_of(i)),
                    ids[s + m..].iter().map(|&i| symbols.char_of(i)),
                )
                .score
        })
        .reduce(f64::max);
    exact.or_else(|| {
        quote_match::Fuzzy::new(
            &symbols,
            Some(&index),
            &scorer,
            &anchor.exact,
            &std::cell::Cell::new(0),
        )
        .run(hint)
        .map(|c| c.score)
    })
}

fn strictly_decreasing(scores: &[Option<f64>]) -> bool {
    scores
        .windows(2)
        .all(|w| matches!((w[0], w[1]), (Some(a), Some(b)) if b < a))
}

#[test]
fn hypothesis_match_quote_vectors() {
    let s = SOLITUDE;
    check(
        "finds exact match",
        s,
        &quote("discover ice", "", ""),
        Expect::At(
            at(s, "discover ice"),
            at(s, "discover ice") + 12,
            Kind::Quote,
        ),
    );
    // Hypothesis reports the longest of the equally good matches; so do we,
    // the earliest start winning the tie.
    check(
        "finds best approximate match if there is no exact match",
        s,
        &quote("some years later", "", ""),
        Expect::At(0, 16, Kind::Fuzzy(4)),
    );
    check(
        "returns null if there is no acceptable approximate match",
        TWO_CITIES,
        &quote(SOLITUDE, "", ""),
        Expect::Orphan,
    );
    check(
        "returns null if quote is empty",
        "foobar",
        &quote("", "", ""),
        Expect::Orphan,
    );
    check(
        "returns null if text is empty",
        "",
        &quote("foobar", "", ""),
        Expect::Orphan,
    );

    // Scores order as in Hypothesis. Its last quote ("Some years after",
    // 6 errors in 16) is accepted here only with support: we give it the
    // true position, as a stored offset would.
    let quotes = [
        "Many years later",
        "Many yers later",
        "Some years later",
        "Some years after",
    ];
    let scores: Vec<_> = quotes
        .iter()
        .map(|q| best_score(s, &quote(q, "", ""), Some(0)))
        .collect();
    assert!(strictly_decreasing(&scores), "quote similarity: {scores:?}");
    let prefixes = [
        "Many years later",
        "Many yers later",
        "Some years later",
        "Some years after",
    ];
    let scores: Vec<_> = prefixes
        .iter()
        .map(|p| best_score(s, &quote(", as he faced the firing squad", p, ""), None))
        .collect();
    assert!(
        strictly_decreasing(&scores),
        "prefix similarity: {scores:?}"
    );
    let suffixes = [
        ", as he faced the firing squad",
        ", as she faced the firing squad",
        ", as he awaited the firing squad",
        ", as he awaited his death",
    ];
    let scores: Vec<_> = suffixes
        .iter()
        .map(|x| best_score(s, &quote("Many years later", "", x), None))
        .collect();
    assert!(
        strictly_decreasing(&scores),
        "suffix similarity: {scores:?}"
    );

    // Finds the match with the best context, exact or approximate context.
    let t = TWO_CITIES;
    let rows = [
        (
            "before us",
            "we had everything",
            "",
            "before us, we had nothing",
        ),
        (
            "before us",
            "we had nothing",
            "",
            "before us, we were all going",
        ),
        (
            "before us",
            "we had every-thing",
            "",
            "before us, we had nothing",
        ),
        (
            "before us",
            "we had nout",
            "",
            "before us, we were all going",
        ),
        ("we had", "", "everything", "we had everything"),
        ("we had", "", "nothing", "we had nothing"),
        ("we had", "", "ever ting", "we had everything"),
        ("we had", "", "nutting", "we had nothing"),
    ];
    for (i, (exact, prefix, suffix, expected)) in rows.into_iter().enumerate() {
        let start = at(t, expected);
        let end = start + crate::text::char_len(exact);
        check(
            &format!("best context match ({i})"),
            t,
            &quote(exact, prefix, suffix),
            Expect::At(start, end, Kind::Quote),
        );
    }

    // The stored position breaks ties between otherwise equal matches.
    let pos_a = at(t, "everything before us") + "everything ".len();
    let pos_b = at(t, "nothing before us") + "nothing ".len();
    for hint in [pos_a, pos_b] {
        check(
            "hint breaks ties",
            t,
            &at_offsets(hint, hint + 8, "befor us"),
            Expect::At(hint, hint + 9, Kind::Fuzzy(1)),
        );
    }
    // Hypothesis then takes the first match; a short quote with a typo and
    // nothing else to vouch for it is an orphan here (LONE_QUOTE_MIN_CHARS).
    check("no hint", t, &quote("befor us", "", ""), Expect::Orphan);

    check(
        "matches when prefix length is greater than the match start offset",
        s,
        &quote("years later", "It used to be many", ""),
        Expect::At(5, 16, Kind::Quote),
    );
    check(
        "matches when match ends at end of text and there is a non-empty suffix",
        "Some document text",
        &quote("text", "", "missing"),
        Expect::At(14, 18, Kind::Quote),
    );
}

// Apache Annotator, packages/dom/test/text-quote/match-cases.ts (the DOM
// flattened to its text). Apache returns every match and treats prefix and
// suffix as filters; we return the best match and treat context as evidence.

const LOREM: &str = "lorem ipsum dolor amet yada yada";

#[test]
fn apache_text_quote_vectors() {
    let rows: Vec<(&str, &str, TextAnchor, Expect)> = vec![
        (
            "simple",
            LOREM,
            quote("dolor am", "", ""),
            Expect::At(12, 20, Kind::Quote),
        ),
        (
            "first characters",
            LOREM,
            quote("lorem ipsum", "", ""),
            Expect::At(0, 11, Kind::Quote),
        ),
        (
            "last characters",
            LOREM,
            quote("yada yada", "", ""),
            Expect::At(23, 32, Kind::Quote),
        ),
        (
            "text inside <head>",
            "The titlelorem ipsum dolor amet yada yada",
            quote("title", "", ""),
            Expect::At(4, 9, Kind::Quote),
        ),
        // Apache: both (23–27, 28–32).
        (
            "two matches: the first",
            LOREM,
            quote("yada", "", ""),
            Expect::At(23, 27, Kind::Quote),
        ),
        (
            "two matches: the one nearest the stored position",
            LOREM,
            at_offsets(29, 33, "yada"),
            Expect::At(28, 32, Kind::Quote),
        ),
        // Apache: both (1–4, 3–6).
        (
            "overlapping matches",
            "bananas",
            quote("ana", "", ""),
            Expect::At(1, 4, Kind::Quote),
        ),
        (
            "overlapping matches: the later one by position",
            "bananas",
            at_offsets(3, 5, "ana"),
            Expect::At(3, 6, Kind::Quote),
        ),
        // A 10-code-point quote with 5 errors would "match" by chance.
        (
            "no matches",
            LOREM,
            quote("holy grail", "", ""),
            Expect::Orphan,
        ),
        (
            "with prefix",
            LOREM,
            quote("yada", "t ", ""),
            Expect::At(23, 27, Kind::Quote),
        ),
        (
            "with suffix",
            LOREM,
            quote("o", "", "l"),
            Expect::At(13, 14, Kind::Quote),
        ),
        (
            "with prefix and suffix",
            LOREM,
            quote("o", "l", "re"),
            Expect::At(1, 2, Kind::Quote),
        ),
        // Apache: both (1–2, 15–16); equal context, the first.
        (
            "with prefix and suffix, two matches",
            LOREM,
            quote("o", "l", "r"),
            Expect::At(1, 2, Kind::Quote),
        ),
        // Apache: none, its context is a filter. Here the only occurrence.
        (
            "with prefix, no matches",
            LOREM,
            quote("dolor", "oopsum ", ""),
            Expect::At(12, 17, Kind::Quote),
        ),
        (
            "with suffix, no matches",
            LOREM,
            quote("dolor", "", " amot"),
            Expect::At(12, 17, Kind::Quote),
        ),
        (
            "with suffix, no matches due to whitespace",
            LOREM,
            quote("dolor", "", "a"),
            Expect::At(12, 17, Kind::Quote),
        ),
        (
            "with empty prefix and suffix",
            LOREM,
            quote("dolor am", "", ""),
            Expect::At(12, 20, Kind::Quote),
        ),
        // Apache: every empty range, or those between prefix and suffix.
        ("empty quote", "lorem", quote("", "", ""), Expect::Orphan),
        (
            "empty quote, with prefix",
            LOREM,
            quote("", "dolor", ""),
            Expect::Orphan,
        ),
        (
            "empty quote, with suffix",
            LOREM,
            quote("", "", "i"),
            Expect::Orphan,
        ),
        (
            "empty quote, with prefix and suffix",
            LOREM,
            quote("", "lorem ", "ipsum"),
            Expect::Orphan,
        ),
        (
            "empty quote, no matches",
            LOREM,
            quote("", "X", ""),
            Expect::Orphan,
        ),
    ];
    for (name, text, anchor, expect) in rows {
        check(name, text, &anchor, expect);
    }
}

// Apache Annotator, packages/dom/test/text-position/match-cases.ts. Its
// positions count code points, its DOM ranges UTF-16 units: the emoji makes
// them differ by one. Ours are code points throughout.

const LOREM_EMOJI: &str = "l😃rem ipsum dolor amet yada yada";

#[test]
fn apache_text_position_vectors() {
    let rows = [
        ("simple", LOREM_EMOJI, 12, 20, "dolor am", 13),
        ("first characters", LOREM_EMOJI, 0, 11, "l😃rem ipsum", 0),
        ("last characters", LOREM_EMOJI, 23, 32, "yada yada", 24),
        (
            "exact element contents",
            LOREM_EMOJI,
            6,
            17,
            "ipsum dolor",
            7,
        ),
        (
            "text inside <head>",
            "l😃rem ipsum dolor ametyada yada",
            18,
            22,
            "amet",
            19,
        ),
    ];
    for (name, text, start, end, exact, utf16_start) in rows {
        check(
            name,
            text,
            &at_offsets(start, end, exact),
            Expect::At(start, end, Kind::Position),
        );
        let byte = text.char_indices().nth(start).map(|(b, _)| b).unwrap();
        assert_eq!(text[..byte].encode_utf16().count(), utf16_start, "{name}");
    }
    // Apache matches the empty range 3–3; an empty quote is no claim here.
    check(
        "empty quote",
        "l😃rem",
        &at_offsets(3, 3, ""),
        Expect::Orphan,
    );
    // A position whose text is not the quote is not taken on trust.
    check(
        "position off by the emoji's second UTF-16 unit",
        LOREM_EMOJI,
        &at_offsets(13, 21, "dolor am"),
        Expect::At(12, 20, Kind::Quote),
    );
}
