//! Importing a file or a share link: the core reads, anchors and merges;
//! this saves the result all or nothing and says what happened.

use std::rc::Rc;

use annotator_core::claim::Claim;
use annotator_core::document::Document;
use annotator_core::exchange::import::{anchor_import, Parsed, MAX_LISTED_REJECTIONS};
use annotator_core::exchange::merge::merge;

use super::saver::{Saver, StorageHealth};
use super::storage::StorageError;
use super::timing::Step;

/// What an import changed, ready to dispatch, and the one status message.
pub struct Imported {
    pub changed: Vec<Rc<Claim>>,
    pub message: String,
}

/// How the status opens: a file is imported, a link is merged.
fn action(source_name: &str) -> String {
    if source_name == SHARE_LINK {
        "Merged the share link".to_owned()
    } else {
        format!("Imported “{source_name}”")
    }
}

/// The source as messages name it: “file.json”, or the share link.
fn named(source_name: &str) -> String {
    if source_name == SHARE_LINK {
        SHARE_LINK.to_owned()
    } else {
        format!("“{source_name}”")
    }
}

/// The name a share link goes by in messages.
pub const SHARE_LINK: &str = "the share link";

/// Merges `parsed` into `existing` (the claims of `document`) and saves the
/// changes. `Err` is the alert to show: then nothing was changed.
pub fn import_parsed(
    parsed: &Parsed,
    source_name: &str,
    document: &Document,
    existing: &[Rc<Claim>],
    now: &str,
    saver: &mut Saver,
    health: &StorageHealth,
) -> Result<Imported, String> {
    let step = Step::start("claim-annotator:import-anchor");
    let batch = anchor_import(parsed, document, now);
    let outcome = merge(existing, batch);
    step.end();
    // Every item refused: the file as a whole failed, which is an alert.
    let nothing_usable =
        outcome.added + outcome.updated + outcome.unchanged + outcome.kept_here == 0;
    if nothing_usable && !outcome.rejected.is_empty() {
        let reasons: Vec<String> = outcome
            .rejected
            .iter()
            .take(MAX_LISTED_REJECTIONS)
            .map(ToString::to_string)
            .collect();
        let more = outcome.rejected.len().saturating_sub(MAX_LISTED_REJECTIONS);
        return Err(format!(
            "Nothing was imported from {}. Every annotation in it was refused. Your claims are unchanged.\n{}{}",
            named(source_name),
            reasons.join("\n"),
            if more > 0 { format!("\n…and {more} more refused.") } else { String::new() }
        ));
    }
    let step = Step::start("claim-annotator:import-save");
    let saved = saver.save_all_or_nothing(&outcome.changed, health);
    step.end();
    match saved {
        Ok(()) => Ok(Imported {
            message: outcome.summary(&action(source_name)),
            changed: outcome.changed,
        }),
        Err(StorageError::Full) => Err(format!(
            "Nothing was imported from {}: the browser's storage is full ({} claims would not fit). Your claims are unchanged. Delete some work or download it first.",
            named(source_name),
            outcome.changed.len()
        )),
        Err(StorageError::Refused(why)) => Err(format!(
            "Nothing was imported from {}: the browser refused to save ({why}). Your claims are unchanged.",
            named(source_name)
        )),
    }
}
