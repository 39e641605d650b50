// Journeys: moving work between browsers and tools. Export to W3C JSON-LD
// and import it in another profile; re-anchoring on an edited copy of the
// article; a Hypothesis export; share links (with a pasted article, and
// hostile fragments); the reports (CSV, Markdown, HTML, ClaimReview); an
// import that fails half-way through saving changes nothing.
// Bad input files have their own journey: bad-input.test.mjs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import {
  useHarness,
  newPage,
  newContext,
  appUrl,
  gotoApp,
  waitForApp,
  axeCheck,
  assertNoPageErrors,
  BUILTIN_TITLE,
  article,
  block,
  createClaim,
  marksOf,
  markedText,
  markIds,
  claimsPanel,
  claimItems,
  selectOptionStartingWith,
  selectedLabel,
  storageSnapshot,
  storedClaims,
  waitForStored,
  expectAlert,
  eventually,
  KEYS,
} from './harness.mjs';
import { w3cSuiteAvailable, checkCollection, annotationMustCount, W3C_SKIP_REASON } from './w3c/validate.mjs';
import { GOOD_DIR } from './fixtures/bad-input.mjs';
import { builtinAnnotation, collectionOf, DOC_IRI } from './fixtures/builtin.mjs';

useHarness();

// Passages of the built-in article.
const QUOTE_A = 'La police chinoise a entraîné depuis un an 2.700 policiers';
const QUOTE_B = "2.700 policiers venus de l'étranger"; // overlaps QUOTE_A
const QUOTE_122 = '122 pays, régions ou institutions';
const QUOTE_XI = 'proposée par le leader chinois Xi Jinping en 2022';
const SOURCE_URL = 'https://www.interpol.int/fr/Qui-sommes-nous/Pays-membres';

const W3C_LABEL = 'W3C JSON-LD (annotations, for other tools and for Import)';
const FILE_NAME = /^securite-made-in-china-[a-z0-9-]+-\d{4}-\d{2}-\d{2}-[a-z-]+\.[a-z]+$/;

// --- helpers -------------------------------------------------------------

function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function exportButton(page) {
  return page.getByRole('region', { name: 'Share work' }).getByRole('button', { name: 'Export', exact: true });
}

/** Opens the Export menu (if closed) and returns the navigation holding it. */
async function openExportMenu(page) {
  const button = exportButton(page);
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await eventually(async () => assert.equal(await button.getAttribute('aria-expanded'), 'true', 'Export is expanded'));
  return page.getByRole('region', { name: 'Share work' });
}

/** Chooses `label` in the Export menu; returns the downloaded file. */
async function exportAs(page, label) {
  const nav = await openExportMenu(page);
  const item = nav.getByRole('button', { name: label, exact: true });
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), item.click()]);
  const bytes = fs.readFileSync(await download.path());
  return { name: download.suggestedFilename(), bytes, text: bytes.toString('utf8') };
}

function importInput(page) {
  return page.getByLabel('Import', { exact: true });
}

/**
 * Waits for the message about importing `name`: a status "Imported “name”…"
 * or an alert naming the file. Returns { role, text }.
 */
/** The share link is "merged"; a file is "Imported “name”". */
const SHARE_LINK = 'the share link';
function opening(name) {
  return name === SHARE_LINK ? 'Merged the share link' : `Imported “${name}”`;
}

async function importMessage(page, name, { timeout = 10000 } = {}) {
  return eventually(
    async () => {
      const status = (await page.getByRole('status').allTextContents()).join(' ');
      const alerts = (await page.getByRole('alert').allTextContents()).join(' ');
      if (status.includes(opening(name))) return { role: 'status', text: status, alerts };
      if (alerts.includes(name === SHARE_LINK ? name : `“${name}”`)) return { role: 'alert', text: alerts, status };
      assert.fail(`no message about “${name}”; status: ${JSON.stringify(status)}; alerts: ${JSON.stringify(alerts)}`);
    },
    { timeout },
  );
}

/** The counts of an import status message. */
function importCounts(text, name) {
  const m = text.match(
    new RegExp(`${escapeRe(opening(name))}: (\\d+) added, (\\d+) updated, (\\d+) orphaned, (\\d+) rejected\\.`),
  );
  assert.ok(m, `status has the import counts: ${JSON.stringify(text)}`);
  return { added: +m[1], updated: +m[2], orphaned: +m[3], rejected: +m[4] };
}

/** Every mark of the article as [text, sorted ids], in document order. */
async function markRuns(page) {
  return article(page)
    .locator('mark[data-annotation-ids]')
    .evaluateAll((marks) =>
      marks.map((m) => [m.textContent, m.getAttribute('data-annotation-ids').split(/\s+/).filter(Boolean).sort().join(' ')]),
    );
}

/** Claims stored by the page, by id (without the storage envelope order mattering). */
async function claimsById(page) {
  return storedClaims(page);
}

/** Selects the claim whose list item shows `quote`, and waits for its editor. */
async function openClaim(page, quote) {
  await claimItems(page).filter({ hasText: quote }).first().getByRole('button').first().click();
  const verdict = page.getByRole('combobox', { name: 'Verdict', exact: true });
  await verdict.waitFor({ state: 'visible', timeout: 3000 });
  await eventually(async () =>
    assert.equal(await page.locator('.claim-editor blockquote').first().textContent(), quote, 'the editor shows the claim'),
  );
}

/** What the editor shows for the selected claim. */
async function editorFields(page) {
  const box = (name) => page.getByRole('textbox', { name, exact: true });
  const fields = {
    verdict: await selectedLabel(page.getByRole('combobox', { name: 'Verdict', exact: true })),
    conclusion: await box('Conclusion').inputValue(),
    claimant: await box('Claimant').inputValue(),
    tags: await box('Tags').inputValue(),
    sources: [],
  };
  const urls = page.getByRole('textbox', { name: 'Source URL', exact: true });
  for (let i = 0; i < (await urls.count()); i++) {
    fields.sources.push({
      url: await urls.nth(i).inputValue(),
      title: await box('Source title').nth(i).inputValue(),
      excerpt: await box('Excerpt').nth(i).inputValue(),
      stance: await selectedLabel(page.getByRole('combobox', { name: 'Stance', exact: true }).nth(i)),
    });
  }
  return fields;
}

