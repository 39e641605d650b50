//! The persistence format: which localStorage keys hold what, how values are
//! versioned, and how a set of stored entries is read back, including the
//! damaged ones. The shell only moves strings in and out of storage.
//!
//! One key per claim (`claim-annotator/claim/<document>/<claim>`), so a
//! keystroke rewrites one small value, and two tabs never overwrite each
//! other's claims. Every value is a JSON object carrying `"schema"`.

use std::collections::HashMap;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::claim::Claim;
use crate::document::{Document, SourceFormat};

pub const SCHEMA_VERSION: u32 = 1;
pub const PREFIX: &str = "claim-annotator/";
/// The layout version of everything under `PREFIX`. A newer app that changes
/// the layout raises it; this version then only reads.
pub const SCHEMA_KEY: &str = "claim-annotator/schema";
pub const SETTINGS_KEY: &str = "claim-annotator/settings";
pub const CURRENT_DOCUMENT_KEY: &str = "claim-annotator/current-document";
const CLAIM_PREFIX: &str = "claim-annotator/claim/";
const DOCUMENT_PREFIX: &str = "claim-annotator/document/";
/// Backups live outside `PREFIX`, so they are never read back as data.
pub const BACKUP_PREFIX: &str = "claim-annotator-backup/";

pub fn claim_key(document: &str, claim: &str) -> String {
    format!("{CLAIM_PREFIX}{document}/{claim}")
}

pub fn document_key(document: &str) -> String {
    format!("{DOCUMENT_PREFIX}{document}")
}

pub fn backup_key(key: &str) -> String {
    format!("{BACKUP_PREFIX}{key}")
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Settings {
    #[serde(default)]
    pub author: String,
}

/// A document the reader opened, kept as its source so it re-parses the same.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredDocument {
    pub source: String,
    pub markdown: bool,
}

impl StoredDocument {
    pub fn parse(&self) -> Option<Document> {
        let format = if self.markdown {
            SourceFormat::Markdown
        } else {
            SourceFormat::PlainText
        };
        Document::parse(&self.source, format).ok()
    }
}

#[derive(Serialize)]
struct EnvelopeOut<'a, T> {
    schema: u32,
    #[serde(flatten)]
    value: &'a T,
}

#[derive(Deserialize)]
struct Version {
    schema: u32,
}

pub fn encode<T: Serialize>(value: &T) -> String {
    serde_json::to_string(&EnvelopeOut {
        schema: SCHEMA_VERSION,
        value,
    })
    .expect("plain data serialises")
}

pub fn encode_current_document(id: &str) -> String {
    #[derive(Serialize)]
    struct Current<'a> {
        document: &'a str,
    }
    encode(&Current { document: id })
}

pub fn encode_schema() -> String {
    SCHEMA_VERSION.to_string()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A value that cannot be read. It is copied to `backup_key(key)` and
    /// left in place until the reader decides.
    Damaged { key: String, raw: String },
    /// Written by a newer version of the app: this version only reads.
    Newer { key: String, version: u32 },
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Loaded {
    pub settings: Settings,
    pub current_document: Option<String>,
    pub documents: HashMap<String, StoredDocument>,
    pub claims: HashMap<String, Vec<Rc<Claim>>>,
    pub problems: Vec<Problem>,
}

impl Loaded {
    pub fn is_newer(&self) -> bool {
        self.problems
            .iter()
            .any(|p| matches!(p, Problem::Newer { .. }))
    }

    pub fn damaged(&self) -> impl Iterator<Item = (&str, &str)> {
        self.problems.iter().filter_map(|p| match p {
            Problem::Damaged { key, raw } => Some((key.as_str(), raw.as_str())),
            Problem::Newer { .. } => None,
        })
    }

    pub fn claims_of(&self, document: &str) -> Vec<Rc<Claim>> {
        self.claims.get(document).cloned().unwrap_or_default()
    }
}

fn decode<T: for<'de> Deserialize<'de>>(key: &str, raw: &str) -> Result<T, Problem> {
    let damaged = || Problem::Damaged {
        key: key.to_owned(),
        raw: raw.to_owned(),
    };
    let version: Version = serde_json::from_str(raw).map_err(|_| damaged())?;
    if version.schema > SCHEMA_VERSION {
        return Err(Problem::Newer {
            key: key.to_owned(),
            version: version.schema,
        });
    }
    serde_json::from_str(raw).map_err(|_| damaged())
}

/// Reads every stored entry under `PREFIX`. Nothing is dropped silently:
/// what cannot be read is reported as a problem, with its raw value.
pub fn load<'a>(entries: impl IntoIterator<Item = (&'a str, &'a str)>) -> Loaded {
    let mut loaded = Loaded::default();
    for (key, raw) in entries {
        if !key.starts_with(PREFIX) {
            continue;
        }
        let result = if key == SCHEMA_KEY {
            match raw.trim().parse::<u32>() {
                Ok(version) if version > SCHEMA_VERSION => Err(Problem::Newer {
                    key: key.to_owned(),
                    version,
                }),
                Ok(_) => Ok(()),
                Err(_) => Err(Problem::Damaged {
                    key: key.to_owned(),
                    raw: raw.to_owned(),
                }),
            }
        } else if key == SETTINGS_KEY {
            decode::<Settings>(key, raw).map(|settings| loaded.settings = settings)
        } else if key == CURRENT_DOCUMENT_KEY {
            #[derive(Deserialize)]
            struct Current {
                document: String,
            }
            decode::<Current>(key, raw).map(|c| loaded.current_document = Some(c.document))
        } else if let Some(id) = key.strip_prefix(DOCUMENT_PREFIX) {
            decode::<StoredDocument>(key, raw).map(|doc| {
                loaded.documents.insert(id.to_owned(), doc);
            })
        } else if key.starts_with(CLAIM_PREFIX) {
            decode_claim(key, raw).map(|claim| {
                loaded
                    .claims
                    .entry(claim.document.clone())
                    .or_default()
                    .push(Rc::new(claim));
            })
        } else {
            Ok(()) // a key of a later version this one does not know: left alone
        };
        if let Err(problem) = result {
            loaded.problems.push(problem);
        }
    }
    loaded
}

