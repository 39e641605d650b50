// Anchoring benchmark: annotator-core's anchoring compiled to wasm and run in
// headless Chromium, side by side with the matcher the Hypothesis client uses
// (npm approx-string-match, with Hypothesis's matchQuote-style scoring,
// written here) run in Node, on the same workload:
//
//   a ~1 MB French-like text; 2,000 quotes (20–200 code points, 32 code
//   points of prefix and suffix, stored offsets); a third found unchanged
//   in the text, a third whose passage in the text got 1–3 edits, a third
//   with 4–10 edits. Edits shift everything after them, so most stored
//   offsets are stale, as they are after an article is revised.
//
//   node bench/anchoring.mjs                 (builds bench/anchor-wasm first)
//   BENCH_RUNS=9 node bench/anchoring.mjs    (runs per side, at least 5)
//   ANCHOR_OPT=3 node bench/anchoring.mjs    (wasm at opt-level 3 instead of the app's "z")
//   BENCH_NO_BUILD=1 node bench/anchoring.mjs (reuse the last build)
//
// Prints numbers; it is not a test. Target: ours ≥ 3× faster (median JS ms /
// median wasm ms) with at least as many quotes landing where intended.
// Exits 0 unless something cannot run at all (or the workload is inconsistent).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import search from 'approx-string-match';
import { ROOT, startServer, launchBrowser } from '../e2e/harness.mjs';
import { mulberry32 } from './bench.mjs';

const RUNS = Math.max(5, Number(process.env.BENCH_RUNS) || 5);
const WARMUP = 1;
const TARGET_BYTES = 1_000_000;
const QUOTES = 2000;
const CONTEXT = 32; // CONTEXT_CHARS in crates/annotator-core/src/anchor.rs; Hypothesis keeps 32 too
const QUOTE_MIN = 20;
const QUOTE_MAX = 200;
const SPEEDUP_TARGET = 3;
const LANDED_SHARE = 0.5; // of the intended span
const THIRDS = [
  { key: 'exact', label: 'unchanged', edits: [0, 0] },
  { key: 'light', label: '1–3 edits', edits: [1, 3] },
  { key: 'heavy', label: '4–10 edits', edits: [4, 10] },
];

const CRATE = path.join(ROOT, 'bench', 'anchor-wasm');
const TARGET_DIR = process.env.CARGO_TARGET_DIR || '/tmp/target-bench';
const OPT = process.env.ANCHOR_OPT || 'z';

const fmt = (n, digits = 1) => (n == null || Number.isNaN(n) ? 'n/a' : n.toFixed(digits));
const int = (n) => (n == null ? 'n/a' : Math.round(n).toLocaleString('en-US'));

function table(headers, rows) {
  const cells = [headers, ...rows].map((r) => r.map(String));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => [...r[i]].length)));
  const pad = (c, w, left) => (left ? c + ' '.repeat(w - [...c].length) : ' '.repeat(w - [...c].length) + c);
  const line = (r) => r.map((c, i) => pad(c, widths[i], i === 0)).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

function stats(values) {
  const v = [...values].sort((a, b) => a - b);
  if (!v.length) return { median: null, min: null, max: null, n: 0 };
  const mid = Math.floor(v.length / 2);
  return { median: v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2, min: v[0], max: v[v.length - 1], n: v.length };
}

// ---------------------------------------------------------------- workload


// Frequent French words, most frequent first (they get the head of a Zipf
// distribution); invented French-looking words make up the long tail, so
// that, as in real prose, short phrases repeat but 20+ code points rarely do.
const COMMON = (
  'de la le et les des à en un une du est que qui dans pour pas au sur il elle ne se plus ' +
  'par a avec ce sont son sa ses nous vous ils leur leurs été être avait comme mais ou ' +
  'tout aussi très bien après avant depuis entre sans sous selon lors dont où même ' +
  'fait faire dit peut doit deux trois premier première nouveau nouvelle grand grande ' +
  'pays ville monde gouvernement président ministre police sécurité État années année ' +
  'jour jours mois semaine lundi mardi mercredi jeudi vendredi samedi dimanche ' +
  'septembre octobre novembre décembre janvier février mars avril mai juin juillet août ' +
  'selon déclaré annoncé affirmé expliqué ajouté précisé souligné rappelé estimé ' +
  'économie politique société région développement coopération international internationale ' +
  'chinois chinoise français française européen européenne américain américaine ' +
  'équipements formation formations policiers officiers institutions capacités ' +
  'volonté influence stratégie réseau réseaux données logiciels reconnaissance faciale ' +
  'accord accords projet projets initiative mondiale globale ambitions programme ' +
  'hausse baisse croissance marché marchés entreprises entreprise sociétés secteur ' +
  'député députés sénat assemblée loi lois réforme réformes élection élections ' +
  'ç’est déjà encore toujours jamais souvent parfois ainsi donc alors pourtant cependant ' +
  'là-bas peut-être aujourd’hui c’est qu’il qu’elle d’un d’une l’on n’est s’est'
).split(/\s+/);