/** Fills the editor of the selected claim (verdict, conclusion, tags, claimant, one source). */
async function fillEditor(page, { verdict, conclusion, tags, claimant, source }) {
  if (verdict) await selectOptionStartingWith(page.getByRole('combobox', { name: 'Verdict', exact: true }), verdict);
  if (conclusion !== undefined) await page.getByRole('textbox', { name: 'Conclusion', exact: true }).fill(conclusion);
  if (tags !== undefined) await page.getByRole('textbox', { name: 'Tags', exact: true }).fill(tags);
  if (claimant !== undefined) await page.getByRole('textbox', { name: 'Claimant', exact: true }).fill(claimant);
  if (source) {
    await page.getByRole('button', { name: 'Add source', exact: true }).click();
    await page.getByRole('textbox', { name: 'Source URL', exact: true }).last().fill(source.url);
    await page.getByRole('textbox', { name: 'Source title', exact: true }).last().fill(source.title);
    await page.getByRole('textbox', { name: 'Excerpt', exact: true }).last().fill(source.excerpt);
    await page.getByRole('combobox', { name: 'Stance', exact: true }).last().selectOption({ label: source.stance });
  }
  await page.keyboard.press('Tab'); // leave the last field, as a person would
  const last = source?.excerpt || conclusion || tags;
  if (last) await waitForStored(page, JSON.stringify(last).slice(1, -1));
}

/** The three claims of the round trip, made with the mouse, one of them fully edited. */
async function makeThreeClaims(page) {
  const a = await createClaim(page, block(page, QUOTE_A), QUOTE_A);
  const b = await createClaim(page, block(page, QUOTE_B), QUOTE_B);
  await fillEditor(page, {
    verdict: 'Mostly false',
    conclusion: 'Le chiffre ne repose que sur la parole du ministre.',
    tags: 'chiffres, police',
    claimant: 'Wang Xiaohong, ministre',
    source: { url: SOURCE_URL, title: 'Pays membres', excerpt: 'Aucun chiffre indépendant.', stance: 'Refutes' },
  });
  const c = await createClaim(page, block(page, QUOTE_122), QUOTE_122);
  await fillEditor(page, { verdict: 'Misleading', conclusion: 'Interpol est compté parmi les 122.' });
  return [a, b, c];
}

/** A minimal RFC 4180 reader (quoted cells, doubled quotes, CRLF or LF). */
function parseCsv(text, sep) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === sep) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** CSV rows as objects keyed by the header. */
function csvRecords(text, sep) {
  const [header, ...rows] = parseCsv(text, sep);
  for (const r of rows) assert.equal(r.length, header.length, `every row has ${header.length} cells: ${JSON.stringify(r)}`);
  return { header, records: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
}

/** Installs a dialog watcher: any alert()/confirm() is a failure. */
function watchDialogs(page) {
  const seen = [];
  page.on('dialog', (d) => {
    seen.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  return seen;
}

// --- 1. W3C export, validated, imported in another profile ---------------

test('W3C export validates and imports into a fresh profile as identical claims', async (t) => {
  const page = await newPage();
  await gotoApp(page);
  const ids = await makeThreeClaims(page);

  const file = await exportAs(page, W3C_LABEL);
  assert.match(file.name, FILE_NAME);
  assert.ok(file.name.endsWith('-annotations.jsonld'), file.name);
  const collection = JSON.parse(file.text);
  assert.equal(collection.type, 'AnnotationCollection');
  assert.equal(collection.first.items.length, 3, 'three annotations exported');
  assert.deepEqual(
    collection.first.items.map((a) => a.id).sort(),
    ids.map((id) => `urn:uuid:${id}`).sort(),
    'annotation ids are the claims\' ids as urn:uuid',
  );

  // Reported as skipped (not passed) when ../shared is absent.
  await t.test(
    'the downloaded export passes every W3C MUST assertion',
    { skip: w3cSuiteAvailable() ? false : `${W3C_SKIP_REASON} (the round trip below still runs)` },
    () => {
      assert.equal(annotationMustCount(), 54, 'the W3C suite lists 54 MUST assertions per annotation');
      const failures = checkCollection(collection);
      assert.deepEqual(failures, [], `W3C MUST assertions failed:\n${failures.join('\n')}`);
    },
  );

  const before = await claimsById(page);
  const runsBefore = await markRuns(page);
  const fieldsBefore = {};
  for (const q of [QUOTE_A, QUOTE_B, QUOTE_122]) {
    await openClaim(page, q);
    fieldsBefore[q] = await editorFields(page);
  }
  assert.equal(fieldsBefore[QUOTE_B].sources.length, 1, 'the edited claim has its source');

  // Another browser profile: empty storage.
  const context = await newContext();
  const other = await newPage({ context });
  await gotoApp(other);
  assert.equal(await claimItems(other).count(), 0, 'the new profile starts with no claims');
  await importInput(other).setInputFiles({ name: file.name, mimeType: 'application/ld+json', buffer: file.bytes });
  const msg = await importMessage(other, file.name);
  assert.equal(msg.role, 'status', `import confirmed in a status: ${msg.text}`);
  assert.deepEqual(importCounts(msg.text, file.name), { added: 3, updated: 0, orphaned: 0, rejected: 0 });

  await eventually(async () => assert.deepEqual(await markRuns(other), runsBefore, 'same marks on the same characters'));
  for (const id of ids) assert.equal(await markedText(other, id), await markedText(page, id));
  await eventually(async () => assert.deepEqual(await claimsById(other), before, 'stored claims identical, field by field'));
  for (const q of [QUOTE_A, QUOTE_B, QUOTE_122]) {
    await openClaim(other, q);
    assert.deepEqual(await editorFields(other), fieldsBefore[q], `editor shows the same fields for "${q}"`);
  }

  // Importing the same file again changes nothing.
  await importInput(other).setInputFiles({ name: 'again.jsonld', mimeType: 'application/ld+json', buffer: file.bytes });
  const again = await importMessage(other, 'again.jsonld');
  assert.deepEqual(importCounts(again.text, 'again.jsonld'), { added: 0, updated: 0, orphaned: 0, rejected: 0 });
  assert.match(again.text, /3 claims already here unchanged/);
  assert.deepEqual(await claimsById(other), before);
  assertNoPageErrors(page);
  assertNoPageErrors(other);
  await context.close();
  await page.context().close();
});

test('a file dropped on the page is imported (UTF-8 BOM export)', async () => {
  const page = await newPage();
  await gotoApp(page);
  const name = 'bom-prefixed-export.jsonld';
  const bytes = fs.readFileSync(path.join(GOOD_DIR, name));
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the fixture starts with a BOM');
  const dataTransfer = await page.evaluateHandle(
    ([b64, fileName]) => {
      const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bin], fileName, { type: 'application/ld+json' }));
      return dt;
    },
    [bytes.toString('base64'), name],
  );
  await article(page).dispatchEvent('dragover', { dataTransfer });
  await article(page).dispatchEvent('drop', { dataTransfer });
  const msg = await importMessage(page, name);
  assert.equal(msg.role, 'status', msg.text);
  assert.deepEqual(importCounts(msg.text, name), { added: 2, updated: 0, orphaned: 0, rejected: 0 });
  await eventually(async () => assert.equal((await markIds(page)).size, 2, 'two claims highlighted'));
  assert.equal(await claimItems(page).count(), 2);
  assertNoPageErrors(page);
  await page.context().close();
});

