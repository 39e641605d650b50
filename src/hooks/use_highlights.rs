//! Where each claim is highlighted, recomputed only when claims appear,
//! disappear or move, and shared so unchanged blocks keep their `Rc`s (and
//! so are not re-rendered).

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use annotator_core::anchor::locate;
use annotator_core::segment::{segment_blocks, Run, Span};
use annotator_core::store::Store;
use yew::prelude::*;

/// Blocks per section: the article diffs sections, a section diffs its blocks,
/// so one new claim costs a few dozen comparisons, not thousands.
pub const SECTION_SIZE: usize = 64;

pub type BlockRuns = Rc<Vec<Run>>;

#[derive(Debug, Default)]
pub struct Highlights {
    /// One entry per `SECTION_SIZE` blocks, holding each block's runs.
    pub sections: Vec<Rc<Vec<BlockRuns>>>,
    /// Claims whose quote could not be found in the document.
    pub orphans: Rc<HashSet<String>>,
}

#[hook]
pub fn use_highlights(store: &Store) -> Rc<Highlights> {
    let previous = use_mut_ref(|| Rc::new(Highlights::default()));
    let document = store.document.clone();
    let claims = store.claims.clone();
    use_memo(
        (document.id.clone(), store.highlights_revision),
        move |_| {
            let next = compute(&document, &claims, &previous.borrow());
            *previous.borrow_mut() = next.clone();
            next
        },
    )
    .as_ref()
    .clone()
}

fn compute(
    document: &annotator_core::document::Document,
    claims: &[Rc<annotator_core::claim::Claim>],
    previous: &Highlights,
) -> Rc<Highlights> {
    let mut orphans = HashSet::new();
    let mut spans = Vec::with_capacity(claims.len());
    for claim in claims {
        match locate(document, &claim.anchor) {
            Some((start, end)) => spans.push(Span {
                start,
                end,
                id: &claim.id,
            }),
            None => {
                orphans.insert(claim.id.clone());
            }
        }
    }
    // Claims come in document order (by stored start), which orders the ids
    // listed on each run; segmentation sorts its own boundaries.
    let runs = segment_blocks(document, &spans);
    let sections = runs
        .chunks(SECTION_SIZE)
        .enumerate()
        .map(|(i, chunk)| reuse_section(previous.sections.get(i), chunk))
        .collect();
    Rc::new(Highlights {
        sections,
        orphans: Rc::new(orphans),
    })
}

/// Keeps the previous `Rc`s of blocks (and of the whole section) whose runs
/// did not change.
fn reuse_section(previous: Option<&Rc<Vec<BlockRuns>>>, runs: &[Vec<Run>]) -> Rc<Vec<BlockRuns>> {
    let reused = RefCell::new(true);
    let blocks: Vec<BlockRuns> = runs
        .iter()
        .enumerate()
        .map(|(i, block)| match previous.and_then(|p| p.get(i)) {
            Some(old) if **old == *block => old.clone(),
            _ => {
                *reused.borrow_mut() = false;
                Rc::new(block.clone())
            }
        })
        .collect();
    match previous {
        Some(old) if *reused.borrow() && old.len() == blocks.len() => old.clone(),
        _ => Rc::new(blocks),
    }
}
