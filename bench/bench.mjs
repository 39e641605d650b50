// Benchmark for claim-annotator: transfer size of dist/, and how the app
// copes with a 1 MB article carrying 5,000 claims, next to a static HTML page
// with the same highlights pre-rendered.
//
//   node bench/bench.mjs            (needs dist/: trunk build --release)
//   BENCH_RUNS=9 node bench/bench.mjs
//
// Prints numbers; it is not a test and exits 0 unless the app cannot be
// driven at all. Targets: transfer ≤ 150 kB gzipped, load ≤ 1000 ms,
// create ≤ 16 ms, save ≤ 5 ms.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { DIST, assertDistBuilt, startServer, launchBrowser, KEYS } from '../e2e/harness.mjs';

const RUNS = Math.max(5, Number(process.env.BENCH_RUNS) || 5);
const WARMUP = 1;
const PARAGRAPHS = 8000;
const CLAIMS = 5000;
const CONTEXT_CHARS = 32; // crates/annotator-core/src/anchor.rs
const HYPOTHESIS_GZIP_KB = 309;
const TARGETS = { sizeKB: 150, loadMs: 1000, createMs: 16, saveMs: 5 };
// kB = 1000 bytes throughout (the stricter reading of the 150 kB target).
const kB = (bytes) => bytes / 1000;

const fmt = (n, digits = 1) => (n == null || Number.isNaN(n) ? 'n/a' : n.toFixed(digits));

function table(headers, rows) {
  const cells = [headers, ...rows].map((r) => r.map(String));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

function stats(values) {
  const v = values.filter((x) => typeof x === 'number' && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!v.length) return { median: null, min: null, max: null, n: 0 };
  const mid = Math.floor(v.length / 2);
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { median, min: v[0], max: v[v.length - 1], n: v.length };
}

// ---------------------------------------------------------------- sizes

function walk(dir) {
  // Trunk stages a build in dist/.stage: not part of what is served.
  return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => !e.name.startsWith('.')).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

export function transferSizes() {
  const counted = ['.wasm', '.js', '.css', '.html'];
  const rows = [];
  const others = [];
  let rawTotal = 0;
  let gzTotal = 0;
  for (const file of walk(DIST).sort()) {
    const name = path.relative(DIST, file);
    const data = fs.readFileSync(file);
    if (!counted.includes(path.extname(file))) {
      others.push(`${name} (${data.length} B)`);
      continue;
    }
    const gz = zlib.gzipSync(data, { level: 9 }).length;
    rawTotal += data.length;
    gzTotal += gz;
    rows.push([name, data.length, gz, fmt(kB(gz))]);
  }
  rows.push(['total', rawTotal, gzTotal, fmt(kB(gzTotal))]);
  console.log('\n## Transfer size (dist/, gzip -9)\n');
  console.log(table(['file', 'raw B', 'gzip B', 'gzip kB'], rows));
  if (others.length) console.log(`\nnot counted: ${others.join(', ')}`);
  const ratio = kB(gzTotal) / HYPOTHESIS_GZIP_KB;
  console.log(
    `\ngzipped total ${fmt(kB(gzTotal))} kB; target ≤ ${TARGETS.sizeKB} kB: ${kB(gzTotal) <= TARGETS.sizeKB ? 'met' : 'NOT met'}` +
      `\nHypothesis client: ${HYPOTHESIS_GZIP_KB} kB gzipped; ratio ours/Hypothesis = ${fmt(ratio, 2)}`,
  );
  return gzTotal;
}

// ---------------------------------------------------------------- stress document

/** Small deterministic PRNG, so every run benchmarks the same workload. */
export function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'la police chinoise a entraîné depuis un an policiers venus de étranger et prévoit ' +
  'faire pour autres ces prochains mois déclaré ministre sécurité publique lors une ' +
  'conférence organisée dans ville portuaire est Chine nous allons également envoyer des ' +
  'consultants pays qui en ont besoin mener formations aider améliorer rapidement leurs ' +
  'capacités appliquer loi rassemblé officiers régions institutions tels que coopération ' +
  'internationale équipements menottes matraques gilets proposés acheteurs innovations ' +
  'blindés logiciels reconnaissance faciale hégémonie occidentale rendez-vous annuel initiative'
).split(' ');

const cpLen = (s) => [...s].length;

/**
 * A ~1 MB article: a title line, then PARAGRAPHS paragraphs separated by
 * blank lines. Offsets are in Unicode code points of the canonical text
 * (blocks joined by "\n\n"), as the app counts them.
 */