// --- 2. Re-anchoring on an edited copy ------------------------------------

test('claims exported from the article re-anchor on its edited copy; a deleted passage is orphaned', async (t) => {
  const page = await newPage();
  await gotoApp(page);
  const cases = {
    moved: { before: QUOTE_122, after: '122 pays, régions ou institutions' },
    typography: {
      before: 'le pouvoir chinois affiche ses ambitions dans le cadre de "l\'Initiative de sécurité globale"',
      after: 'le pouvoir chinois affiche ses ambitions dans le cadre de « l’Initiative de sécurité globale »',
    },
    typo: { before: 'de concurrencer celle des Etats-Unis', after: 'de concurrencer celle des États-Unis' },
    deleted: { before: 'menottes, matraques, gilets pare-balles', after: null },
  };
  const ids = {};
  for (const [k, c] of Object.entries(cases)) ids[k] = await createClaim(page, block(page, c.before), c.before);
  await fillEditor(page, { conclusion: 'Liste d’équipements, sans source.' }); // on the deleted one
  const file = await exportAs(page, W3C_LABEL);
  const exported = await claimsById(page);

  const edited = fs.readFileSync(path.join(GOOD_DIR, 'edited-article.txt'));
  await page.getByLabel('Open article', { exact: true }).setInputFiles({ name: 'edited-article.txt', mimeType: 'text/plain', buffer: edited });
  await eventually(async () =>
    assert.equal(
      await article(page).locator('h1').textContent(),
      'Sécurité « Made in China » : comment Pékin veut exporter son modèle à l’international',
    ),
  );
  assert.equal((await markIds(page)).size, 0, 'the edited copy is another article: no claims yet');

  await importInput(page).setInputFiles({ name: file.name, mimeType: 'application/ld+json', buffer: file.bytes });
  const msg = await importMessage(page, file.name);
  assert.equal(msg.role, 'status', msg.text);
  assert.deepEqual(importCounts(msg.text, file.name), { added: 4, updated: 0, orphaned: 1, rejected: 0 });
  assert.match(msg.text, /1 orphaned/);

  // Each part is its own subtest, so one wrong anchor does not hide the others.
  await t.test('the surviving claims are highlighted on the right words', async () => {
    const surviving = ['moved', 'typography', 'typo'];
    const expected = Object.fromEntries(surviving.map((k) => [k, cases[k].after]));
    await eventually(async () => {
      const shown = {};
      for (const k of surviving) shown[k] = await markedText(page, ids[k]);
      assert.deepEqual(shown, expected, 'the surviving claims are highlighted on the right words of the edited copy');
    });
    // The typography case is the standfirst, not the later mention of the Initiative.
    const standfirst = block(page, 'le pouvoir chinois affiche ses ambitions');
    assert.ok(
      (await standfirst.locator(`mark[data-annotation-ids~="${ids.typography}"]`).count()) > 0,
      'the typography case is highlighted in the standfirst',
    );
    assert.equal(
      await block(page, 'Ce rendez-vous annuel').locator(`mark[data-annotation-ids~="${ids.typography}"]`).count(),
      0,
      'not on the later mention',
    );
    assert.ok((await block(page, 'États-Unis').locator(`mark[data-annotation-ids~="${ids.typo}"]`).count()) > 0);
  });

  await t.test('the deleted passage is listed under Orphaned with its quote and fields', async () => {
    assert.equal(await marksOf(page, ids.deleted).count(), 0, 'the deleted passage is highlighted nowhere');
    const panel = claimsPanel(page);
    const heading = panel.getByRole('heading', { name: /Orphaned/ });
    await heading.waitFor({ state: 'visible', timeout: 3000 });
    assert.equal(await heading.textContent(), 'Orphaned claims (their text was not found in this article)');
    const orphanList = panel.locator('h3 + ul');
    assert.equal(await orphanList.getByRole('listitem').count(), 1, 'one orphan listed');
    assert.match(await orphanList.getByRole('listitem').first().textContent(), new RegExp(escapeRe(cases.deleted.before)));

    // The orphan keeps what was written on it (the copy stored for the edited article).
    const builtinDoc = exported[ids.deleted].document;
    const onEdited = {};
    for (const [k, v] of Object.entries(await storageSnapshot(page))) {
      if (!k.startsWith(KEYS.claimPrefix)) continue;
      const c = JSON.parse(v);
      if (c.document !== builtinDoc) onEdited[c.id] = c;
    }
    assert.deepEqual(Object.keys(onEdited).sort(), Object.values(ids).sort(), 'the four claims are stored for the edited article');
    const stored = onEdited;
    assert.equal(stored[ids.deleted].conclusion, exported[ids.deleted].conclusion);
    assert.equal(stored[ids.deleted].anchor.exact, cases.deleted.before);
  });

  await t.test('back on the built-in article, the original claims are still there', async () => {
    await page.getByRole('button', { name: 'Built-in article', exact: true }).click();
    await eventually(async () => assert.equal(await article(page).locator('h1').textContent(), BUILTIN_TITLE));
    for (const [k, c] of Object.entries(cases)) {
      await eventually(async () => assert.equal(await markedText(page, ids[k]), c.before, `${k} still on the original`));
    }
  });
  assertNoPageErrors(page);
  await page.context().close();
});

// --- 3. Hypothesis ------------------------------------------------------------

test('a Hypothesis export of the built-in article is highlighted; its page note is rejected with a reason', async () => {
  const page = await newPage();
  await gotoApp(page);
  const name = 'hypothesis-builtin.json';
  const hyp = JSON.parse(fs.readFileSync(path.join(GOOD_DIR, name), 'utf8'));
  const quotes = hyp.annotations
    .map((a) => a.target[0].selector?.find((s) => s.type === 'TextQuoteSelector')?.exact)
    .filter(Boolean);
  assert.equal(quotes.length, 3);

  await importInput(page).setInputFiles(path.join(GOOD_DIR, name));
  const msg = await importMessage(page, name);
  assert.equal(msg.role, 'status', msg.text);
  assert.deepEqual(importCounts(msg.text, name), { added: 3, updated: 0, orphaned: 0, rejected: 1 });
  assert.match(msg.text, /Annotation 4: .*\bpage note\b/i, 'the page note is rejected as a page note');
  assert.match(msg.text, /Annotation 4: .*\bpassage\b/i, 'the reason says it has no passage');

  await eventually(async () => assert.equal((await markIds(page)).size, 3));
  const texts = [];
  for (const id of await markIds(page)) texts.push(await markedText(page, id));
  assert.deepEqual(texts.sort(), [...quotes].sort(), 'each passage highlighted exactly');
  assert.equal(await claimItems(page).count(), 3);
  // Whose work it is shows on each card: the Hypothesis user.
  for (const item of await claimItems(page).all()) assert.match(await item.textContent(), /by alice\b/);

  // The note's text and tags came along.
  await openClaim(page, quotes[0]);
  const fields = await editorFields(page);
  assert.equal(fields.conclusion, hyp.annotations[0].text);
  assert.equal(fields.tags, hyp.annotations[0].tags.join(', '));
  assertNoPageErrors(page);
  await page.context().close();
});

