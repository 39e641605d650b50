//! Where a quote may be: candidate places scored by the similarity of the
//! quote, of the text before and after to the stored prefix and suffix, and
//! by closeness to the stored position; the approximate search that finds the
//! candidates when the quote no longer occurs exactly.
//!
//! The weights follow Hypothesis's `match-quote.ts`, so that a claim exported
//! from one tool lands in the same place in the other.

use super::approx::{self, Pattern};
use super::text_index::{rarest_gram, QgramIndex, Symbols, Q};
use super::TextAnchor;

/// Errors allowed, at most, whatever the quote's length: the matcher's cost
/// grows with the budget (one 64-bit block per 64 errors), and a quote of
/// several hundred code points that changed by more than 256 is a rewrite.
pub(crate) const MAX_ERRORS: usize = 256;

/// Errors allowed per code point of the quote. Hypothesis allows half the
/// quote; so do we, so that nothing it re-anchors is lost here. Beyond that an
/// alignment is mostly edits, and random prose matches short quotes.
pub(crate) const MAX_ERROR_RATE: f64 = 0.5;

/// The quote matters most: it is what the claim is about.
pub(crate) const QUOTE_WEIGHT: f64 = 50.0;
/// The prefix and suffix tell repeated or near-identical passages apart, and
/// keep a heavily edited quote from landing on similar words elsewhere.
pub(crate) const PREFIX_WEIGHT: f64 = 20.0;
pub(crate) const SUFFIX_WEIGHT: f64 = 20.0;
/// Closeness to the stored position only breaks ties: offsets go stale with
/// every edit before the claim, so they must never outvote the text.
pub(crate) const POSITION_WEIGHT: f64 = 2.0;

/// A fuzzy candidate with this much of the quote intact is accepted on its
/// own (a quarter of the code points edited is a heavy revision already)...
pub(crate) const LONE_QUOTE_SIMILARITY: f64 = 0.75;
/// ... if the quote is at least this long: in a megabyte of prose, a short
/// word with a typo or two matches somewhere by chance.
pub(crate) const LONE_QUOTE_MIN_CHARS: usize = 12;
/// Otherwise (down to `1 - MAX_ERROR_RATE`) the context must vouch for the
/// place: every stored side (prefix, suffix) this similar to the text next to
/// it. High enough that where a short quote was deleted, the text that closed
/// the gap does not pass for it (the suffix then starts a quote's length
/// late: 8 code points off a 32-code-point suffix is 0.75).
pub(crate) const CONTEXT_SUPPORT: f64 = 0.8;
/// With no stored context at all (a foreign annotation with only a quote and
/// a position), a place this close to the stored start vouches instead.
pub(crate) const POSITION_SUPPORT_CHARS: usize = 32;

/// Code points searched on each side of the stored position before the whole
/// text. Edits before a claim shift it by their net length: a revised article
/// drifts by hundreds of code points, rarely thousands. A candidate found
/// there still has to beat anything elsewhere (see `Scorer::rival_errors`).
pub(crate) const WINDOW_MARGIN: usize = 2048;

/// Context code points compared, nearest first. Ours store 32; foreign
/// annotations may store more, and comparing more only costs time.
pub(crate) const CONTEXT_SCORED_CHARS: usize = 256;

/// The most ends of equal error count kept from one run of adjacent ends
/// (one occurrence): repetitive text (`aaaa…`) would otherwise make every
/// position a candidate.
const MAX_TIED_ENDS: usize = 8;

/// Work allowed to the fuzzy stage of one `Anchorer` (one import, one
/// recomputation of the highlights), in 64-bit column steps of the matcher,
/// about 2–4 ns each in wasm: 3·10⁸ is about one second. An honest import of
/// thousands of edited claims uses a few percent of it; a hostile file
/// (degenerate text, 10,000-character quotes) would otherwise freeze the tab
/// for minutes. Claims left when it runs out are orphans: kept, and listed.
pub(crate) const FUZZY_WORK_BUDGET: u64 = 300_000_000;

/// Errors allowed for a quote of `len` code points.
pub(crate) fn error_budget(len: usize) -> usize {
    ((len as f64 * MAX_ERROR_RATE) as usize).min(MAX_ERRORS)
}

/// A context side compiled for the matcher, over its own small alphabet.
struct ContextPattern {
    chars: Vec<char>,
    pattern: Pattern,
}