const EMOJI = ['😀', '👍', '🇫🇷', '📈', '✅', '🔥', '🤔', '🌍', '⚠️', '💬', '🚓', '🇨🇳'];

function makeVocabulary(rand) {
  const onsets = ['', '', 'b', 'c', 'ch', 'd', 'f', 'g', 'gr', 'j', 'l', 'm', 'n', 'p', 'pr', 'qu', 'r', 's', 't', 'tr', 'v', 'br', 'cl', 'pl', 'fr', 'v', 'st'];
  const vowels = ['a', 'e', 'i', 'o', 'u', 'é', 'è', 'ê', 'ai', 'au', 'ou', 'oi', 'eu', 'an', 'en', 'on', 'in', 'à', 'â', 'î', 'ô', 'û', 'ie', 'a', 'e', 'i', 'o', 'é'];
  const codas = ['', '', '', '', 'r', 's', 'l', 'n', 't', 'c', 'x'];
  const endings = ['', '', '', 'e', 's', 'es', 'ent', 'ment', 'tion', 'ité', 'eur', 'ais', 'ait', 'é', 'ée', 'er', 'ique', 'isme', 'aux'];
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const words = new Set(COMMON);
  while (words.size < 9000) {
    const syllables = 1 + Math.floor(rand() * 3.2);
    let w = '';
    for (let s = 0; s < syllables; s++) w += pick(onsets) + pick(vowels) + (s === syllables - 1 ? pick(codas) : '');
    w += pick(endings);
    if ([...w].length >= 2) words.add(w);
  }
  const list = [...words];
  // Zipf: weight 1 / (rank + 3).
  const cumulative = new Float64Array(list.length);
  let total = 0;
  for (let i = 0; i < list.length; i++) cumulative[i] = total += 1 / (i + 3);
  return () => {
    const x = rand() * total;
    let lo = 0;
    let hi = list.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return list[lo];
  };
}

function capitalise(w) {
  const [first, ...rest] = w;
  return first.toUpperCase() + rest.join('');
}

function makeSentence(rand, word) {
  const n = 5 + Math.floor(rand() * 24);
  const out = [];
  let quoteOpen = false;
  for (let i = 0; i < n; i++) {
    let w;
    const r = rand();
    if (r < 0.03) w = String(1 + Math.floor(rand() * 3000)) + (rand() < 0.3 ? '.000' : '');
    else if (r < 0.045) w = capitalise(word()) + (rand() < 0.5 ? '' : ' ' + capitalise(word()));
    else if (r < 0.055) w = EMOJI[Math.floor(rand() * EMOJI.length)];
    else if (r < 0.075) w = (rand() < 0.5 ? 'l’' : 'd’') + word();
    else if (r < 0.085) w = (rand() < 0.5 ? "l'" : "qu'") + word();
    else w = word();
    if (i === 0) w = capitalise(w);
    if (!quoteOpen && i < n - 3 && rand() < 0.025) {
      w = (rand() < 0.6 ? '«\u00a0' : '"') + w;
      quoteOpen = w.startsWith('"') ? '"' : '\u00a0»';
    } else if (quoteOpen && rand() < 0.3) {
      w += quoteOpen;
      quoteOpen = false;
    }
    if (i < n - 1) {
      const p = rand();
      if (p < 0.09) w += ',';
      else if (p < 0.1) w += ' –';
      else if (p < 0.105) w += '\u00a0;';
      else if (p < 0.11) w = `(${w})`;
    }
    out.push(w);
  }
  if (quoteOpen) out[out.length - 1] += quoteOpen;
  const e = rand();
  const end = e < 0.82 ? '.' : e < 0.9 ? '\u00a0?' : e < 0.95 ? '\u00a0!' : '…';
  return out.join(' ') + end;
}

