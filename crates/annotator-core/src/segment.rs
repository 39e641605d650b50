//! Highlight segmentation: cuts each block into runs of text, each run
//! covered by the same set of claims, so overlapping claims render as flat
//! `mark` runs that list every claim covering them.

use crate::document::Document;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// Code-point range within the document.
    pub start: usize,
    pub end: usize,
    /// Ids of the claims covering this run, in document order. Empty for plain text.
    pub ids: Vec<String>,
}

/// A claim's located range, as segmentation needs it.
#[derive(Debug, Clone, Copy)]
pub struct Span<'a> {
    pub start: usize,
    pub end: usize,
    pub id: &'a str,
}

/// Runs for every block of `doc`. Ids on a run are listed in the order of
/// `spans` (document order, as the store keeps claims); empty spans are
/// ignored. One sweep over blocks and span boundaries.
pub fn segment_blocks(doc: &Document, spans: &[Span]) -> Vec<Vec<Run>> {
    segment_range(doc, spans, 0..doc.blocks.len())
}

/// Runs for the blocks `blocks` only, from the spans that overlap them: what
/// a new, moved or deleted claim requires, without re-cutting the document.
pub fn segment_range(
    doc: &Document,
    spans: &[Span],
    blocks: std::ops::Range<usize>,
) -> Vec<Vec<Run>> {
    let blocks = blocks.start.min(doc.blocks.len())..blocks.end.min(doc.blocks.len());
    let Some((first, last)) = doc
        .blocks
        .get(blocks.start)
        .zip(blocks.end.checked_sub(1).and_then(|i| doc.blocks.get(i)))
    else {
        return Vec::new();
    };
    let (from, to) = (first.start, last.end);
    // Boundary events; at equal positions, ends sort before starts so that
    // touching claims do not overlap.
    let mut events: Vec<(usize, bool, usize)> = Vec::new();
    for (i, span) in spans.iter().enumerate() {
        if span.start < span.end && span.start < to && span.end > from {
            events.push((span.start, true, i));
            events.push((span.end, false, i));
        }
    }
    events.sort_unstable();
    let mut active: Vec<usize> = Vec::new();
    let mut next = 0;
    let apply = |event: (usize, bool, usize), active: &mut Vec<usize>| {
        if event.1 {
            let at = active.partition_point(|&i| i < event.2);
            active.insert(at, event.2);
        } else if let Some(at) = active.iter().position(|&i| i == event.2) {
            active.remove(at);
        }
    };
    let ids_of = |active: &[usize]| active.iter().map(|&i| spans[i].id.to_owned()).collect();
    doc.blocks[blocks]
        .iter()
        .map(|block| {
            while next < events.len() && events[next].0 <= block.start {
                apply(events[next], &mut active);
                next += 1;
            }
            let mut runs = Vec::new();
            let mut cursor = block.start;
            while next < events.len() && events[next].0 < block.end {
                let position = events[next].0;
                if position > cursor {
                    runs.push(Run {
                        start: cursor,
                        end: position,
                        ids: ids_of(&active),
                    });
                    cursor = position;
                }
                apply(events[next], &mut active);
                next += 1;
            }
            if block.end > cursor || runs.is_empty() {
                runs.push(Run {
                    start: cursor,
                    end: block.end,
                    ids: ids_of(&active),
                });
            }
            runs
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::SourceFormat;

    fn render(doc: &Document, runs: &[Run]) -> String {
        runs.iter()
            .map(|r| {
                let text = doc.slice(r.start, r.end);
                if r.ids.is_empty() {
                    text.to_owned()
                } else {
                    format!("[{}:{}]", r.ids.join("+"), text)
                }
            })
            .collect()
    }

    #[test]
    fn overlapping_nested_and_touching_claims() {
        let doc = Document::parse("T\n\nabcdefghij", SourceFormat::PlainText).unwrap();
        let at = |i: usize| 3 + i;
        let spans = [
            Span {
                start: at(1),
                end: at(5),
                id: "a",
            },
            Span {
                start: at(3),
                end: at(8),
                id: "b",
            },
            Span {
                start: at(4),
                end: at(5),
                id: "c",
            },
            Span {
                start: at(8),
                end: at(10),
                id: "d",
            },
        ];
        let blocks = segment_blocks(&doc, &spans);
        assert_eq!(render(&doc, &blocks[0]), "T");
        assert_eq!(
            render(&doc, &blocks[1]),
            "a[a:bc][a+b:d][a+b+c:e][b:fgh][d:ij]"
        );
    }

    #[test]
    fn a_range_of_blocks_is_cut_as_the_whole_document_would_be() {
        let doc = Document::parse(
            "T\n\nfirst\n\nsecond\n\nthird\n\nlast",
            SourceFormat::PlainText,
        )
        .unwrap();
        let spans = [
            Span {
                start: 5,
                end: 17,
                id: "long",
            },
            Span {
                start: 12,
                end: 14,
                id: "inner",
            },
            Span {
                start: 19,
                end: 22,
                id: "third",
            },
        ];
        let whole = segment_blocks(&doc, &spans);
        for from in 0..doc.blocks.len() {
            for to in from..=doc.blocks.len() {
                assert_eq!(
                    segment_range(&doc, &spans, from..to),
                    whole[from..to].to_vec(),
                    "{from}..{to}"
                );
            }
        }
    }

    #[test]
    fn a_claim_spanning_blocks_is_cut_at_each_block() {
        let doc =
            Document::parse("T\n\nfirst\n\nsecond\n\nthird", SourceFormat::PlainText).unwrap();
        let spans = [Span {
            start: 5,
            end: 17,
            id: "x",
        }];
        let blocks = segment_blocks(&doc, &spans);
        let rendered: Vec<String> = blocks.iter().map(|b| render(&doc, b)).collect();
        assert_eq!(rendered, vec!["T", "fi[x:rst]", "[x:second]", "third"]);
    }

    #[test]
    fn runs_tile_each_block_with_accented_text() {
        let doc = Document::parse("Été\n\nsécurité 🇨🇳 globale", SourceFormat::PlainText).unwrap();
        let spans = [
            Span {
                start: 5,
                end: 13,
                id: "s",
            },
            Span {
                start: 14,
                end: 16,
                id: "f",
            },
        ];
        let blocks = segment_blocks(&doc, &spans);
        assert_eq!(render(&doc, &blocks[1]), "[s:sécurité] [f:🇨🇳] globale");
        for (block, runs) in doc.blocks.iter().zip(&blocks) {
            assert_eq!(runs.first().unwrap().start, block.start);
            assert_eq!(runs.last().unwrap().end, block.end);
            assert!(runs.windows(2).all(|w| w[0].end == w[1].start));
        }
    }
}
