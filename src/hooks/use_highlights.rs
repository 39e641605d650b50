//! Where each claim is highlighted. Recomputed only when claims appear,
//! disappear or move (the store's `highlights_revision`), and then only for
//! the blocks those claims touch: every other block keeps its `Rc`, so it is
//! neither re-cut nor re-rendered.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use annotator_core::anchor::Anchorer;
use annotator_core::claim::Claim;
use annotator_core::document::Document;
use annotator_core::segment::{segment_range, Run, Span};
use annotator_core::store::Store;
use yew::prelude::*;

/// Blocks per section: the article diffs sections, a section diffs its blocks,
/// so one new claim costs a few dozen comparisons, not thousands.
pub const SECTION_SIZE: usize = 64;

pub type BlockRuns = Rc<Vec<Run>>;

/// A claim (the store's `Rc`) with where it was found; `None` for an orphan.
type LocatedClaim = (Rc<Claim>, Option<(usize, usize)>);

#[derive(Debug, Default)]
pub struct Highlights {
    /// One entry per `SECTION_SIZE` blocks, holding each block's runs.
    pub sections: Vec<Rc<Vec<BlockRuns>>>,
    /// Claims whose quote could not be found in the document.
    pub orphans: Rc<HashSet<String>>,
    document: String,
    located: Vec<LocatedClaim>,
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

fn compute(document: &Document, claims: &[Rc<Claim>], previous: &Highlights) -> Rc<Highlights> {
    let same_document = previous.document == document.id && !previous.sections.is_empty();
    // Claims whose `Rc` is unchanged keep their location; the others are
    // located afresh, and they (old and new places) mark blocks to re-cut.
    let known: HashMap<*const Claim, usize> = if same_document {
        previous
            .located
            .iter()
            .enumerate()
            .map(|(i, (c, _))| (Rc::as_ptr(c), i))
            .collect()
    } else {
        HashMap::new()
    };
    let mut still_there = vec![false; previous.located.len()];
    let mut dirty: Vec<(usize, usize)> = Vec::new();
    // One anchorer for all: it builds its text index only if some claim's
    // offsets no longer hold its quote, and then serves every such claim.
    let anchorer = Anchorer::new(document);
    let located: Vec<LocatedClaim> = claims
        .iter()
        .map(|claim| match known.get(&Rc::as_ptr(claim)) {
            Some(&i) => {
                still_there[i] = true;
                (claim.clone(), previous.located[i].1)
            }
            None => {
                let range = anchorer.locate(&claim.anchor).map(|l| (l.start, l.end));
                dirty.extend(range);
                (claim.clone(), range)
            }
        })
        .collect();
    if same_document {
        dirty.extend(
            previous
                .located
                .iter()
                .zip(&still_there)
                .filter(|(_, kept)| !**kept)
                .filter_map(|((_, range), _)| *range),
        );
    }
    let spans: Vec<Span> = located
        .iter()
        .filter_map(|(claim, range)| {
            range.map(|(start, end)| Span {
                start,
                end,
                id: &claim.id,
            })
        })
        .collect();
    let orphans = located
        .iter()
        .filter(|(_, range)| range.is_none())
        .map(|(claim, _)| claim.id.clone())
        .collect();

    let mut blocks: Vec<BlockRuns> = if same_document {
        previous
            .sections
            .iter()
            .flat_map(|s| s.iter().cloned())
            .collect()
    } else {
        segment_range(document, &spans, 0..document.blocks.len())
            .into_iter()
            .map(Rc::new)
            .collect()
    };
    if same_document {
        for range in dirty_block_ranges(document, &dirty) {
            let runs = segment_range(document, &spans, range.clone());
            for (index, runs) in range.zip(runs) {
                if *blocks[index] != runs {
                    blocks[index] = Rc::new(runs);
                }
            }
        }
    }
    let sections = blocks
        .chunks(SECTION_SIZE)
        .enumerate()
        .map(|(i, chunk)| match previous.sections.get(i) {
            Some(old)
                if same_document
                    && old.len() == chunk.len()
                    && old.iter().zip(chunk).all(|(a, b)| Rc::ptr_eq(a, b)) =>
            {
                old.clone()
            }
            _ => Rc::new(chunk.to_vec()),
        })
        .collect();
    Rc::new(Highlights {
        sections,
        orphans: Rc::new(orphans),
        document: document.id.clone(),
        located,
    })
}

/// The blocks covered by the given code-point ranges, as merged index ranges.
fn dirty_block_ranges(
    document: &Document,
    ranges: &[(usize, usize)],
) -> Vec<std::ops::Range<usize>> {
    let last = document.blocks.len();
    let mut blocks: Vec<std::ops::Range<usize>> = ranges
        .iter()
        .map(|&(start, end)| {
            let first = document.block_at(start).min(last.saturating_sub(1));
            let end_block = (document.block_at(end.saturating_sub(1)) + 1).clamp(first + 1, last);
            first..end_block
        })
        .collect();
    blocks.sort_unstable_by_key(|r| r.start);
    let mut merged: Vec<std::ops::Range<usize>> = Vec::with_capacity(blocks.len());
    for range in blocks {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}
