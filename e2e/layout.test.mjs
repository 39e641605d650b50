// Journey: a phone-sized screen.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useHarness, newPage, gotoApp, assertNoPageErrors, article, claimsPanel, block, createClaim } from './harness.mjs';

useHarness();

test('on a 360 px wide screen the Claims panel sits below the article, with no sideways scrolling', async () => {
  const page = await newPage({ viewport: { width: 360, height: 740 } });
  await gotoApp(page);
  await checkLayout(page, 'at first start');
  const quote = "2.700 policiers venus de l'étranger";
  await createClaim(page, block(page, quote), quote);
  await checkLayout(page, 'with a claim selected and its editor open');
  assertNoPageErrors(page);
});

async function checkLayout(page, when) {
  // Both boxes in one go, in page coordinates: the page may be scrolling
  // (smoothly) between two separate measurements.
  const articleHandle = await article(page).elementHandle();
  const boxes = await claimsPanel(page).evaluate((panel, art) => {
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top + scrollY, bottom: r.bottom + scrollY, width: r.width, height: r.height };
    };
    return { article: box(art), panel: box(panel), scrollWidth: document.documentElement.scrollWidth };
  }, articleHandle);
  assert.ok(await claimsPanel(page).isVisible(), `the Claims panel is visible (${when})`);
  assert.ok(boxes.article && boxes.panel, `article and Claims panel are rendered (${when})`);
  assert.ok(
    boxes.panel.top >= boxes.article.bottom - 0.5,
    `${when}: panel top ${boxes.panel.top} should be at or below the article bottom ${boxes.article.bottom}`,
  );
  assert.ok(boxes.scrollWidth <= 360, `${when}: no horizontal scroll (scrollWidth ${boxes.scrollWidth})`);
}