/// Reads one claim value (stored, or just written by another tab). A claim
/// that fails `Claim::check`, or stored under another claim's key (it would
/// be saved back under its own and leave a duplicate), is damaged.
pub fn decode_claim(key: &str, raw: &str) -> Result<Claim, Problem> {
    let claim: Claim = decode(key, raw)?;
    if claim_key(&claim.document, &claim.id) != key || claim.check().is_err() {
        return Err(Problem::Damaged {
            key: key.to_owned(),
            raw: raw.to_owned(),
        });
    }
    Ok(claim)
}

/// What to write so storage matches `current`, given what was last written
/// (`saved`, by claim id): claims whose `Rc` changed, and claims that are gone.
/// Comparing pointers makes this O(claims) with no serialisation.
pub fn plan_claim_writes<'a>(
    saved: &HashMap<String, Rc<Claim>>,
    current: &'a [Rc<Claim>],
) -> (Vec<&'a Rc<Claim>>, Vec<String>) {
    let mut new_ids = 0;
    let changed: Vec<&Rc<Claim>> = current
        .iter()
        .filter(|c| match saved.get(&c.id) {
            None => {
                new_ids += 1;
                true
            }
            // Equal content under another pointer (a claim echoed back from
            // another tab) needs no write.
            Some(s) => !Rc::ptr_eq(s, c) && **s != ***c,
        })
        .collect();
    // Every current claim is either saved already or new; when the counts
    // add up, nothing saved is missing and the set difference can be skipped.
    let removed = if saved.len() + new_ids == current.len() {
        Vec::new()
    } else {
        let present: std::collections::HashSet<&str> =
            current.iter().map(|c| c.id.as_str()).collect();
        saved
            .keys()
            .filter(|id| !present.contains(id.as_str()))
            .cloned()
            .collect()
    };
    (changed, removed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::anchor_range;

    #[test]
    fn claims_with_impossible_ids_offsets_or_sources_are_damaged() {
        let good = sample_claim("66666666-6666-4666-8666-666666666666");
        let mut bad_id = good.clone();
        bad_id.id = String::new();
        let mut huge = good.clone();
        huge.anchor.start = usize::MAX - 1;
        huge.anchor.end = usize::MAX;
        let mut reversed = good.clone();
        reversed.anchor.start = 5;
        reversed.anchor.end = 2;
        let mut twin_sources = good.clone();
        twin_sources.sources = vec![Default::default(), Default::default()];
        for claim in [bad_id, huge, reversed, twin_sources] {
            let key = claim_key(&claim.document, &claim.id);
            let raw = encode(&claim);
            assert!(
                matches!(decode_claim(&key, &raw), Err(Problem::Damaged { .. })),
                "{raw}"
            );
        }
        let key = claim_key(&good.document, &good.id);
        assert_eq!(decode_claim(&key, &encode(&good)), Ok(good));
    }

    fn sample_claim(id: &str) -> Claim {
        let doc = Document::builtin();
        let anchor = anchor_range(&doc, 0, 8).unwrap();
        Claim::new(
            id.into(),
            doc.id.clone(),
            anchor,
            "Camille".into(),
            "2026-11-28T10:00:00.000Z",
        )
    }

    #[test]
    fn a_claim_round_trips_through_its_key_and_value() {
        let mut claim = sample_claim("11111111-1111-4111-8111-111111111111");
        claim.conclusion = "Intention, pas un fait — « vérifiable » 😀".into();
        claim.tags = vec!["chiffres".into()];
        let key = claim_key(&claim.document, &claim.id);
        let raw = encode(&claim);
        assert!(raw.starts_with("{\"schema\":1,"), "{raw}");
        let loaded = load([(key.as_str(), raw.as_str())]);
        assert!(loaded.problems.is_empty());
        assert_eq!(*loaded.claims_of(&claim.document)[0], claim);
    }

    #[test]
    fn damaged_values_are_reported_with_their_raw_text_and_the_rest_loads() {
        let good = sample_claim("22222222-2222-4222-8222-222222222222");
        let good_key = claim_key(&good.document, &good.id);
        let good_raw = encode(&good);
        let bad_key = claim_key(&good.document, "33333333-3333-4333-8333-333333333333");
        let misplaced_key = claim_key(&good.document, "44444444-4444-4444-8444-444444444444");
        let entries = [
            (good_key.as_str(), good_raw.as_str()),
            (bad_key.as_str(), "{not json"),
            (misplaced_key.as_str(), good_raw.as_str()),
            (SETTINGS_KEY, "{\"schema\":1,\"author\":42}"),
            ("unrelated-app/key", "whatever"),
            ("claim-annotator-backup/x", "{broken"),
        ];
        let loaded = load(entries);
        assert_eq!(loaded.claims_of(&good.document).len(), 1);
        let damaged: Vec<(&str, &str)> = loaded.damaged().collect();
        assert_eq!(
            damaged,
            vec![
                (bad_key.as_str(), "{not json"),
                (misplaced_key.as_str(), good_raw.as_str()),
                (SETTINGS_KEY, "{\"schema\":1,\"author\":42}")
            ]
        );
        assert!(!loaded.is_newer());
        assert_eq!(
            backup_key(&bad_key),
            format!("claim-annotator-backup/{bad_key}")
        );
    }

    #[test]
    fn values_from_a_newer_schema_make_the_app_read_only() {
        let newer_value = load([(
            SETTINGS_KEY,
            "{\"schema\":2,\"author\":\"x\",\"theme\":\"dark\"}",
        )]);
        assert!(newer_value.is_newer());
        let newer_layout = load([(SCHEMA_KEY, "3")]);
        assert_eq!(
            newer_layout.problems,
            vec![Problem::Newer {
                key: SCHEMA_KEY.into(),
                version: 3
            }]
        );
        assert!(!load([(SCHEMA_KEY, "1")]).is_newer());
    }

    #[test]
    fn settings_current_document_and_stored_documents_load() {
        let doc = StoredDocument {
            source: "# Titre\n\nTexte.".into(),
            markdown: true,
        };
        let doc_id = doc.parse().unwrap().id;
        let doc_key = document_key(&doc_id);
        let doc_raw = encode(&doc);
        let current = encode_current_document(&doc_id);
        let settings = encode(&Settings {
            author: "Léa".into(),
        });
        let loaded = load([
            (doc_key.as_str(), doc_raw.as_str()),
            (CURRENT_DOCUMENT_KEY, current.as_str()),
            (SETTINGS_KEY, settings.as_str()),
        ]);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert_eq!(loaded.settings.author, "Léa");
        assert_eq!(loaded.current_document.as_deref(), Some(doc_id.as_str()));
        assert_eq!(loaded.documents[&doc_id].parse().unwrap().title(), "Titre");
    }

    #[test]
    fn plans_writes_for_changed_claims_and_removals_only() {
        let a = Rc::new(sample_claim("a"));
        let b = Rc::new(sample_claim("b"));
        let saved: HashMap<String, Rc<Claim>> =
            [("a".to_string(), a.clone()), ("b".to_string(), b.clone())].into();
        let mut edited = (*a).clone();
        edited.conclusion = "edited".into();
        let c = Rc::new(sample_claim("c"));
        let current = vec![Rc::new(edited), c.clone()];
        let (changed, removed) = plan_claim_writes(&saved, &current);
        let changed_ids: Vec<&str> = changed.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(changed_ids, vec!["a", "c"]);
        assert_eq!(removed, vec!["b".to_string()]);
        let unchanged = vec![a.clone(), b.clone()];
        let (changed, removed) = plan_claim_writes(&saved, &unchanged);
        assert!(changed.is_empty() && removed.is_empty());
        let echoed = vec![Rc::new((*a).clone()), b.clone()];
        let (changed, removed) = plan_claim_writes(&saved, &echoed);
        assert!(
            changed.is_empty() && removed.is_empty(),
            "same content, other pointer: no write"
        );
        let only_b = vec![b];
        let (changed, removed) = plan_claim_writes(&saved, &only_b);
        assert!(changed.is_empty());
        assert_eq!(removed, vec!["a".to_string()]);
    }
}
