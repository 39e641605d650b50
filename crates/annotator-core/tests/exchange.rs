//! W3C export and import: golden file, export → import round trip field by
//! field, other tools' formats, merging, and the bad-input fixtures kept in
//! `e2e/fixtures/bad-input/` (the same files the browser journeys import).

use std::path::{Path, PathBuf};
use std::rc::Rc;

use annotator_core::anchor::anchor_exact;
use annotator_core::claim::{Claim, Independence, SourceNote, Stance};
use annotator_core::document::{Document, SourceFormat};
use annotator_core::exchange::import::{anchor_import, parse_import, Format, ImportError};
use annotator_core::exchange::merge::merge;
use annotator_core::exchange::w3c::{export_collection, ExportedDocument};
use annotator_core::exchange::{document_iri, share};
use annotator_core::text::char_len;

const NOW: &str = "2026-11-28T10:00:00.000Z";

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn offset_of(doc: &Document, phrase: &str) -> (usize, usize) {
    let byte = doc
        .text
        .find(phrase)
        .unwrap_or_else(|| panic!("{phrase} not in text"));
    let start = char_len(&doc.text[..byte]);
    (start, start + char_len(phrase))
}

fn claim_on(doc: &Document, id: &str, phrase: &str) -> Claim {
    let (start, end) = offset_of(doc, phrase);
    Claim::new(
        id.into(),
        doc.id.clone(),
        anchor_exact(doc, start, end),
        "Élève 3 😀".into(),
        "2026-11-20T09:00:00.000Z",
    )
}

/// Claims exercising every field, on the built-in article.
fn sample_claims(doc: &Document) -> Vec<Claim> {
    let mut full = claim_on(
        doc,
        "0b6f1d2e-3c4a-4b5c-8d6e-7f8091a2b3c4",
        "3.000 policiers",
    );
    full.verdict = Some("not-checkable".into());
    full.conclusion = "Une intention, pas un fait : « former » est au futur.\nDeux lignes.".into();
    full.claimant = "Wang Xiaohong, ministre de la Sécurité publique".into();
    full.tags = vec!["chiffre".into(), "intention".into()];
    full.modified = "2026-11-21T08:30:00.000Z".into();
    full.sources = vec![
        SourceNote {
            id: "5d2c9a41-6b7e-4f80-9a1b-2c3d4e5f6a7b".into(),
            url: "https://www.mps.gov.cn/n2254314/index.html".into(),
            title: "Communiqué du ministère".into(),
            excerpt: "« 3 000 » <b>policiers</b>".into(),
            stance: Stance::Supports,
            independent: Independence::No,
            accessed: "2026-11-21".into(),
            archived_url: "https://web.archive.org/web/2026/https://www.mps.gov.cn/".into(),
        },
        SourceNote {
            id: "6e3d0b52-7c8f-4091-8b2c-3d4e5f6a7b8c".into(),
            url: String::new(),
            title: "Note sans adresse".into(),
            excerpt: String::new(),
            stance: Stance::Context,
            independent: Independence::Unknown,
            accessed: "2026-11-22".into(),
            archived_url: String::new(),
        },
    ];
    let mut rated = claim_on(doc, "1c7a2e3f-4d5b-4c6d-9e7f-8091a2b3c4d5", "Xi Jinping");
    rated.verdict = Some("mostly-false".into());
    let bare = claim_on(doc, "2d8b3f40-5e6c-4d7e-8f80-91a2b3c4d5e6", "Pékin");
    vec![full, rated, bare]
}

fn export(doc: &Document, claims: &[Claim]) -> String {
    let refs: Vec<&Claim> = claims.iter().collect();
    export_collection(
        &ExportedDocument {
            document: doc,
            source: None,
        },
        &refs,
        NOW,
        "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a",
    )
}