// --- 5. Share links --------------------------------------------------------------

async function makeShareLink(page) {
  await page.getByRole('button', { name: 'Copy share link', exact: true }).click();
  const box = page.getByRole('textbox', { name: 'Share link', exact: true });
  await box.waitFor({ state: 'visible', timeout: 5000 });
  const link = await box.inputValue();
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#share=1\.[A-Za-z0-9_-]+$/, 'a share link');
  assert.equal(await box.evaluate((el) => el.readOnly), true, 'the Share link box is read-only');
  return link;
}

test('share link: copied in one profile, Cancel changes nothing, Merge brings identical claims', async () => {
  const ctxA = await newContext();
  const url = await appUrl();
  await ctxA.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  const a = await newPage({ context: ctxA });
  await gotoApp(a);
  const ids = await makeThreeClaims(a);
  const link = await makeShareLink(a);
  await eventually(async () => assert.match((await a.getByRole('status').textContent()) ?? '', /Share link copied/));
  assert.equal(await a.evaluate(() => navigator.clipboard.readText()), link, 'the clipboard holds the link');
  const claimsA = await claimsById(a);
  const runsA = await markRuns(a);

  const ctxB = await newContext();
  const b = await newPage({ context: ctxB });
  const jsDialogs = watchDialogs(b);
  await gotoApp(b);
  const ownQuote = QUOTE_XI;
  const own = await createClaim(b, block(b, ownQuote), ownQuote);
  const snapBefore = await storageSnapshot(b);

  await b.goto(link);
  await waitForApp(b);
  const dialog = b.getByRole('dialog', { name: 'Shared claims' });
  await dialog.waitFor({ state: 'visible', timeout: 10000 });
  assert.equal(await dialog.getByRole('heading', { level: 2 }).textContent(), 'Shared claims');
  assert.match(await dialog.textContent(), new RegExp(`This link holds 3 claims on “${escapeRe(BUILTIN_TITLE)}”`));
  assert.equal(new URL(b.url()).hash, '', 'the fragment is cleared once read');
  await axeCheck(b);

  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 3000 });
  await eventually(async () => assert.match(await b.getByRole('status').textContent(), /not merged/));
  assert.deepEqual(await storageSnapshot(b), snapBefore, 'Cancel changed nothing in storage');
  assert.deepEqual([...(await markIds(b))], [own], 'only the profile\'s own claim is highlighted');
  assert.equal(await claimItems(b).count(), 1);

  // Open the link again (same tab: the fragment changes), and merge.
  await b.goto(link);
  await dialog.waitFor({ state: 'visible', timeout: 10000 });
  await dialog.getByRole('button', { name: 'Merge claims', exact: true }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 3000 });
  const msg = await importMessage(b, 'the share link');
  assert.equal(msg.role, 'status', msg.text);
  assert.deepEqual(importCounts(msg.text, 'the share link'), { added: 3, updated: 0, orphaned: 0, rejected: 0 });
  const claimsB = await claimsById(b);
  for (const id of ids) assert.deepEqual(claimsB[id], claimsA[id], `claim ${id} identical after the share link`);
  assert.ok(claimsB[own], 'the profile\'s own claim is kept');
  assert.equal(Object.keys(claimsB).length, 4);
  const runsB = (await markRuns(b)).filter(([, idList]) => !idList.split(' ').includes(own));
  assert.deepEqual(runsB, runsA, 'same marks on the same characters');
  assert.equal(await markedText(b, own), ownQuote);
  assert.deepEqual(jsDialogs, []);
  assertNoPageErrors(a);
  assertNoPageErrors(b);
  await ctxA.close();
  await ctxB.close();
});

test('share link of a pasted article carries its text and opens it in the other profile', async () => {
  const ctxA = await newContext();
  const a = await newPage({ context: ctxA });
  await gotoApp(a);
  const title = 'Un article collé 🗞️ pour la classe';
  const text =
    `${title}\n\nLe maire affirme que 42 % des élèves lisent chaque jour 📚 au collège.\n\n` +
    'Selon la même source, « la bibliothèque a doublé ses prêts » depuis 2023.';
  await a.getByRole('button', { name: 'Paste article', exact: true }).click();
  const paste = a.getByRole('dialog');
  await paste.getByRole('textbox', { name: 'Article text', exact: true }).fill(text);
  await paste.getByRole('button', { name: 'Open', exact: true }).click();
  await eventually(async () => assert.equal(await article(a).locator('h1').textContent(), title));
  const q1 = '42 % des élèves lisent chaque jour 📚 au collège';
  const q2 = '« la bibliothèque a doublé ses prêts »';
  const id1 = await createClaim(a, block(a, q1), q1);
  await fillEditor(a, { verdict: 'Unverifiable', conclusion: 'Aucune enquête citée.' });
  const id2 = await createClaim(a, block(a, q2), q2);
  const link = await makeShareLink(a);
  const claimsA = await claimsById(a);

  const ctxB = await newContext();
  const b = await newPage({ context: ctxB });
  await gotoApp(b);
  assert.equal(await article(b).locator('h1').textContent(), BUILTIN_TITLE);
  await b.goto(link);
  const dialog = b.getByRole('dialog', { name: 'Shared claims' });
  await dialog.waitFor({ state: 'visible', timeout: 10000 });
  const said = await dialog.textContent();
  assert.match(said, new RegExp(`This link holds 2 claims on “${escapeRe(title)}”`));
  assert.match(said, /Merging opens that article/);
  await dialog.getByRole('button', { name: 'Merge claims', exact: true }).click();

  await eventually(async () => assert.equal(await article(b).locator('h1').textContent(), title, 'the pasted article is open'));
  await eventually(async () => {
    assert.equal(await markedText(b, id1), q1);
    assert.equal(await markedText(b, id2), q2);
  });
  assert.equal(await block(b, 'la bibliothèque').textContent(), 'Selon la même source, « la bibliothèque a doublé ses prêts » depuis 2023.');
  const claimsB = await claimsById(b);
  assert.deepEqual(claimsB, claimsA, 'identical claims, offsets included (accents and emoji)');
  const msg = await importMessage(b, 'the share link');
  assert.deepEqual(importCounts(msg.text, 'the share link'), { added: 2, updated: 0, orphaned: 0, rejected: 0 });

  // The built-in article is still there, as it was.
  await b.getByRole('button', { name: 'Built-in article', exact: true }).click();
  await eventually(async () => assert.equal(await article(b).locator('h1').textContent(), BUILTIN_TITLE));
  assert.equal((await markIds(b)).size, 0);
  assertNoPageErrors(a);
  assertNoPageErrors(b);
  await ctxA.close();
  await ctxB.close();
});

