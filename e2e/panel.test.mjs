// Journeys: the Claims panel beside the text on a wide screen, the tag
// filter, a card showing its highlight on hover and focus, and the size
// limit for article files.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useHarness,
  newPage,
  gotoApp,
  assertNoPageErrors,
  article,
  block,
  createClaim,
  claimsPanel,
  claimItems,
  marksOf,
  expectAlert,
  eventually,
} from './harness.mjs';

useHarness();

const FIRST = "2.700 policiers venus de l'étranger";
const SECOND = '122 pays, régions ou institutions';

test('on a wide screen the Claims panel sits beside the article', async () => {
  const page = await newPage({ viewport: { width: 1280, height: 900 } });
  await gotoApp(page);
  const a = await article(page).boundingBox();
  const p = await claimsPanel(page).boundingBox();
  assert.ok(p.x >= a.x + a.width, `panel left ${p.x} should be right of the article's right edge ${a.x + a.width}`);
  assert.ok(p.y < a.y + a.height, 'panel starts beside the article, not below it');
  assertNoPageErrors(page);
});

test('the tag filter keeps only claims with that tag, and can always be cleared', async () => {
  const page = await newPage();
  await gotoApp(page);
  await createClaim(page, block(page, FIRST), FIRST);
  await page.getByLabel('Tags', { exact: true }).fill('chiffres, police');
  await createClaim(page, block(page, SECOND), SECOND);
  await page.getByLabel('Tags', { exact: true }).fill('Interpol');
  const tagFilter = page.getByRole('combobox', { name: 'Filter by tag', exact: true });
  await tagFilter.selectOption({ label: 'police' });
  await eventually(async () => assert.deepEqual(await claimItems(page).locator('q').allTextContents(), [FIRST]));
  await tagFilter.selectOption({ label: 'Interpol' });
  await eventually(async () => assert.deepEqual(await claimItems(page).locator('q').allTextContents(), [SECOND]));
  // The filtered tag disappears from every card: the control still shows it,
  // so choosing "All tags" clears the filter.
  await page.getByLabel('Tags', { exact: true }).fill('');
  await eventually(async () => assert.equal(await tagFilter.evaluate((s) => s.selectedOptions[0].label), 'Interpol'));
  await tagFilter.selectOption({ label: 'All tags' });
  await eventually(async () => assert.equal(await claimItems(page).count(), 2));
  assertNoPageErrors(page);
});

test('hovering or focusing a card shows its highlight', async () => {
  const page = await newPage();
  await gotoApp(page);
  const first = await createClaim(page, block(page, FIRST), FIRST);
  await createClaim(page, block(page, SECOND), SECOND);
  await page.getByRole('button', { name: 'Close editor', exact: true }).click();
  const outline = (id) => marksOf(page, id).first().evaluate((m) => getComputedStyle(m).outlineStyle);
  await page.mouse.move(5, 5); // the list moved under the pointer when the editor closed
  await eventually(async () => assert.equal(await outline(first), 'none', 'no outline before'));
  await claimItems(page).filter({ hasText: FIRST }).getByRole('button').hover();
  await eventually(async () => assert.equal(await outline(first), 'dashed'));
  await page.mouse.move(5, 5);
  await eventually(async () => assert.equal(await outline(first), 'none'));
  await claimItems(page).filter({ hasText: FIRST }).getByRole('button').focus();
  await eventually(async () => assert.equal(await outline(first), 'dashed'));
  assertNoPageErrors(page);
});

test('an article file over 5 MB is refused before it is read', async () => {
  const page = await newPage();
  await gotoApp(page);
  const big = Buffer.alloc(5 * 1024 * 1024 + 10, 'a');
  await page.getByLabel('Open article', { exact: true }).setInputFiles({ name: 'big.txt', mimeType: 'text/plain', buffer: big });
  await expectAlert(page, /too large/);
  assert.match(await article(page).locator('h1').textContent(), /Made in China/);
  assertNoPageErrors(page);
});

test('keyboard: ] and [ move between highlights, which are not Tab stops, and Enter opens one', async () => {
  const page = await newPage();
  await gotoApp(page);
  const first = await createClaim(page, block(page, FIRST), FIRST);
  const second = await createClaim(page, block(page, SECOND), SECOND);
  await page.getByRole('button', { name: 'Close editor', exact: true }).click();
  assert.equal(await marksOf(page, first).first().getAttribute('tabindex'), '-1', 'a highlight is no Tab stop');
  await article(page).focus();
  await page.evaluate(() => getSelection().removeAllRanges());
  const focusedIds = () => page.evaluate(() => document.activeElement.getAttribute('data-annotation-ids'));
  await page.keyboard.press(']');
  assert.equal(await focusedIds(), first);
  await page.keyboard.press(']');
  assert.equal(await focusedIds(), second);
  await page.keyboard.press('Enter');
  await eventually(async () => assert.equal(await page.locator('.editor-quote').textContent(), SECOND));
  await marksOf(page, second).first().focus();
  await page.keyboard.press('[');
  assert.equal(await focusedIds(), first);
  assertNoPageErrors(page);
});
