// Journey: the 1 MB stress document (8,000 paragraphs, 5,000 stored claims,
// some overlapping), the bench's own data. Every claim is highlighted, the
// list holds them all, a new claim still works, and axe-core finds nothing.
// axe on ~60,000 elements takes a minute or more: the timeout allows for it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useHarness, newPage, gotoApp, assertNoPageErrors, axeCheck, KEYS } from './harness.mjs';
import { makeDocument, makeClaims, segment, documentId } from '../bench/bench.mjs';

useHarness();

test('the stress document shows all 5,000 claims, takes a new one, and is accessible', { timeout: 600_000 }, async () => {
  const page = await newPage();
  await gotoApp(page);
  const doc = makeDocument();
  await page.getByLabel('Open article', { exact: true }).setInputFiles({
    name: 'stress.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(doc.text),
  });
  await page.waitForFunction((t) => document.querySelector('main article h1')?.textContent === t, doc.title, { timeout: 120_000 });
  const docId = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)).document, KEYS.currentDocument);
  assert.equal(docId, documentId(doc.text), 'the app names the document by the hash of its text');

  const claims = makeClaims(doc, docId);
  const expectedMarks = [...segment(doc, claims).values()].reduce((n, runs) => n + runs.length, 0);
  await page.evaluate((entries) => {
    for (const [k, v] of entries) localStorage.setItem(k, v);
  }, claims.map((c) => [`${KEYS.claimPrefix}${docId}/${c.id}`, JSON.stringify(c)]));
  await page.reload();
  await page.waitForFunction((n) => document.querySelectorAll('main article mark[data-annotation-ids]').length >= n, expectedMarks, {
    timeout: 120_000,
  });
  const seen = await page.evaluate(() => {
    const ids = new Set();
    for (const m of document.querySelectorAll('main article mark[data-annotation-ids]')) {
      for (const id of m.getAttribute('data-annotation-ids').split(' ')) ids.add(id);
    }
    return { ids: ids.size, marks: document.querySelectorAll('main article mark').length, items: document.querySelectorAll('aside li').length };
  });
  assert.deepEqual(seen, { ids: claims.length, marks: expectedMarks, items: claims.length });

  // One more claim, from a selection in a paragraph near the end.
  const before = seen.items;
  await page.evaluate(() => {
    const paragraphs = document.querySelectorAll('main article p');
    const p = paragraphs[paragraphs.length - 2];
    const text = [...p.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.data.length > 20);
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, text.data.indexOf(' ', 5));
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  });
  await page.keyboard.press('h');
  await page.waitForFunction((n) => document.querySelectorAll('aside li').length === n + 1, before, { timeout: 30_000 });

  // CSS locators above: Playwright's role queries compute names for every
  // list button and take minutes on this page.
  await axeCheck(page);
  assertNoPageErrors(page);
});
