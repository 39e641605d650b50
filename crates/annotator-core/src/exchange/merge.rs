//! Merging imported claims into the reader's own: new ids are added; for an
//! id already here the newer `modified` wins, and the conflict is counted so
//! the reader is told. Pure: the shell saves `changed` all or nothing.

use std::collections::HashMap;
use std::rc::Rc;

use crate::claim::Claim;

use super::import::{ImportBatch, Rejected, MAX_LISTED_REJECTIONS};
use super::timestamp::parse_millis;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct MergeOutcome {
    /// Claims to write and show: the added and the updated ones.
    pub changed: Vec<Rc<Claim>>,
    pub added: usize,
    /// Already here, and the file's copy was newer: replaced.
    pub updated: usize,
    /// Already here, and this copy was newer (or as new but different): kept.
    pub kept_here: usize,
    /// Already here, identical.
    pub unchanged: usize,
    /// Added or updated, but their passage is not in this article.
    pub orphaned: usize,
    pub rejected: Vec<Rejected>,
}

pub fn merge(existing: &[Rc<Claim>], batch: ImportBatch) -> MergeOutcome {
    let here: HashMap<&str, &Rc<Claim>> = existing.iter().map(|c| (c.id.as_str(), c)).collect();
    let mut out = MergeOutcome {
        rejected: batch.rejected,
        ..MergeOutcome::default()
    };
    for incoming in batch.claims {
        let claim = incoming.claim;
        match here.get(claim.id.as_str()) {
            None => out.added += 1,
            Some(mine) if ***mine == claim => {
                out.unchanged += 1;
                continue;
            }
            // Undated: stamped with the import's time, so "newer" would be
            // a lie; the copy here stays.
            Some(_) if !incoming.dated => {
                out.kept_here += 1;
                continue;
            }
            Some(mine) => {
                let theirs_newer =
                    match (parse_millis(&claim.modified), parse_millis(&mine.modified)) {
                        (Some(theirs), Some(ours)) => theirs > ours,
                        (Some(_), None) => true,
                        _ => false,
                    };
                if !theirs_newer {
                    out.kept_here += 1;
                    continue;
                }
                out.updated += 1;
            }
        }
        out.orphaned += usize::from(!incoming.anchored);
        out.changed.push(Rc::new(claim));
    }
    out
}

fn claims(n: usize) -> String {
    if n == 1 {
        "1 claim".to_owned()
    } else {
        format!("{n} claims")
    }
}

impl MergeOutcome {
    /// The one status message shown after an import: what was added,
    /// updated, orphaned and rejected, and why each rejected item was.
    /// `action` opens the message: `Imported “claims.jsonld”` or `Merged
    /// the share link`.
    pub fn summary(&self, action: &str) -> String {
        let mut parts = vec![format!("{} added", self.added)];
        parts.push(format!("{} updated", self.updated));
        parts.push(format!("{} orphaned", self.orphaned));
        parts.push(format!("{} rejected", self.rejected.len()));
        let mut message = format!("{action}: {}.", parts.join(", "));
        if self.orphaned > 0 {
            message.push_str(&format!(
                " {} could not be placed in this article and {} listed under Orphaned.",
                if self.orphaned == 1 {
                    "1 claim's passage"
                } else {
                    "Some claims' passages"
                },
                if self.orphaned == 1 { "is" } else { "are" }
            ));
        }
        let conflicts = self.updated + self.kept_here;
        if conflicts > 0 {
            message.push_str(&format!(
                " {} already here: the newer copy was kept ({} from the file, {} from this browser, which also wins when the file's copy is as new or undated).",
                if conflicts == 1 { "1 claim was".to_owned() } else { format!("{} were", claims(conflicts)) },
                self.updated,
                self.kept_here
            ));
        }
        if self.unchanged > 0 {
            message.push_str(&format!(
                " {} already here unchanged.",
                claims(self.unchanged)
            ));
        }
        if self.added + self.updated == 0 {
            message.push_str(" Nothing was changed.");
        } else {
            message.push_str(" Your other claims are unchanged.");
        }
        // One line per rejected item (the status keeps line breaks).
        for rejected in self.rejected.iter().take(MAX_LISTED_REJECTIONS) {
            message.push('\n');
            message.push_str(&rejected.to_string());
        }
        if self.rejected.len() > MAX_LISTED_REJECTIONS {
            message.push_str(&format!(
                "\n…and {} more rejected.",
                self.rejected.len() - MAX_LISTED_REJECTIONS
            ));
        }
        message
    }
}
