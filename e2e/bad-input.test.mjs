// Journey: every bad input file of e2e/fixtures (bad-input.mjs) imported, one
// after the other, into one page of a profile that already holds two claims.
// Each one gets the message its `expect` says (an alert for a refused file,
// a status listing the reasons for a partly refused one), the two claims stay
// exactly as they were, and nothing in the files ever runs.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  useHarness,
  newPage,
  gotoApp,
  assertNoPageErrors,
  block,
  createClaim,
  markedText,
  claimsPanel,
  claimItems,
  storageSnapshot,
  waitForStored,
  eventually,
  KEYS,
} from './harness.mjs';
import { badInputs } from './fixtures/bad-input.mjs';

useHarness();

const QUOTE_1 = "2.700 policiers venus de l'étranger";
const QUOTE_2 = '122 pays, régions ou institutions';

let tmp;
let inputs;
before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'claim-annotator-bad-input-'));
  inputs = await badInputs(tmp);
});
after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Waits for the message naming `name`: a status "Imported “name”…" or an alert. */
async function importMessage(page, name, { timeout }) {
  return eventually(
    async () => {
      const status = (await page.getByRole('status').allTextContents()).join(' ');
      const alerts = (await page.getByRole('alert').allTextContents()).join(' ');
      if (status.includes(`Imported “${name}”`)) return { role: 'status', text: status, other: alerts };
      if (alerts.includes(`“${name}”`)) return { role: 'alert', text: alerts, other: status };
      assert.fail(`no message about “${name}”; status: ${JSON.stringify(status)}; alerts: ${JSON.stringify(alerts)}`);
    },
    { timeout, interval: 25 },
  );
}

function importCounts(text, name) {
  const m = text.match(
    new RegExp(`Imported “${escapeRe(name)}”: (\\d+) added, (\\d+) updated, (\\d+) orphaned, (\\d+) rejected\\.`),
  );
  assert.ok(m, `status has the import counts: ${JSON.stringify(text)}`);
  const unchanged = text.match(/(\d+) claims? already here unchanged/);
  return { added: +m[1], updated: +m[2], orphaned: +m[3], rejected: +m[4], unchanged: unchanged ? +unchanged[1] : 0 };
}

function claimKeys(snap) {
  return Object.keys(snap).filter((k) => k.startsWith(KEYS.claimPrefix));
}

