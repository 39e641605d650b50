//! Myers' bit-parallel approximate string matching (Myers 1999), in 64-bit
//! blocks, over dense symbol ids.
//!
//! The dynamic-programming matrix of edit distances between the pattern and
//! the text is computed one text column at a time, 64 pattern rows per
//! machine word, as vertical deltas (`pv`, `mv`). Patterns longer than 64
//! symbols use several blocks, and only the blocks whose rows can still be
//! within the error budget are computed (Myers' Fig. 9, Ukkonen's cut-off),
//! so a small budget costs about one block per text symbol whatever the
//! pattern's length. Symbols are small integers (see `text_index`), so the
//! pattern's match masks are an array indexed by symbol, not a hash map.

const W: usize = 64;

/// A pattern compiled for the matcher: for every symbol of the alphabet, the
/// bit mask of the pattern positions holding it.
pub(crate) struct Pattern {
    len: usize,
    blocks: usize,
    alphabet: usize,
    /// `(alphabet + 1) * blocks` words; the last row (symbols outside the
    /// alphabet) is all zeros: such symbols match nothing.
    peq: Vec<u64>,
}

impl Pattern {
    /// 64-bit words per text column: what one column of matching costs.
    pub(crate) fn blocks(&self) -> usize {
        self.blocks
    }

