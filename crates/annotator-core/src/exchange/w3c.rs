//! Claims as W3C Web Annotations (JSON-LD), and back.
//!
//! A claim is an `Annotation` with motivation `assessing` (a bare highlight:
//! `highlighting`); its span is a `TextQuoteSelector` plus a
//! `TextPositionSelector` in code points; its verdict, conclusion and tags
//! are `TextualBody`s, its sources `linking` bodies. What the standard has
//! no slot for (claimant, verdict id and scale, the full source notes) goes
//! in terms of the project's own context, `ca:`, so export then import loses
//! nothing. An export is an `AnnotationCollection` whose first page embeds
//! every annotation.

use serde::Serialize;

use crate::claim::{Claim, SourceNote};
use crate::document::Document;
use crate::source_url::is_safe_link;
use crate::verdict::{VerdictScale, CLASS_SCALE};

use super::document_iri;

pub const ANNO_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// The project's vocabulary. Not dereferenceable on purpose: nothing may be
/// fetched at run time, and JSON-LD processors only need the IRI.
pub const CA_NAMESPACE: &str = "urn:x-claim-annotator:ns#";

// The export is written through derived `Serialize` structs rather than
// `serde_json::json!`: the macro builds every object key by key at run time,
// which costs the wasm about 10 kB more than this.

/// `["http://www.w3.org/ns/anno.jsonld", {"ca": "urn:x-claim-annotator:ns#"}]`
type Context = (&'static str, CaPrefix);

#[derive(Serialize)]
struct CaPrefix {
    ca: &'static str,
}

const CONTEXT: Context = (ANNO_CONTEXT, CaPrefix { ca: CA_NAMESPACE });

/// What the collection says about the article it annotates.
pub struct ExportedDocument<'a> {
    pub document: &'a Document,
    /// The article's own text and whether it is Markdown, for a document a
    /// recipient may not have (share links); `None` for the built-in article
    /// and for file exports.
    pub source: Option<(&'a str, bool)>,
}

#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: Context,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    label: String,
    total: usize,
    created: &'a str,
    generator: Generator,
    #[serde(rename = "ca:document")]
    document: DocumentDescription<'a>,
    #[serde(rename = "ca:verdictScale")]
    scale: Scale,
    #[serde(skip_serializing_if = "Option::is_none")]
    first: Option<Page<'a>>,
}

#[derive(Serialize)]
struct Generator {
    #[serde(rename = "type")]
    kind: &'static str,
    name: &'static str,
}

const GENERATOR: Generator = Generator {
    kind: "Software",
    name: concat!("claim-annotator ", env!("CARGO_PKG_VERSION")),
};

#[derive(Serialize)]
struct DocumentDescription<'a> {
    id: String,
    #[serde(rename = "ca:title")]
    title: &'a str,
    #[serde(rename = "ca:language", skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(rename = "ca:text", skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    #[serde(rename = "ca:markdown", skip_serializing_if = "Option::is_none")]
    markdown: Option<bool>,
}

#[derive(Serialize)]
struct Scale {
    id: String,
    #[serde(rename = "ca:scaleId")]
    scale_id: &'static str,
    #[serde(rename = "ca:name")]
    name: &'static str,
    #[serde(rename = "ca:verdicts")]
    verdicts: Vec<ScaleVerdict>,
}

#[derive(Serialize)]
struct ScaleVerdict {
    #[serde(rename = "ca:verdictId")]
    id: &'static str,
    #[serde(rename = "ca:labelEn")]
    label_en: &'static str,
    #[serde(rename = "ca:labelFr")]
    label_fr: &'static str,
    #[serde(rename = "ca:rating", skip_serializing_if = "Option::is_none")]
    rating: Option<u8>,
}

#[derive(Serialize)]
struct Page<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Vec<Annotation<'a>>,
}

/// The whole export: an `AnnotationCollection` of the claims, in document
/// order, with the scale used, as pretty-printed JSON. `collection_id` is a
/// fresh UUID, `now` ISO 8601.
pub fn export_collection(
    exported: &ExportedDocument,
    claims: &[&Claim],
    now: &str,
    collection_id: &str,
) -> String {
    let collection = collection(exported, claims, now, collection_id);
    serde_json::to_string_pretty(&collection).expect("plain data serialises")
}

/// The same collection without white space, for share links.
pub fn export_collection_compact(
    exported: &ExportedDocument,
    claims: &[&Claim],
    now: &str,
    collection_id: &str,
) -> String {
    let collection = collection(exported, claims, now, collection_id);
    serde_json::to_string(&collection).expect("plain data serialises")
}

fn collection<'a>(
    exported: &ExportedDocument<'a>,
    claims: &[&'a Claim],
    now: &'a str,
    collection_id: &str,
) -> Collection<'a> {
    let doc = exported.document;
    let iri = document_iri(&doc.id);
    Collection {
        context: CONTEXT,
        id: format!("urn:uuid:{collection_id}"),
        kind: "AnnotationCollection",
        label: format!("Claims checked in “{}”", doc.title()),
        total: claims.len(),
        created: now,
        generator: GENERATOR,
        scale: scale(&CLASS_SCALE),
        first: (!claims.is_empty()).then(|| Page {
            id: format!("urn:uuid:{collection_id}#page-1"),
            kind: "AnnotationPage",
            start_index: 0,
            items: claims.iter().map(|c| annotation(c, iri.clone())).collect(),
        }),
        document: DocumentDescription {
            id: iri,
            title: doc.title(),
            language: doc.lang.as_deref(),
            text: exported.source.map(|(text, _)| text),
            markdown: exported.source.map(|(_, markdown)| markdown),
        },
    }
}