impl ContextPattern {
    /// `outward`: the side read from the quote outward (a prefix backwards).
    fn new(outward: Vec<char>) -> Option<Self> {
        if outward.is_empty() {
            return None;
        }
        let mut chars = outward.clone();
        chars.sort_unstable();
        chars.dedup();
        let pattern = Pattern::new(
            outward.iter().map(|c| chars.binary_search(c).ok()),
            chars.len(),
        );
        Some(ContextPattern { chars, pattern })
    }

    /// 1 minus the edit distance between the side and the text read outward
    /// from the candidate (as far as the best alignment ends), over the
    /// side's length. Anchored at the candidate: text next to the quote
    /// matters, not a lookalike a few words away.
    fn similarity(&self, outward: impl Iterator<Item = char>) -> f64 {
        let len = self.pattern.len();
        let mut best = len;
        let symbols = outward
            .take(2 * len)
            .map(|c| self.chars.binary_search(&c).unwrap_or(self.chars.len()));
        approx::scan(&self.pattern, symbols, true, |_, d| best = best.min(d));
        1.0 - best as f64 / len as f64
    }
}

/// A scored place for the quote.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Candidate {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) errors: usize,
    pub(crate) quote_similarity: f64,
    pub(crate) prefix_similarity: Option<f64>,
    pub(crate) suffix_similarity: Option<f64>,
    pub(crate) score: f64,
}

impl Candidate {
    /// Higher score; on a tie, fewer errors, then the earlier start, then
    /// the longer match (like Hypothesis's: with no context to tell, a
    /// code point inserted at the edge is more likely the passage's own).
    pub(crate) fn beats(&self, other: &Candidate) -> bool {
        (self.score, other.errors, other.start, self.end)
            > (other.score, self.errors, self.start, other.end)
    }
}

/// Scores candidate places for one anchor.
pub(crate) struct Scorer {
    quote_len: usize,
    prefix: Option<ContextPattern>,
    suffix: Option<ContextPattern>,
    hint: Option<usize>,
    text_len: usize,
}

impl Scorer {
    pub(crate) fn new(anchor: &TextAnchor, hint: Option<usize>, text_len: usize) -> Self {
        Scorer {
            quote_len: anchor.exact.chars().count(),
            prefix: ContextPattern::new(
                anchor
                    .prefix
                    .chars()
                    .rev()
                    .take(CONTEXT_SCORED_CHARS)
                    .collect(),
            ),
            suffix: ContextPattern::new(anchor.suffix.chars().take(CONTEXT_SCORED_CHARS).collect()),
            hint,
            text_len,
        }
    }

    pub(crate) fn quote_len(&self) -> usize {
        self.quote_len
    }

    /// `before`: the text before `start`, backwards; `after`: after `end`.
    pub(crate) fn score(
        &self,
        start: usize,
        end: usize,
        errors: usize,
        before: impl Iterator<Item = char>,
        after: impl Iterator<Item = char>,
    ) -> Candidate {
        let quote_similarity = 1.0 - errors as f64 / self.quote_len.max(1) as f64;
        let prefix_similarity = self.prefix.as_ref().map(|p| p.similarity(before));
        let suffix_similarity = self.suffix.as_ref().map(|s| s.similarity(after));
        // An absent side scores 1 for every candidate, as in Hypothesis, so
        // that scores of anchors with and without context compare alike.
        let position = self.hint.map_or(1.0, |h| {
            1.0 - start.abs_diff(h) as f64 / self.text_len.max(1) as f64
        });
        Candidate {
            start,
            end,
            errors,
            quote_similarity,
            prefix_similarity,
            suffix_similarity,
            score: QUOTE_WEIGHT * quote_similarity
                + PREFIX_WEIGHT * prefix_similarity.unwrap_or(1.0)
                + SUFFIX_WEIGHT * suffix_similarity.unwrap_or(1.0)
                + POSITION_WEIGHT * position,
        }
    }

    /// Whether a fuzzy candidate is believable (see the constants above).
    pub(crate) fn accepts(&self, c: &Candidate) -> bool {
        if c.quote_similarity < 1.0 - MAX_ERROR_RATE {
            return false;
        }
        if c.quote_similarity >= LONE_QUOTE_SIMILARITY && self.quote_len >= LONE_QUOTE_MIN_CHARS {
            return true;
        }
        if self.prefix.is_none() && self.suffix.is_none() {
            return self
                .hint
                .is_some_and(|h| c.start.abs_diff(h) <= POSITION_SUPPORT_CHARS);
        }
        [c.prefix_similarity, c.suffix_similarity]
            .into_iter()
            .flatten()
            .all(|s| s >= CONTEXT_SUPPORT)
    }