    /// `symbols` are ids below `alphabet`; `None` is a symbol that occurs
    /// nowhere in the text, so it can never match.
    pub(crate) fn new(
        symbols: impl ExactSizeIterator<Item = Option<usize>>,
        alphabet: usize,
    ) -> Self {
        let len = symbols.len();
        let blocks = len.div_ceil(W).max(1);
        let mut peq = vec![0u64; (alphabet + 1) * blocks];
        for (i, symbol) in symbols.enumerate() {
            if let Some(s) = symbol.filter(|&s| s < alphabet) {
                peq[s * blocks + i / W] |= 1 << (i % W);
            }
        }
        Pattern {
            len,
            blocks,
            alphabet,
            peq,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    #[inline(always)]
    fn row(&self, symbol: usize) -> &[u64] {
        let at = symbol.min(self.alphabet) * self.blocks;
        &self.peq[at..at + self.blocks]
    }

    fn rows_in_block(&self, b: usize) -> usize {
        if b + 1 == self.blocks {
            self.len - W * b
        } else {
            W
        }
    }

    fn last_bit(&self, b: usize) -> u64 {
        1 << (self.rows_in_block(b) - 1)
    }
}

/// One column step of one block (Myers' Fig. 8, with Hyyrö's handling of a
/// negative carry). `hin` is the horizontal delta entering the block's first
/// row, the result the one leaving its last row; both in {-1, 0, 1}.
#[inline(always)]
fn advance(pv: &mut u64, mv: &mut u64, eq: u64, hin: i64, last: u64) -> i64 {
    let (p, m) = (*pv, *mv);
    let hin_neg = (hin < 0) as u64;
    let eq = eq | hin_neg;
    let xv = eq | m;
    let xh = ((eq & p).wrapping_add(p) ^ p) | eq;
    let ph = m | !(xh | p);
    let mh = p & xh;
    let hout = ((ph & last) != 0) as i64 - ((mh & last) != 0) as i64;
    let ph = (ph << 1) | (hin > 0) as u64;
    let mh = (mh << 1) | hin_neg;
    *pv = mh | !(xv | ph);
    *mv = ph & xv;
    hout
}

/// Reports, in increasing order, every end `j` (exclusive, relative to
/// `text`) where the pattern matches a substring `text[s..j]` with at most
/// `max_errors` edits, with the least such count over all `s`. `on_end`
/// returns the budget for the rest of the scan, so a caller that only wants
/// the best matches can tighten it as it goes (it can never grow).
pub(crate) fn find_ends(
    pattern: &Pattern,
    text: &[u16],
    max_errors: usize,
    mut on_end: impl FnMut(usize, usize) -> usize,
) {
    let m = pattern.len;
    if m == 0 {
        return;
    }
    let mut k = max_errors.min(m);
    if pattern.blocks == 1 {
        // One word: the common case (quotes up to 64 code points), kept free
        // of the block bookkeeping.
        let last = pattern.last_bit(0);
        let (mut pv, mut mv, mut score) = (!0u64, 0u64, m);
        for (j, &c) in text.iter().enumerate() {
            let eq = pattern.peq[(c as usize).min(pattern.alphabet)];
            let h = advance(&mut pv, &mut mv, eq, 0, last);
            score = (score as i64 + h) as usize;
            if score <= k {
                k = k.min(on_end(j + 1, score));
            }
        }
        return;
    }
    let bmax = pattern.blocks - 1;
    let mut pv = vec![!0u64; pattern.blocks];
    let mut mv = vec![0u64; pattern.blocks];
    let mut score = vec![0usize; pattern.blocks];
    let lasts: Vec<u64> = (0..pattern.blocks).map(|b| pattern.last_bit(b)).collect();
    // Last block whose rows may hold values within the budget.
    let mut y = k.div_ceil(W).saturating_sub(1).min(bmax);
    for (b, s) in score.iter_mut().enumerate().take(y + 1) {
        *s = W * b + pattern.rows_in_block(b);
    }
    for (j, &c) in text.iter().enumerate() {
        let eq = pattern.row(c as usize);
        let mut carry = 0i64;
        for b in 0..=y {
            carry = advance(&mut pv[b], &mut mv[b], eq[b], carry, lasts[b]);
            score[b] = (score[b] as i64 + carry) as usize;
        }
        if y < bmax && (score[y] as i64 - carry) <= k as i64 && (eq[y + 1] & 1 != 0 || carry < 0) {
            // The next block's first row may come within budget: start it
            // from the largest values it could have had in the last column.
            y += 1;
            pv[y] = !0;
            mv[y] = 0;
            let h = advance(&mut pv[y], &mut mv[y], eq[y], carry, lasts[y]);
            score[y] = (score[y - 1] as i64 + pattern.rows_in_block(y) as i64 - carry + h) as usize;
        } else {
            while y > 0 && score[y] >= k + W {
                y -= 1;
            }
        }
        if y == bmax && score[y] <= k {
            k = k.min(on_end(j + 1, score[y]));
        }
    }
}

/// Runs the pattern over `text` computing every block (no cut-off: for short
/// texts), and calls `on_column(j, d)` for every column `j` from 0, with `d`
/// the edit distance between the whole pattern and `text[s..j]`, where `s`
/// is the best start (`anchored == false`) or 0 (`anchored == true`).
pub(crate) fn scan(
    pattern: &Pattern,
    text: impl Iterator<Item = usize>,
    anchored: bool,
    mut on_column: impl FnMut(usize, usize),
) {
    let m = pattern.len;
    on_column(0, m);
    if m == 0 {
        return;
    }
    let mut pv = vec![!0u64; pattern.blocks];
    let mut mv = vec![0u64; pattern.blocks];
    let lasts: Vec<u64> = (0..pattern.blocks).map(|b| pattern.last_bit(b)).collect();
    let mut score = m as i64;
    // Row 0 of an anchored alignment grows by one per text symbol (the text
    // before the pattern is not free); unanchored it stays 0.
    let top = anchored as i64;
    for (j, c) in text.enumerate() {
        let eq = pattern.row(c);
        let mut carry = top;
        for b in 0..pattern.blocks {
            carry = advance(&mut pv[b], &mut mv[b], eq[b], carry, lasts[b]);
        }
        score += carry;
        on_column(j + 1, score as usize);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn compile(p: &[u16], alphabet: usize) -> Pattern {
        Pattern::new(p.iter().map(|&s| Some(s as usize)), alphabet)
    }

    /// Textbook dynamic programming: last row of the matrix, free start.
    fn naive_last_row(p: &[u16], t: &[u16], anchored: bool) -> Vec<usize> {
        let mut col: Vec<usize> = (0..=p.len()).collect();
        let mut out = vec![p.len()];
        for (j, &c) in t.iter().enumerate() {
            let mut next = vec![if anchored { j + 1 } else { 0 }; p.len() + 1];
            for i in 1..=p.len() {
                let sub = col[i - 1] + usize::from(p[i - 1] != c);
                next[i] = sub.min(col[i] + 1).min(next[i - 1] + 1);
            }
            col = next;
            out.push(col[p.len()]);
        }
        out
    }

    #[test]
    fn finds_a_typo_across_block_boundaries() {
        let text: Vec<u16> = (0..300).map(|i| (i * 7 % 11) as u16).collect();
        let mut pattern = text[100..230].to_vec();
        pattern[64] = 11; // outside the text's alphabet: one substitution
        let mut ends = Vec::new();
        find_ends(&compile(&pattern, 12), &text, 3, |j, e| {
            ends.push((j, e));
            3
        });
        assert!(ends.contains(&(230, 1)), "{ends:?}");
    }

    #[test]
    fn symbols_outside_the_alphabet_never_match() {
        let pattern = Pattern::new([Some(0), None].into_iter(), 1);
        let mut best = usize::MAX;
        scan(&pattern, [0usize, 5, 0].into_iter(), false, |_, d| {
            best = best.min(d)
        });
        assert_eq!(best, 1);
    }

    proptest! {
        // No regression files: they would land outside this module.
        #![proptest_config(ProptestConfig {
            cases: 96,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        /// Every end within the budget, with its exact distance, and no other,
        /// for patterns of one to four blocks.
        #[test]
        fn find_ends_agrees_with_dynamic_programming(
            pattern in prop::collection::vec(0u16..4, 1..200),
            text in prop::collection::vec(0u16..4, 0..300),
            rate in 0usize..60,
        ) {
            let k = pattern.len() * rate / 100;
            let expected: Vec<(usize, usize)> = naive_last_row(&pattern, &text, false)
                .into_iter()
                .enumerate()
                .skip(1)
                .filter(|&(_, d)| d <= k)
                .collect();
            let mut found = Vec::new();
            find_ends(&compile(&pattern, 4), &text, k, |j, e| {
                found.push((j, e));
                k
            });
            prop_assert_eq!(found, expected);
        }

        #[test]
        fn scan_agrees_with_dynamic_programming(
            pattern in prop::collection::vec(0u16..3, 1..150),
            text in prop::collection::vec(0u16..3, 0..160),
            anchored in any::<bool>(),
        ) {
            let mut found = Vec::new();
            scan(
                &compile(&pattern, 3),
                text.iter().map(|&c| c as usize),
                anchored,
                |_, d| found.push(d),
            );
            prop_assert_eq!(found, naive_last_row(&pattern, &text, anchored));
        }
    }
}
