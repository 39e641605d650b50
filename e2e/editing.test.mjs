// Journeys: overlapping claims, delete and undo, keyboard-only selection and
// extent buttons, filtering the Claims list.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useHarness,
  newPage,
  gotoApp,
  axeCheck,
  assertNoPageErrors,
  article,
  block,
  createClaim,
  newClaimIdAfter,
  marksOf,
  claimItems,
  selectOptionStartingWith,
  storedClaims,
  waitForStored,
  eventually,
} from './harness.mjs';

useHarness();

const QUOTE_A = 'La police chinoise a entraîné depuis un an 2.700 policiers';
const QUOTE_B = "2.700 policiers venus de l'étranger";

test('overlapping claims share a mark carrying both ids', async () => {
  const page = await newPage();
  await gotoApp(page);
  const a = await createClaim(page, block(page, QUOTE_A), QUOTE_A);
  const b = await createClaim(page, block(page, QUOTE_B), QUOTE_B);
  assert.notEqual(a, b);

  const shared = page.locator(`mark[data-annotation-ids~="${a}"][data-annotation-ids~="${b}"]`);
  assert.equal(await shared.count(), 1, 'one run covered by both claims');
  assert.equal(await shared.textContent(), '2.700 policiers');
  assert.deepEqual((await shared.getAttribute('data-annotation-ids')).split(' ').sort(), [a, b].sort());
  // Each claim's marks together spell its quote.
  assert.equal((await marksOf(page, a).allTextContents()).join(''), QUOTE_A);
  assert.equal((await marksOf(page, b).allTextContents()).join(''), QUOTE_B);
  await page.getByRole('combobox', { name: 'Verdict', exact: true }).waitFor({ state: 'visible' });
  await axeCheck(page);
  assertNoPageErrors(page);
});

test('a deleted claim comes back with Undo, conclusion included', async () => {
  const page = await newPage();
  await gotoApp(page);
  const id = await createClaim(page, block(page, QUOTE_B), QUOTE_B);
  const conclusion = 'Seul le ministre avance ce chiffre.';
  await page.getByRole('textbox', { name: 'Conclusion', exact: true }).fill(conclusion);
  await waitForStored(page, conclusion);

  await page.getByRole('button', { name: 'Delete claim', exact: true }).click();
  await eventually(async () => assert.equal(await marksOf(page, id).count(), 0, 'the highlight is gone'));
  assert.equal(await claimItems(page).filter({ hasText: QUOTE_B }).count(), 0, 'the list item is gone');

  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await eventually(async () => assert.equal(await marksOf(page, id).count(), 1, 'the highlight is back'));
  await marksOf(page, id).click();
  const field = page.getByRole('textbox', { name: 'Conclusion', exact: true });
  await field.waitFor({ state: 'visible', timeout: 3000 });
  assert.equal(await field.inputValue(), conclusion);
  await eventually(async () => assert.equal((await storedClaims(page))[id]?.conclusion, conclusion, 'stored again'));
  assertNoPageErrors(page);
});

/** The claim's quote as stored, split into words. */
async function storedWords(page, id) {
  return eventually(async () => {
    const claim = (await storedClaims(page))[id];
    assert.ok(claim, `claim ${id} is stored`);
    return claim.anchor.exact.trim().split(/\s+/);
  });
}

test('keyboard only: select three words, highlight, then move the ends word by word', async () => {
  const page = await newPage();
  await gotoApp(page);

  // Tab into the article, as a keyboard user does.
  let inside = false;
  for (let i = 0; i < 40 && !inside; i++) {
    await page.keyboard.press('Tab');
    inside = await page.evaluate(() => !!document.activeElement?.closest('main article'));
  }
  assert.ok(inside, 'Tab reaches the article within 40 presses');

  const id = await newClaimIdAfter(page, async () => {
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('h');
  });
  const three = await storedWords(page, id);
  assert.equal(three.length, 3, `three words selected, got "${three.join(' ')}"`);
  // Whole words: the quote starts and ends at white space (or a block edge).
  const { anchor } = (await storedClaims(page))[id];
  assert.match(anchor.prefix, /(^|\s)$/u, `the quote starts at a word boundary (prefix "${anchor.prefix}")`);
  assert.match(anchor.suffix, /^(\s|$)/u, `the quote ends at a word boundary (suffix "${anchor.suffix}")`);
  assert.equal((await marksOf(page, id).allTextContents()).join('').trim().split(/\s+/).length, 3);

  await page.getByRole('button', { name: 'End one word later', exact: true }).press('Enter');
  const four = await eventually(async () => {
    const w = await storedWords(page, id);
    assert.equal(w.length, 4, `End one word later adds a word, got "${w.join(' ')}"`);
    return w;
  });
  assert.deepEqual(four.slice(0, 3), three, 'the start did not move');

  await page.getByRole('button', { name: 'Start one word later', exact: true }).press('Enter');
  await eventually(async () => {
    const w = await storedWords(page, id);
    assert.deepEqual(w, four.slice(1), 'Start one word later drops the first word');
  });
  const shown = (await marksOf(page, id).allTextContents()).join('').trim();
  assert.equal(shown, four.slice(1).join(' '), 'the highlight follows');
  assertNoPageErrors(page);
});

test('verdict filter and search narrow the Claims list', async () => {
  const page = await newPage();
  await gotoApp(page);
  const quoteTrue = 'quelque 3.000 policiers étrangers';
  const quoteFalse = '122 pays, régions ou institutions';

  await createClaim(page, block(page, quoteTrue), quoteTrue);
  await selectOptionStartingWith(page.getByRole('combobox', { name: 'Verdict', exact: true }), 'True');
  await createClaim(page, block(page, quoteFalse), quoteFalse);
  await selectOptionStartingWith(page.getByRole('combobox', { name: 'Verdict', exact: true }), 'False');
  await eventually(async () => assert.equal(await claimItems(page).count(), 2));

  const filter = page.getByRole('combobox', { name: 'Filter by verdict', exact: true });
  const allLabel = await filter.evaluate((s) => s.selectedOptions[0]?.label ?? '');
  await selectOptionStartingWith(filter, 'False');
  await eventually(async () => {
    assert.equal(await claimItems(page).count(), 1, 'only the False claim is listed');
    assert.match(await claimItems(page).first().textContent(), /122 pays/);
  });
  await axeCheck(page);

  await filter.selectOption({ label: allLabel });
  await eventually(async () => assert.equal(await claimItems(page).count(), 2, 'back to all claims'));

  await page.getByLabel('Search claims', { exact: true }).fill('policiers');
  await eventually(async () => {
    assert.equal(await claimItems(page).count(), 1, 'search keeps the matching claim');
    assert.match(await claimItems(page).first().textContent(), /3\.000 policiers/);
  });
  await axeCheck(page);
  assert.equal(await article(page).locator('mark').count(), 2, 'filtering the list leaves every highlight in the text');
  assertNoPageErrors(page);
});