    /// The most errors a candidate elsewhere may have and still score at
    /// least as high as `best`, with perfect context and position: no
    /// candidate with more errors needs looking at.
    pub(crate) fn rival_errors(&self, best: &Candidate) -> usize {
        let rest = PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;
        let quote_needed = (best.score - rest) / QUOTE_WEIGHT;
        let errors = (1.0 - quote_needed) * self.quote_len as f64;
        // A hair of slack against rounding; one candidate too many is harmless.
        (errors + 1e-9).floor().max(0.0) as usize
    }
}

/// The approximate stage for one quote over the document's symbols.
pub(crate) struct Fuzzy<'a> {
    symbols: &'a Symbols,
    index: Option<&'a QgramIndex>,
    scorer: &'a Scorer,
    quote: Vec<Option<usize>>,
    forward: Pattern,
    /// The quote backwards, to find where a match ending somewhere starts.
    backward: Pattern,
    budget: usize,
    /// Work spent so far by the anchorer this search belongs to, and its limit.
    work: &'a std::cell::Cell<u64>,
    work_budget: u64,
}

impl<'a> Fuzzy<'a> {
    pub(crate) fn new(
        symbols: &'a Symbols,
        index: Option<&'a QgramIndex>,
        scorer: &'a Scorer,
        exact: &str,
        work: &'a std::cell::Cell<u64>,
    ) -> Self {
        let quote: Vec<Option<usize>> = exact.chars().map(|c| symbols.id(c)).collect();
        let alphabet = symbols.alphabet();
        Fuzzy {
            forward: Pattern::new(quote.iter().copied(), alphabet),
            backward: Pattern::new(quote.iter().rev().copied(), alphabet),
            budget: error_budget(quote.len()),
            quote,
            symbols,
            index,
            scorer,
            work,
            work_budget: FUZZY_WORK_BUDGET,
        }
    }

    /// The same search with another work limit (tests of the limit itself).
    pub(crate) fn with_work_budget(self, work_budget: u64) -> Self {
        Fuzzy {
            work_budget,
            ..self
        }
    }

    /// Charges `steps` of work about to be done; `false`, charging nothing,
    /// once the budget is spent (so the overshoot is one step's worth).
    fn charge(&self, steps: usize) -> bool {
        let spent = self.work.get();
        if spent > self.work_budget {
            return false;
        }
        self.work.set(spent.saturating_add(steps as u64));
        true
    }

    /// The best accepted candidate: near `hint` first, then anywhere a rival
    /// could still beat it.
    pub(crate) fn run(&self, hint: Option<usize>) -> Option<Candidate> {
        let (n, m) = (self.symbols.ids.len(), self.quote.len());
        if m == 0 || n == 0 {
            return None;
        }
        let mut best = None;
        if let Some(h) = hint.filter(|&h| h < n) {
            let window = (
                h.saturating_sub(WINDOW_MARGIN),
                (h + m + WINDOW_MARGIN).min(n),
            );
            self.search(&[window], self.budget, &mut best);
            if let Some(found) = &best {
                // Exact occurrences were ruled out by the quote stage: a rival
                // needs at least one error.
                let k = self.scorer.rival_errors(found).min(self.budget);
                if k > 0 {
                    self.search(&self.regions(k), k, &mut best);
                }
                return best;
            }
        }
        self.search(&self.regions(self.budget), self.budget, &mut best);
        best
    }

