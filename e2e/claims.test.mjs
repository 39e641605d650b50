// Journeys: first start, creating and editing a claim, and source links.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useHarness,
  newPage,
  gotoApp,
  waitForApp,
  axeCheck,
  assertNoPageErrors,
  BUILTIN_TITLE,
  article,
  block,
  createClaim,
  newClaimIdAfter,
  doubleClickWord,
  highlightButton,
  marksOf,
  markedText,
  claimItems,
  selectOptionStartingWith,
  selectedLabel,
  waitForStored,
  expectAlert,
  eventually,
} from './harness.mjs';

useHarness();

const QUOTE = "2.700 policiers venus de l'étranger";
const SOURCE_URL = 'https://www.example.org/a';

test('first start shows the built-in article, accessibly', async () => {
  const page = await newPage();
  await gotoApp(page);

  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  const h1 = article(page).locator('h1');
  assert.equal(await h1.count(), 1, 'exactly one h1 in the article');
  assert.equal(await h1.textContent(), BUILTIN_TITLE);
  assert.equal(await page.locator('main article[lang="fr"]').count(), 1, 'article[lang=fr] inside main');
  assert.equal(await highlightButton(page).isDisabled(), true, 'Highlight claim is disabled with no selection');

  await axeCheck(page);
  assertNoPageErrors(page);
});

test('a claim made by mouse selection is highlighted, edited, and survives a reload', async () => {
  const page = await newPage();
  await gotoApp(page);

  const id = await createClaim(page, block(page, QUOTE), QUOTE);
  const marks = marksOf(page, id);
  assert.equal(await marks.count(), 1, 'one mark for a claim that overlaps nothing');
  assert.equal(await marks.textContent(), QUOTE);
  assert.equal(await marks.getAttribute('data-annotation-ids'), id);
  assert.equal(await claimItems(page).filter({ hasText: QUOTE }).count(), 1, 'the Claims list shows the quote');

  // The new claim is selected and its editor open.
  const verdict = page.getByRole('combobox', { name: 'Verdict', exact: true });
  await verdict.waitFor({ state: 'visible', timeout: 3000 });
  await selectOptionStartingWith(verdict, 'Mostly false');
  const conclusion = 'Le chiffre repose sur la seule parole du ministre.';
  await page.getByRole('textbox', { name: 'Conclusion', exact: true }).fill(conclusion);
  await page.getByRole('textbox', { name: 'Tags', exact: true }).fill('chiffres, police');
  await page.getByRole('button', { name: 'Add source', exact: true }).click();
  await page.getByRole('textbox', { name: 'Source URL', exact: true }).fill(SOURCE_URL);
  await page.getByRole('textbox', { name: 'Source title', exact: true }).fill('Un rapport');
  await page.getByRole('textbox', { name: 'Excerpt', exact: true }).fill('Aucun chiffre indépendant.');
  await page.getByRole('combobox', { name: 'Stance', exact: true }).selectOption({ label: 'Refutes' });
  await page.getByRole('combobox', { name: 'Independent of the claimant', exact: true }).selectOption({ label: 'Yes' });
  await page.getByRole('textbox', { name: 'Claimant', exact: true }).fill('Wang Xiaohong, ministre');
  await page.keyboard.press('Tab'); // leave the last field, as a person would
  await waitForStored(page, 'Aucun chiffre indépendant.');

  await page.reload();
  await waitForApp(page);
  assert.equal(await markedText(page, id), QUOTE, 'the highlight is back after reload');
  await marksOf(page, id).first().click();
  await page.getByRole('combobox', { name: 'Verdict', exact: true }).waitFor({ state: 'visible', timeout: 3000 });
  assert.match(await selectedLabel(page.getByRole('combobox', { name: 'Verdict', exact: true })), /^Mostly false/);
  assert.equal(await page.getByRole('textbox', { name: 'Conclusion', exact: true }).inputValue(), conclusion);
  assert.equal(await page.getByRole('textbox', { name: 'Tags', exact: true }).inputValue(), 'chiffres, police');
  assert.equal(await page.getByRole('textbox', { name: 'Source URL', exact: true }).inputValue(), SOURCE_URL);
  assert.equal(await page.getByRole('textbox', { name: 'Source title', exact: true }).inputValue(), 'Un rapport');
  assert.equal(await page.getByRole('textbox', { name: 'Excerpt', exact: true }).inputValue(), 'Aucun chiffre indépendant.');
  assert.equal(await selectedLabel(page.getByRole('combobox', { name: 'Stance', exact: true })), 'Refutes');
  assert.equal(
    await selectedLabel(page.getByRole('combobox', { name: 'Independent of the claimant', exact: true })),
    'Yes',
  );
  assert.equal(await page.getByRole('textbox', { name: 'Claimant', exact: true }).inputValue(), 'Wang Xiaohong, ministre');
  const today = await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
  assert.equal(await page.getByLabel('Date accessed', { exact: true }).inputValue(), today, 'accessed defaults to today');
  assert.equal(await claimItems(page).filter({ hasText: QUOTE }).count(), 1);

  // Double-click a word, then press h.
  const wordId = await newClaimIdAfter(page, async () => {
    await doubleClickWord(page, block(page, 'Interpol'), 'Interpol');
    await page.keyboard.press('h');
  });
  assert.equal((await markedText(page, wordId)).trim(), 'Interpol');
  assertNoPageErrors(page);
});

test('a source URL that is not http(s) is refused; a valid one opens safely', async () => {
  const page = await newPage();
  await gotoApp(page);
  await createClaim(page, block(page, QUOTE), QUOTE);

  await page.getByRole('button', { name: 'Add source', exact: true }).click();
  const url = page.getByRole('textbox', { name: 'Source URL', exact: true });
  await url.fill('javascript:alert(1)');
  await page.keyboard.press('Tab');
  await expectAlert(page, /http/i);
  assert.equal(await page.locator('a[href^="javascript" i]').count(), 0, 'no javascript: link anywhere');
  assert.equal(await page.locator('a[href*="alert(1)"]').count(), 0, 'the refused URL is not a link');

  await url.fill(SOURCE_URL);
  await page.getByRole('textbox', { name: 'Source title', exact: true }).fill('Un rapport');
  await page.keyboard.press('Tab');
  const link = page.locator(`a[href="${SOURCE_URL}"]`);
  await eventually(async () => assert.ok((await link.count()) >= 1, `a link to ${SOURCE_URL} is shown`));
  for (const one of await link.all()) {
    assert.equal(await one.getAttribute('target'), '_blank');
    const rel = ((await one.getAttribute('rel')) ?? '').split(/\s+/);
    assert.ok(rel.includes('noopener') && rel.includes('noreferrer'), `rel="${rel.join(' ')}" has noopener and noreferrer`);
  }
  assert.equal(await page.locator('a[href^="javascript" i]').count(), 0);
  assertNoPageErrors(page);
});
