// Records, on every frame from the page's first, where the visible headline and every ad slot's
// container are in the document, for tests to tell that nothing moved in any engine (the Layout
// Instability API, which layout-shift-meter.js reads, is Chromium's only).
(() => {
  const frames = (window.__folioFrames = []);
  const inDocument = (element) => {
    const rect = element.getBoundingClientRect();
    return { top: Math.round(rect.top + window.scrollY), left: Math.round(rect.left) };
  };
  const sample = () => {
    const headline = [...document.querySelectorAll('h1')].find((h1) => h1.getClientRects().length > 0);
    if (headline) {
      frames.push({
        text: headline.textContent,
        headline: inDocument(headline),
        prerendered: headline.closest('#folio-prerendered') !== null,
        live: document.documentElement.hasAttribute('data-folio-live'),
        slots: [...document.querySelectorAll('.ad-slot__container')].map((slot) => inDocument(slot).top),
        filled: window.__folio?.filled ?? 0,
      });
    }
    if (frames.length < 5000) requestAnimationFrame(sample);
  };
  requestAnimationFrame(sample);
})();
