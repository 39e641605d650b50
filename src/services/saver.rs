//! Keeping the work: reads everything at start-up, then writes only what
//! changed, one small value per claim. Never writes while stored data is
//! damaged (until the reader decides) or from a newer version.

use std::collections::HashMap;
use std::rc::Rc;

use annotator_core::claim::Claim;
use annotator_core::document::Document;
use annotator_core::persist::{self, Loaded, Settings, StoredDocument};
use annotator_core::store::Store;

use super::storage::{LocalStore, StorageError};

/// What is wrong with storage, if anything. Several can hold at once.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StorageHealth {
    /// localStorage is blocked or missing: the work lives in this tab only.
    pub unavailable: bool,
    /// Data from a newer version of the app: read-only.
    pub newer: bool,
    /// Damaged values `(key, raw)`, backed up and left in place.
    pub damaged: Vec<(String, String)>,
    /// The last write failed because storage is full.
    pub full: bool,
}

impl StorageHealth {
    pub fn can_write(&self) -> bool {
        !self.unavailable && !self.newer && self.damaged.is_empty()
    }
}

pub struct Saver {
    storage: Option<LocalStore>,
    /// The claims as last written (or read), by id.
    saved: HashMap<String, Rc<Claim>>,
    document: String,
    author: String,
    /// The current document's claims as of the last sync.
    current: Rc<Vec<Rc<Claim>>>,
    /// Claims of documents left while they had changes storage did not take
    /// (saving paused, blocked or full): reopening such a document in this
    /// tab brings them back instead of the older stored copy.
    unsaved: HashMap<String, Vec<Rc<Claim>>>,
    /// `claim-annotator/schema` is known to be written: no need to read it
    /// again on every save.
    schema_written: bool,
}

pub struct Startup {
    pub store: Store,
    pub health: StorageHealth,
    pub saver: Saver,
}

const MEASURE: &str = "claim-annotator:save";
const MEASURE_START: &str = "claim-annotator:save-start";