/**
 * The article: a title line, the built-in AFP dispatch, then generated
 * paragraphs (and a few subheadings) separated by blank lines, until it
 * reaches TARGET_BYTES of UTF-8. It is already in canonical form (blocks
 * joined by "\n\n", no CR, no white-space-only line), which the script
 * checks against the wasm side, so code-point offsets mean the same on both.
 */
function makeText(rand) {
  const word = makeVocabulary(rand);
  const builtin = fs
    .readFileSync(path.join(ROOT, 'crates/annotator-core/assets/builtin-article.txt'), 'utf8')
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  const blocks = ['Banc d’essai de l’ancrage : 2 000 citations dans un article d’un mégaoctet', ...builtin];
  let bytes = blocks.reduce((n, b) => n + Buffer.byteLength(b) + 2, 0);
  while (bytes < TARGET_BYTES) {
    let block;
    if (rand() < 0.04) {
      block = capitalise(Array.from({ length: 3 + Math.floor(rand() * 6) }, word).join(' '));
    } else {
      const sentences = 2 + Math.floor(rand() * 6);
      block = Array.from({ length: sentences }, () => makeSentence(rand, word)).join(' ');
    }
    blocks.push(block);
    bytes += Buffer.byteLength(block) + 2;
  }
  return blocks.join('\n\n');
}

const isSpace = (c) => /\s/u.test(c);
const isLetter = (c) => /\p{L}/u.test(c);

// Edits a person (or a newsroom's CMS) makes when revising a passage.
const ACCENT = { e: 'é', é: 'e', è: 'e', ê: 'e', a: 'à', à: 'a', c: 'ç', ç: 'c', o: 'ô', ô: 'o', u: 'ù', ù: 'u', i: 'î', î: 'i' };
const RETYPED = { "'": '’', '’': "'", '"': '«', '«': '"', '»': '"', ',': ';', ';': ',', '.': '!', '!': '.', '?': '!', '–': '-', '-': '–', '…': '.', ':': ';' };
const LETTERS = [...'abcdefghijklmnopqrstuvwxyzéèàç'];

/**
 * Applies one edit to `span` (an array of code points), strictly inside it
 * (the first and last code point stay, so the intended range is well
 * defined) and never next to a line break (so blocks stay blocks).
 */
function editOnce(span, rand) {
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const inner = [];
  for (let i = 1; i < span.length - 1; i++) {
    if (span[i] !== '\n' && span[i - 1] !== '\n' && span[i + 1] !== '\n') inner.push(i);
  }
  if (!inner.length) return 'none';
  const r = rand();
  if (r < 0.3) {
    const letters = inner.filter((i) => isLetter(span[i]));
    if (letters.length) {
      const i = pick(letters);
      const c = span[i];
      let d = ACCENT[c] && rand() < 0.5 ? ACCENT[c] : pick(LETTERS);
      if (d === c) d = c === 'x' ? 'y' : 'x';
      span[i] = c === c.toUpperCase() ? d.toUpperCase() : d;
      return 'substitution';
    }
  }
  if (r < 0.5) {
    span.splice(pick(inner), 0, pick(LETTERS));
    return 'insertion';
  }
  if (r < 0.7 && span.length > 12) {
    span.splice(pick(inner), 1);
    return 'deletion';
  }
  if (r < 0.85) {
    const punct = inner.filter((i) => RETYPED[span[i]]);
    if (punct.length) {
      const i = pick(punct);
      span[i] = RETYPED[span[i]];
      return 'punctuation';
    }
    const spaces = inner.filter((i) => span[i] === ' ' && isLetter(span[i - 1]));
    if (spaces.length) {
      span.splice(pick(spaces), 0, ',');
      return 'punctuation';
    }
  }
  const spaces = inner.filter((i) => span[i] === ' ');
  if (spaces.length) {
    const i = pick(spaces);
    const w = rand();
    if (w < 0.4) span[i] = '\u00a0';
    else if (w < 0.7) span.splice(i, 0, ' ');
    else span.splice(i, 1);
    return 'white space';
  }
  span.splice(pick(inner), 0, ' ');
  return 'white space';
}

