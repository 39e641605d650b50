//! Reports people read and files other programs open: CSV, Markdown,
//! printable HTML and schema.org ClaimReview.
//!
//! Every function here is pure: the claims come in as the store holds them
//! (orphans included, in the order given) and the current time is a
//! parameter, so the same input always gives the same bytes.

pub mod claim_review;
pub mod csv;
pub mod html;
pub mod markdown;

pub use claim_review::{claim_review_json, claim_reviews};
pub use csv::{claims_csv, sources_csv, CsvDialect};
pub use html::html_report;
pub use markdown::markdown_report;

use crate::claim::Claim;
use crate::verdict::{VerdictScale, CLASS_SCALE, NO_VERDICT_EN, NO_VERDICT_FR};

/// The scales this build knows. A claim imported from elsewhere may name
/// another: its verdict is then shown as the stored id.
const KNOWN_SCALES: &[&VerdictScale] = &[&CLASS_SCALE];

/// Past this many characters the slug stops at the end of the current word.
const SLUG_SOFT_LIMIT: usize = 60;
/// A word that would carry the slug past this is dropped (or, if it is the
/// first word, cut): some file systems and mail clients mangle long names.
const SLUG_HARD_LIMIT: usize = 72;

pub fn known_scale(id: &str) -> Option<&'static VerdictScale> {
    KNOWN_SCALES.iter().copied().find(|s| s.id == id)
}

/// A position on an ordinal scale, with the scale's bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrdinalRating {
    pub value: u8,
    pub worst: u8,
    pub best: u8,
}

/// A claim's verdict as every report shows it: in words, never as a bare id
/// or a colour. Unknown scales and verdict ids fall back to the stored id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerdictWords<'a> {
    /// The stored verdict id; `None` is "no verdict yet".
    pub id: Option<&'a str>,
    pub en: &'a str,
    pub fr: &'a str,
    pub rating: Option<OrdinalRating>,
}

pub fn verdict_words(claim: &Claim) -> VerdictWords<'_> {
    let Some(id) = claim.verdict.as_deref() else {
        return VerdictWords {
            id: None,
            en: NO_VERDICT_EN,
            fr: NO_VERDICT_FR,
            rating: None,
        };
    };
    let scale = known_scale(&claim.scale);
    match scale.and_then(|s| s.find(id).map(|v| (s, v))) {
        Some((scale, verdict)) => VerdictWords {
            id: Some(id),
            en: verdict.label_en,
            fr: verdict.label_fr,
            rating: verdict.rating.map(|value| OrdinalRating {
                value,
                worst: scale.worst_rating(),
                best: scale.best_rating(),
            }),
        },
        None => VerdictWords {
            id: Some(id),
            en: id,
            fr: id,
            rating: None,
        },
    }
}

/// A scale named by at least one claim, for the note every report ends with
/// (an export must say which scale its verdicts are on).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScaleUsed<'a> {
    Known(&'static VerdictScale),
    Unknown(&'a str),
}

/// The distinct scales of `claims`, the default one always first so the
/// note explains the scale even when no claim has a verdict yet.
pub fn scales_used<'a>(claims: &'a [std::rc::Rc<Claim>]) -> Vec<ScaleUsed<'a>> {
    let mut used = vec![ScaleUsed::Known(&CLASS_SCALE)];
    for claim in claims {
        let scale = match known_scale(&claim.scale) {
            Some(known) => ScaleUsed::Known(known),
            None => ScaleUsed::Unknown(claim.scale.as_str()),
        };
        if !used.contains(&scale) {
            used.push(scale);
        }
    }
    used
}

/// The document's language if it is a plausible BCP 47 tag, for `lang`
/// attributes; anything else (it may come from an import) is dropped.
pub fn document_language(doc: &crate::document::Document) -> Option<&str> {
    let lang = doc.lang.as_deref()?.trim();
    let plausible = !lang.is_empty()
        && lang.len() <= 35
        && lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !lang.starts_with('-');
    plausible.then_some(lang)
}

/// English name of a language tag, for reports that cannot mark language up
/// (Markdown); the tag itself when the name is not known here.
pub fn language_name(tag: &str) -> &str {
    let primary = tag.split('-').next().unwrap_or(tag).to_ascii_lowercase();
    match primary.as_str() {
        "fr" => "French",
        "en" => "English",
        "de" => "German",
        "es" => "Spanish",
        "it" => "Italian",
        "pt" => "Portuguese",
        "nl" => "Dutch",
        "zh" => "Chinese",
        "ar" => "Arabic",
        "ru" => "Russian",
        _ => tag,
    }
}

