// Shared machinery for the end-to-end journeys and the benchmark: a static
// server for dist/, Debian's Chromium driven by playwright-core, and helpers
// that act the way a person does (mouse selection, keyboard) or check what a
// person relies on (axe-core).
//
// Nothing here downloads anything: the browser is /usr/bin/chromium.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after } from 'node:test';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ROOT, 'dist');
const AXE_PATH = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

export const BUILTIN_TITLE =
  'Sécurité "Made in China" : comment Pékin veut exporter son modèle à l\'international';

/** localStorage keys of the persistence format (crates/annotator-core/src/persist.rs). */
export const KEYS = {
  schema: 'claim-annotator/schema',
  settings: 'claim-annotator/settings',
  currentDocument: 'claim-annotator/current-document',
  claimPrefix: 'claim-annotator/claim/',
  documentPrefix: 'claim-annotator/document/',
  backupPrefix: 'claim-annotator-backup/',
};

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonld': 'application/ld+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
};

export function assertDistBuilt(dir = DIST) {
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    throw new Error(
      `${path.relative(process.cwd(), dir) || dir}/index.html not found: ` +
        'run trunk build --release first (from the project root; bash scripts/setup.sh installs Trunk).',
    );
  }
}

/**
 * Serves `dir` on 127.0.0.1 with an ephemeral port. "/" (and any path
 * without an extension) is index.html. Nothing is cached, so every
 * navigation measures a real load.
 */