impl Saver {
    /// Opens storage, reads it, backs up what is damaged, and picks the
    /// document to show (the last one opened, else the built-in article).
    pub fn start() -> Startup {
        let storage = LocalStore::open();
        let mut health = StorageHealth {
            unavailable: storage.is_none(),
            ..StorageHealth::default()
        };
        let entries = storage
            .as_ref()
            .map(|s| s.entries(persist::PREFIX))
            .unwrap_or_default();
        let loaded = persist::load(entries.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        health.newer = loaded.is_newer();
        for (key, raw) in loaded.damaged() {
            health.damaged.push((key.to_owned(), raw.to_owned()));
        }
        let document = Rc::new(current_document(&loaded));
        let claims = loaded.claims_of(&document.id);
        let saved = claims.iter().map(|c| (c.id.clone(), c.clone())).collect();
        let store = Store::new(document.clone(), claims, loaded.settings.author.clone());
        let saver = Saver {
            storage,
            saved,
            document: document.id.clone(),
            author: loaded.settings.author,
            current: store.claims.clone(),
            unsaved: HashMap::new(),
            schema_written: false,
        };
        Startup {
            store,
            health,
            saver,
        }
    }

    /// The claims of a document: kept in this tab if they could not be
    /// saved, else read afresh from storage (another tab may have added some).
    pub fn claims_of(&self, document: &str) -> Vec<Rc<Claim>> {
        match self.unsaved.get(document) {
            Some(claims) => claims.clone(),
            None => self.stored_claims(document),
        }
    }

    fn stored_claims(&self, document: &str) -> Vec<Rc<Claim>> {
        let Some(storage) = &self.storage else {
            return Vec::new();
        };
        let entries = storage.entries(&persist::claim_key(document, ""));
        persist::load(entries.iter().map(|(k, v)| (k.as_str(), v.as_str()))).claims_of(document)
    }

    /// Brings storage in line with `store`: the current document, the
    /// author, and each claim that changed since the last write.
    pub fn sync(&mut self, store: &Store, health: &StorageHealth) -> Result<(), StorageError> {
        if store.document.id != self.document {
            let (pending, gone) = persist::plan_claim_writes(&self.saved, &self.current);
            let left = std::mem::replace(&mut self.document, store.document.id.clone());
            if pending.is_empty() && gone.is_empty() {
                self.unsaved.remove(&left);
            } else {
                self.unsaved.insert(left, self.current.to_vec());
            }
            // What storage holds is the saved state; the store's claims came
            // from storage (adopted, so later syncs compare pointers) or from
            // `unsaved` (then they differ, and are written when storage can).
            self.unsaved.remove(&self.document);
            let in_store: HashMap<&str, &Rc<Claim>> =
                store.claims.iter().map(|c| (c.id.as_str(), c)).collect();
            self.saved = self
                .stored_claims(&self.document)
                .into_iter()
                .map(|stored| {
                    let same = in_store
                        .get(stored.id.as_str())
                        .filter(|c| ****c == *stored);
                    (stored.id.clone(), same.map_or(stored, |c| Rc::clone(c)))
                })
                .collect();
            if health.can_write() {
                self.write(
                    persist::CURRENT_DOCUMENT_KEY,
                    &persist::encode_current_document(&self.document),
                )?;
            }
        }
        self.current = store.claims.clone();
        if !health.can_write() {
            return Ok(());
        }
        let Some(storage) = self.storage.clone() else {
            return Ok(());
        };
        // Timed with the User Timing API, so benchmarks read what a save costs.
        let performance = web_sys::window().and_then(|w| w.performance());
        if let Some(performance) = &performance {
            performance.clear_measures_with_measure_name(MEASURE);
            let _ = performance.mark(MEASURE_START);
        }
        if !self.schema_written {
            if storage.get(persist::SCHEMA_KEY).is_none() {
                storage.set(persist::SCHEMA_KEY, &persist::encode_schema())?;
            }
            self.schema_written = true;
        }
        if store.author != self.author {
            storage.set(
                persist::SETTINGS_KEY,
                &persist::encode(&Settings {
                    author: store.author.clone(),
                }),
            )?;
            self.author = store.author.clone();
        }
        let (changed, removed) = persist::plan_claim_writes(&self.saved, &store.claims);
        for claim in changed {
            storage.set(
                &persist::claim_key(&claim.document, &claim.id),
                &persist::encode(&**claim),
            )?;
            self.saved.insert(claim.id.clone(), claim.clone());
        }
        for id in removed {
            storage.remove(&persist::claim_key(&self.document, &id))?;
            self.saved.remove(&id);
        }
        if let Some(performance) = performance {
            let _ = performance.measure_with_start_mark(MEASURE, MEASURE_START);
            performance.clear_marks_with_mark_name(MEASURE_START);
        }
        Ok(())
    }

    /// Writes imported claims all or nothing: if storage refuses one, the
    /// ones already written are put back as they were, so storage holds
    /// exactly what it held before. With storage unusable (blocked,
    /// read-only) nothing is written and the claims live in this tab.
    pub fn save_all_or_nothing(
        &mut self,
        claims: &[Rc<Claim>],
        health: &StorageHealth,
    ) -> Result<(), StorageError> {
        let storage = match &self.storage {
            Some(storage) if health.can_write() => storage.clone(),
            _ => return Ok(()),
        };
        let mut written: Vec<(String, Option<String>)> = Vec::with_capacity(claims.len());
        for claim in claims {
            let key = persist::claim_key(&claim.document, &claim.id);
            let before = storage.get(&key);
            if let Err(error) = storage.set(&key, &persist::encode(&**claim)) {
                for (key, before) in written.into_iter().rev() {
                    // Removing first frees the room the old value needs.
                    let _ = storage.remove(&key);
                    if let Some(before) = before {
                        let _ = storage.set(&key, &before);
                    }
                }
                return Err(error);
            }
            written.push((key, before));
        }
        // `saved` describes the current document only: claims written for
        // another one (a share link opening its article) are found in
        // storage when that document becomes current.
        for claim in claims.iter().filter(|c| c.document == self.document) {
            self.saved.insert(claim.id.clone(), claim.clone());
        }
        Ok(())
    }

    fn write(&self, key: &str, value: &str) -> Result<(), StorageError> {
        match &self.storage {
            Some(storage) => storage.set(key, value),
            None => Ok(()),
        }
    }

    /// Keeps a document the reader opened, so a reload shows it again.
    pub fn save_document(
        &self,
        document: &Document,
        source: StoredDocument,
        health: &StorageHealth,
    ) -> Result<(), StorageError> {
        if document.builtin || !health.can_write() {
            return Ok(());
        }
        self.write(
            &persist::document_key(&document.id),
            &persist::encode(&source),
        )
    }

    /// The source a document was opened from, as kept in storage.
    pub fn stored_source(&self, document: &str) -> Option<StoredDocument> {
        let key = persist::document_key(document);
        let raw = self.storage.as_ref()?.get(&key)?;
        persist::load([(key.as_str(), raw.as_str())])
            .documents
            .remove(document)
    }

    /// A claim another tab wrote: remembered as saved, so it is not written back.
    pub fn note_external(&mut self, claim: &Rc<Claim>) {
        if claim.document == self.document {
            self.saved.insert(claim.id.clone(), claim.clone());
        }
    }

    /// A claim another tab deleted.
    pub fn note_external_removal(&mut self, id: &str) {
        self.saved.remove(id);
    }

    pub fn current_document(&self) -> &str {
        &self.document
    }

    /// Copies each damaged value to a backup key (called once, after the
    /// first render). An existing backup is never replaced: a different
    /// value goes to the next free slot. Returns the keys left without one.
    pub fn back_up(&self, damaged: &[(String, String)]) -> Vec<String> {
        let Some(storage) = &self.storage else {
            return damaged.iter().map(|(k, _)| k.clone()).collect();
        };
        damaged
            .iter()
            .filter(|(key, raw)| {
                let slots = (1..=9).map(|n| match n {
                    1 => persist::backup_key(key),
                    n => format!("{}#{n}", persist::backup_key(key)),
                });
                for slot in slots {
                    match storage.get(&slot) {
                        Some(existing) if existing == *raw => return false,
                        Some(_) => continue,
                        None => return storage.set(&slot, raw).is_err(),
                    }
                }
                true
            })
            .map(|(key, _)| key.clone())
            .collect()
    }

    /// The reader chose to drop damaged values. Only those whose backup
    /// holds exactly the damaged value are removed; returns the keys kept.
    pub fn discard(&self, damaged: &[(String, String)]) -> Vec<String> {
        let Some(storage) = &self.storage else {
            return Vec::new();
        };
        let not_backed_up = self.back_up(damaged);
        for (key, _) in damaged {
            if !not_backed_up.contains(key) {
                let _ = storage.remove(key);
            }
        }
        not_backed_up
    }
}

/// Restores the stored document of a reopened session, or the built-in article.
fn current_document(loaded: &Loaded) -> Document {
    let builtin = Document::builtin();
    match loaded.current_document.as_deref() {
        Some(id) if id != builtin.id => loaded
            .documents
            .get(id)
            .and_then(StoredDocument::parse)
            .filter(|doc| doc.id == id)
            .unwrap_or(builtin),
        _ => builtin,
    }
}

/// A whole document's work as JSON, for the reader to download when it
/// cannot be saved (same format as storage, one object).
pub fn work_as_json(store: &Store) -> String {
    #[derive(serde::Serialize)]
    struct Work<'a> {
        schema: u32,
        document: &'a str,
        title: &'a str,
        claims: Vec<&'a Claim>,
    }
    serde_json::to_string_pretty(&Work {
        schema: persist::SCHEMA_VERSION,
        document: &store.document.id,
        title: store.document.title(),
        claims: store.claims.iter().map(|c| &**c).collect(),
    })
    .unwrap_or_default()
}
