// A demo ad filler, standing in for a publisher's ad script (e.g. Google Publisher Tag).
// It follows docs/ads.md: on `folio:adslot` it puts a creative of the announced size into the
// event's target after a delay, as a real ad server's answer would arrive.
// It also keeps a record of every Folio event for the tests to read.
(() => {
  window.__folio = { adslot: [], destroy: [], pageview: [], filled: 0 };
  document.addEventListener('folio:adslot', (event) => {
    const container = event.target;
    window.__folio.adslot.push({ divId: container.id, ...event.detail });
    setTimeout(() => {
      const [width, height] =
        event.detail.size === 'fluid' ? [container.clientWidth, container.clientHeight] : event.detail.size;
      const creative = document.createElement('div');
      creative.className = 'demo-creative';
      creative.textContent = `Demo ad ${width}×${height}`;
      creative.style.cssText = `width:${width}px;height:${height}px;background:#c7d7ef;font:12px sans-serif`;
      container.appendChild(creative);
      window.__folio.filled += 1;
    }, 250);
  });
  document.addEventListener('folio:adslot-destroy', (event) => window.__folio.destroy.push(event.detail));
  document.addEventListener('folio:pageview', (event) => window.__folio.pageview.push(event.detail));
})();