    /// Parts of the text that can hold a match with at most `k` errors. Split
    /// into `k + 1` pieces, a match keeps one piece intact (pigeonhole), so
    /// only places where some piece occurs exactly need the matcher; the
    /// whole text when the index is absent or the pieces too short to be
    /// selective.
    fn regions(&self, k: usize) -> Vec<(usize, usize)> {
        let (n, m) = (self.symbols.ids.len(), self.quote.len());
        let whole = vec![(0, n)];
        let Some(index) = self.index else {
            return whole;
        };
        let pieces = k + 1;
        if m / pieces < Q {
            return whole;
        }
        let mut seeds = Vec::new();
        let mut hits = 0usize;
        for i in 0..pieces {
            let (from, to) = (i * m / pieces, (i + 1) * m / pieces);
            // A piece with a code point absent from the text occurs nowhere.
            let Some(piece) = self.quote[from..to]
                .iter()
                .map(|s| s.map(|s| s as u16))
                .collect::<Option<Vec<u16>>>()
            else {
                continue;
            };
            let Some((offset, bucket)) = rarest_gram(index, &piece) else {
                return whole;
            };
            hits += bucket.len();
            // Verifying costs about `m + 2k` symbols per hit, scanning `n`.
            if hits.saturating_mul(m + 2 * k) > n {
                return whole;
            }
            seeds.push((from, piece, offset, bucket));
        }
        let ids = &self.symbols.ids;
        let mut regions: Vec<(usize, usize)> = Vec::new();
        for (from, piece, offset, bucket) in seeds {
            for &p in bucket {
                let Some(at) = (p as usize).checked_sub(offset) else {
                    continue;
                };
                if ids.get(at..at + piece.len()) != Some(&piece[..]) {
                    continue;
                }
                // Where the whole quote would start, give or take `k`.
                let quote_start = at as isize - from as isize;
                let lo = (quote_start - k as isize).max(0) as usize;
                let hi = ((quote_start + (m + k) as isize).max(0) as usize).min(n);
                regions.push((lo, hi));
            }
        }
        regions.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(regions.len());
        for (lo, hi) in regions {
            match merged.last_mut() {
                Some(last) if lo <= last.1 => last.1 = last.1.max(hi),
                _ => merged.push((lo, hi)),
            }
        }
        merged
    }

    /// Scores every candidate with at most `k` errors in `regions` that could
    /// beat `best`, keeping the best accepted one.
    fn search(&self, regions: &[(usize, usize)], k: usize, best: &mut Option<Candidate>) {
        let m = self.quote.len();
        for &(lo, hi) in regions {
            if !self.charge((hi - lo) * self.forward.blocks()) {
                return;
            }
            // A run of adjacent ends is one occurrence: score only its ends
            // with the fewest errors.
            let mut run: Option<(usize, usize, usize)> = None; // (first end, last end, errors)
            let mut tied: Vec<usize> = Vec::new();
            let bound = |best: &Option<Candidate>| {
                best.as_ref()
                    .map_or(k, |b| self.scorer.rival_errors(b).min(k))
            };
            approx::find_ends(&self.forward, &self.symbols.ids[lo..hi], k, |j, errors| {
                let end = lo + j;
                match run {
                    Some((first, last, e)) if end == last + 1 && end - first <= m => {
                        if errors < e {
                            tied.clear();
                        }
                        if errors <= e && tied.len() < MAX_TIED_ENDS {
                            tied.push(end);
                        }
                        run = Some((first, end, e.min(errors)));
                    }
                    _ => {
                        if let Some((_, _, e)) = run {
                            self.consider(&tied, e, best);
                        }
                        tied.clear();
                        tied.push(end);
                        run = Some((end, end, errors));
                    }
                }
                bound(best)
            });
            if let Some((_, _, e)) = run {
                self.consider(&tied, e, best);
            }
        }
    }

    /// Scores the matches ending at `ends` with `errors` errors, from every
    /// start that achieves it.
    fn consider(&self, ends: &[usize], errors: usize, best: &mut Option<Candidate>) {
        if best
            .as_ref()
            .is_some_and(|b| errors > self.scorer.rival_errors(b))
        {
            return;
        }
        let ids = &self.symbols.ids;
        let m = self.quote.len();
        for &end in ends {
            if !self.charge((m + errors) * self.backward.blocks()) {
                return;
            }
            let from = end.saturating_sub(m + errors);
            let mut starts = Vec::new();
            let text = ids[from..end].iter().rev().map(|&c| c as usize);
            approx::scan(&self.backward, text, true, |t, d| {
                if d == errors && t > 0 {
                    starts.push(end - t);
                }
            });
            for start in starts {
                let c = self.scorer.score(
                    start,
                    end,
                    errors,
                    ids[..start].iter().rev().map(|&i| self.symbols.char_of(i)),
                    ids[end..].iter().map(|&i| self.symbols.char_of(i)),
                );
                if self.scorer.accepts(&c) && best.as_ref().is_none_or(|b| c.beats(b)) {
                    *best = Some(c);
                }
            }
        }
    }
}
