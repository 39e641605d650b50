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

use serde_json::{json, Map, Value};

use crate::claim::{Claim, SourceNote};
use crate::document::Document;
use crate::source_url::is_safe_link;
use crate::verdict::{VerdictScale, CLASS_SCALE};

use super::document_iri;

pub const ANNO_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// The project's vocabulary. Not dereferenceable on purpose: nothing may be
/// fetched at run time, and JSON-LD processors only need the IRI.
pub const CA_NAMESPACE: &str = "urn:x-claim-annotator:ns#";

fn context() -> Value {
    json!([ANNO_CONTEXT, { "ca": CA_NAMESPACE }])
}

/// What the collection says about the article it annotates.
pub struct ExportedDocument<'a> {
    pub document: &'a Document,
    /// The article's own text and whether it is Markdown, for a document a
    /// recipient may not have (share links); `None` for the built-in article
    /// and for file exports.
    pub source: Option<(&'a str, bool)>,
}

/// The whole export: an `AnnotationCollection` of the claims, in document
/// order, with the scale used. `collection_id` is a fresh UUID, `now` ISO 8601.
pub fn export_collection(
    exported: &ExportedDocument,
    claims: &[&Claim],
    now: &str,
    collection_id: &str,
) -> Value {
    let doc = exported.document;
    let iri = document_iri(&doc.id);
    let mut described = Map::new();
    described.insert("id".into(), json!(iri));
    described.insert("ca:title".into(), json!(doc.title()));
    if let Some(lang) = &doc.lang {
        described.insert("ca:language".into(), json!(lang));
    }
    if let Some((text, markdown)) = exported.source {
        described.insert("ca:text".into(), json!(text));
        described.insert("ca:markdown".into(), json!(markdown));
    }
    let mut collection = json!({
        "@context": context(),
        "id": format!("urn:uuid:{collection_id}"),
        "type": "AnnotationCollection",
        "label": format!("Claims checked in “{}”", doc.title()),
        "total": claims.len(),
        "created": now,
        "generator": generator(),
        "ca:document": Value::Object(described),
        "ca:verdictScale": scale_json(&CLASS_SCALE),
    });
    if !claims.is_empty() {
        collection["first"] = json!({
            "id": format!("urn:uuid:{collection_id}#page-1"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": claims.iter().map(|c| annotation(c, &iri)).collect::<Vec<_>>(),
        });
    }
    collection
}

fn generator() -> Value {
    json!({
        "type": "Software",
        "name": concat!("claim-annotator ", env!("CARGO_PKG_VERSION")),
    })
}

fn scale_json(scale: &VerdictScale) -> Value {
    json!({
        "id": format!("{CA_NAMESPACE}scale-{}", scale.id),
        "ca:scaleId": scale.id,
        "ca:name": scale.name,
        "ca:verdicts": scale.verdicts.iter().map(|v| {
            let mut verdict = json!({
                "ca:verdictId": v.id,
                "ca:labelEn": v.label_en,
                "ca:labelFr": v.label_fr,
            });
            if let Some(rating) = v.rating {
                verdict["ca:rating"] = json!(rating);
            }
            verdict
        }).collect::<Vec<_>>(),
    })
}

/// One claim as a standalone W3C annotation (it carries its own context).
pub fn annotation(claim: &Claim, document_iri: &str) -> Value {
    let a = &claim.anchor;
    let mut body = Vec::new();
    if let Some(verdict) = &claim.verdict {
        let label = CLASS_SCALE.label_en(Some(verdict));
        body.push(json!({
            "type": "TextualBody",
            "purpose": "assessing",
            "value": label,
            "format": "text/plain",
            "language": "en",
            "ca:verdict": verdict,
        }));
    }
    if !claim.conclusion.is_empty() {
        body.push(json!({
            "type": "TextualBody",
            "purpose": "commenting",
            "value": claim.conclusion,
            "format": "text/plain",
        }));
    }
    for tag in &claim.tags {
        body.push(json!({ "type": "TextualBody", "purpose": "tagging", "value": tag }));
    }
    for source in claim.sources.iter().filter(|s| is_safe_link(&s.url)) {
        body.push(json!({
            "type": "SpecificResource",
            "purpose": "linking",
            "source": source.url,
        }));
    }
    let assessed =
        claim.verdict.is_some() || !claim.conclusion.is_empty() || !claim.sources.is_empty();
    let mut out = json!({
        "@context": context(),
        "id": format!("urn:uuid:{}", claim.id),
        "type": "Annotation",
        "motivation": if assessed { "assessing" } else { "highlighting" },
        "created": claim.created,
        "modified": claim.modified,
        "target": {
            "source": document_iri,
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": a.exact,
                    "prefix": a.prefix,
                    "suffix": a.suffix,
                },
                { "type": "TextPositionSelector", "start": a.start, "end": a.end },
            ],
        },
        "ca:verdictScale": claim.scale,
    });
    // `"body": []` fails the W3C assertions: no body at all instead.
    if !body.is_empty() {
        out["body"] = Value::Array(body);
    }
    if !claim.author.is_empty() {
        out["creator"] = json!({ "type": "Person", "name": claim.author });
    }
    if !claim.claimant.is_empty() {
        out["ca:claimant"] = json!(claim.claimant);
    }
    if !claim.sources.is_empty() {
        out["ca:sourceNotes"] = claim.sources.iter().map(source_note).collect();
    }
    out
}

fn source_note(source: &SourceNote) -> Value {
    json!({
        "ca:noteId": source.id,
        "ca:url": source.url,
        "ca:title": source.title,
        "ca:excerpt": source.excerpt,
        "ca:stance": source.stance.id(),
        "ca:independent": source.independent.id(),
        "ca:accessed": source.accessed,
        "ca:archivedUrl": source.archived_url,
    })
}
