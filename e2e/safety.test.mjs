// Journeys: hostile text typed into a claim card stays text, and an edit
// survives closing the tab right after typing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useHarness,
  newPage,
  newContext,
  gotoApp,
  assertNoPageErrors,
  block,
  createClaim,
  marksOf,
  eventually,
} from './harness.mjs';

useHarness();

const QUOTE = "2.700 policiers venus de l'étranger";
const PAYLOAD = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

test('markup typed into a claim card is shown as text and never runs', async () => {
  const page = await newPage();
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs += 1;
    d.dismiss();
  });
  await gotoApp(page);
  const id = await createClaim(page, block(page, QUOTE), QUOTE);
  await page.getByLabel('Claimant', { exact: true }).fill(PAYLOAD);
  await page.getByLabel('Conclusion', { exact: true }).fill(PAYLOAD);
  await page.getByLabel('Tags', { exact: true }).fill(`${PAYLOAD}, ok`);
  await page.getByRole('button', { name: 'Add source', exact: true }).click();
  await page.getByLabel('Source title', { exact: true }).fill(PAYLOAD);
  await page.getByLabel('Excerpt', { exact: true }).fill(PAYLOAD);
  await page.reload();
  await marksOf(page, id).first().click();
  await eventually(async () => assert.equal(await page.getByLabel('Conclusion', { exact: true }).inputValue(), PAYLOAD));
  assert.equal(await page.getByLabel('Source title', { exact: true }).inputValue(), PAYLOAD);
  const injected = await page.evaluate(() => ({
    images: document.querySelectorAll('img').length,
    scripts: [...document.querySelectorAll('script')].filter((s) => s.textContent.includes('__pwned')).length,
    pwned: window.__pwned ?? null,
  }));
  assert.deepEqual(injected, { images: 0, scripts: 0, pwned: null });
  assert.equal(dialogs, 0);
  assertNoPageErrors(page);
});

test('the last edit survives closing the tab right after typing', async () => {
  const context = await newContext();
  const page = await newPage({ context });
  await gotoApp(page);
  const id = await createClaim(page, block(page, QUOTE), QUOTE);
  await page.getByLabel('Conclusion', { exact: true }).pressSequentially('Dernier mot');
  await page.close(); // no wait: the tab closes right after the last key
  const again = await newPage({ context });
  await gotoApp(again);
  await marksOf(again, id).first().click();
  await eventually(async () =>
    assert.equal(await again.getByLabel('Conclusion', { exact: true }).inputValue(), 'Dernier mot'),
  );
  assertNoPageErrors(again);
  await context.close();
});
