// Journeys: opening another article by pasting it or from a file, and going
// back to the built-in one with its claims.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useHarness,
  newPage,
  gotoApp,
  assertNoPageErrors,
  BUILTIN_TITLE,
  article,
  block,
  createClaim,
  marksOf,
  markedText,
  expectAlert,
  eventually,
} from './harness.mjs';

useHarness();

const QUOTE = "2.700 policiers venus de l'étranger";

async function h1Text(page) {
  return article(page).locator('h1').textContent();
}

test('a pasted article is shown as text, and the built-in article comes back with its claims', async () => {
  const page = await newPage();
  await gotoApp(page);
  const id = await createClaim(page, block(page, QUOTE), QUOTE);

  await page.getByRole('button', { name: 'Paste article', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor({ state: 'visible', timeout: 3000 });
  const payload = '<img src=x onerror=alert(1)>';
  await dialog.getByRole('textbox', { name: 'Article text', exact: true }).fill(`Mon titre\n\nUn paragraphe ${payload}.`);
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();

  await eventually(async () => assert.equal(await h1Text(page), 'Mon titre'));
  const paragraph = block(page, 'Un paragraphe');
  assert.equal(await paragraph.textContent(), `Un paragraphe ${payload}.`, 'markup is shown as text');
  assert.equal(await article(page).locator('img').count(), 0, 'no img element was created');
  assert.equal(await marksOf(page, id).count(), 0, 'the built-in article\'s claims are not shown on another article');
  assert.equal(await dialog.isVisible(), false, 'the dialog closed');

  await page.getByRole('button', { name: 'Built-in article', exact: true }).click();
  await eventually(async () => assert.equal(await h1Text(page), BUILTIN_TITLE));
  await eventually(async () => assert.equal(await markedText(page, id), QUOTE, 'the earlier claim is back'));
  assertNoPageErrors(page);
});

test('an article file opens; empty and binary files are refused and the current article stays', async () => {
  const page = await newPage();
  await gotoApp(page);
  const input = page.getByLabel('Open article', { exact: true });

  await input.setInputFiles({
    name: 'article.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from('# Titre md\n\n## Partie\n\nTexte.', 'utf8'),
  });
  await eventually(async () => assert.equal(await h1Text(page), 'Titre md'));
  assert.equal(await article(page).locator('h2').textContent(), 'Partie');
  assert.equal(await block(page, 'Texte.').textContent(), 'Texte.');

  await input.setInputFiles({ name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) });
  await expectAlert(page, /empty/i);
  assert.equal(await h1Text(page), 'Titre md', 'an empty file does not replace the article');

  await input.setInputFiles({
    name: 'picture.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48]),
  });
  await expectAlert(page, /not text|binary/i);
  assert.equal(await h1Text(page), 'Titre md', 'a binary file does not replace the article');
  assertNoPageErrors(page);
});