export function startServer(dir = DIST) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    let file = path.resolve(root, '.' + pathname);
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    let stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat?.isDirectory()) {
      file = path.join(file, 'index.html');
      stat = fs.statSync(file, { throwIfNoEntry: false });
    } else if (!stat && path.extname(file) === '') {
      file = path.join(root, 'index.html');
      stat = fs.statSync(file, { throwIfNoEntry: false });
    }
    if (!stat?.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': stat.size,
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}/`,
        port,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchBrowser(options = {}) {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    ...options,
  });
}

// One server and one browser per test file (node --test runs each file in
// its own process); started on first use, stopped by the `after` hook that
// importing this module registers in the test file.
let state = null;
let starting = null;

async function ensureStarted() {
  if (state) return state;
  starting ??= (async () => {
    assertDistBuilt();
    const server = await startServer();
    const browser = await launchBrowser();
    state = { server, browser };
    return state;
  })();
  return starting;
}

export async function stopHarness() {
  const s = state ?? (starting ? await starting.catch(() => null) : null);
  state = null;
  starting = null;
  if (!s) return;
  await s.browser.close().catch(() => {});
  await s.server.close();
}

/** Registers the shutdown of the shared server and browser for this test file. */
export function useHarness() {
  after(stopHarness);
}

export async function appUrl() {
  return (await ensureStarted()).server.url;
}

/**
 * A page in a fresh browser context (so an empty localStorage). Uncaught page
 * errors (including wasm panics) are collected in `page.pageErrors`; console
 * errors in `page.consoleErrors`. Set E2E_DEBUG=1 to echo the console.
 */
export async function newPage({ viewport = { width: 1280, height: 900 }, context } = {}) {
  const { browser } = await ensureStarted();
  const ctx = context ?? (await browser.newContext({ viewport, locale: 'en-US' }));
  const page = await ctx.newPage();
  instrument(page);
  return page;
}

/** A fresh browser context, for journeys that need two pages sharing storage. */
export async function newContext({ viewport = { width: 1280, height: 900 } } = {}) {
  const { browser } = await ensureStarted();
  return browser.newContext({ viewport, locale: 'en-US' });
}

function instrument(page) {
  page.pageErrors = [];
  page.consoleErrors = [];
  page.on('pageerror', (err) => {
    page.pageErrors.push(String(err?.stack ?? err));
    if (process.env.E2E_DEBUG) console.log('[pageerror]', err);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') page.consoleErrors.push(msg.text());
    if (process.env.E2E_DEBUG) console.log(`[console.${msg.type()}]`, msg.text());
  });
}

/** Fails when the page threw an uncaught error (a wasm panic shows up here). */
export function assertNoPageErrors(page) {
  assert.deepEqual(page.pageErrors, [], `uncaught errors in the page:\n${page.pageErrors.join('\n')}`);
}

export function article(page) {
  return page.locator('main article');
}

/** Waits until the app has rendered its document: the article's h1. */
export async function waitForApp(page, { timeout = 20000 } = {}) {
  await page.locator('main article h1').first().waitFor({ state: 'visible', timeout });
}

/** Navigates to the app and waits for it. */
export async function gotoApp(page) {
  await page.goto(await appUrl());
  await waitForApp(page);
}

/**
 * Retries `check` (which throws or rejects while the condition does not hold)
 * until it passes or `timeout` ms passed; then rethrows its last error.
 */
export async function eventually(check, { timeout = 5000, interval = 50 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() >= deadline) throw err;
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Injects axe-core and fails with every violation's id and nodes. */
export async function axeCheck(page, { context = null, options = {} } = {}) {
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(
    async ([ctx, opts]) => {
      const result = await window.axe.run(ctx ?? document, opts);
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })),
      }));
    },
    [context, options],
  );
  const report = violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes.map((n) => `    ${n.target}\n      ${n.html.slice(0, 200)}\n      ${(n.summary ?? '').replace(/\n/g, '\n      ')}`).join('\n'),
    )
    .join('\n');
  assert.equal(violations.length, 0, `axe-core found ${violations.length} violation(s):\n${report}`);
}

/**
 * Client coordinates of the first and last characters of `substring` inside
 * the element of `locator`, scrolled into view. Points sit a quarter of a
 * character inside, so a caret placed there lands on the boundary we mean.
 */
async function substringPoints(locator, substring, occurrence) {
  const pts = await locator.evaluate(
    async (el, [sub, nth]) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      const nodes = [];
      let text = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push({ node: n, start: text.length });
        text += n.data;
      }
      let i = -1;
      for (let k = 0; k <= nth; k++) {
        i = text.indexOf(sub, i + 1);
        if (i < 0) break;
      }
      if (i < 0) return { error: `"${sub}" (occurrence ${nth}) not found in "${text.slice(0, 300)}"` };
      const j = i + sub.length;
      // The text node holding code unit `off`: for a start, the node where it
      // begins; for an end, the node where it ends.
      const at = (off, isEnd) => {
        for (const { node, start } of nodes) {
          const end = start + node.data.length;
          if (isEnd ? off > start && off <= end : off >= start && off < end) return [node, off - start];
        }
        return null;
      };
      const charRect = (off) => {
        const [node, o] = at(off, false);
        const r = document.createRange();
        r.setStart(node, o);
        r.setEnd(node, o + 1);
        const rects = [...r.getClientRects()].filter((x) => x.width > 0);
        return rects[0] ?? r.getBoundingClientRect();
      };
      // 'instant': the page may ask for smooth scrolling, and rects measured
      // mid-animation would point at the wrong words.
      at(i, false)[0].parentElement.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' });
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const a = charRect(i);
      const b = charRect(j - 1);
      return {
        start: { x: a.left + a.width / 4, y: a.top + a.height / 2 },
        end: { x: b.right - b.width / 4, y: b.top + b.height / 2 },
      };
    },
    [substring, occurrence],
  );
  if (pts.error) throw new Error(`selectText: ${pts.error}`);
  return pts;
}

/**
 * Selects `substring` of the text inside `locator` with the mouse: press on
 * its first character, drag to its last, release. Checks that the browser's
 * selection is then exactly that text.
 */
export async function selectText(page, locator, substring, { occurrence = 0 } = {}) {
  const { start, end } = await substringPoints(locator, substring, occurrence);
  // Pressing inside an existing selection would start dragging it instead of
  // selecting: start from nothing selected, as after a click elsewhere.
  await page.evaluate(() => window.getSelection().removeAllRanges());
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 4 });
  await page.mouse.move(end.x, end.y, { steps: 4 });
  await page.mouse.up();
  const selected = await page.evaluate(() => String(window.getSelection()));
  assert.equal(selected, substring, `mouse selection should be exactly "${substring}"`);
}

/** Double-clicks the word that starts where `word` occurs inside `locator`. */
export async function doubleClickWord(page, locator, word, { occurrence = 0 } = {}) {
  const { start, end } = await substringPoints(locator, word, occurrence);
  await page.mouse.dblclick((start.x + end.x) / 2, (start.y + end.y) / 2);
}

/** Ids carried by all `mark[data-annotation-ids]` in the page. */
export async function markIds(page) {
  return new Set(
    await page.evaluate(() =>
      [...document.querySelectorAll('mark[data-annotation-ids]')].flatMap((m) =>
        m.getAttribute('data-annotation-ids').split(/\s+/).filter(Boolean),
      ),
    ),
  );
}

/** The marks of one claim (the ones whose id list contains `id`). */
export function marksOf(page, id) {
  return page.locator(`mark[data-annotation-ids~="${id}"]`);
}

/** Text of the marks carrying `id`, concatenated in document order. */
export async function markedText(page, id) {
  return (await marksOf(page, id).allTextContents()).join('');
}

/**
 * Runs `action` (which should create exactly one claim) and returns the id
 * that appeared in the highlights.
 */
export async function newClaimIdAfter(page, action, { timeout = 5000 } = {}) {
  const before = await markIds(page);
  await action();
  return eventually(
    async () => {
      const now = await markIds(page);
      const added = [...now].filter((id) => !before.has(id));
      assert.equal(added.length, 1, `expected one new claim id in the highlights, got [${added.join(', ')}]`);
      return added[0];
    },
    { timeout },
  );
}

export function highlightButton(page) {
  return page.getByRole('button', { name: 'Highlight claim', exact: true });
}

/** Selects `quote` inside `locator` with the mouse and clicks Highlight claim. */
export async function createClaim(page, locator, quote, options) {
  return newClaimIdAfter(page, async () => {
    await selectText(page, locator, quote, options);
    await highlightButton(page).click();
  });
}

/** The paragraph (or heading) of the article containing `text`. */
export function block(page, text) {
  return article(page)
    .locator('h1, h2, h3, h4, h5, h6, p, figcaption, li, blockquote')
    .filter({ hasText: text })
    .last();
}

export function claimsPanel(page) {
  return page.getByRole('complementary', { name: 'Claims', exact: true });
}

export function claimItems(page) {
  return claimsPanel(page).getByRole('listitem');
}

/** Selects the option of `combobox` whose label starts with `prefix`. */
export async function selectOptionStartingWith(combobox, prefix) {
  const labels = await combobox.evaluate((s) => [...s.options].map((o) => o.label || o.textContent.trim()));
  const label = labels.find((l) => l.startsWith(prefix));
  assert.ok(label, `no option starting with "${prefix}" in [${labels.join(' | ')}]`);
  await combobox.selectOption({ label });
  return label;
}

export async function selectedLabel(combobox) {
  return combobox.evaluate((s) => s.selectedOptions[0]?.label ?? '');
}

/** A snapshot of localStorage as an object (throws in the page if storage is unavailable). */
export async function storageSnapshot(page) {
  return page.evaluate(() => {
    const out = {};
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      out[k] = localStorage.getItem(k);
    }
    return out;
  });
}

/** The stored claims (parsed), by id. */
export async function storedClaims(page) {
  const snap = await storageSnapshot(page);
  const claims = {};
  for (const [k, v] of Object.entries(snap)) {
    if (!k.startsWith(KEYS.claimPrefix)) continue;
    try {
      const c = JSON.parse(v);
      claims[c.id] = c;
    } catch {
      /* a damaged value: not a claim */
    }
  }
  return claims;
}

/** Waits until some stored value contains `text` (edits may be saved after a short delay). */
export async function waitForStored(page, text, { timeout = 5000 } = {}) {
  await page
    .waitForFunction(
      (t) => {
        for (let i = 0; i < localStorage.length; i++) {
          if ((localStorage.getItem(localStorage.key(i)) ?? '').includes(t)) return true;
        }
        return false;
      },
      text,
      { timeout },
    )
    .catch(() => {
      throw new Error(`nothing in localStorage contains ${JSON.stringify(text)} after ${timeout} ms`);
    });
}

/** The role=alert elements whose text matches `pattern`. */
export function alertMatching(page, pattern) {
  return page.getByRole('alert').filter({ hasText: pattern });
}

/** Waits for a visible role=alert whose text matches `pattern`; lists the alerts seen on failure. */
export async function expectAlert(page, pattern, { timeout = 5000 } = {}) {
  try {
    await alertMatching(page, pattern).first().waitFor({ state: 'visible', timeout });
  } catch {
    const seen = await page.getByRole('alert').allTextContents();
    assert.fail(`no visible role=alert matching ${pattern}; alerts present: ${JSON.stringify(seen)}`);
  }
}