fn scale(scale: &VerdictScale) -> Scale {
    Scale {
        id: format!("{CA_NAMESPACE}scale-{}", scale.id),
        scale_id: scale.id,
        name: scale.name,
        verdicts: scale
            .verdicts
            .iter()
            .map(|v| ScaleVerdict {
                id: v.id,
                label_en: v.label_en,
                label_fr: v.label_fr,
                rating: v.rating,
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct Annotation<'a> {
    #[serde(rename = "@context")]
    context: Context,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    created: &'a str,
    modified: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    creator: Option<Person<'a>>,
    // `"body": []` fails the W3C assertions: no body at all instead.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    body: Vec<Body<'a>>,
    target: Target<'a>,
    #[serde(rename = "ca:verdictScale")]
    scale: &'a str,
    #[serde(rename = "ca:claimant", skip_serializing_if = "str::is_empty")]
    claimant: &'a str,
    #[serde(rename = "ca:sourceNotes", skip_serializing_if = "Vec::is_empty")]
    source_notes: Vec<SourceNoteOut<'a>>,
}

#[derive(Serialize)]
struct Person<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    name: &'a str,
}

/// A TextualBody (verdict, conclusion, tag) or a linked source.
#[derive(Serialize)]
struct Body<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'static str>,
    #[serde(rename = "ca:verdict", skip_serializing_if = "Option::is_none")]
    verdict: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
}

impl<'a> Body<'a> {
    fn text(purpose: &'static str, value: &'a str) -> Body<'a> {
        Body {
            kind: "TextualBody",
            purpose,
            value: Some(value),
            format: None,
            language: None,
            verdict: None,
            source: None,
        }
    }
}

#[derive(Serialize)]
struct Target<'a> {
    source: String,
    selector: (QuoteSelector<'a>, PositionSelector),
}

#[derive(Serialize)]
struct QuoteSelector<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    exact: &'a str,
    prefix: &'a str,
    suffix: &'a str,
}

#[derive(Serialize)]
struct PositionSelector {
    #[serde(rename = "type")]
    kind: &'static str,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct SourceNoteOut<'a> {
    #[serde(rename = "ca:noteId")]
    id: &'a str,
    #[serde(rename = "ca:url")]
    url: &'a str,
    #[serde(rename = "ca:title")]
    title: &'a str,
    #[serde(rename = "ca:excerpt")]
    excerpt: &'a str,
    #[serde(rename = "ca:stance")]
    stance: &'static str,
    #[serde(rename = "ca:independent")]
    independent: &'static str,
    #[serde(rename = "ca:accessed")]
    accessed: &'a str,
    #[serde(rename = "ca:archivedUrl")]
    archived_url: &'a str,
}

fn annotation(claim: &Claim, document_iri: String) -> Annotation<'_> {
    let a = &claim.anchor;
    let mut body = Vec::new();
    if let Some(verdict) = &claim.verdict {
        body.push(Body {
            format: Some("text/plain"),
            language: Some("en"),
            verdict: Some(verdict),
            ..Body::text("assessing", CLASS_SCALE.label_en(Some(verdict)))
        });
    }
    if !claim.conclusion.is_empty() {
        body.push(Body {
            format: Some("text/plain"),
            ..Body::text("commenting", &claim.conclusion)
        });
    }
    body.extend(claim.tags.iter().map(|tag| Body::text("tagging", tag)));
    body.extend(
        claim
            .sources
            .iter()
            .filter(|s| is_safe_link(&s.url))
            .map(|s| Body {
                kind: "SpecificResource",
                purpose: "linking",
                value: None,
                format: None,
                language: None,
                verdict: None,
                source: Some(&s.url),
            }),
    );
    let assessed =
        claim.verdict.is_some() || !claim.conclusion.is_empty() || !claim.sources.is_empty();
    Annotation {
        context: CONTEXT,
        id: format!("urn:uuid:{}", claim.id),
        kind: "Annotation",
        motivation: if assessed {
            "assessing"
        } else {
            "highlighting"
        },
        created: &claim.created,
        modified: &claim.modified,
        creator: (!claim.author.is_empty()).then_some(Person {
            kind: "Person",
            name: &claim.author,
        }),
        body,
        target: Target {
            source: document_iri,
            selector: (
                QuoteSelector {
                    kind: "TextQuoteSelector",
                    exact: &a.exact,
                    prefix: &a.prefix,
                    suffix: &a.suffix,
                },
                PositionSelector {
                    kind: "TextPositionSelector",
                    start: a.start,
                    end: a.end,
                },
            ),
        },
        scale: &claim.scale,
        claimant: &claim.claimant,
        source_notes: claim.sources.iter().map(source_note).collect(),
    }
}

fn source_note(source: &SourceNote) -> SourceNoteOut<'_> {
    SourceNoteOut {
        id: &source.id,
        url: &source.url,
        title: &source.title,
        excerpt: &source.excerpt,
        stance: source.stance.id(),
        independent: source.independent.id(),
        accessed: &source.accessed,
        archived_url: &source.archived_url,
    }
}