function b64url(bytes) {
  return Buffer.from(bytes).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

test('hostile share fragments give an alert and change nothing', async () => {
  const page = await newPage();
  const jsDialogs = watchDialogs(page);
  await page.addInitScript(() => {
    window.__pwned = false;
  });
  await gotoApp(page);
  const id = await createClaim(page, block(page, QUOTE_B), QUOTE_B);
  await waitForStored(page, QUOTE_B);
  const snap = await storageSnapshot(page);
  const base = await appUrl();

  const bombSize = 17 * 1024 * 1024;
  const bomb = zlib.deflateRawSync(Buffer.concat([Buffer.from('{"a":"'), Buffer.alloc(bombSize, 0x41), Buffer.from('"}')]), { level: 9 });
  const fragments = {
    script: 'share=1.<script>alert(1)</script>',
    'random base64': `share=1.${b64url(crypto.randomBytes(300))}`,
    'deflate of non-JSON': `share=1.${b64url(zlib.deflateRawSync(Buffer.from("Ceci n'est pas du JSON, <b>mais</b> du texte.")))}`,
    [`deflate bomb (${(bombSize / 1048576).toFixed(0)} MB from ${bomb.length} bytes)`]: `share=1.${b64url(bomb)}`,
    'unknown version': 'share=9.AAAA',
  };
  for (const [what, fragment] of Object.entries(fragments)) {
    await page.goto(`${base}#${fragment}`);
    await waitForApp(page);
    await expectAlert(page, /This share link cannot be opened\..*Your claims are unchanged\./, { timeout: 15000 }).catch((err) => {
      throw new Error(`${what}: ${err.message}`);
    });
    assert.equal(await page.getByRole('dialog', { name: 'Shared claims' }).count(), 0, `${what}: no merge dialog`);
    assert.deepEqual(await storageSnapshot(page), snap, `${what}: storage unchanged`);
    assert.equal(await markedText(page, id), QUOTE_B, `${what}: the claim is still highlighted`);
    assert.equal(await claimItems(page).count(), 1, `${what}: the list is unchanged`);
    const injected = await page.evaluate(() => ({
      pwned: window.__pwned,
      scripts: [...document.querySelectorAll('script')].filter((s) => /alert/.test(s.textContent)).length,
      bold: document.querySelectorAll('main b, aside b').length,
    }));
    assert.deepEqual(injected, { pwned: false, scripts: 0, bold: 0 }, `${what}: nothing injected`);
    await page.getByRole('alert').getByRole('button', { name: 'Dismiss', exact: true }).click();
    await eventually(async () =>
      assert.equal(await page.getByRole('alert').filter({ hasText: 'share link' }).count(), 0, 'alert dismissed'),
    );
  }
  assert.deepEqual(jsDialogs, [], 'no JavaScript dialog opened');
  assertNoPageErrors(page);
  await page.context().close();
});

// --- 6. Reports ------------------------------------------------------------------

test('reports: CSV (both dialects), Markdown, HTML and ClaimReview say what the claims say', async () => {
  const page = await newPage();
  await gotoApp(page);
  const jsDialogs = watchDialogs(page);
  const ordinal = await createClaim(page, block(page, QUOTE_B), QUOTE_B);
  await fillEditor(page, {
    verdict: 'Mostly false',
    conclusion: '=1+1 le chiffre repose sur le ministre',
    tags: '@chiffres, police',
    source: { url: SOURCE_URL, title: '+Pays membres', excerpt: '-Aucun chiffre', stance: 'Refutes' },
  });
  const hostile = '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';
  const misleadingId = await createClaim(page, block(page, QUOTE_122), QUOTE_122);
  await fillEditor(page, { verdict: 'Misleading', conclusion: hostile });
  const noVerdictId = await createClaim(page, block(page, QUOTE_XI), QUOTE_XI);
  const stored = await claimsById(page);

  // Export menu: every format offered, and accessible while open.
  const nav = await openExportMenu(page);
  const offered = await nav.getByRole('list').getByRole('button').allTextContents();
  assert.deepEqual(offered, [
    W3C_LABEL,
    'CSV of claims (one row per claim)',
    'Sources table (one row per source, comma-separated)',
    'Claims table for French Excel (semicolons)',
    'Sources table for French Excel (semicolons)',
    'Markdown report',
    'Printable HTML report',
    'ClaimReview (schema.org data for rated claims)',
  ]);
  await axeCheck(page);
  await page.keyboard.press('Escape');
  await eventually(async () => assert.equal(await exportButton(page).getAttribute('aria-expanded'), 'false', 'Escape closes the menu'));

  // CSV of claims, both dialects.
  const csv = {};
  for (const [dialect, label, sep] of [
    ['rfc', 'CSV of claims (one row per claim)', ','],
    ['fr', 'Claims table for French Excel (semicolons)', ';'],
  ]) {
    const file = await exportAs(page, label);
    assert.match(file.name, FILE_NAME);
    assert.ok(file.name.endsWith('.csv'), file.name);
    const bom = file.text.startsWith('\uFEFF');
    assert.equal(bom, dialect === 'fr', `${label}: BOM only for French Excel`);
    const body = file.text.replace(/^\uFEFF/, '');
    const firstLine = body.split(/\r?\n/)[0];
    assert.ok(firstLine.includes(sep) && !firstLine.includes(sep === ',' ? ';' : ','), `${label}: header separated by "${sep}": ${firstLine}`);
    const { header, records } = csvRecords(body.replace(/(\r?\n)+$/, ''), sep);
    assert.ok(header.includes('quote') && header.includes('verdict') && header.includes('conclusion'), header.join(sep));
    assert.equal(records.length, 3, `${label}: one row per claim`);
    const row = records.find((r) => r.quote === QUOTE_B);
    assert.ok(row, `${label}: the quote is a cell`);
    assert.equal(row.verdict, 'Mostly false', `${label}: verdict in words`);
    assert.ok(!/^[=+\-@]/.test(row.conclusion), `${label}: formula neutralised: ${row.conclusion}`);
    assert.ok(row.conclusion.includes('=1+1 le chiffre repose sur le ministre'), row.conclusion);
    assert.ok(!/^[=+\-@]/.test(row.tags), `${label}: tags cell neutralised: ${row.tags}`);
    for (const r of records) {
      for (const [k, v] of Object.entries(r)) assert.ok(!/^[=+@]/.test(v) && !/^-[^0-9]/.test(v), `${label}: cell ${k} starts with a formula character: ${v}`);
    }
    assert.equal(records.find((r) => r.quote === QUOTE_122).conclusion, hostile, 'text kept as it is');
    assert.equal(records.find((r) => r.quote === QUOTE_122).verdict, 'Misleading');
    csv[dialect] = records;
  }
  assert.deepEqual(csv.fr, csv.rfc, 'both dialects hold the same cells');

  // CSV of sources, both dialects.
  for (const [label, sep, bom] of [
    ['Sources table (one row per source, comma-separated)', ',', false],
    ['Sources table for French Excel (semicolons)', ';', true],
  ]) {
    const file = await exportAs(page, label);
    assert.equal(file.text.startsWith('\uFEFF'), bom, `${label}: BOM`);
    const { records } = csvRecords(file.text.replace(/^\uFEFF/, '').replace(/(\r?\n)+$/, ''), sep);
    assert.equal(records.length, 1, `${label}: one source`);
    assert.equal(records[0].url, SOURCE_URL);
    assert.ok(records[0].title.includes('+Pays membres') && !records[0].title.startsWith('+'), `${label}: title neutralised: ${records[0].title}`);
    assert.ok(records[0].excerpt.includes('-Aucun chiffre') && !records[0].excerpt.startsWith('-'), `${label}: excerpt neutralised`);
    assert.equal(records[0].claim_id, `urn:uuid:${ordinal}`);
  }

  // Markdown.
  const md = await exportAs(page, 'Markdown report');
  assert.ok(md.name.endsWith('-report.md'), md.name);
  for (const q of [QUOTE_B, QUOTE_122, QUOTE_XI]) assert.ok(md.text.includes(`> ${q}`), `Markdown quotes "${q}"`);
  assert.match(md.text, /Mostly false/);
  assert.match(md.text, /Misleading/);
  assert.match(md.text, /No verdict yet/);
  assert.ok(md.text.includes(SOURCE_URL), 'the source is listed');
  assert.ok(!md.text.includes('<script>'), 'no raw <script> in the Markdown');

  // HTML report: read as text, then opened as a page.
  const html = await exportAs(page, 'Printable HTML report');
  assert.ok(html.name.endsWith('-report.html'), html.name);
  const scripts = html.text.match(/<script\b[^>]*>/gi) ?? [];
  assert.deepEqual(scripts, ['<script type="application/ld+json">'], 'the only script is the ld+json block');
  const view = await newPage({ context: page.context() });
  const viewDialogs = watchDialogs(view);
  await view.setContent(html.text);
  const facts = await view.evaluate(([quotes]) => ({
    scripts: [...document.scripts].map((s) => s.type),
    pwned: window.__pwned ?? null,
    images: document.images.length,
    quoteLangs: quotes.map((q) => {
      const el = [...document.querySelectorAll('blockquote, q, span, p')].find((e) => e.textContent.trim() === q);
      return el ? el.closest('[lang]')?.getAttribute('lang') : 'missing';
    }),
    text: document.body.innerText,
  }), [[QUOTE_B, QUOTE_122, QUOTE_XI]]);
  assert.deepEqual(facts.scripts, ['application/ld+json']);
  assert.equal(facts.pwned, null, 'nothing ran');
  assert.equal(facts.images, 0, 'no image created from the conclusion');
  assert.deepEqual(facts.quoteLangs, ['fr', 'fr', 'fr'], 'every quote has lang="fr"');
  assert.match(facts.text, /Mostly false/);
  assert.match(facts.text, /Misleading/);
  assert.ok(facts.text.includes(hostile), 'the hostile conclusion is shown as text');
  const ld = JSON.parse(await view.locator('script[type="application/ld+json"]').textContent());
  assert.equal(ld.length, 2, 'the embedded ClaimReview covers the two rated claims');
  await axeCheck(view);
  assert.deepEqual(viewDialogs, []);
  await view.close();

  // ClaimReview.
  const cr = await exportAs(page, 'ClaimReview (schema.org data for rated claims)');
  assert.ok(cr.name.endsWith('-claimreview.jsonld'), cr.name);
  const reviews = JSON.parse(cr.text);
  assert.ok(Array.isArray(reviews));
  assert.deepEqual(reviews.map((r) => r.claimReviewed).sort(), [QUOTE_B, QUOTE_122].sort(), 'claims with a verdict only');
  assert.equal(reviews.find((r) => r.claimReviewed === QUOTE_XI), undefined, 'no review for "no verdict yet"');
  for (const r of reviews) {
    assert.equal(r['@type'], 'ClaimReview');
    assert.equal(r['@context'], 'https://schema.org');
    assert.equal(typeof r.reviewRating.alternateName, 'string');
    assert.equal(r.itemReviewed['@type'], 'Claim');
    assert.equal(r.itemReviewed.appearance.inLanguage, 'fr');
  }
  const rated = reviews.find((r) => r.claimReviewed === QUOTE_B);
  assert.equal(rated.reviewRating.alternateName, 'Mostly false');
  assert.deepEqual(
    [rated.reviewRating.ratingValue, rated.reviewRating.bestRating, rated.reviewRating.worstRating],
    [2, 5, 1],
    'numbers for an ordinal verdict',
  );
  assert.equal(rated.reviewBody, stored[ordinal].conclusion);
  assert.deepEqual(rated.citation.map((c) => c.url), [SOURCE_URL]);
  const misleading = reviews.find((r) => r.claimReviewed === QUOTE_122);
  assert.equal(misleading.reviewRating.alternateName, 'Misleading');
  assert.equal(misleading.identifier, `urn:uuid:${misleadingId}`, 'the review names its claim');
  assert.equal(stored[noVerdictId].verdict, null, 'the third claim really has no verdict');
  for (const k of ['ratingValue', 'bestRating', 'worstRating']) {
    assert.equal(k in misleading.reviewRating, false, `no ${k} for a non-ordinal verdict`);
  }
  assert.deepEqual(jsDialogs, []);
  assertNoPageErrors(page);
  await page.context().close();
});

// --- 7. All or nothing ---------------------------------------------------------------

test('an import that fills the storage half-way saves nothing', async () => {
  const page = await newPage();
  await gotoApp(page);
  await createClaim(page, block(page, QUOTE_B), QUOTE_B);
  await createClaim(page, block(page, QUOTE_122), QUOTE_122);
  await waitForStored(page, QUOTE_122);
  const quotes = [QUOTE_A, QUOTE_XI, 'quelque 3.000 policiers étrangers', 'concurrencer celle des Etats-Unis', 'Interpol'];
  const items = quotes.map((exact, i) => builtinAnnotation({ exact, comment: `Note ${i + 1}.`, tags: ['lot'] }));
  const name = 'five-claims.jsonld';
  const buffer = Buffer.from(JSON.stringify(collectionOf(items)));

  const before = await storageSnapshot(page);
  const runsBefore = await markRuns(page);
  const writes = await page.evaluate(() => {
    const original = Storage.prototype.setItem;
    window.__restoreSetItem = () => {
      Storage.prototype.setItem = original;
    };
    window.__writes = 0;
    Storage.prototype.setItem = function setItem(k, v) {
      if (window.__writes >= 2) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      window.__writes += 1;
      return original.call(this, k, v);
    };
    return window.__writes;
  });
  assert.equal(writes, 0);
  await importInput(page).setInputFiles({ name, mimeType: 'application/ld+json', buffer });
  const msg = await importMessage(page, name);
  assert.equal(msg.role, 'alert', `a storage failure is an alert: ${msg.text}`);
  assert.match(msg.text, new RegExp(`Nothing was imported from “${escapeRe(name)}”.*full.*Your claims are unchanged`));
  assert.ok((await page.evaluate(() => window.__writes)) >= 2, 'the app had started writing before the storage filled');
  assert.deepEqual(await storageSnapshot(page), before, 'storage exactly as before the import');
  assert.deepEqual(await markRuns(page), runsBefore, 'highlights unchanged');
  assert.equal(await claimItems(page).count(), 2, 'the list still shows the two claims');

  // With room again, the same file imports whole: the failure was the storage's.
  await page.evaluate(() => window.__restoreSetItem());
  await importInput(page).setInputFiles({ name: 'five-again.jsonld', mimeType: 'application/ld+json', buffer });
  const ok = await importMessage(page, 'five-again.jsonld');
  assert.equal(ok.role, 'status', ok.text);
  assert.deepEqual(importCounts(ok.text, 'five-again.jsonld'), { added: 5, updated: 0, orphaned: 0, rejected: 0 });
  await eventually(async () => assert.equal(await claimItems(page).count(), 7));
  assert.equal(Object.keys(await claimsById(page)).length, 7);
  assertNoPageErrors(page);
  await page.context().close();
});

test('an import that updates claims and then fills the storage restores the old versions', async () => {
  const page = await newPage();
  await gotoApp(page);
  const idB = await createClaim(page, block(page, QUOTE_B), QUOTE_B);
  await fillEditor(page, { conclusion: 'Version de ce navigateur.' });
  const id122 = await createClaim(page, block(page, QUOTE_122), QUOTE_122);
  await fillEditor(page, { conclusion: 'Autre version locale.' });
  // The file: newer copies of both claims first, then new claims.
  const newer = '2030-01-01T00:00:00Z';
  const items = [
    builtinAnnotation({ id: `urn:uuid:${idB}`, exact: QUOTE_B, comment: 'Version du fichier, plus récente.', modified: newer }),
    builtinAnnotation({ id: `urn:uuid:${id122}`, exact: QUOTE_122, comment: 'Version du fichier, plus récente.', modified: newer }),
    ...[QUOTE_A, QUOTE_XI, 'quelque 3.000 policiers étrangers'].map((exact) => builtinAnnotation({ exact, comment: 'Nouvelle.' })),
  ];
  const name = 'updates-then-new.jsonld';
  const buffer = Buffer.from(JSON.stringify(collectionOf(items)));

  const before = await storageSnapshot(page);
  // A quota in characters, as browsers have: removing a value frees room.
  await page.evaluate((allowance) => {
    const original = Storage.prototype.setItem;
    const used = (s) => {
      let n = 0;
      for (let i = 0; i < s.length; i++) {
        const k = s.key(i);
        n += k.length + s.getItem(k).length;
      }
      return n;
    };
    const limit = used(localStorage) + allowance;
    window.__writes = 0;
    Storage.prototype.setItem = function setItem(k, v) {
      const old = this.getItem(k);
      const after = used(this) - (old === null ? 0 : k.length + old.length) + k.length + String(v).length;
      if (after > limit) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      window.__writes += 1;
      return original.call(this, k, v);
    };
  }, 1500);
  await importInput(page).setInputFiles({ name, mimeType: 'application/ld+json', buffer });
  const msg = await importMessage(page, name);
  assert.equal(msg.role, 'alert', `a storage failure is an alert: ${msg.text}`);
  assert.match(msg.text, /Your claims are unchanged/);
  assert.ok((await page.evaluate(() => window.__writes)) >= 3, 'both updates and one new claim were written before the storage filled');
  assert.deepEqual(await storageSnapshot(page), before, 'the updated claims are back to their old versions, nothing added');
  await openClaim(page, QUOTE_B);
  assert.equal((await editorFields(page)).conclusion, 'Version de ce navigateur.', 'the editor shows the kept version');
  assert.equal(await claimItems(page).count(), 2);
  assertNoPageErrors(page);
  await page.context().close();
});

test('work too large for a link is refused with a message that offers a file instead', async () => {
  const page = await newPage();
  await gotoApp(page);
  // A link made earlier, on the built-in article.
  await createClaim(page, block(page, QUOTE_B), QUOTE_B);
  await makeShareLink(page);
  // Random hex paragraphs barely compress: ~100 kB of text cannot fit in a
  // 32,000-character link once deflated.
  const paragraphs = Array.from({ length: 50 }, () => crypto.randomBytes(1000).toString('hex'));
  const first = 'Le premier paragraphe affirme que 42 % des élèves lisent.';
  const text = `Un long article\n\n${first}\n\n${paragraphs.join('\n\n')}`;
  await page.getByRole('button', { name: 'Paste article', exact: true }).click();
  const paste = page.getByRole('dialog');
  await paste.getByRole('textbox', { name: 'Article text', exact: true }).fill(text);
  await paste.getByRole('button', { name: 'Open', exact: true }).click();
  await eventually(async () => assert.equal(await article(page).locator('h1').textContent(), 'Un long article'));
  // The old link was for the other article: it is no longer shown.
  await eventually(async () => assert.equal(await page.getByLabel('Share link', { exact: true }).count(), 0));
  const id = await createClaim(page, block(page, '42 %'), '42 % des élèves lisent');
  await page.getByRole('button', { name: 'Copy share link', exact: true }).click();
  await expectAlert(page, /too large for a link.*W3C JSON-LD file/s);
  assert.equal(await page.getByLabel('Share link', { exact: true }).count(), 0, 'no link was offered');
  // The file is offered right there, and it holds the article's claim.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('alert').getByRole('button', { name: 'Download the W3C JSON-LD file' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^un-long-article-\d{4}-\d{2}-\d{2}-annotations\.jsonld$/);
  const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.equal(exported.type, 'AnnotationCollection');
  assert.deepEqual(
    exported.first.items.map((a) => [a.id, a.target.selector[0].exact]),
    [[`urn:uuid:${id}`, '42 % des élèves lisent']],
  );
  assertNoPageErrors(page);
});

test('each format name in the Export menu names exactly one control, which downloads that format; focus returns to Export', async () => {
  const page = await newPage();
  await gotoApp(page);
  await createClaim(page, block(page, QUOTE_B), QUOTE_B);
  // The UI contract: "a control whose name contains the format's name".
  for (const [name, extension] of [
    ['W3C JSON-LD', '.jsonld'],
    ['CSV', '.csv'],
    ['Markdown', '.md'],
    ['HTML', '.html'],
    ['ClaimReview', '.jsonld'],
  ]) {
    await openExportMenu(page);
    const control = page.getByRole('button', { name });
    assert.equal(await control.count(), 1, `one control named like “${name}”`);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), control.click()]);
    assert.ok(download.suggestedFilename().endsWith(extension), `${name}: ${download.suggestedFilename()}`);
    await eventually(async () =>
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Export', 'focus is back on Export'),
    );
    assert.equal(await exportButton(page).getAttribute('aria-expanded'), 'false');
  }
  // Tabbing out of the open menu closes it.
  await openExportMenu(page);
  await exportButton(page).focus();
  for (let i = 0; i < 9; i++) await page.keyboard.press('Tab');
  await eventually(async () => assert.equal(await exportButton(page).getAttribute('aria-expanded'), 'false'));
  assertNoPageErrors(page);
});

