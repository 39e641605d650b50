// Journey: the Highlight claim button follows the selection, before and after
// a claim is made, and after switching articles (it is enabled only while a
// passage of the article is selected).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useHarness,
  newPage,
  gotoApp,
  assertNoPageErrors,
  article,
  block,
  selectText,
  createClaim,
  highlightButton,
  claimItems,
  eventually,
} from './harness.mjs';

useHarness();

async function expectEnabled(page, enabled, when) {
  await eventually(async () => assert.equal(await highlightButton(page).isEnabled(), enabled, `Highlight claim ${enabled ? 'enabled' : 'disabled'} ${when}`));
}

test('Highlight claim is enabled exactly while article text is selected, also after switching articles', async () => {
  const page = await newPage();
  await gotoApp(page);
  await expectEnabled(page, false, 'at first start');
  const quote = "2.700 policiers venus de l'étranger";
  await createClaim(page, block(page, quote), quote);
  await expectEnabled(page, false, 'once the claim is made');

  const second = '122 pays, régions ou institutions';
  await selectText(page, block(page, second), second);
  await expectEnabled(page, true, 'with a new selection');
  await page.evaluate(() => getSelection().removeAllRanges());
  await expectEnabled(page, false, 'when the selection is cleared');

  await page.getByRole('button', { name: 'Paste article', exact: true }).click();
  await page.getByLabel('Article text', { exact: true }).fill('Titre collé\n\nUn paragraphe à annoter, avec une affirmation.');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await eventually(async () => assert.equal(await article(page).locator('h1').textContent(), 'Titre collé'));
  await selectText(page, block(page, 'une affirmation'), 'une affirmation');
  await expectEnabled(page, true, 'after switching articles, with a selection');
  await highlightButton(page).click();
  await eventually(async () => assert.equal(await claimItems(page).count(), 1));
  assert.equal(await claimItems(page).first().locator('q').textContent(), 'une affirmation');
  await expectEnabled(page, false, 'after the claim in the pasted article');
  assertNoPageErrors(page);
});

test('an empty paste is refused inside the dialog, which keeps the text', async () => {
  const page = await newPage();
  await gotoApp(page);
  await page.getByRole('button', { name: 'Paste article', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Article text', { exact: true }).fill('   \n\n  ');
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  await eventually(async () => assert.match(await dialog.getByRole('alert').textContent(), /empty/));
  assert.ok(await dialog.isVisible(), 'the dialog stays open');
  await dialog.getByLabel('Article text', { exact: true }).fill('# Titre md\n\n## Partie\n\nTexte.');
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  await eventually(async () => assert.equal(await article(page).locator('h1').textContent(), 'Titre md'));
  assert.equal(await article(page).locator('h2').textContent(), 'Partie', 'pasted Markdown headings are headings');
  assertNoPageErrors(page);
});
