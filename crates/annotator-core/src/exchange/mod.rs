//! Exchange with the outside world: W3C Web Annotation export and import,
//! other tools' formats, and share links. Pure functions; the shell only
//! reads files, writes downloads and touches storage.

/// The stable IRI of a document, derived from its content hash (the document
/// id), so two people's exports of the same article name the same source.
/// Hypothesis names PDFs the same way (`urn:x-pdf:<fingerprint>`).
pub fn document_iri(document_id: &str) -> String {
    let hash = document_id.strip_prefix("doc-").unwrap_or(document_id);
    format!("urn:x-claim-annotator:document:fnv1a64:{hash}")
}

pub mod import;
pub mod merge;
pub mod share;
pub mod timestamp;
pub mod w3c;
