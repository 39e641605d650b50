//! The claim store: the state of an annotating session and the one reducer
//! that changes it. Pure: time and ids come in with the actions.
//!
//! Claims are shared `Rc`s in document order. An action replaces only the
//! claims it changes, so the shell can tell what to re-render and what to
//! save by pointer comparison.

use std::rc::Rc;

use crate::anchor::{anchor_exact, TextAnchor};
use crate::claim::{parse_tags, Claim, Independence, SourceNote, Stance};
use crate::document::Document;
use crate::filter::ClaimFilter;
use crate::words::{move_edge, Direction, Edge};

#[derive(Debug, Clone, PartialEq)]
pub struct Store {
    pub document: Rc<Document>,
    /// Claims of `document`, in document order.
    pub claims: Rc<Vec<Rc<Claim>>>,
    pub selected: Option<String>,
    /// The last deleted claim, which Undo restores whole.
    pub deleted: Option<Rc<Claim>>,
    pub filter: ClaimFilter,
    /// Display name stamped on new claim cards.
    pub author: String,
    /// Bumped whenever a claim appears, disappears or moves: the highlights
    /// depend on nothing else, so the shell re-segments only when it changes.
    pub highlights_revision: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ClaimEdit {
    Verdict(Option<String>),
    Conclusion(String),
    Claimant(String),
    /// The comma-separated tags field as typed.
    Tags(String),
    AddSource {
        id: String,
        accessed: String,
    },
    Source {
        id: String,
        edit: SourceEdit,
    },
    RemoveSource {
        id: String,
    },
    MoveEdge(Edge, Direction),
}

#[derive(Debug, Clone, PartialEq)]
pub enum SourceEdit {
    /// Already checked by `source_url::check_source_url` (or empty).
    Url(String),
    Title(String),
    Excerpt(String),
    Stance(Stance),
    Independent(Independence),
    Accessed(String),
    ArchivedUrl(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Creates a claim on `anchor`, selects it. `id` is a fresh UUID.
    Create {
        id: String,
        anchor: TextAnchor,
        now: String,
    },
    Select(Option<String>),
    Edit {
        id: String,
        edit: ClaimEdit,
        now: String,
    },
    Delete {
        id: String,
    },
    Undo,
    SetFilter(ClaimFilter),
    SetAuthor(String),
    /// A claim written by another tab (or restored from storage).
    Upsert(Rc<Claim>),
    /// A claim deleted by another tab.
    Remove {
        id: String,
    },
    /// Claims imported from a file or a share link (already merged: each is
    /// new or newer than the copy here). Claims of other documents are ignored.
    Import(Vec<Rc<Claim>>),
    /// Switches to another document with its stored claims.
    OpenDocument {
        document: Rc<Document>,
        claims: Vec<Rc<Claim>>,
    },
}

impl Store {
    pub fn new(document: Rc<Document>, claims: Vec<Rc<Claim>>, author: String) -> Store {
        Store {
            document,
            claims: Rc::new(sorted(claims)),
            selected: None,
            deleted: None,
            filter: ClaimFilter::default(),
            author,
            highlights_revision: 0,
        }
    }

    pub fn claim(&self, id: &str) -> Option<&Rc<Claim>> {
        self.claims.iter().find(|c| c.id == id)
    }

    pub fn selected_claim(&self) -> Option<&Rc<Claim>> {
        self.selected.as_deref().and_then(|id| self.claim(id))
    }