/// The YYYY-MM-DD part of an ISO 8601 timestamp (or of a date).
pub fn date_part(timestamp: &str) -> String {
    timestamp
        .split('T')
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '-')
        .take(10)
        .collect()
}

/// `claim.id` as an IRI: a bare UUID is not one (W3C validators refuse it).
pub fn claim_iri(claim: &Claim) -> String {
    format!("urn:uuid:{}", claim.id)
}

/// A download name such as
/// `securite-made-in-china-comment-pekin-veut-exporter-son-modele-2026-11-28-claims.csv`:
/// the title's slug (or "article"), the date part of `date`, the kind.
pub fn export_file_name(title: &str, date: &str, kind: &str, ext: &str) -> String {
    let mut slug = title_slug(title);
    if slug.is_empty() {
        slug = "article".to_owned();
    }
    let date = date_part(date);
    let kind = slugify(kind);
    let ext: String = ext
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    let stem = [slug.as_str(), date.as_str(), kind.as_str()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if ext.is_empty() {
        stem
    } else {
        format!("{stem}.{ext}")
    }
}

/// The title's slug, shortened at a word boundary: a word cut in half reads
/// worse than a few characters over the mark.
fn title_slug(title: &str) -> String {
    let mut slug = String::new();
    for word in slugify(title).split('-') {
        let separator = usize::from(!slug.is_empty());
        if slug.is_empty() && word.len() > SLUG_HARD_LIMIT {
            return word[..SLUG_HARD_LIMIT].to_owned();
        }
        if slug.len() + separator + word.len() > SLUG_HARD_LIMIT {
            break;
        }
        if separator == 1 {
            slug.push('-');
        }
        slug.push_str(word);
        if slug.len() >= SLUG_SOFT_LIMIT {
            break;
        }
    }
    slug
}

/// ASCII, lower-case, accents folded, every other run of characters one hyphen.
fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.chars() {
        let folded: Option<std::borrow::Cow<'static, str>> = if c.is_ascii_alphanumeric() {
            Some(c.to_ascii_lowercase().to_string().into())
        } else if is_combining_mark(c) {
            // "e" + U+0301 is "é" written in two code points: the mark folds away.
            continue;
        } else {
            ascii_fold(c).map(Into::into)
        };
        match folded {
            Some(ascii) => {
                if pending_hyphen && !slug.is_empty() {
                    slug.push('-');
                }
                pending_hyphen = false;
                slug.push_str(&ascii);
            }
            None => pending_hyphen = true,
        }
    }
    slug
}