#[test]
fn export_matches_the_golden_file() {
    let doc = Document::builtin();
    let json = export(&doc, &sample_claims(&doc));
    let golden = repo_root().join("crates/annotator-core/tests/golden/w3c-collection.jsonld");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        std::fs::write(&golden, &json).unwrap();
        panic!("golden file written: review it, then run again without UPDATE_GOLDEN");
    }
    let expected = std::fs::read_to_string(&golden)
        .expect("golden file missing: run with UPDATE_GOLDEN=1 once and review it");
    assert_eq!(
        json, expected,
        "export changed: review, then UPDATE_GOLDEN=1"
    );
}

#[test]
fn export_then_import_loses_nothing() {
    let doc = Document::builtin();
    let claims = sample_claims(&doc);
    let parsed = parse_import(export(&doc, &claims).as_bytes()).unwrap();
    assert_eq!(parsed.format, Format::ClaimAnnotator);
    let batch = anchor_import(&parsed, &doc, "2030-01-01T00:00:00Z");
    assert!(batch.rejected.is_empty(), "{:?}", batch.rejected);
    assert_eq!(batch.claims.len(), claims.len());
    for (imported, original) in batch.claims.iter().zip(&claims) {
        assert!(imported.anchored);
        let c = &imported.claim;
        assert_eq!(c.id, original.id);
        assert_eq!(c.document, original.document);
        assert_eq!(c.anchor, original.anchor);
        assert_eq!(c.verdict, original.verdict);
        assert_eq!(c.scale, original.scale);
        assert_eq!(c.conclusion, original.conclusion);
        assert_eq!(c.claimant, original.claimant);
        assert_eq!(c.tags, original.tags);
        assert_eq!(c.sources, original.sources);
        assert_eq!(c.author, original.author);
        assert_eq!(c.created, original.created);
        assert_eq!(c.modified, original.modified);
        assert_eq!(c, original);
    }
}

#[test]
fn the_document_iri_is_stable_and_content_derived() {
    let a = Document::builtin();
    let b = Document::parse(&a.text, SourceFormat::PlainText).unwrap();
    assert_eq!(document_iri(&a.id), document_iri(&b.id));
    let c = Document::parse("Autre\n\nTexte.", SourceFormat::PlainText).unwrap();
    assert_ne!(document_iri(&a.id), document_iri(&c.id));
    assert!(document_iri(&a.id).starts_with("urn:x-claim-annotator:document:fnv1a64:"));
}

#[test]
fn a_share_payload_carries_the_article_text() {
    let doc = Document::parse("Titre 😀\n\nLe texte collé.", SourceFormat::PlainText).unwrap();
    let claim = claim_on(&doc, "3e9c4051-6f7d-4e8f-9091-a2b3c4d5e6f7", "texte");
    let value = export_collection(
        &ExportedDocument {
            document: &doc,
            source: Some(("Titre 😀\n\nLe texte collé.", false)),
        },
        &[&claim],
        NOW,
        "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a",
    );
    let parsed = parse_import(value.as_bytes()).unwrap();
    let carried = parsed.document.clone().expect("the text travels");
    assert_eq!(carried.source, "Titre 😀\n\nLe texte collé.");
    assert_eq!(carried.title, "Titre 😀");
    let opened = Document::parse(&carried.source, SourceFormat::PlainText).unwrap();
    assert_eq!(opened.id, doc.id);
    let batch = anchor_import(&parsed, &opened, NOW);
    assert_eq!(batch.claims[0].claim, claim);
    let link = share::fragment(&[1, 2, 250, 251, 252]);
    assert_eq!(
        share::read_fragment(&link),
        Some(Ok(vec![1, 2, 250, 251, 252]))
    );
}

