//! schema.org `ClaimReview` JSON-LD, the format search engines and
//! fact-check aggregators read, one review per claim that has a verdict.

use std::rc::Rc;

use serde_json::{json, Map, Value};

use crate::claim::{Claim, SourceNote};
use crate::document::Document;
use crate::exchange::document_iri;
use crate::source_url::is_safe_link;

use super::{claim_iri, document_language, known_scale, verdict_words};

/// The reviews as a JSON array, in the order of `claims`. Claims without a
/// verdict are left out: a ClaimReview without a rating says nothing.
pub fn claim_reviews(doc: &Document, claims: &[Rc<Claim>]) -> Value {
    let article = article_work(doc);
    Value::Array(
        claims
            .iter()
            .filter(|claim| claim.verdict.is_some())
            .map(|claim| claim_review(claim, &article))
            .collect(),
    )
}

/// [`claim_reviews`] as pretty-printed text, for a `.jsonld` download.
pub fn claim_review_json(doc: &Document, claims: &[Rc<Claim>]) -> String {
    let mut text = serde_json::to_string_pretty(&claim_reviews(doc, claims))
        .expect("a JSON value always serialises");
    text.push('\n');
    text
}

fn claim_review(claim: &Claim, article: &Value) -> Value {
    let mut review = Map::new();
    review.insert("@context".into(), json!("https://schema.org"));
    review.insert("@type".into(), json!("ClaimReview"));
    // `identifier`, not `@id`: the W3C export uses the same IRI as the
    // annotation's `@id`, and one node with two unrelated types would merge.
    review.insert("identifier".into(), json!(claim_iri(claim)));
    review.insert("claimReviewed".into(), json!(claim.anchor.exact));
    review.insert("reviewRating".into(), rating(claim));
    review.insert("itemReviewed".into(), reviewed_claim(claim, article));
    if !claim.author.trim().is_empty() {
        review.insert("author".into(), named("Person", &claim.author));
    }
    review.insert("datePublished".into(), json!(claim.created));
    review.insert("dateModified".into(), json!(claim.modified));
    if !claim.conclusion.trim().is_empty() {
        review.insert("reviewBody".into(), json!(claim.conclusion));
    }
    if !claim.tags.is_empty() {
        review.insert("keywords".into(), json!(claim.tags.join(", ")));
    }
    if !claim.sources.is_empty() {
        let citations: Vec<Value> = claim.sources.iter().map(citation).collect();
        review.insert("citation".into(), Value::Array(citations));
    }
    Value::Object(review)
}

/// `alternateName` always (the verdict in words); the numbers only on an
/// ordinal scale, as Google's guidelines ask. The scale is named so the
/// rating can be read without this app.
fn rating(claim: &Claim) -> Value {
    let words = verdict_words(claim);
    let mut rating = Map::new();
    rating.insert("@type".into(), json!("Rating"));
    rating.insert("alternateName".into(), json!(words.en));
    if let Some(r) = words.rating {
        rating.insert("ratingValue".into(), json!(r.value));
        rating.insert("bestRating".into(), json!(r.best));
        rating.insert("worstRating".into(), json!(r.worst));
    }
    let scale_name = known_scale(&claim.scale).map_or(claim.scale.as_str(), |s| s.name);
    rating.insert(
        "description".into(),
        json!(format!("Verdict on the {scale_name} ({})", claim.scale)),
    );
    Value::Object(rating)
}

fn reviewed_claim(claim: &Claim, article: &Value) -> Value {
    let mut reviewed = Map::new();
    reviewed.insert("@type".into(), json!("Claim"));
    if !claim.claimant.trim().is_empty() {
        // The claimant is free text ("Wang Xiaohong, minister of public
        // security"): whether a person or an organisation is not recorded,
        // so it is a `Thing` rather than a guess.
        reviewed.insert("author".into(), named("Thing", &claim.claimant));
    }
    reviewed.insert("appearance".into(), article.clone());
    Value::Object(reviewed)
}

/// The annotated article, named by its stable IRI (it may have no URL).
fn article_work(doc: &Document) -> Value {
    let mut work = Map::new();
    work.insert("@type".into(), json!("CreativeWork"));
    work.insert("@id".into(), json!(document_iri(&doc.id)));
    if !doc.title().trim().is_empty() {
        work.insert("name".into(), json!(doc.title()));
    }
    if let Some(lang) = document_language(doc) {
        work.insert("inLanguage".into(), json!(lang));
    }
    Value::Object(work)
}