    /// Applies `action`. Returns `None` when nothing changes, so the shell can
    /// keep the same state and skip re-rendering.
    pub fn apply(&self, action: Action) -> Option<Store> {
        let mut next = self.clone();
        let moves_highlights = match &action {
            Action::Create { .. }
            | Action::Delete { .. }
            | Action::Undo
            | Action::Remove { .. }
            | Action::OpenDocument { .. }
            | Action::Import(_) => true,
            Action::Edit { edit, .. } => matches!(edit, ClaimEdit::MoveEdge(..)),
            Action::Upsert(claim) => self
                .claim(&claim.id)
                .is_none_or(|c| c.anchor != claim.anchor),
            Action::Select(_) | Action::SetFilter(_) | Action::SetAuthor(_) => false,
        };
        match action {
            Action::Create { id, anchor, now } => {
                let claim = Claim::new(
                    id.clone(),
                    self.document.id.clone(),
                    anchor,
                    self.author.clone(),
                    &now,
                );
                insert_sorted(Rc::make_mut(&mut next.claims), Rc::new(claim));
                next.selected = Some(id);
            }
            Action::Select(id) => {
                if id == self.selected {
                    return None;
                }
                next.selected = id;
            }
            Action::Edit { id, edit, now } => {
                let index = self.claims.iter().position(|c| c.id == id)?;
                let mut claim = (*self.claims[index]).clone();
                if !apply_edit(&mut claim, &self.document, edit) {
                    return None;
                }
                claim.modified = now;
                let claims = Rc::make_mut(&mut next.claims);
                claims.remove(index);
                insert_sorted(claims, Rc::new(claim));
            }
            Action::Delete { id } => {
                let index = self.claims.iter().position(|c| c.id == id)?;
                let removed = Rc::make_mut(&mut next.claims).remove(index);
                next.deleted = Some(removed);
                if next.selected.as_deref() == Some(id.as_str()) {
                    next.selected = None;
                }
            }
            Action::Undo => {
                let claim = next.deleted.take()?;
                if claim.document == self.document.id && self.claim(&claim.id).is_none() {
                    next.selected = Some(claim.id.clone());
                    insert_sorted(Rc::make_mut(&mut next.claims), claim);
                }
            }
            Action::SetFilter(filter) => {
                if filter == self.filter {
                    return None;
                }
                next.filter = filter;
            }
            Action::SetAuthor(author) => {
                if author == self.author {
                    return None;
                }
                next.author = author;
            }
            Action::Upsert(claim) => {
                if claim.document != self.document.id {
                    return None;
                }
                let claims = Rc::make_mut(&mut next.claims);
                if let Some(index) = claims.iter().position(|c| c.id == claim.id) {
                    if *claims[index] == *claim {
                        return None;
                    }
                    claims.remove(index);
                }
                insert_sorted(claims, claim);
            }
            Action::Remove { id } => {
                let index = self.claims.iter().position(|c| c.id == id)?;
                Rc::make_mut(&mut next.claims).remove(index);
                if next.selected.as_deref() == Some(id.as_str()) {
                    next.selected = None;
                }
            }
            Action::Import(imported) => {
                let imported: Vec<Rc<Claim>> = imported
                    .into_iter()
                    .filter(|c| c.document == self.document.id)
                    .collect();
                if imported.is_empty() {
                    return None;
                }
                // One pass and one sort: thousands of claims arrive at once.
                let ids: std::collections::HashSet<&str> =
                    imported.iter().map(|c| c.id.as_str()).collect();
                let mut claims: Vec<Rc<Claim>> = self
                    .claims
                    .iter()
                    .filter(|c| !ids.contains(c.id.as_str()))
                    .cloned()
                    .collect();
                claims.extend(imported.iter().cloned());
                next.claims = Rc::new(sorted(claims));
            }
            Action::OpenDocument { document, claims } => {
                next = Store::new(document, claims, self.author.clone());
            }
        }
        if moves_highlights {
            next.highlights_revision = self.highlights_revision + 1;
        }
        Some(next)
    }
}

/// Applies one edit to a claim; `false` when it changes nothing.
fn apply_edit(claim: &mut Claim, document: &Document, edit: ClaimEdit) -> bool {
    let before = claim.clone();
    match edit {
        ClaimEdit::Verdict(verdict) => claim.verdict = verdict,
        ClaimEdit::Conclusion(text) => claim.conclusion = text,
        ClaimEdit::Claimant(text) => claim.claimant = text,
        ClaimEdit::Tags(text) => claim.tags = parse_tags(&text),
        ClaimEdit::AddSource { id, accessed } => claim.sources.push(SourceNote {
            id,
            accessed,
            ..SourceNote::default()
        }),
        ClaimEdit::RemoveSource { id } => claim.sources.retain(|s| s.id != id),
        ClaimEdit::Source { id, edit } => {
            let Some(source) = claim.sources.iter_mut().find(|s| s.id == id) else {
                return false;
            };
            match edit {
                SourceEdit::Url(url) => source.url = url,
                SourceEdit::Title(text) => source.title = text,
                SourceEdit::Excerpt(text) => source.excerpt = text,
                SourceEdit::Stance(stance) => source.stance = stance,
                SourceEdit::Independent(independent) => source.independent = independent,
                SourceEdit::Accessed(date) => source.accessed = date,
                SourceEdit::ArchivedUrl(url) => source.archived_url = url,
            }
        }
        ClaimEdit::MoveEdge(edge, direction) => {
            let (start, end) = move_edge(
                document,
                (claim.anchor.start, claim.anchor.end),
                edge,
                direction,
            );
            claim.anchor = anchor_exact(document, start, end);
        }
    }
    *claim != before
}

fn sorted(mut claims: Vec<Rc<Claim>>) -> Vec<Rc<Claim>> {
    // Unstable is enough: ids make every key unique.
    claims.sort_unstable_by(|a, b| a.order_key().cmp(&b.order_key()));
    claims
}

fn insert_sorted(claims: &mut Vec<Rc<Claim>>, claim: Rc<Claim>) {
    let at = claims.partition_point(|c| c.order_key() < claim.order_key());
    claims.insert(at, claim);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::anchor_range;

    const NOW: &str = "2026-11-28T10:00:00.000Z";
    const LATER: &str = "2026-11-28T10:05:00.000Z";

    fn store() -> Store {
        Store::new(Rc::new(Document::builtin()), Vec::new(), "Camille".into())
    }

    fn create(store: &Store, id: &str, quote: &str) -> Store {
        let start =
            crate::text::char_len(&store.document.text[..store.document.text.find(quote).unwrap()]);
        let anchor =
            anchor_range(&store.document, start, start + crate::text::char_len(quote)).unwrap();
        store
            .apply(Action::Create {
                id: id.into(),
                anchor,
                now: NOW.into(),
            })
            .unwrap()
    }

    fn edit(store: &Store, id: &str, edit: ClaimEdit) -> Store {
        store
            .apply(Action::Edit {
                id: id.into(),
                edit,
                now: LATER.into(),
            })
            .unwrap()
    }

    #[test]
    fn creating_claims_keeps_document_order_and_selects_the_new_one() {
        let s = create(&store(), "b", "3.000 autres");
        let s = create(&s, "a", "2.700 policiers");
        let quotes: Vec<&str> = s.claims.iter().map(|c| c.anchor.exact.as_str()).collect();
        assert_eq!(quotes, vec!["2.700 policiers", "3.000 autres"]);
        assert_eq!(s.selected.as_deref(), Some("a"));
        assert_eq!(s.claim("a").unwrap().author, "Camille");
        assert_eq!(
            s.claim("a").unwrap().verdict,
            None,
            "no verdict yet by default"
        );
    }

    #[test]
    fn edits_change_only_the_edited_claim() {
        let s = create(&create(&store(), "a", "2.700 policiers"), "b", "122 pays");
        let s2 = edit(&s, "b", ClaimEdit::Verdict(Some("misleading".into())));
        assert!(Rc::ptr_eq(s.claim("a").unwrap(), s2.claim("a").unwrap()));
        let b = s2.claim("b").unwrap();
        assert_eq!(b.verdict.as_deref(), Some("misleading"));
        assert_eq!((b.created.as_str(), b.modified.as_str()), (NOW, LATER));
        let s3 = edit(&s2, "b", ClaimEdit::Tags("chiffres, Interpol,".into()));
        assert_eq!(s3.claim("b").unwrap().tags, vec!["chiffres", "Interpol"]);
        assert_eq!(
            s3.highlights_revision, s.highlights_revision,
            "edits do not move highlights"
        );
        let unchanged = s3.apply(Action::Edit {
            id: "b".into(),
            edit: ClaimEdit::Tags("chiffres,Interpol".into()),
            now: LATER.into(),
        });
        assert!(
            unchanged.is_none(),
            "an edit that changes nothing is no change"
        );
    }

    #[test]
    fn sources_are_added_edited_and_removed() {
        let s = create(&store(), "a", "2.700 policiers");
        let s = edit(
            &s,
            "a",
            ClaimEdit::AddSource {
                id: "s1".into(),
                accessed: "2026-11-28".into(),
            },
        );
        let s = edit(
            &s,
            "a",
            ClaimEdit::Source {
                id: "s1".into(),
                edit: SourceEdit::Stance(Stance::Refutes),
            },
        );
        let s = edit(
            &s,
            "a",
            ClaimEdit::Source {
                id: "s1".into(),
                edit: SourceEdit::Url("https://example.org".into()),
            },
        );
        let source = &s.claim("a").unwrap().sources[0];
        assert_eq!(
            (source.stance, source.url.as_str()),
            (Stance::Refutes, "https://example.org")
        );
        assert_eq!(source.accessed, "2026-11-28");
        assert_eq!(source.independent, Independence::Unknown);
        let s = edit(&s, "a", ClaimEdit::RemoveSource { id: "s1".into() });
        assert!(s.claim("a").unwrap().sources.is_empty());
    }

    #[test]
    fn delete_then_undo_restores_the_claim_whole() {
        let s = create(&store(), "a", "2.700 policiers");
        let s = edit(
            &s,
            "a",
            ClaimEdit::Conclusion("Repose sur la parole du ministre.".into()),
        );
        let s = edit(
            &s,
            "a",
            ClaimEdit::AddSource {
                id: "s1".into(),
                accessed: "2026-11-28".into(),
            },
        );
        let before = s.claim("a").unwrap().clone();
        let deleted = s.apply(Action::Delete { id: "a".into() }).unwrap();
        assert!(deleted.claims.is_empty());
        assert_eq!(deleted.selected, None);
        let restored = deleted.apply(Action::Undo).unwrap();
        assert_eq!(restored.claim("a").unwrap(), &before);
        assert_eq!(restored.deleted, None);
        assert!(
            restored.apply(Action::Undo).is_none(),
            "nothing left to undo"
        );
    }

    #[test]
    fn moving_edges_re_anchors_the_quote() {
        let s = create(&store(), "a", "2.700 policiers");
        let s = edit(&s, "a", ClaimEdit::MoveEdge(Edge::End, Direction::Forward));
        assert_eq!(s.claim("a").unwrap().anchor.exact, "2.700 policiers venus");
        let s = edit(
            &s,
            "a",
            ClaimEdit::MoveEdge(Edge::Start, Direction::Forward),
        );
        let a = &s.claim("a").unwrap().anchor;
        assert_eq!(a.exact, "policiers venus");
        assert_eq!(s.document.slice(a.start, a.end), a.exact);
        assert!(a.prefix.ends_with("2.700 "));
    }

    #[test]
    fn claims_from_another_tab_are_merged_not_duplicated() {
        let s = create(&store(), "a", "2.700 policiers");
        let mut other = (**s.claim("a").unwrap()).clone();
        assert!(
            s.apply(Action::Upsert(Rc::new(other.clone()))).is_none(),
            "same claim: no change"
        );
        other.conclusion = "from tab 2".into();
        let s = s.apply(Action::Upsert(Rc::new(other))).unwrap();
        assert_eq!(s.claims.len(), 1);
        assert_eq!(s.claims[0].conclusion, "from tab 2");
        let s = s.apply(Action::Remove { id: "a".into() }).unwrap();
        assert!(s.claims.is_empty());
        let mut foreign = (*create(&store(), "z", "122 pays").claims[0]).clone();
        foreign.document = "doc-other".into();
        assert!(
            s.apply(Action::Upsert(Rc::new(foreign))).is_none(),
            "claims of another document stay out"
        );
    }

    #[test]
    fn import_adds_and_replaces_in_document_order() {
        let doc = Rc::new(Document::builtin());
        let s = Store::new(doc.clone(), Vec::new(), "A".into());
        let make = |id: &str, from: usize, conclusion: &str| {
            let mut c = Claim::new(
                id.into(),
                doc.id.clone(),
                anchor_exact(&doc, from, from + 5),
                "A".into(),
                NOW,
            );
            c.conclusion = conclusion.into();
            Rc::new(c)
        };
        let s = s
            .apply(Action::Import(vec![make("b", 50, "b"), make("a", 10, "a")]))
            .unwrap();
        let order: Vec<&str> = s.claims.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(order, ["a", "b"]);
        let s2 = s
            .apply(Action::Import(vec![make("b", 50, "newer")]))
            .unwrap();
        assert_eq!(s2.claims.len(), 2);
        assert_eq!(s2.claim("b").unwrap().conclusion, "newer");
        assert!(s2.highlights_revision > s.highlights_revision);
        let mut foreign = (*make("c", 1, "")).clone();
        foreign.document = "doc-other".into();
        assert!(s2.apply(Action::Import(vec![Rc::new(foreign)])).is_none());
    }
}