/** Offsets between code points and UTF-16 units of `text`. */
function unitMaps(text) {
  const cps = Array.from(text);
  const cpTo16 = new Uint32Array(cps.length + 1);
  const u16ToCp = new Uint32Array(text.length + 1);
  let u = 0;
  for (let i = 0; i < cps.length; i++) {
    cpTo16[i] = u;
    u16ToCp[u] = i;
    if (cps[i].length === 2) u16ToCp[u + 1] = i; // inside a surrogate pair: that code point
    u += cps[i].length;
  }
  cpTo16[cps.length] = u;
  u16ToCp[u] = cps.length;
  return { cps, cpTo16, u16ToCp };
}

/**
 * The workload. Quote i sits in slot i of QUOTES equal slots of the original
 * text, with at least CONTEXT code points between it and the slot's edges, so
 * one quote's edits never touch another quote's context. Its anchor (exact,
 * prefix, suffix, start, end) is taken from the original text; then the
 * edited thirds' passages are changed in the text. Stored offsets stay the
 * original ones; the intended place is where the (edited) passage now is.
 */
export function makeWorkload(seed = 0x0a11c0de) {
  const rand = mulberry32(seed);
  const original = makeText(rand);
  const orig = unitMaps(original);
  const cps = orig.cps;
  const n = cps.length;
  const slot = Math.floor(n / QUOTES);
  if (slot < QUOTE_MAX + 2 * CONTEXT + 40) throw new Error(`text too short for ${QUOTES} quotes: ${n} code points`);

  // Thirds interleaved through the text, deterministically.
  const order = Array.from({ length: QUOTES }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const third = new Array(QUOTES);
  order.forEach((q, rank) => (third[q] = Math.min(2, Math.floor((rank * 3) / QUOTES))));

  const targets = [];
  for (let i = 0; i < QUOTES; i++) {
    const lo = i * slot + CONTEXT + 1;
    const hi = (i + 1) * slot - CONTEXT - 1; // exclusive end bound
    const len = QUOTE_MIN + Math.floor(rand() * (QUOTE_MAX - QUOTE_MIN + 1));
    let start = lo + Math.floor(rand() * Math.max(1, hi - lo - len));
    // A selection starts at a word and ends at one, as people select.
    for (let k = 0; k < 20 && start > lo && !isSpace(cps[start - 1]); k++) start--;
    let end = Math.min(start + len, hi);
    for (let k = 0; k < 20 && end < hi && isLetter(cps[end]) && end - start < QUOTE_MAX; k++) end++;
    while (start < end && isSpace(cps[start])) start++;
    while (end > start && isSpace(cps[end - 1])) end--;
    while (end - start < QUOTE_MIN) end++;
    while (isSpace(cps[end - 1])) end++;
    if (end > hi + CONTEXT || end - start > QUOTE_MAX + 20) throw new Error(`quote ${i} does not fit its slot`);
    targets.push({
      i,
      third: third[i],
      start,
      end,
      exact: cps.slice(start, end).join(''),
      prefix: cps.slice(Math.max(0, start - CONTEXT), start).join(''),
      suffix: cps.slice(end, end + CONTEXT).join(''),
    });
  }

  // Edit the text, passage by passage, keeping track of the shift.
  const pieces = [];
  const editKinds = {};
  let at = 0;
  let newPos = 0;
  for (const t of targets) {
    const before = cps.slice(at, t.start);
    pieces.push(before.join(''));
    newPos += before.length;
    const span = cps.slice(t.start, t.end);
    const [lo, hi] = THIRDS[t.third].edits;
    t.edits = lo + Math.floor(rand() * (hi - lo + 1));
    for (let e = 0; e < t.edits; e++) {
      const kind = editOnce(span, rand);
      editKinds[kind] = (editKinds[kind] ?? 0) + 1;
    }
    while (t.edits > 0 && span.join('') === t.exact) editOnce(span, rand); // edits that undid each other
    pieces.push(span.join(''));
    t.intended = [newPos, newPos + span.length];
    newPos += span.length;
    at = t.end;
  }
  pieces.push(cps.slice(at).join(''));
  const text = pieces.join('');
  const edited = unitMaps(text);
  if (edited.cps.length !== newPos + (n - at)) throw new Error('offset bookkeeping is wrong');

  for (const t of targets) {
    const found = edited.cps.slice(...t.intended).join('');
    if (t.third === 0 ? found !== t.exact : found === t.exact) throw new Error(`quote ${t.i}: edits bookkeeping is wrong`);
    // What Hypothesis would have stored: UTF-16 offsets in the original text.
    t.start16 = orig.cpTo16[t.start];
    t.end16 = orig.cpTo16[t.end];
  }
  return { text, cps: edited.cps, cpTo16: edited.cpTo16, u16ToCp: edited.u16ToCp, targets, editKinds, originalLength: n };
}

// ---------------------------------------------------------------- Hypothesis's matcher (JS)

/** Occurrences of `quote`: exact ones when there are any (cheap), else approximate. */
function candidates(text, quote, maxErrors) {
  const exact = [];
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) {
    exact.push({ start: at, end: at + quote.length, errors: 0 });
  }
  return exact.length ? exact : search(text, quote, maxErrors);
}

