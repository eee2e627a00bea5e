// Cumulative layout shift from the first paint on, as PerformanceObserver reports it
// (shifts right after user input are excluded, as the metric defines).
(() => {
  window.__cls = { value: 0, shifts: [] };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      window.__cls.value += entry.value;
      window.__cls.shifts.push({
        value: entry.value,
        at: Math.round(entry.startTime),
        sources: (entry.sources ?? []).map((s) => ({
          node: s.node?.outerHTML?.slice(0, 120) ?? '?',
          from: [s.previousRect.x, s.previousRect.y, s.previousRect.width, s.previousRect.height],
          to: [s.currentRect.x, s.currentRect.y, s.currentRect.width, s.currentRect.height],
        })),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
})();
