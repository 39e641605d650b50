//! Moving a claim's edges word by word, for keyboard users and fine-tuning.
//! A word here is a run of non-white-space characters, punctuation included,
//! so quotes and commas travel with the word they touch.

use crate::document::Document;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    Start,
    End,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Backward,
    Forward,
}

/// Moves one edge of `[start, end)` by one word. The range never becomes
/// empty and never gains white space at its edges; a move that cannot be made
/// (start of the document, or a one-word claim shrinking) returns the range unchanged.
pub fn move_edge(
    doc: &Document,
    (start, end): (usize, usize),
    edge: Edge,
    direction: Direction,
) -> (usize, usize) {
    let text = &doc.text;
    let forward_from = |offset: usize| text[doc.byte_offset(offset)..].chars();
    let backward_from = |offset: usize| text[..doc.byte_offset(offset)].chars().rev();
    // Skip white space, then one word: the edge lands just past that word.
    // With no word left (white space up to the end), it does not move.
    let skip_word = |chars: &mut dyn Iterator<Item = char>| -> usize {
        let mut chars = chars.peekable();
        let mut space = 0;
        while chars.next_if(|c| c.is_whitespace()).is_some() {
            space += 1;
        }
        let mut word = 0;
        while chars.next_if(|c| !c.is_whitespace()).is_some() {
            word += 1;
        }
        if word == 0 {
            0
        } else {
            space + word
        }
    };
    // Leave one word, then the white space after it.
    let leave_word = |chars: &mut dyn Iterator<Item = char>| -> usize {
        let mut chars = chars.peekable();
        let mut moved = 0;
        while chars.next_if(|c| !c.is_whitespace()).is_some() {
            moved += 1;
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {
            moved += 1;
        }
        moved
    };
    let moved = match (edge, direction) {
        (Edge::End, Direction::Forward) => (start, end + skip_word(&mut forward_from(end))),
        (Edge::Start, Direction::Backward) => (start - skip_word(&mut backward_from(start)), end),
        (Edge::End, Direction::Backward) => (start, end - leave_word(&mut backward_from(end))),
        (Edge::Start, Direction::Forward) => (start + leave_word(&mut forward_from(start)), end),
    };
    if moved.0 < moved.1 {
        moved
    } else {
        (start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::SourceFormat;

    #[test]
    fn moves_each_edge_word_by_word() {
        let doc =
            Document::parse("T\n\nLa Chine a «annoncé» lundi.", SourceFormat::PlainText).unwrap();
        let find = |s: &str| crate::text::char_len(&doc.text[..doc.text.find(s).unwrap()]);
        let a = find("a «");
        let range = (a, a + 1); // "a"
        let quote = |r: (usize, usize)| doc.slice(r.0, r.1).to_owned();
        use Direction::*;
        use Edge::*;
        let r = move_edge(&doc, range, End, Forward);
        assert_eq!(quote(r), "a «annoncé»");
        let r = move_edge(&doc, r, Start, Backward);
        assert_eq!(quote(r), "Chine a «annoncé»");
        let r = move_edge(&doc, r, End, Backward);
        assert_eq!(quote(r), "Chine a");
        let r = move_edge(&doc, r, Start, Forward);
        assert_eq!(quote(r), "a");
        assert_eq!(
            move_edge(&doc, r, Start, Forward),
            r,
            "a one-word claim does not vanish"
        );
        assert_eq!(move_edge(&doc, r, End, Backward), r);
        let last = move_edge(&doc, (doc.char_len() - 1, doc.char_len()), End, Forward);
        assert_eq!(quote(last), ".");
    }

    #[test]
    fn edges_never_gain_white_space_at_the_ends_of_the_text() {
        let doc = Document::parse("Titre\n\ntexte   ", SourceFormat::PlainText).unwrap();
        let end = doc.char_len();
        let start = end - 8;
        assert_eq!(doc.slice(start, start + 5), "texte");
        assert_eq!(
            move_edge(&doc, (start, start + 5), Edge::End, Direction::Forward),
            (start, start + 5)
        );
        assert_eq!(
            move_edge(&doc, (0, 5), Edge::Start, Direction::Backward),
            (0, 5)
        );
    }

    #[test]
    fn moving_the_start_crosses_paragraphs() {
        let doc = Document::parse("Titre\n\nSuite", SourceFormat::PlainText).unwrap();
        let r = move_edge(&doc, (7, 12), Edge::Start, Direction::Backward);
        assert_eq!(doc.slice(r.0, r.1), "Titre\n\nSuite");
    }
}