/** Similarity in [0, 1] of `context` to `text` (best approximate occurrence). */
function similarity(text, context) {
  if (!context.length || !text.length) return 0;
  return 1 - candidates(text, context, context.length)[0].errors / context.length;
}

/**
 * Hypothesis-style quote matching: candidates within min(256, ⌊len/2⌋)
 * errors, each scored 50 × quote similarity + 20 × prefix similarity (to the
 * text just before it) + 20 × suffix similarity (just after it) + 2 ×
 * closeness to the hint; the best score wins (the first on ties). Offsets in
 * UTF-16 units, as approx-string-match counts.
 */
export function matchQuote(text, quote, { prefix = '', suffix = '', hint } = {}) {
  if (!quote.length) return null;
  const maxErrors = Math.min(256, Math.floor(quote.length / 2));
  const found = candidates(text, quote, maxErrors);
  let best = null;
  for (const m of found) {
    const quoteScore = 1 - m.errors / quote.length;
    const prefixScore = prefix ? similarity(text.slice(Math.max(0, m.start - prefix.length), m.start), prefix) : 1;
    const suffixScore = suffix ? similarity(text.slice(m.end, m.end + suffix.length), suffix) : 1;
    const posScore = typeof hint === 'number' ? 1 - Math.abs(m.start - hint) / text.length : 1;
    const score = (50 * quoteScore + 20 * prefixScore + 20 * suffixScore + 2 * posScore) / 92;
    if (!best || score > best.score) best = { start: m.start, end: m.end, score };
  }
  return best;
}

/**
 * How the Hypothesis client anchors a quote selector with a position
 * selector: the stored position if the text there is the quote, else
 * matchQuote with the stored start as hint. Returns [start, end] in UTF-16
 * units, or null.
 */
function hypothesisAnchor(text, q) {
  if (text.slice(q.start16, q.end16) === q.exact) return [q.start16, q.end16];
  const m = matchQuote(text, q.exact, { prefix: q.prefix, suffix: q.suffix, hint: q.start16 });
  return m ? [m.start, m.end] : null;
}

function runJs(text, quotes) {
  const out = new Array(quotes.length);
  const t0 = performance.now();
  for (let i = 0; i < quotes.length; i++) out[i] = hypothesisAnchor(text, quotes[i]);
  return { ms: performance.now() - t0, out };
}