fn is_combining_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Latin letters with diacritics (Latin-1 and Latin Extended-A, which cover
/// French and most European languages) to their ASCII letters.
fn ascii_fold(c: char) -> Option<&'static str> {
    const FOLDS: &[(&str, &str)] = &[
        ("ÀÁÂÃÄÅàáâãäåĀāĂăĄą", "a"),
        ("Ææ", "ae"),
        ("ÇçĆćĈĉĊċČč", "c"),
        ("ĎďĐđÐð", "d"),
        ("ÈÉÊËèéêëĒēĔĕĖėĘęĚě", "e"),
        ("ĜĝĞğĠġĢģ", "g"),
        ("ĤĥĦħ", "h"),
        ("ÌÍÎÏìíîïĨĩĪīĬĭĮįİı", "i"),
        ("Ĳĳ", "ij"),
        ("Ĵĵ", "j"),
        ("Ķķĸ", "k"),
        ("ĹĺĻļĽľĿŀŁł", "l"),
        ("ÑñŃńŅņŇňŉŊŋ", "n"),
        ("ÒÓÔÕÖØòóôõöøŌōŎŏŐő", "o"),
        ("Œœ", "oe"),
        ("ŔŕŖŗŘř", "r"),
        ("ŚśŜŝŞşŠšſ", "s"),
        ("ß", "ss"),
        ("ŢţŤťŦŧ", "t"),
        ("Þþ", "th"),
        ("ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲų", "u"),
        ("Ŵŵ", "w"),
        ("ÝýÿŶŷŸ", "y"),
        ("ŹźŻżŽž", "z"),
    ];
    FOLDS
        .iter()
        .find(|(letters, _)| letters.contains(c))
        .map(|(_, ascii)| *ascii)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::TextAnchor;

    fn claim_with(scale: &str, verdict: Option<&str>) -> Claim {
        let anchor = TextAnchor {
            start: 0,
            end: 1,
            exact: "x".into(),
            prefix: String::new(),
            suffix: String::new(),
        };
        let mut claim = Claim::new("id".into(), "doc".into(), anchor, "a".into(), "now");
        claim.scale = scale.into();
        claim.verdict = verdict.map(str::to_owned);
        claim
    }

    #[test]
    fn file_name_of_the_builtin_article() {
        let doc = crate::document::Document::builtin();
        assert_eq!(
            export_file_name(doc.title(), "2026-11-28T09:15:00Z", "claims", "csv"),
            "securite-made-in-china-comment-pekin-veut-exporter-son-modele-2026-11-28-claims.csv"
        );
    }

    #[test]
    fn file_names_fold_accents_and_fall_back_to_article() {
        let cases = [
            ("Œuvre d’Ære — ÉTÉ 2024 !", "oeuvre-d-aere-ete-2024"),
            ("Cafe\u{301} noir", "cafe-noir"),
            ("  --  ", "article"),
            ("🇨🇳 中国", "article"),
            ("<script>alert(1)</script>", "script-alert-1-script"),
            ("../../etc/passwd", "etc-passwd"),
        ];
        for (title, slug) in cases {
            assert_eq!(
                export_file_name(title, "2026-01-02", "report", "md"),
                format!("{slug}-2026-01-02-report.md"),
                "title {title:?}"
            );
        }
    }

    #[test]
    fn long_titles_stop_at_a_word_and_never_exceed_the_hard_limit() {
        let long_word = "a".repeat(200);
        assert_eq!(title_slug(&long_word).len(), SLUG_HARD_LIMIT);
        let words = "mot ".repeat(40);
        let slug = title_slug(&words);
        assert!(slug.len() >= SLUG_SOFT_LIMIT && slug.len() <= SLUG_HARD_LIMIT);
        assert!(!slug.ends_with('-'));
        let then_long = format!("{} {}", "b".repeat(58), "c".repeat(30));
        assert_eq!(title_slug(&then_long), "b".repeat(58));
    }

    #[test]
    fn date_part_takes_the_day_of_a_timestamp() {
        assert_eq!(date_part("2026-11-28T23:59:59Z"), "2026-11-28");
        assert_eq!(date_part("2026-11-28"), "2026-11-28");
        assert_eq!(date_part("<bad>"), "");
        assert_eq!(export_file_name("T", "", "sources", "csv"), "t-sources.csv");
    }

    #[test]
    fn verdict_words_for_ordinal_non_ordinal_missing_and_unknown() {
        let ordinal = claim_with("class-scale", Some("mostly-true"));
        let words = verdict_words(&ordinal);
        assert_eq!((words.en, words.fr), ("Mostly true", "Plutôt vrai"));
        assert_eq!(
            words.rating,
            Some(OrdinalRating {
                value: 4,
                worst: 1,
                best: 5
            })
        );
        let misleading = claim_with("class-scale", Some("misleading"));
        assert_eq!(verdict_words(&misleading).rating, None);
        let none = claim_with("class-scale", None);
        assert_eq!(verdict_words(&none).en, "No verdict yet");
        let unknown_id = claim_with("class-scale", Some("pants-on-fire"));
        assert_eq!(verdict_words(&unknown_id).en, "pants-on-fire");
        let unknown_scale = claim_with("politifact", Some("true"));
        let words = verdict_words(&unknown_scale);
        assert_eq!((words.en, words.rating), ("true", None));
        let claims = [std::rc::Rc::new(unknown_scale), std::rc::Rc::new(ordinal)];
        assert_eq!(
            scales_used(&claims),
            vec![
                ScaleUsed::Known(&CLASS_SCALE),
                ScaleUsed::Unknown("politifact")
            ]
        );
    }

    #[test]
    fn only_plausible_language_tags_are_used() {
        let mut doc = crate::document::Document::builtin();
        assert_eq!(document_language(&doc), Some("fr"));
        doc.lang = Some("fr\" onload=\"x".into());
        assert_eq!(document_language(&doc), None);
        doc.lang = None;
        assert_eq!(document_language(&doc), None);
        assert_eq!(language_name("fr-CA"), "French");
        assert_eq!(language_name("sw"), "sw");
    }
}