#[test]
fn w3c_annotations_from_other_tools_are_read() {
    let doc = Document::builtin();
    let (start, end) = offset_of(&doc, "Xi Jinping");
    let single = format!(
        r#"{{"@context":"http://www.w3.org/ns/anno.jsonld","id":"http://example.org/anno/1","type":"Annotation",
        "motivation":"commenting","creator":{{"type":"Person","nickname":"prof"}},
        "body":[{{"type":"TextualBody","value":"Vérifier la date."}},
                {{"type":"TextualBody","purpose":"tagging","value":"date"}},
                {{"type":"TextualBody","purpose":"assessing","value":"Plutôt vrai"}},
                {{"id":"https://fr.wikipedia.org/wiki/Xi_Jinping","purpose":"linking"}}],
        "target":{{"source":"{}","selector":{{"type":"TextPositionSelector","start":{start},"end":{end}}}}}}}"#,
        document_iri(&doc.id)
    );
    let parsed = parse_import(single.as_bytes()).unwrap();
    assert_eq!(parsed.format, Format::W3c);
    let batch = anchor_import(&parsed, &doc, NOW);
    assert!(batch.rejected.is_empty(), "{:?}", batch.rejected);
    let c = &batch.claims[0].claim;
    assert_eq!(c.anchor.exact, "Xi Jinping");
    assert_eq!(c.conclusion, "Vérifier la date.");
    assert_eq!(c.tags, ["date"]);
    assert_eq!(c.verdict.as_deref(), Some("mostly-true"));
    assert_eq!(c.author, "prof");
    assert_eq!(c.sources[0].url, "https://fr.wikipedia.org/wiki/Xi_Jinping");
    assert!(annotator_core::claim::is_uuid(&c.id));
    // The same foreign id gives the same claim id: a second import updates.
    let again = anchor_import(&parse_import(single.as_bytes()).unwrap(), &doc, NOW);
    assert_eq!(again.claims[0].claim.id, c.id);

    // An array, a page, and a collection of the same annotation.
    for wrapped in [
        format!("[{single}]"),
        format!(r#"{{"type":"AnnotationPage","items":[{single}]}}"#),
        format!(
            r#"{{"type":"AnnotationCollection","id":"urn:uuid:9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a","first":{{"type":"AnnotationPage","items":[{single}]}}}}"#
        ),
    ] {
        let batch = anchor_import(&parse_import(wrapped.as_bytes()).unwrap(), &doc, NOW);
        assert_eq!(batch.claims.len(), 1, "{wrapped}");
    }
}

#[test]
fn a_hypothesis_export_comes_over() {
    let doc = Document::builtin();
    let file = repo_root().join("e2e/fixtures/good/hypothesis-builtin.json");
    let bytes = std::fs::read(&file).expect("the Hypothesis fixture is in the repo");
    let parsed = parse_import(&bytes).unwrap();
    assert_eq!(parsed.format, Format::Hypothesis);
    let batch = anchor_import(&parsed, &doc, NOW);
    assert_eq!(batch.claims.len(), 3, "{:?}", batch.rejected);
    assert_eq!(batch.rejected.len(), 1, "{:?}", batch.rejected);
    assert!(batch.claims.iter().all(|c| c.anchored));
    for c in &batch.claims {
        assert_eq!(
            doc.slice(c.claim.anchor.start, c.claim.anchor.end),
            c.claim.anchor.exact
        );
        assert!(!c.claim.author.is_empty());
    }
    assert!(
        batch
            .rejected
            .iter()
            .any(|r| r.reason.contains("page note")),
        "{:?}",
        batch.rejected
    );
}