// ---------------------------------------------------------------- ours (wasm in Chromium)

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status})`);
}

/** Builds bench/anchor-wasm like the app's release build: cargo, wasm-bindgen, wasm-opt -Oz. */
function buildWasm() {
  const pkg = path.join(TARGET_DIR, `anchor-wasm-pkg-opt${OPT}`);
  const wasmOpt = path.join(ROOT, 'node_modules', '.bin', 'wasm-opt');
  if (process.env.BENCH_NO_BUILD && fs.existsSync(path.join(pkg, 'anchor_wasm_bg.wasm'))) return pkg;
  console.error(`building bench/anchor-wasm (opt-level ${OPT}) in ${TARGET_DIR} …`);
  run(
    'cargo',
    ['build', '--offline', '--release', '--target', 'wasm32-unknown-unknown', '--manifest-path', path.join(CRATE, 'Cargo.toml')],
    { CARGO_TARGET_DIR: TARGET_DIR, CARGO_PROFILE_RELEASE_OPT_LEVEL: OPT },
  );
  fs.rmSync(pkg, { recursive: true, force: true });
  run('wasm-bindgen', ['--target', 'web', '--out-dir', pkg, path.join(TARGET_DIR, 'wasm32-unknown-unknown', 'release', 'anchor_wasm.wasm')]);
  if (fs.existsSync(wasmOpt)) {
    const file = path.join(pkg, 'anchor_wasm_bg.wasm');
    run(wasmOpt, [`-O${OPT}`, '--converge', file, '-o', file]);
  } else {
    console.error('wasm-opt not found in node_modules/.bin (npm ci): measuring without it, unlike the app');
  }
  return pkg;
}

const PAGE = `<!doctype html><meta charset="utf-8"><title>anchoring benchmark</title>
<script type="module">
import init, * as wasm from './anchor_wasm.js';
window.ready = (async () => {
  await init();
  const [text, quotes] = await Promise.all(['text.txt', 'quotes.json'].map((f) => fetch(f).then((r) => r.text())));
  Object.assign(window, { wasm, text, quotes });
})();
</script>`;

/** Times fn(...) `runs` times in the page (performance.now()), after `warmup` untimed calls. */
async function timeInPage(page, call, args, runs, warmup = WARMUP) {
  return page.evaluate(
    async ({ call, args, runs, warmup }) => {
      await window.ready;
      const resolved = args.map((a) => (typeof a === 'string' && a.startsWith('$') ? window[a.slice(1)] : a));
      const times = [];
      let out;
      for (let r = 0; r < warmup + runs; r++) {
        const t0 = performance.now();
        out = window.wasm[call](...resolved);
        const t1 = performance.now();
        if (r >= warmup) times.push(t1 - t0);
        await new Promise((done) => setTimeout(done, 0));
      }
      return { times, out };
    },
    { call, args, runs, warmup },
  );
}

// ---------------------------------------------------------------- landing

function landing(targets, found) {
  const rows = THIRDS.map(() => ({ quotes: 0, landed: 0, boundaries: 0, elsewhere: 0, none: 0 }));
  targets.forEach((t, i) => {
    const row = rows[t.third];
    row.quotes++;
    const f = found[i];
    if (!f) {
      row.none++;
      return;
    }
    const [is, ie] = t.intended;
    const overlap = Math.max(0, Math.min(f[1], ie) - Math.max(f[0], is));
    if (overlap >= LANDED_SHARE * (ie - is)) {
      row.landed++;
      if (f[0] === is && f[1] === ie) row.boundaries++;
    } else {
      row.elsewhere++;
    }
  });
  const total = rows.reduce((s, r) => Object.fromEntries(Object.keys(r).map((k) => [k, s[k] + r[k]])));
  return { rows, total };
}

// ---------------------------------------------------------------- main

async function main() {
  const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log('# claim-annotator anchoring benchmark');
  console.log(`(${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} CPUs, load average ${load()})`);

  const pkg = buildWasm();
  const wasmBytes = fs.statSync(path.join(pkg, 'anchor_wasm_bg.wasm')).size;

  const w = makeWorkload();
  const { text, targets } = w;
  const quotesJson = JSON.stringify(targets.map(({ start, end, exact, prefix, suffix }) => ({ start, end, exact, prefix, suffix })));
  const jsQuotes = targets.map(({ start16, end16, exact, prefix, suffix }) => ({ start16, end16, exact, prefix, suffix }));
  const byThird = THIRDS.map((_, k) => targets.filter((t) => t.third === k));
  const lengths = stats(targets.map((t) => [...t.exact].length));
  const stale = targets.filter((t) => w.cps.slice(t.start, t.end).join('') !== t.exact).length;
  const repeated = byThird[0].filter((t) => text.indexOf(t.exact) !== text.lastIndexOf(t.exact)).length;

  console.log(`\n## Workload (seeded, the same every run)\n`);
  console.log(
    `text: ${fmt(Buffer.byteLength(text) / 1e6, 2)} MB UTF-8, ${int(w.cps.length)} code points, ${int(text.length)} UTF-16 units ` +
      `(${int(text.length - w.cps.length)} surrogate halves: emoji), ${int(text.split('\n\n').length)} blocks\n` +
      `quotes: ${QUOTES} (${byThird.map((q, k) => `${q.length} ${THIRDS[k].label}`).join(', ')}), ` +
      `${lengths.min}–${lengths.max} code points (median ${lengths.median}), ${CONTEXT} code points of prefix and suffix\n` +
      `edits made in the text: ${Object.entries(w.editKinds).map(([k, v]) => `${v} ${k}`).join(', ')}; ` +
      `stored offsets no longer holding their quote: ${stale} of ${QUOTES}; ` +
      `unchanged quotes occurring more than once: ${repeated}`,
  );

  // Hypothesis's matcher in Node.
  console.error(`running the JS matcher: ${WARMUP} warm-up + ${RUNS} runs …`);
  const jsTimes = [];
  let jsOut;
  for (let r = 0; r < WARMUP + RUNS; r++) {
    const { ms, out } = runJs(text, jsQuotes);
    if (r >= WARMUP) jsTimes.push(ms);
    jsOut = out;
    console.error(`  JS run ${r + 1}: ${fmt(ms)} ms${r < WARMUP ? ' (warm-up)' : ''}`);
  }
  const jsFound = jsOut.map((f) => f && [w.u16ToCp[f[0]], w.u16ToCp[f[1]]]);

  // Ours in Chromium.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchor-bench-'));
  for (const f of ['anchor_wasm.js', 'anchor_wasm_bg.wasm']) fs.copyFileSync(path.join(pkg, f), path.join(dir, f));
  fs.writeFileSync(path.join(dir, 'index.html'), PAGE);
  fs.writeFileSync(path.join(dir, 'text.txt'), text);
  fs.writeFileSync(path.join(dir, 'quotes.json'), quotesJson);
  const server = await startServer(dir);
  const browser = await launchBrowser();
  let wasmRun;
  const profile = {};
  const problems = [];
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(server.url);
    const canonical = await page.evaluate(async () => {
      await window.ready;
      return window.wasm.canonical_text(window.text) === window.text;
    });
    if (!canonical) throw new Error('the generated text is not canonical: code-point offsets would differ between the sides');
    console.error(`running ours in Chromium: ${WARMUP} warm-up + ${RUNS} runs …`);
    wasmRun = await timeInPage(page, 'anchor_all', ['$text', '$quotes'], RUNS);
    // Profile (separate calls; not part of the figures above).
    profile.prepare = await timeInPage(page, 'prepare_only', ['$text'], RUNS);
    profile.decode = await timeInPage(page, 'decode_only', ['$quotes'], RUNS);
    profile.thirds = [];
    for (const part of byThird) {
      const json = JSON.stringify(part.map(({ start, end, exact, prefix, suffix }) => ({ start, end, exact, prefix, suffix })));
      profile.thirds.push(await timeInPage(page, 'anchor_all', ['$text', json], Math.min(RUNS, 5)));
    }
    profile.methods = JSON.parse((await timeInPage(page, 'anchor_methods', ['$text', '$quotes'], 1, 0)).out);
    await page.close();
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const wasmFound = JSON.parse(wasmRun.out);

  // JS per third and per stage, for the profile: one more run, each quote timed.
  const jsStages = THIRDS.map(() => ({ position: 0, exact: 0, approximate: 0, ms: 0 }));
  targets.forEach((t) => {
    const q = jsQuotes[t.i];
    const stage = jsStages[t.third];
    if (text.slice(q.start16, q.end16) === q.exact) stage.position++;
    else if (text.includes(q.exact)) stage.exact++;
    else stage.approximate++;
    const t0 = performance.now();
    hypothesisAnchor(text, q);
    stage.ms += performance.now() - t0;
  });

  // ---------------------------------------------------------- report
  const js = stats(jsTimes);
  const ours = stats(wasmRun.times);
  const ratio = js.median / ours.median;
  const opt = OPT === 'z' ? 'opt-level "z" + wasm-opt -Oz, as the app ships' : `opt-level ${OPT} + wasm-opt -O${OPT}`;
  console.log(`\n## Time for all ${QUOTES} quotes (ms; median of ${RUNS} runs after ${WARMUP} warm-up)\n`);
  console.log(
    table(
      ['side', 'median', 'min', 'max', 'quotes/s'],
      [
        ['ours: annotator-core, wasm in Chromium', fmt(ours.median), fmt(ours.min), fmt(ours.max), int(QUOTES / (ours.median / 1000))],
        ['Hypothesis matcher: approx-string-match, Node', fmt(js.median), fmt(js.min), fmt(js.max), int(QUOTES / (js.median / 1000))],
      ],
    ),
  );
  console.log(
    `\nours: one anchor_all call per run, including passing the text and the quotes' JSON into wasm, ` +
      `Document::parse, Anchorer::new and the JSON result (${opt}; ${int(wasmBytes)} B of wasm).\n` +
      `JS: the Hypothesis client's order (stored position if it still holds the quote, else matchQuote with the ` +
      `stored start as hint), on the same text, quotes and context, offsets in UTF-16 as Hypothesis stores them.`,
  );
  console.log(`\nratio JS / ours (medians): ${fmt(ratio, 2)}×; target ≥ ${SPEEDUP_TARGET}×: ${ratio >= SPEEDUP_TARGET ? 'met' : 'NOT met'}`);

  const lo = landing(targets, wasmFound);
  const lj = landing(targets, jsFound);
  console.log(
    `\n## Landing\n\nlanded = the range found overlaps the intended range (where the passage is now, edits included) ` +
      `by at least ${LANDED_SHARE * 100} % of the intended range's code points; exact = same start and end; ` +
      `elsewhere = found, but not there; none = not found.\n`,
  );
  const lrow = (label, a, b) => [label, a.quotes, a.landed, a.boundaries, a.elsewhere, a.none, b.landed, b.boundaries, b.elsewhere, b.none];
  console.log(
    table(
      ['quotes', 'n', 'ours landed', 'exact', 'elsewhere', 'none', 'JS landed', 'exact', 'elsewhere', 'none'],
      [...THIRDS.map((t, k) => lrow(t.label, lo.rows[k], lj.rows[k])), lrow('total', lo.total, lj.total)],
    ),
  );
  const landedOk = lo.total.landed >= lj.total.landed;
  console.log(
    `\nlanded: ours ${lo.total.landed}, JS ${lj.total.landed}; target at least as many: ${landedOk ? 'met' : 'NOT met'}` +
      `\nboth targets (≥ ${SPEEDUP_TARGET}× and landing): ${ratio >= SPEEDUP_TARGET && landedOk ? 'met' : 'NOT met'}`,
  );

  console.log(`\n## Profile (separate calls, medians in ms)\n`);
  // Method names are Rust Debug output: "Position", "Quote", "Fuzzy { errors: 3 }".
  const methodCounts = THIRDS.map(() => ({ counts: {}, errors: [] }));
  profile.methods.forEach((m, i) => {
    const c = methodCounts[targets[i].third];
    const k = m == null ? 'none' : m.split(/[\s{(]/)[0];
    c.counts[k] = (c.counts[k] ?? 0) + 1;
    const errors = /errors: (\d+)/.exec(m ?? '');
    if (errors) c.errors.push(Number(errors[1]));
  });
  const methodSummary = ({ counts, errors }) => {
    const e = stats(errors);
    return (
      Object.entries(counts).map(([m, v]) => `${m} ${v}`).join(', ') +
      (e.n ? ` (errors median ${e.median}, max ${e.max})` : '')
    );
  };
  const prep = stats(profile.prepare.times).median;
  const dec = stats(profile.decode.times).median;
  console.log(`ours, fixed cost per call: Document::parse + Anchorer::new + its index (built on the first search) ${fmt(prep)} ms; decoding the ${QUOTES} quotes' JSON ${fmt(dec)} ms`);
  console.log(
    table(
      ['quotes', 'ours ms', 'ours − fixed', 'ours: found by', 'JS ms', 'JS: answered by'],
      THIRDS.map((t, k) => [
        `${t.label} (${byThird[k].length})`,
        fmt(stats(profile.thirds[k].times).median),
        fmt(stats(profile.thirds[k].times).median - prep),
        methodSummary(methodCounts[k]),
        fmt(jsStages[k].ms),
        `position ${jsStages[k].position}, exact ${jsStages[k].exact}, approximate ${jsStages[k].approximate}`,
      ]),
    ),
  );
  console.log(`\nload average at the end: ${load()} (timings are only comparable on an otherwise idle machine)`);
  if (problems.length) {
    console.log('\n## Problems seen\n');
    for (const p of [...new Set(problems)]) console.log(`- ${p}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err) => {
    console.error(`anchoring bench failed: ${err.stack ?? err.message}`);
    process.exitCode = 1;
  });
}
