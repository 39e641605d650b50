// Journeys: what happens when browser storage is damaged, newer, full,
// unavailable, or shared by two tabs. In every case the app keeps working and
// never destroys what it cannot read.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useHarness,
  newPage,
  newContext,
  gotoApp,
  waitForApp,
  assertNoPageErrors,
  block,
  createClaim,
  marksOf,
  markedText,
  claimItems,
  storageSnapshot,
  expectAlert,
  eventually,
  KEYS,
} from './harness.mjs';

useHarness();

const QUOTE = "2.700 policiers venus de l'étranger";
const QUOTE_2 = '122 pays, régions ou institutions';

test('damaged settings are backed up, reported, and never overwritten', async () => {
  const page = await newPage();
  await gotoApp(page);
  await page.evaluate((k) => localStorage.setItem(k, '{broken'), KEYS.settings);
  await page.reload();
  await waitForApp(page);

  await expectAlert(page, /(could ?n[o']t|cannot|can't|unable to) (be )?read|unreadable|damaged|corrupt/i);
  const snap = await storageSnapshot(page);
  assert.equal(snap[KEYS.backupPrefix + KEYS.settings], '{broken', 'a backup copy of the damaged value');

  const id = await createClaim(page, block(page, QUOTE), QUOTE);
  assert.equal(await markedText(page, id), QUOTE);
  await page.waitForTimeout(500); // let any delayed save happen
  const after = await storageSnapshot(page);
  assert.equal(after[KEYS.settings], '{broken', 'the damaged value is left as it was');
  assert.equal(after[KEYS.backupPrefix + KEYS.settings], '{broken');
  assertNoPageErrors(page);
});

test('storage written by a newer version is only read, never written', async () => {
  const page = await newPage();
  await gotoApp(page);
  await page.evaluate((k) => localStorage.setItem(k, '2'), KEYS.schema);
  await page.reload();
  await waitForApp(page);

  await expectAlert(page, /newer/i);
  const before = await storageSnapshot(page);
  const id = await createClaim(page, block(page, QUOTE), QUOTE);
  assert.equal(await markedText(page, id), QUOTE, 'claims can still be made');
  await page.getByRole('textbox', { name: 'Conclusion', exact: true }).fill('Rien ne doit être écrit.');
  await page.waitForTimeout(500);
  const after = await storageSnapshot(page);
  assert.deepEqual(Object.keys(after).sort(), Object.keys(before).sort(), 'no key added or removed');
  assert.deepEqual(after, before, 'no value changed');
  assertNoPageErrors(page);
});

test('a full storage is reported, with a way to download the work', async () => {
  const page = await newPage();
  await page.addInitScript(() => {
    Storage.prototype.setItem = function setItem() {
      throw new DOMException('full', 'QuotaExceededError');
    };
  });
  await gotoApp(page);
  const id = await createClaim(page, block(page, QUOTE), QUOTE);

  await expectAlert(page, /full|quota|no (more )?(room|space)/i);
  await page.getByRole('button', { name: 'Download my work', exact: true }).waitFor({ state: 'visible', timeout: 3000 });
  assert.equal(await markedText(page, id), QUOTE, 'the claim is still shown');
  assert.equal(await claimItems(page).filter({ hasText: QUOTE }).count(), 1);
  assertNoPageErrors(page);
});

test('without localStorage the app works and says its work is not saved', async () => {
  const page = await newPage();
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('denied', 'SecurityError');
      },
    });
  });
  await gotoApp(page);
  await expectAlert(page, /sav/i);
  const banner = (await page.getByRole('alert').filter({ hasText: /sav/i }).first().textContent()) ?? '';
  assert.match(banner, /not|n't|unavailable|cannot|disabled|off|lost/i, `"${banner}" says saving is unavailable`);

  const id = await createClaim(page, block(page, QUOTE), QUOTE);
  assert.equal(await markedText(page, id), QUOTE);
  assert.equal(await claimItems(page).filter({ hasText: QUOTE }).count(), 1);
  assertNoPageErrors(page);
});

test('two tabs see each other\'s claims', async () => {
  const context = await newContext();
  const one = await newPage({ context });
  const two = await newPage({ context });
  await gotoApp(one);
  await gotoApp(two);

  const first = await createClaim(one, block(one, QUOTE), QUOTE);
  await eventually(async () => assert.equal(await markedText(two, first), QUOTE, 'tab 2 shows tab 1\'s claim without reload'), {
    timeout: 5000,
  });
  await eventually(async () => assert.equal(await claimItems(two).filter({ hasText: QUOTE }).count(), 1));

  const second = await createClaim(two, block(two, QUOTE_2), QUOTE_2);
  await two.waitForTimeout(300);
  await one.reload();
  await waitForApp(one);
  assert.equal(await markedText(one, first), QUOTE);
  assert.equal(await markedText(one, second), QUOTE_2);
  assert.equal(await marksOf(one, second).count(), 1);
  assertNoPageErrors(one);
  assertNoPageErrors(two);
  await context.close();
});