/// A source as a cited work. Only http(s) addresses go in `url`: consumers
/// render it as a link. Another scheme is kept as `description` text so the
/// note is not silently lost.
fn citation(source: &SourceNote) -> Value {
    let mut work = Map::new();
    work.insert("@type".into(), json!("CreativeWork"));
    let url = source.url.trim();
    if is_safe_link(url) {
        work.insert("url".into(), json!(url));
    } else if !url.is_empty() {
        work.insert(
            "description".into(),
            json!(format!("Address not linked (not http or https): {url}")),
        );
    }
    if !source.title.trim().is_empty() {
        work.insert("name".into(), json!(source.title));
    }
    let archived = source.archived_url.trim();
    if is_safe_link(archived) {
        work.insert("archivedAt".into(), json!(archived));
    }
    Value::Object(work)
}

fn named(kind: &str, name: &str) -> Value {
    json!({ "@type": kind, "name": name })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::anchor_exact;

    fn claim(doc: &Document, verdict: Option<&str>) -> Rc<Claim> {
        let mut claim = Claim::new(
            "0b5e8a52-3c1d-4f6e-9a7b-2c3d4e5f6a7b".into(),
            doc.id.clone(),
            anchor_exact(doc, 0, 8),
            "Élève 3".into(),
            "2026-11-28T09:00:00Z",
        );
        claim.verdict = verdict.map(str::to_owned);
        Rc::new(claim)
    }

    #[test]
    fn ordinal_verdicts_carry_numbers_and_others_only_words() {
        let doc = Document::builtin();
        let reviews = claim_reviews(
            &doc,
            &[
                claim(&doc, Some("mostly-false")),
                claim(&doc, Some("misleading")),
                claim(&doc, None),
            ],
        );
        let reviews = reviews.as_array().unwrap();
        assert_eq!(reviews.len(), 2, "no review without a verdict");
        let ordinal = &reviews[0]["reviewRating"];
        assert_eq!(ordinal["alternateName"], "Mostly false");
        assert_eq!(
            (
                &ordinal["ratingValue"],
                &ordinal["worstRating"],
                &ordinal["bestRating"]
            ),
            (&json!(2), &json!(1), &json!(5))
        );
        let words_only = reviews[1]["reviewRating"].as_object().unwrap();
        assert_eq!(words_only["alternateName"], "Misleading");
        assert!(!words_only.contains_key("ratingValue"));
        assert!(!words_only.contains_key("bestRating"));
        assert_eq!(reviews[0]["claimReviewed"], "Sécurité");
        assert_eq!(
            reviews[0]["itemReviewed"]["appearance"]["@id"],
            document_iri(&doc.id)
        );
        assert_eq!(reviews[0]["author"]["name"], "Élève 3");
    }

    #[test]
    fn unknown_verdicts_are_named_as_stored() {
        let doc = Document::builtin();
        let mut unknown = (*claim(&doc, Some("pants-on-fire"))).clone();
        unknown.scale = "politifact".into();
        let reviews = claim_reviews(&doc, &[Rc::new(unknown)]);
        let rating = reviews[0]["reviewRating"].as_object().unwrap();
        assert_eq!(rating["alternateName"], "pants-on-fire");
        assert!(!rating.contains_key("ratingValue"));
        assert!(rating["description"]
            .as_str()
            .unwrap()
            .contains("politifact"));
    }

    #[test]
    fn only_web_addresses_are_cited_as_urls() {
        let safe = SourceNote {
            url: "https://example.org".into(),
            archived_url: "javascript:alert(1)".into(),
            ..SourceNote::default()
        };
        let unsafe_url = SourceNote {
            url: "javascript:alert(1)".into(),
            title: "T".into(),
            archived_url: "https://web.archive.org/x".into(),
            ..SourceNote::default()
        };
        assert_eq!(
            citation(&safe),
            json!({"@type": "CreativeWork", "url": "https://example.org"})
        );
        let cited = citation(&unsafe_url);
        assert!(cited.get("url").is_none());
        assert_eq!(cited["archivedAt"], "https://web.archive.org/x");
    }
}