test('every bad input file: the right message, the existing claims untouched, nothing executed', async (t) => {
  assert.ok(inputs.length >= 35, `all bad inputs are listed (${inputs.length})`);
  const page = await newPage();
  const jsDialogs = [];
  page.on('dialog', (d) => {
    jsDialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  await page.addInitScript(() => {
    window.__pwned = false;
  });
  await gotoApp(page);
  const id1 = await createClaim(page, block(page, QUOTE_1), QUOTE_1);
  await page.getByRole('textbox', { name: 'Conclusion', exact: true }).fill('Seul le ministre avance ce chiffre.');
  await waitForStored(page, 'Seul le ministre avance ce chiffre.');
  const id2 = await createClaim(page, block(page, QUOTE_2), QUOTE_2);
  await waitForStored(page, QUOTE_2);
  const original = await storageSnapshot(page);
  const originalKeys = claimKeys(original);
  assert.equal(originalKeys.length, 2, 'two claims stored');
  const { scriptsAtStart, imagesAtStart } = await page.evaluate(() => ({
    scriptsAtStart: document.scripts.length,
    imagesAtStart: document.images.length,
  }));
  const input = page.getByLabel('Import', { exact: true });

  for (const file of inputs) {
    await t.test(`${file.name} (${file.expect}): ${file.why}`, async () => {
      const snap = await storageSnapshot(page);
      const big = fs.statSync(file.path).size > 16 * 1024 * 1024;
      const started = Date.now();
      await input.setInputFiles(file.path);
      const msg = await importMessage(page, file.name, { timeout: big ? 10000 : 30000 });
      const elapsed = Date.now() - started;

      // What some files' messages must say, whatever role they are shown in.
      const mustSay = {
        'utf8-bom-no-target.jsonld': /no target/i, // the missing target, not the BOM
        'other-document.jsonld': /another article/i,
        'collection-first-iri.jsonld': /online|fetch/i,
        'invalid-utf8.jsonld': /not text|UTF-8/i,
        'empty.jsonld': /empty/i,
      }[file.name];
      if (mustSay) assert.match(msg.text, mustSay, `the message says why: ${msg.text}`);

      if (file.expect === 'reject') {
        assert.equal(msg.role, 'alert', `a refused file is reported in role=alert, got ${msg.role}: ${msg.text}`);
        assert.match(msg.text, new RegExp(`Nothing was imported from “${escapeRe(file.name)}”\\. .+ Your claims are unchanged\\.`));
        assert.ok(!msg.other.includes(`“${file.name}”`), `no status about the file: ${msg.other}`);
        if (file.rejected) {
          const reasons = msg.text.match(/Annotation \d+: /g) ?? [];
          assert.equal(reasons.length, file.rejected, `one reason per refused annotation: ${msg.text}`);
        }
        assert.deepEqual(await storageSnapshot(page), snap, 'storage exactly as before');
      } else {
        assert.equal(msg.role, 'status', `a partly imported file is confirmed in role=status: ${msg.text}`);
        assert.ok(!msg.other.includes(`“${file.name}”`), `no alert about the file: ${msg.other}`);
        const c = importCounts(msg.text, file.name);
        const expectRejected = file.rejected ?? 0;
        assert.equal(c.rejected, expectRejected, `rejected count: ${msg.text}`);
        assert.equal(c.orphaned, 0, 'nothing orphaned: the good annotations are on this article');
        assert.equal(c.updated, 0, 'nothing here was replaced');
        assert.equal(c.added + c.unchanged, file.imported, `${file.imported} imported (added, or already here from an earlier file): ${msg.text}`);
        const reasons = msg.text.split(/(?=Annotation \d+: )/).filter((part) => /^Annotation \d+: /.test(part));
        assert.equal(reasons.length, expectRejected, `one reason per rejected annotation: ${msg.text}`);
        for (const r of reasons) assert.ok(r.length > 'Annotation 1: '.length + 10, `a reason is a sentence: ${r}`);
        const after = await storageSnapshot(page);
        const added = claimKeys(after).filter((k) => !(k in snap));
        assert.equal(added.length, c.added, 'one new stored claim per added claim');
        for (const [k, v] of Object.entries(snap)) {
          if (k.startsWith(KEYS.claimPrefix)) assert.equal(after[k], v, `stored claim ${k} unchanged`);
        }
      }
      if (big) {
        assert.ok(elapsed < 5000, `a file over the size limit is refused quickly (${elapsed} ms)`);
        assert.match(msg.text, /files up to 16 MB can be imported/, 'refused for its size');
      }
      if (file.count && !big) assert.match(msg.text, new RegExp(`${file.count} annotations`), 'refused for the number of annotations');

      // The two claims of this profile, as they were.
      const now = await storageSnapshot(page);
      for (const k of originalKeys) assert.equal(now[k], original[k], `${k} untouched`);
      assert.equal(await markedText(page, id1), QUOTE_1);
      assert.equal(await markedText(page, id2), QUOTE_2);
      const listed = await claimItems(page).evaluateAll((items) =>
        items.map((li) => [li.getAttribute('data-claim-id'), li.querySelector('q')?.textContent]),
      );
      assert.deepEqual(listed.filter(([id]) => id === id1 || id === id2).sort(), [[id1, QUOTE_1], [id2, QUOTE_2]].sort(), 'both claims still listed with their quotes');

      // Nothing ran, nothing was injected.
      const injected = await page.evaluate(() => ({
        pwned: window.__pwned,
        scripts: document.scripts.length,
        images: document.images.length,
        inPage: document.querySelectorAll(
          'img[src="x"], main script, aside script, iframe, [onerror], [onload], [onmouseover], a[href^="javascript" i], a[href^="data:" i]',
        ).length,
        protoPolluted: Object.prototype.polluted ?? Object.prototype.isAdmin ?? null,
      }));
      assert.deepEqual(
        injected,
        { pwned: false, scripts: scriptsAtStart, images: imagesAtStart, inPage: 0, protoPolluted: null },
        'no element or script created from the file',
      );
      assert.deepEqual(jsDialogs, [], 'no JavaScript dialog opened');
      assertNoPageErrors(page);

      if (file.expect === 'text-only') await checkShownAsText(page, file.path);
    });
  }
  await page.context().close();
});

/** The markup of markup-everywhere.jsonld is in the editor as plain text. */
async function checkShownAsText(page, file) {
  const collection = JSON.parse(fs.readFileSync(file, 'utf8'));
  const items = collection.first.items;
  for (const item of items) {
    const id = item.id.replace(/^urn:uuid:/, '');
    const comment = item.body.find((b) => b.purpose === 'commenting')?.value;
    assert.ok(comment?.includes('<'), 'the fixture has markup in its comment');
    await claimsPanel(page).locator(`[data-claim-id="${id}"]`).getByRole('button').first().click();
    const conclusion = page.getByRole('textbox', { name: 'Conclusion', exact: true });
    await eventually(async () => assert.equal(await conclusion.inputValue(), comment, 'the conclusion is the literal text'));
    const tags = item.body.filter((b) => b.purpose === 'tagging').map((b) => b.value);
    if (tags.length) {
      assert.equal(await page.getByRole('textbox', { name: 'Tags', exact: true }).inputValue(), tags.join(', '), 'tags as text');
    }
    assert.equal(await page.getByRole('textbox', { name: 'Claimant', exact: true }).inputValue(), item['ca:claimant'], 'claimant as text');
    const note = item['ca:sourceNotes'][0];
    assert.equal(await page.getByRole('textbox', { name: 'Source title', exact: true }).first().inputValue(), note['ca:title'], 'source title as text');
    assert.equal(await page.getByRole('textbox', { name: 'Excerpt', exact: true }).first().inputValue(), note['ca:excerpt'], 'excerpt as text');
    const shown = await page.evaluate(() => ({
      injected: document.querySelectorAll('img[src="x"], svg[onload], iframe, b[onmouseover], [onerror]').length,
      scripts: [...document.scripts].filter((s) => /alert/.test(s.textContent)).length,
      pwned: window.__pwned,
    }));
    assert.deepEqual(shown, { injected: 0, scripts: 0, pwned: false }, 'opening the claim creates nothing from its text');
  }
}