test('a share link of the built-in article opens it when another article is open', async () => {
  const ctxA = await newContext();
  const a = await newPage({ context: ctxA });
  await gotoApp(a);
  const id = await createClaim(a, block(a, QUOTE_B), QUOTE_B);
  const link = await makeShareLink(a);

  const ctxB = await newContext();
  const b = await newPage({ context: ctxB });
  await gotoApp(b);
  await b.getByRole('button', { name: 'Paste article', exact: true }).click();
  const paste = b.getByRole('dialog');
  await paste.getByRole('textbox', { name: 'Article text', exact: true }).fill('Autre article\n\nUn texte sans rapport.');
  await paste.getByRole('button', { name: 'Open', exact: true }).click();
  await eventually(async () => assert.equal(await article(b).locator('h1').textContent(), 'Autre article'));
  await b.goto(link);
  const dialog = b.getByRole('dialog', { name: 'Shared claims' });
  await dialog.waitFor({ state: 'visible', timeout: 10000 });
  assert.match(await dialog.textContent(), /Merging opens that article/);
  await dialog.getByRole('button', { name: 'Merge claims', exact: true }).click();
  await eventually(async () => assert.equal(await article(b).locator('h1').textContent(), BUILTIN_TITLE));
  await eventually(async () => assert.equal(await markedText(b, id), QUOTE_B));
  assertNoPageErrors(a);
  assertNoPageErrors(b);
  await ctxA.close();
  await ctxB.close();
});

