//! The document's text as dense symbol ids (alphabet compression), and an
//! index of its q-grams to find exact occurrences and approximate-match
//! candidates without reading the whole text for every quote.

use std::collections::HashMap;

/// Ids are `u16`: a document with more distinct code points than that
/// (none in practice) maps the rest to one id that matches nothing.
const MAX_ALPHABET: usize = u16::MAX as usize;

/// Code points of the text, renamed `0..alphabet` in order of appearance, so
/// that a pattern's match masks are an array indexed by id.
pub(crate) struct Symbols {
    pub(crate) ids: Vec<u16>,
    /// Id to code point; the overflow id, if any, has no entry.
    pub(crate) chars: Vec<char>,
    ascii: [u16; 128],
    others: HashMap<char, u16>,
}

impl Symbols {
    pub(crate) fn new(text: &str) -> Self {
        let mut s = Symbols {
            ids: Vec::with_capacity(text.len()),
            chars: Vec::new(),
            ascii: [u16::MAX; 128],
            others: HashMap::new(),
        };
        for c in text.chars() {
            let id = match s.id(c) {
                Some(id) => id as u16,
                None if s.chars.len() < MAX_ALPHABET => {
                    let id = s.chars.len() as u16;
                    s.chars.push(c);
                    if c.is_ascii() {
                        s.ascii[c as usize] = id;
                    } else {
                        s.others.insert(c, id);
                    }
                    id
                }
                None => MAX_ALPHABET as u16,
            };
            s.ids.push(id);
        }
        s
    }

    /// Number of ids in use; ids at or above it match nothing.
    pub(crate) fn alphabet(&self) -> usize {
        self.chars.len()
    }

    /// The id of `c`, `None` when the text does not contain it.
    pub(crate) fn id(&self, c: char) -> Option<usize> {
        let id = if c.is_ascii() {
            self.ascii[c as usize]
        } else {
            *self.others.get(&c)?
        };
        (id != u16::MAX).then_some(id as usize)
    }

    /// The code point of an id (a character matching no context for the
    /// overflow id).
    pub(crate) fn char_of(&self, id: u16) -> char {
        self.chars
            .get(id as usize)
            .copied()
            .unwrap_or(char::REPLACEMENT_CHARACTER)
    }
}

/// Length of the indexed grams. Four code points: a French quote's rarest
/// 4-gram seldom occurs more than a few dozen times in a megabyte, while a
/// piece of a quote split for approximate search still holds one.
pub(crate) const Q: usize = 4;

/// Positions of every q-gram of the text, bucketed by a hash of the gram
/// (collisions only cost a verification).
pub(crate) struct QgramIndex {
    shift: u32,
    starts: Vec<u32>,
    positions: Vec<u32>,
}

impl QgramIndex {
    pub(crate) fn new(ids: &[u16]) -> Self {
        let grams = (ids.len() + 1).saturating_sub(Q);
        // About four positions per bucket, between 2^8 and 2^20 buckets.
        let bits = (usize::BITS - (grams / 4).max(1).leading_zeros()).clamp(8, 20);
        let shift = 64 - bits;
        let mut starts = vec![0u32; (1 << bits) + 1];
        for p in 0..grams {
            starts[hash(&ids[p..p + Q], shift) + 1] += 1;
        }
        for b in 1..starts.len() {
            starts[b] += starts[b - 1];
        }
        let mut fill = starts.clone();
        let mut positions = vec![0u32; grams];
        for p in 0..grams {
            let b = hash(&ids[p..p + Q], shift);
            positions[fill[b] as usize] = p as u32;
            fill[b] += 1;
        }
        QgramIndex {
            shift,
            starts,
            positions,
        }
    }

    /// Positions (increasing) whose gram hashes like `gram` (`Q` ids).
    pub(crate) fn bucket(&self, gram: &[u16]) -> &[u32] {
        let b = hash(gram, self.shift);
        &self.positions[self.starts[b] as usize..self.starts[b + 1] as usize]
    }
}

fn hash(gram: &[u16], shift: u32) -> usize {
    let key = gram.iter().fold(0u64, |k, &id| (k << 16) | id as u64);
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> shift) as usize
}

/// Where `piece` (ids) may start in the text, from the bucket of its rarest
/// gram: positions to verify, with that gram's offset in the piece. `None`
/// when the piece is shorter than a gram.
pub(crate) fn rarest_gram<'i>(index: &'i QgramIndex, piece: &[u16]) -> Option<(usize, &'i [u32])> {
    (0..(piece.len() + 1).saturating_sub(Q))
        .map(|o| (o, index.bucket(&piece[o..o + Q])))
        .min_by_key(|(_, bucket)| bucket.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_dense_and_the_index_finds_every_gram() {
        let s = Symbols::new("l’été à Pékin 🇨🇳, l’été");
        assert_eq!(s.alphabet(), 13);
        assert_eq!(s.id('é'), Some(2));
        assert_eq!(s.id('z'), None);
        assert_eq!(s.char_of(s.ids[14]), '🇨');
        let index = QgramIndex::new(&s.ids);
        let gram = &s.ids[0..Q];
        let hits: Vec<u32> = index
            .bucket(gram)
            .iter()
            .copied()
            .filter(|&p| &s.ids[p as usize..p as usize + Q] == gram)
            .collect();
        assert_eq!(hits, [0, 18]);
        assert!(QgramIndex::new(&s.ids[..2])
            .bucket(&[0, 1, 2, 3])
            .is_empty());
    }
}
