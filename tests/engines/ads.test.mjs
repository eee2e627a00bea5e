// The ad slot protocol in every engine (docs/ads.md), with the demo ad filler as the page's ad
// script: one `folio:adslot` per slot as it nears the viewport, with the facts a filler needs;
// creatives of the announced size fill the reserved boxes and nothing on the page moves (told by
// the layout recorder's positions, frame by frame); a page view per article; every announced
// slot released when the reader moves on.

import assert from 'node:assert/strict';

import { articleUrl, clickText, openArticle, sampleArticle, test, useEngine, waitForHeadline } from './support.mjs';

const engine = useEngine();
const WITH_ADS = sampleArticle('tide-mill-turns-again');
const NEXT = sampleArticle('night-ferry-timetable');

for (const [width, breakpoint] of [
  [375, 'mobile'],
  [1280, 'desktop'],
]) {
  test(`at ${width} px: each slot is announced once, filled at its size, and nothing moves`, async () => {
    const page = await engine.open({ width, height: 800 });
    await openArticle(page, WITH_ADS.id);
    // Down the article half a screen at a time, as a reader scrolls.
    for (;;) {
      const atTheEnd = await page.evaluate(async () => {
        // Two frames and a moment at each position: what the reader saw, the intersection
        // observer saw (a slot that never was near the viewport in a frame is not announced).
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 30))));
        const atTheEnd = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
        window.scrollBy(0, window.innerHeight / 2);
        return atTheEnd;
      });
      if (atTheEnd) break;
    }
    const slots = await page.evaluate(() =>
      [...document.querySelectorAll('.ad-slot__container')].map((container) => ({
        id: container.id,
        mobile: container.dataset.sizeMobile,
        desktop: container.dataset.sizeDesktop,
      })),
    );
    assert.ok(slots.length >= 3, `${slots.length} slots`);
    // Every slot filled, and a frame recorded since.
    await page.waitFor((count) => window.__folioFrames.at(-1).filled === count, slots.length).catch(async (error) => {
      const state = await page.evaluate(() => ({
        filled: window.__folio.filled,
        announced: window.__folio.adslot.map((event) => event.slotId),
        frames: window.__folioFrames.length,
        last: window.__folioFrames.at(-1),
      }));
      throw new Error(`${error.message}\n${JSON.stringify(state)}`);
    });

    const { adslot, pageview, boxes, frames } = await page.evaluate(() => ({
      adslot: window.__folio.adslot,
      pageview: window.__folio.pageview,
      boxes: [...document.querySelectorAll('.ad-slot__container')].map((container) => {
        const box = container.getBoundingClientRect();
        const creative = container.querySelector('.demo-creative').getBoundingClientRect();
        return { box: [box.width, box.height], creative: [creative.width, creative.height] };
      }),
      frames: window.__folioFrames.filter((frame) => frame.live),
    }));
    assert.deepEqual(
      adslot.map((event) => event.divId),
      slots.map((slot) => slot.id),
      'one announcement per slot, in page order',
    );
    for (const [index, event] of adslot.entries()) {
      const size = slots[index][breakpoint];
      // A fluid slot takes its container's size.
      const expected = size === 'fluid' ? boxes[index].box : size.split('x').map(Number);
      if (size !== 'fluid') assert.deepEqual(event.size, expected, `${event.slotId}: the ${breakpoint} size`);
      assert.equal(event.articleId, WITH_ADS.id);
      assert.deepEqual(boxes[index].box, expected, `${event.slotId}: the reserved box`);
      assert.deepEqual(boxes[index].creative, expected, `${event.slotId}: the creative fills it exactly`);
    }
    assert.deepEqual(
      pageview.map((view) => [view.articleId, view.url]),
      [[WITH_ADS.id, articleUrl(WITH_ADS.id)]],
    );

    // From the first live frame to the last fill, the headline and every slot stayed put.
    assert.ok(frames.length > 0 && frames.at(-1).filled === slots.length, 'the recorder saw the fills');
    const first = frames[0];
    for (const frame of frames) {
      assert.deepEqual([frame.headline, frame.slots], [first.headline, first.slots], `nothing moved (filled: ${frame.filled})`);
    }
    assert.deepEqual(await page.errors(), []);
    await page.close();
  });
}

test('moving to another article releases every announced slot and counts a page view', async () => {
  const page = await engine.open({ width: 1280, height: 800 });
  await openArticle(page, WITH_ADS.id);
  await page.waitFor(() => window.__folio.adslot.length >= 1);
  await clickText(page, '.related a', NEXT.headline);
  await waitForHeadline(page, NEXT.headline);
  const { announced, destroy, pageview } = await page.waitFor((id) => {
    const announced = window.__folio.adslot.filter((event) => event.articleId === id).map((event) => event.divId);
    // The page view follows its page by a task.
    const counted = window.__folio.pageview.length >= 2;
    return counted && window.__folio.destroy.length >= announced.length && { announced, destroy: window.__folio.destroy, pageview: window.__folio.pageview };
  }, WITH_ADS.id);
  assert.deepEqual(destroy.map((event) => event.divId).sort(), announced.sort());
  assert.deepEqual(pageview.map((view) => view.articleId), [WITH_ADS.id, NEXT.id]);
  assert.deepEqual(await page.errors(), []);
  await page.close();
});