test('a share link says beforehand what will be orphaned or refused; keyboard only, focus lands on the Claims panel', async () => {
  const anchored = builtinAnnotation({ exact: QUOTE_XI, comment: 'La date est exacte.' });
  const orphan = {
    ...builtinAnnotation({ exact: QUOTE_B }),
    target: {
      source: DOC_IRI,
      selector: [{ type: 'TextQuoteSelector', exact: 'une phrase que cet article ne contient nulle part', prefix: '', suffix: '' }],
    },
  };
  const pageNote = { ...builtinAnnotation({ exact: QUOTE_122 }), target: { source: DOC_IRI } };
  const payload = Buffer.from(JSON.stringify(collectionOf([anchored, orphan, pageNote])));
  const fragment = `share=1.${b64url(zlib.deflateRawSync(payload))}`;

  const page = await newPage();
  await page.goto(`${await appUrl()}#${fragment}`);
  await waitForApp(page);
  const dialog = page.getByRole('dialog', { name: 'Shared claims' });
  await dialog.waitFor({ state: 'visible', timeout: 10000 });
  const said = await dialog.textContent();
  assert.match(said, /This link holds 2 claims/);
  assert.match(said, /1 of them cannot be placed in this article and will be listed under Orphaned/);
  assert.match(said, /1 annotation in the link cannot be used; merging says why/);
  const listed = await dialog.getByRole('list', { name: 'Claims in the link' }).getByRole('listitem').allTextContents();
  assert.equal(listed.length, 2);
  assert.ok(listed.some((l) => l.includes(QUOTE_XI)), listed.join(' | '));
  await axeCheck(page);

  // Keyboard only: the focus starts on Merge claims; Enter merges.
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Merge claims');
  await page.keyboard.press('Enter');
  const msg = await importMessage(page, SHARE_LINK);
  assert.deepEqual(importCounts(msg.text, SHARE_LINK), { added: 2, updated: 0, orphaned: 1, rejected: 1 });
  assert.match(msg.text, /Annotation 3: .*page note/);
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), 'claims', 'focus on the Claims panel'));
  await eventually(async () => assert.equal((await markIds(page)).size, 1));
  const orphaned = claimsPanel(page).getByRole('heading', { name: /Orphaned/ });
  await orphaned.waitFor();
  assertNoPageErrors(page);
  await page.context().close();
});