export function makeDocument() {
  const rand = mulberry32(20240909);
  const title = 'Banc d\'essai : un article de 8 000 paragraphes et 5 000 affirmations';
  const paragraphs = [];
  for (let i = 0; i < PARAGRAPHS; i++) {
    const words = [];
    const target = 95 + Math.floor(rand() * 25);
    let len = 0;
    while (len < target) {
      const w = WORDS[Math.floor(rand() * WORDS.length)];
      words.push(w);
      len += cpLen(w) + 1;
    }
    words[0] = words[0][0].toUpperCase() + words[0].slice(1);
    words.push(`n°${i + 1}.`); // ends with a full stop: a paragraph, never a subheading
    paragraphs.push(words);
  }
  const blocks = [{ text: title, words: null, start: 0, end: cpLen(title) }];
  let offset = cpLen(title);
  for (const words of paragraphs) {
    offset += 2;
    const text = words.join(' ');
    const start = offset;
    offset += cpLen(text);
    blocks.push({ text, words, start, end: offset });
  }
  const text = blocks.map((b) => b.text).join('\n\n');
  if (cpLen(text) !== offset) throw new Error('offset bookkeeping is wrong');
  return { title, text, blocks };
}

/** Code-point range [start, end) of words [from, to] (inclusive) of a block. */
function wordRange(block, from, to) {
  let pos = block.start;
  let start = null;
  for (let j = 0; j < block.words.length; j++) {
    if (j === from) start = pos;
    pos += cpLen(block.words[j]);
    if (j === to) return [start, pos];
    pos += 1;
  }
  throw new Error('word index out of range');
}

/**
 * CLAIMS claims in the odd-numbered paragraphs; one paragraph in four of
 * those carries a second claim overlapping the first, so runs with two ids
 * exist. Even-numbered paragraphs stay free for the create measurement.
 */
export function makeClaims(doc, docId) {
  const cps = [...doc.text];
  const slice = (a, b) => cps.slice(Math.max(0, a), Math.min(cps.length, b)).join('');
  const now = new Date().toISOString();
  const claims = [];
  const add = (block, from, to) => {
    const [start, end] = wordRange(block, from, to);
    claims.push({
      schema: 1,
      id: randomUUID(),
      document: docId,
      anchor: {
        start,
        end,
        exact: slice(start, end),
        prefix: slice(start - CONTEXT_CHARS, start),
        suffix: slice(end, end + CONTEXT_CHARS),
      },
      verdict: null,
      scale: 'class-scale',
      conclusion: '',
      claimant: '',
      tags: [],
      sources: [],
      author: 'bench',
      created: now,
      modified: now,
    });
  };
  for (let p = 1, k = 0; claims.length < CLAIMS && p < doc.blocks.length; p += 2, k++) {
    add(doc.blocks[p], 1, 4);
    if (k % 4 === 0 && claims.length < CLAIMS) add(doc.blocks[p], 3, 6);
  }
  if (claims.length !== CLAIMS) throw new Error(`made ${claims.length} claims, wanted ${CLAIMS}`);
  return claims;
}

/**
 * The highlighted runs: within each block, maximal ranges covered by the same
 * set of claims (one `mark` each), as the contract describes them.
 */
export function segment(doc, claims) {
  const byBlock = new Map();
  for (const c of claims) {
    let lo = 0;
    let hi = doc.blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (doc.blocks[mid].start <= c.anchor.start) lo = mid;
      else hi = mid - 1;
    }
    const b = lo;
    if (c.anchor.end > doc.blocks[b].end) throw new Error('bench claims stay inside one block');
    if (!byBlock.has(b)) byBlock.set(b, []);
    byBlock.get(b).push(c);
  }
  const runs = new Map(); // block index -> [{start, end, ids}]
  for (const [b, cs] of byBlock) {
    const cuts = [...new Set(cs.flatMap((c) => [c.anchor.start, c.anchor.end]))].sort((x, y) => x - y);
    const list = [];
    for (let i = 0; i + 1 < cuts.length; i++) {
      const [s, e] = [cuts[i], cuts[i + 1]];
      const ids = cs.filter((c) => c.anchor.start <= s && c.anchor.end >= e).map((c) => c.id);
      if (ids.length) list.push({ start: s, end: e, ids });
    }
    runs.set(b, list);
  }
  return runs;
}