#[test]
fn merging_keeps_the_newer_copy_and_counts_everything() {
    let doc = Document::builtin();
    let claims = sample_claims(&doc);
    let existing: Vec<Rc<Claim>> = claims.iter().cloned().map(Rc::new).collect();
    let mut file = claims.clone();
    file[0].conclusion = "Plus récent".into();
    file[0].modified = "2026-11-25T00:00:00.000Z".into();
    file[1].conclusion = "Plus ancien".into();
    file[1].modified = "2026-11-01T00:00:00+01:00".into();
    let mut added = claim_on(&doc, "4fa05162-7081-4f90-a1a2-b3c4d5e6f708", "Interpol");
    added.conclusion = "Nouveau".into();
    file.push(added);
    let parsed = parse_import(export(&doc, &file).as_bytes()).unwrap();
    let outcome = merge(&existing, anchor_import(&parsed, &doc, NOW));
    assert_eq!(
        (
            outcome.added,
            outcome.updated,
            outcome.kept_here,
            outcome.unchanged,
            outcome.orphaned
        ),
        (1, 1, 1, 1, 0)
    );
    let ids: Vec<&str> = outcome.changed.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, [file[0].id.as_str(), file[3].id.as_str()]);
    let summary = outcome.summary("Imported “classe.jsonld”");
    assert!(
        summary.contains("1 added, 1 updated, 0 orphaned, 0 rejected"),
        "{summary}"
    );
    assert!(summary.contains("newer copy was kept"), "{summary}");
}

#[test]
fn an_edited_copy_re_anchors_and_a_deleted_passage_is_orphaned() {
    let original = Document::builtin();
    let claims = vec![
        claim_on(
            &original,
            "5ab16273-8192-4a01-b2b3-c4d5e6f70819",
            "Xi Jinping",
        ),
        claim_on(
            &original,
            "6bc27384-92a3-4b12-83c4-d5e6f708192a",
            "Interpol",
        ),
    ];
    let json = export(&original, &claims);
    // Edited: a sentence inserted at the top, and "Interpol" gone.
    let edited_text = original
        .text
        .replacen(
            "\n\n",
            "\n\nUne phrase ajoutée au début de l'article.\n\n",
            1,
        )
        .replace("Interpol", "une organisation");
    let edited = Document::parse(&edited_text, SourceFormat::PlainText).unwrap();
    let parsed = parse_import(json.as_bytes()).unwrap();
    let batch = anchor_import(&parsed, &edited, NOW);
    assert!(batch.rejected.is_empty(), "{:?}", batch.rejected);
    let xi = &batch.claims[0];
    assert!(xi.anchored);
    assert_eq!(
        edited.slice(xi.claim.anchor.start, xi.claim.anchor.end),
        "Xi Jinping"
    );
    assert_eq!(xi.claim.document, edited.id);
    assert!(
        !batch.claims[1].anchored,
        "the deleted passage is an orphan"
    );
    assert_eq!(batch.claims[1].claim.anchor.exact, "Interpol");
}

#[test]
fn annotations_for_another_article_are_refused_with_a_reason() {
    let doc = Document::builtin();
    let foreign = r#"{"@context":"http://www.w3.org/ns/anno.jsonld","id":"urn:uuid:7cd38495-a3b4-4c23-94d5-e6f708192a3b","type":"Annotation",
      "target":{"source":"https://example.org/other-article","selector":{"type":"TextQuoteSelector","exact":"The quick brown fox jumps over the lazy dog"}}}"#;
    let batch = anchor_import(&parse_import(foreign.as_bytes()).unwrap(), &doc, NOW);
    assert!(batch.claims.is_empty());
    assert!(
        batch.rejected[0].reason.contains("another article"),
        "{:?}",
        batch.rejected
    );
}

#[test]
fn whole_file_refusals_say_what_is_wrong() {
    let cases: Vec<(Vec<u8>, ImportError)> = vec![
        (Vec::new(), ImportError::Empty),
        (b"   \n".to_vec(), ImportError::Empty),
        (
            b"hello".to_vec(),
            ImportError::NotJson { line: 1, column: 1 },
        ),
        (
            b"{\"type\": \"Annotation\"".to_vec(),
            ImportError::Truncated,
        ),
        (
            b"42".to_vec(),
            ImportError::NotAnnotations {
                found: "it is a number",
            },
        ),
        (
            b"[]".to_vec(),
            ImportError::NotAnnotations {
                found: "the list is empty",
            },
        ),
        ("[".repeat(10_000).into_bytes(), ImportError::TooDeep),
        (vec![0x89, b'P', b'N', b'G', 0, 0], ImportError::NotText),
        (
            br#"{"type":"AnnotationCollection","first":"https://example.org/page1"}"#.to_vec(),
            ImportError::OnlineOnly,
        ),
    ];
    for (bytes, expected) in cases {
        let got = parse_import(&bytes).unwrap_err();
        assert_eq!(got, expected);
        assert!(got.to_string().ends_with('.'), "{got}");
    }
    let big = vec![b' '; annotator_core::exchange::import::MAX_IMPORT_BYTES + 1];
    assert!(matches!(
        parse_import(&big),
        Err(ImportError::TooLarge { .. })
    ));
}