test('work kept in a tab when storage is full is downloaded, then imported whole in another profile', async () => {
  const ctxA = await newContext();
  const a = await newPage({ context: ctxA });
  await a.addInitScript(() => {
    Storage.prototype.setItem = function setItem() {
      throw new DOMException('full', 'QuotaExceededError');
    };
  });
  await gotoApp(a);
  const id = await createClaim(a, block(a, QUOTE_B), QUOTE_B);
  // Not through fillEditor: it waits for storage, which takes nothing here.
  await selectOptionStartingWith(a.getByRole('combobox', { name: 'Verdict', exact: true }), 'Unverifiable');
  await a.getByRole('textbox', { name: 'Conclusion', exact: true }).fill('Gardé dans cet onglet seulement.');
  await expectAlert(a, /full/i);
  const [download] = await Promise.all([
    a.waitForEvent('download'),
    a.getByRole('button', { name: 'Download my work', exact: true }).click(),
  ]);
  const file = path.join(fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'work-')), download.suggestedFilename());
  await download.saveAs(file);

  const ctxB = await newContext();
  const b = await newPage({ context: ctxB });
  await gotoApp(b);
  await importInput(b).setInputFiles(file);
  const msg = await importMessage(b, path.basename(file));
  assert.deepEqual(importCounts(msg.text, path.basename(file)), { added: 1, updated: 0, orphaned: 0, rejected: 0 });
  await eventually(async () => assert.equal(await markedText(b, id), QUOTE_B));
  await openClaim(b, QUOTE_B);
  const fields = await editorFields(b);
  assert.equal(fields.conclusion, 'Gardé dans cet onglet seulement.');
  assert.match(fields.verdict, /^Unverifiable/);
  assertNoPageErrors(a);
  assertNoPageErrors(b);
  await ctxA.close();
  await ctxB.close();
});