/** FNV-1a 64 of the UTF-8 text, as crates/annotator-core/src/document.rs names documents. */
export function documentId(text) {
  let hash = 0xcbf29ce484222325n;
  const mask = 0xffffffffffffffffn;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & mask;
  }
  return `doc-${hash.toString(16).padStart(16, '0')}`;
}

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The same article with the same marks, rendered ahead of time: the floor for "load". */
export function staticPeer(doc, runs) {
  const parts = [];
  doc.blocks.forEach((block, b) => {
    const cps = [...block.text];
    let html = '';
    let pos = block.start;
    for (const run of runs.get(b) ?? []) {
      html += escapeHtml(cps.slice(pos - block.start, run.start - block.start).join(''));
      html += `<mark data-annotation-ids="${run.ids.join(' ')}">${escapeHtml(cps.slice(run.start - block.start, run.end - block.start).join(''))}</mark>`;
      pos = run.end;
    }
    html += escapeHtml(cps.slice(pos - block.start).join(''));
    parts.push(b === 0 ? `<h1>${html}</h1>` : `<p>${html}</p>`);
  });
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Static peer</title>' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:auto}mark{background:#fde68a}</style>' +
    `</head><body><main><article lang="fr">${parts.join('\n')}</article></main></body></html>`
  );
}

// ---------------------------------------------------------------- measurements

/** Navigation start → all N marks in the DOM, in ms, read in the page. */
async function loadTime(page, url, expectedMarks, timeout = 30000) {
  await page.goto(url, { waitUntil: 'commit' });
  try {
    await page.waitForFunction(
      (n) => {
        if (document.querySelectorAll('mark[data-annotation-ids]').length >= n) {
          window.__benchAllMarks = performance.now();
          return true;
        }
        return false;
      },
      expectedMarks,
      { polling: 'raf', timeout },
    );
  } catch (err) {
    if (err.name !== 'TimeoutError') throw err;
    const marks = await page.locator('mark[data-annotation-ids]').count();
    const ids = await coveredIds(page);
    const e = new Error(
      `after ${timeout / 1000} s the page shows ${marks} marks covering ${ids} claim ids; expected ${expectedMarks} marks`,
    );
    e.incomplete = true;
    throw e;
  }
  return page.evaluate(() => window.__benchAllMarks);
}

/** Every claim id appears on some mark. */
async function coveredIds(page) {
  return page.evaluate(
    () =>
      new Set(
        [...document.querySelectorAll('mark[data-annotation-ids]')].flatMap((m) =>
          m.getAttribute('data-annotation-ids').split(/\s+/),
        ),
      ).size,
  );
}

/**
 * Selects the first word of the last paragraph free of highlights, then
 * clicks Highlight claim and times until a mark with a new id is added.
 */
async function createTime(page) {
  // Found by its text in the page: Playwright's role engine walks the
  // whole accessibility tree of a 20,000-element page, which takes seconds.
  return page.evaluate(async () => {
    const btn = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Highlight claim');
    if (!btn) return { error: 'no button named Highlight claim' };
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    const art = document.querySelector('main article');
    const free = [...art.querySelectorAll('p')].filter((p) => !p.querySelector('mark'));
    const p = free[free.length - 1];
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    const node = walker.nextNode();
    const m = /\S+/.exec(node.data);
    const range = document.createRange();
    range.setStart(node, m.index);
    range.setEnd(node, m.index + m[0].length);
    const sel = getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    await frame();
    await frame();
    for (let i = 0; i < 120 && btn.disabled; i++) await frame();
    if (btn.disabled) return { error: 'Highlight claim stayed disabled after a programmatic selection' };

    const known = new Set(
      [...document.querySelectorAll('mark[data-annotation-ids]')].flatMap((mk) =>
        mk.getAttribute('data-annotation-ids').split(/\s+/),
      ),
    );
    const isNewMark = (el) =>
      el.matches?.('mark[data-annotation-ids]') &&
      el.getAttribute('data-annotation-ids').split(/\s+/).some((id) => !known.has(id));
    return new Promise((resolve) => {
      let t0 = 0;
      const timer = setTimeout(() => {
        observer.disconnect();
        resolve({ error: 'no new mark within 5 s', t0 });
      }, 5000);
      const observer = new MutationObserver((records) => {
        const t1 = performance.now();
        for (const r of records) {
          for (const n of r.type === 'attributes' ? [r.target] : r.addedNodes) {
            if (n.nodeType !== 1) continue;
            if (isNewMark(n) || [...n.querySelectorAll('mark[data-annotation-ids]')].some(isNewMark)) {
              observer.disconnect();
              clearTimeout(timer);
              requestAnimationFrame(() => resolve({ t0, dom: t1 - t0, frame: performance.now() - t0 }));
              return;
            }
          }
        }
      });
      observer.observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['data-annotation-ids'],
      });
      t0 = performance.now();
      btn.click();
    });
  });
}