#[test]
fn utf16_and_bom_prefixed_exports_are_read() {
    let doc = Document::builtin();
    let json = export(&doc, &sample_claims(&doc));
    let mut with_bom = vec![0xEF, 0xBB, 0xBF];
    with_bom.extend_from_slice(json.as_bytes());
    let mut le = vec![0xFF, 0xFE];
    le.extend(json.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = vec![0xFE, 0xFF];
    be.extend(json.encode_utf16().flat_map(u16::to_be_bytes));
    for bytes in [with_bom, le, be] {
        let batch = anchor_import(&parse_import(&bytes).unwrap(), &doc, NOW);
        assert_eq!(batch.claims.len(), 3);
    }
}

/// Every file in `e2e/fixtures/bad-input/`: refused whole with a message, or
/// item by item with reasons; what is imported never holds an unsafe link.
#[test]
fn bad_input_fixtures_are_refused_or_read_safely() {
    let doc = Document::builtin();
    let dir = repo_root().join("e2e/fixtures/bad-input");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("the bad-input fixtures are in the repo")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "md"))
        .collect();
    entries.sort();
    assert!(
        entries.len() >= 25,
        "only {} bad-input files",
        entries.len()
    );
    for path in entries {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        match parse_import(&bytes) {
            Err(why) => assert!(
                why.to_string().len() > 30 && why.to_string().ends_with('.'),
                "{name}: {why}"
            ),
            Ok(parsed) => {
                let batch = anchor_import(&parsed, &doc, NOW);
                assert!(
                    !batch.rejected.is_empty() || !batch.claims.is_empty(),
                    "{name}: neither imported nor refused"
                );
                for r in &batch.rejected {
                    assert!(r.reason.ends_with('.'), "{name}: {}", r.reason);
                }
                for c in &batch.claims {
                    assert!(c.claim.check().is_ok(), "{name}");
                    for s in &c.claim.sources {
                        assert!(
                            s.url.is_empty() || annotator_core::source_url::is_safe_link(&s.url),
                            "{name}: unsafe link {}",
                            s.url
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn a_claim_card_with_thousands_of_tags_or_sources_is_refused() {
    let doc = Document::builtin();
    let tags: Vec<String> = (0..20_000)
        .map(|i| format!(r#"{{"type":"TextualBody","purpose":"tagging","value":"t{i}"}}"#))
        .collect();
    let file = format!(
        r#"{{"type":"Annotation","target":{{"selector":{{"type":"TextQuoteSelector","exact":"Xi Jinping"}}}},"body":[{}]}}"#,
        tags.join(",")
    );
    let batch = anchor_import(&parse_import(file.as_bytes()).unwrap(), &doc, NOW);
    assert!(batch.claims.is_empty());
    assert!(
        batch.rejected[0].reason.contains("more than 100 tags"),
        "{:?}",
        batch.rejected
    );
    let tags: Vec<String> = (0..20_000).map(|i| format!("\"t{i}\"")).collect();
    let hypothesis = format!(
        r#"{{"annotations":[{{"id":"x","target":[{{"selector":[{{"type":"TextQuoteSelector","exact":"Xi Jinping"}}]}}],"tags":[{}]}}]}}"#,
        tags.join(",")
    );
    let batch = anchor_import(&parse_import(hypothesis.as_bytes()).unwrap(), &doc, NOW);
    assert!(batch.rejected[0].reason.contains("more than 100 tags"));
}

#[test]
fn an_orphan_without_a_position_stays_an_orphan_once_stored() {
    let doc = Document::builtin();
    // A near-miss of the title's first word, with no position or context.
    let file = r#"{"type":"Annotation","created":"2026-11-20T10:00:00Z",
      "target":{"selector":{"type":"TextQuoteSelector","exact":"Sxcuryté"}}}"#;
    let batch = anchor_import(&parse_import(file.as_bytes()).unwrap(), &doc, NOW);
    let orphan = &batch.claims[0];
    assert!(!orphan.anchored);
    assert!(orphan.claim.check().is_ok());
    // The highlights locate the stored anchor again: it must not land now.
    let anchorer = annotator_core::anchor::Anchorer::new(&doc);
    assert_eq!(anchorer.locate(&orphan.claim.anchor), None);
}

#[test]
fn an_undated_annotation_never_replaces_a_claim_edited_here() {
    let doc = Document::builtin();
    let file = r#"{"type":"Annotation","id":"http://example.org/anno/1","bodyValue":"theirs",
      "target":{"selector":{"type":"TextQuoteSelector","exact":"Xi Jinping"}}}"#;
    let first = merge(
        &[],
        anchor_import(&parse_import(file.as_bytes()).unwrap(), &doc, NOW),
    );
    assert_eq!(first.added, 1);
    let mut mine = (*first.changed[0]).clone();
    mine.conclusion = "mine".into();
    mine.modified = "2026-11-29T08:00:00.000Z".into();
    let later = "2026-12-10T00:00:00.000Z";
    let again = merge(
        &[Rc::new(mine)],
        anchor_import(&parse_import(file.as_bytes()).unwrap(), &doc, later),
    );
    assert_eq!((again.added, again.updated, again.kept_here), (0, 0, 1));
    assert!(again.changed.is_empty());
}

#[test]
fn a_modification_date_in_the_future_is_brought_back_to_now() {
    let doc = Document::builtin();
    let file = r#"{"type":"Annotation","created":"2026-11-20T10:00:00Z","modified":"9999-12-31T23:59:59Z",
      "target":{"selector":{"type":"TextQuoteSelector","exact":"Xi Jinping"}}}"#;
    let batch = anchor_import(&parse_import(file.as_bytes()).unwrap(), &doc, NOW);
    assert_eq!(batch.claims[0].claim.modified, NOW);
}

#[test]
fn a_download_my_work_file_is_imported_whole() {
    let doc = Document::builtin();
    let claims = sample_claims(&doc);
    // The shape `src/services/saver.rs::work_as_json` writes.
    let file = serde_json::json!({
        "schema": 1,
        "document": doc.id,
        "title": doc.title(),
        "claims": claims,
    })
    .to_string();
    let parsed = parse_import(file.as_bytes()).unwrap();
    assert_eq!(parsed.format, Format::SavedWork);
    let batch = anchor_import(&parsed, &doc, NOW);
    assert!(batch.rejected.is_empty(), "{:?}", batch.rejected);
    let back: Vec<&Claim> = batch.claims.iter().map(|c| &c.claim).collect();
    assert_eq!(back, claims.iter().collect::<Vec<_>>());
}

#[test]
fn a_verdict_on_another_scale_is_kept_in_words_not_mapped() {
    let doc = Document::builtin();
    let file = r#"{"type":"Annotation","created":"2026-11-20T10:00:00Z","ca:verdictScale":"politifact",
      "body":{"type":"TextualBody","purpose":"assessing","value":"True","ca:verdict":"true"},
      "target":{"selector":{"type":"TextQuoteSelector","exact":"Xi Jinping"}}}"#;
    let batch = anchor_import(&parse_import(file.as_bytes()).unwrap(), &doc, NOW);
    let claim = &batch.claims[0].claim;
    assert_eq!(claim.verdict, None);
    assert_eq!(claim.conclusion, "Verdict on the “politifact” scale: True");
}