/** The app's last 'claim-annotator:save' measure started after `t0`. */
async function saveTime(page, t0) {
  try {
    await page.waitForFunction(
      (since) => performance.getEntriesByName('claim-annotator:save').some((e) => e.startTime >= since),
      t0,
      { timeout: 3000 },
    );
  } catch {
    return null;
  }
  return page.evaluate(() => {
    const entries = performance.getEntriesByName('claim-annotator:save');
    return entries[entries.length - 1].duration;
  });
}

async function removeClaimsExcept(page, docId, ids) {
  return page.evaluate(
    ([prefix, keep]) => {
      const keepSet = new Set(keep);
      const extra = [];
      for (let i = 0; i < localStorage.length; i++) {
        const k = localStorage.key(i);
        if (k.startsWith(prefix) && !keepSet.has(k.slice(prefix.length))) extra.push(k);
      }
      extra.forEach((k) => localStorage.removeItem(k));
      return extra.length;
    },
    [`${KEYS.claimPrefix}${docId}/`, ids],
  );
}

// ---------------------------------------------------------------- main

async function main() {
  assertDistBuilt();
  console.log('# claim-annotator benchmark');
  const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(
    `(${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} CPUs, load average ${load()}, ` +
      'Chromium headless; kB = 1000 B)',
  );
  const gz = transferSizes();

  const doc = makeDocument();
  const docBytes = Buffer.byteLength(doc.text, 'utf8');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'claim-annotator-bench-'));
  const articleFile = path.join(tmp, 'bench-article.txt');
  fs.writeFileSync(articleFile, doc.text);

  const app = await startServer(DIST);
  const browser = await launchBrowser();
  const results = { load: [], create: [], createFrame: [], save: [], peer: [] };
  const problems = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    let page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(app.url);
    await page.locator('main article h1').waitFor({ timeout: 30000 });
    const loadStart = Date.now();
    await page.getByLabel('Open article', { exact: true }).setInputFiles(articleFile);
    await page.waitForFunction((t) => document.querySelector('main article h1')?.textContent === t, doc.title, {
      timeout: 120000,
    });
    console.log(`\n## Stress: ${PARAGRAPHS} paragraphs, ${fmt(docBytes / 1e6, 2)} MB, ${CLAIMS} claims`);
    console.log(`opening the file through "Open article" took ${Date.now() - loadStart} ms (wall clock, once)`);
    await page.waitForFunction((k) => !!localStorage.getItem(k), KEYS.currentDocument, { timeout: 10000 });
    const docId = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)).document, KEYS.currentDocument);
    const expectedId = documentId(doc.text);
    if (docId !== expectedId) {
      throw new Error(`the app named the document ${docId}, expected ${expectedId}: its canonical text differs from the generated one, so offsets would be wrong`);
    }

    const claims = makeClaims(doc, docId);
    const runs = segment(doc, claims);
    const expectedMarks = [...runs.values()].reduce((n, l) => n + l.length, 0);
    const overlaps = [...runs.values()].flat().filter((r) => r.ids.length > 1).length;
    const entries = claims.map((c) => [`${KEYS.claimPrefix}${docId}/${c.id}`, JSON.stringify(c)]);
    const storedChars = await page.evaluate((list) => {
      for (const [k, v] of list) localStorage.setItem(k, v);
      let n = 0;
      for (let i = 0; i < localStorage.length; i++) {
        const k = localStorage.key(i);
        n += k.length + localStorage.getItem(k).length;
      }
      return n;
    }, entries);
    console.log(
      `${claims.length} claims written to localStorage (${fmt(storedChars / 1e6, 2)} M chars stored in all); ` +
        `${expectedMarks} highlighted runs expected, ${overlaps} of them shared by two claims`,
    );
    // Chromium commits localStorage to the browser process in batches and
    // rate-limits large bursts; closing the writing page too early loses the
    // rest (seen here: 3,697 of 5,000). Keep it open until another page sees
    // every claim.
    const settle = await context.newPage();
    const settleStart = Date.now();
    for (;;) {
      await settle.goto(app.url, { waitUntil: 'commit' });
      const seen = await settle.evaluate(
        (prefix) => Object.keys(localStorage).filter((k) => k.startsWith(prefix)).length,
        `${KEYS.claimPrefix}${docId}/`,
      );
      if (seen >= CLAIMS) break;
      if (Date.now() - settleStart > 120000) throw new Error(`after 120 s a new page sees ${seen} of ${CLAIMS} stored claims`);
      await new Promise((r) => setTimeout(r, 500));
    }
    console.log(`a new page saw all ${CLAIMS} stored claims after ${Date.now() - settleStart} ms`);
    await settle.close();
    await page.close();

    const ids = claims.map((c) => c.id);
    for (let r = 0; r < WARMUP + RUNS; r++) {
      page = await context.newPage();
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      const measured = r >= WARMUP;
      try {
        const load = await loadTime(page, app.url, expectedMarks);
        if (r === 0) {
          const covered = await coveredIds(page);
          const marks = await page.locator('mark[data-annotation-ids]').count();
          console.log(`app rendered ${marks} marks covering ${covered} claim ids (expected ${expectedMarks} marks, ${CLAIMS} ids)`);
          if (covered < CLAIMS) problems.push(`only ${covered} of ${CLAIMS} claims are highlighted`);
        }
        const created = await createTime(page);
        if (created.error) {
          problems.push(`create (run ${r}): ${created.error}`);
        }
        const save = created.error ? null : await saveTime(page, created.t0);
        if (!created.error && save == null && measured) {
          problems.push(`run ${r}: no 'claim-annotator:save' measure recorded after creating a claim`);
        }
        if (measured) {
          results.load.push(load);
          if (!created.error) {
            results.create.push(created.dom);
            results.createFrame.push(created.frame);
          }
          if (save != null) results.save.push(save);
        }
        await page.waitForTimeout(200);
        await removeClaimsExcept(page, docId, ids);
      } catch (err) {
        problems.push(`app run ${r}: ${err.message.split('\n')[0]}`);
        if (err.incomplete) {
          await page.close();
          break; // the highlights never all appear: repeating would only wait again
        }
      }
      await page.close();
    }
    await context.close();

    // The static peer: same text, same marks, no app.
    fs.writeFileSync(path.join(tmp, 'index.html'), staticPeer(doc, runs));
    const peer = await startServer(tmp);
    try {
      const peerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      for (let r = 0; r < WARMUP + RUNS; r++) {
        const p = await peerContext.newPage();
        const t = await loadTime(p, peer.url, expectedMarks);
        if (r >= WARMUP) results.peer.push(t);
        await p.close();
      }
      await peerContext.close();
    } finally {
      await peer.close();
    }
  } finally {
    await browser.close();
    await app.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  const row = (name, values, target) => {
    const s = stats(values);
    const verdict = target == null || s.median == null ? '' : s.median <= target ? 'met' : 'NOT met';
    return [name, fmt(s.median), fmt(s.min), fmt(s.max), s.n, target == null ? '' : `≤ ${target}`, verdict];
  };
  console.log(`\n## Timings (ms; ${RUNS} runs after ${WARMUP} warm-up, fresh navigation each)\n`);
  console.log(
    table(
      ['measure', 'median', 'min', 'max', 'runs', 'target', ''],
      [
        row('a. navigation → all highlights (app)', results.load, TARGETS.loadMs),
        row('   navigation → all highlights (static HTML)', results.peer, null),
        row('b. create claim: click → new mark in DOM', results.create, TARGETS.createMs),
        row('   create claim: click → next frame', results.createFrame, null),
        row('c. save (claim-annotator:save measure)', results.save, TARGETS.saveMs),
      ],
    ),
  );
  const appMs = stats(results.load).median;
  const peerMs = stats(results.peer).median;
  console.log(`\nload ratio app / static HTML (medians): ${appMs && peerMs ? fmt(appMs / peerMs, 2) : 'n/a'}`);
  console.log(`transfer: ${fmt(kB(gz))} kB gzipped (target ≤ ${TARGETS.sizeKB} kB; Hypothesis ${HYPOTHESIS_GZIP_KB} kB)`);
  console.log(`load average at the end: ${load()} (timings are only comparable on an otherwise idle machine)`);
  if (problems.length) {
    console.log('\n## Problems seen\n');
    for (const p of [...new Set(problems)]) console.log(`- ${p}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err) => {
    console.error(`bench failed: ${err.message}`);
    process.exitCode = 1;
  });
}
