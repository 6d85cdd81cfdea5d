/**
 * What the first-flag benchmark (bench/first-flag.ts) installs in each page with
 * `addInitScript`, before any of the page's scripts run. Times are the page's `performance.now()`
 * (zero at navigation start); `timeOrigin` turns them into the wall clock the server logs with.
 *
 * - A MutationObserver watches `#flag`: when it first appears (the first render, showing the
 *   default "off") and when it first reads "on", the deployed value. The observer runs right after
 *   React's commit, before that frame is painted.
 * - first-contentful-paint from the paint timeline.
 * - How many `appconfig-react:` keys localStorage held when the document started (a returning
 *   visit's persisted configuration).
 *
 * The function is serialised into the page: it must not use anything from its module.
 */

/** What the page records, read back by the benchmark. */
export interface PageRecord {
  timeOrigin: number;
  persistedAtStart: number;
  firstPaintAt: number | undefined;
  firstRenderAt: number | undefined;
  firstText: string | undefined;
  flagAt: number | undefined;
}

/** One fetch the page made, from Resource Timing (preflights are not entries; the server counts them). */
export interface PageFetch {
  url: string;
  startTime: number;
  responseEnd: number;
}

export const FLAG_SELECTOR = '#flag';
export const FLAG_TEXT = 'on';

/** Installed with `context.addInitScript(instrumentPage, { selector, text })`. */
export function instrumentPage(args: { selector: string; text: string }) {
  let persisted = 0;
  try {
    persisted = Object.keys(localStorage).filter((k) => k.startsWith('appconfig-react:')).length;
  } catch {
    // No storage: counted as none.
  }
  const record: PageRecord = {
    timeOrigin: performance.timeOrigin,
    persistedAtStart: persisted,
    firstPaintAt: undefined,
    firstRenderAt: undefined,
    firstText: undefined,
    flagAt: undefined,
  };
  (window as unknown as { __firstFlag: PageRecord }).__firstFlag = record;

  const observer = new MutationObserver(() => {
    const element = document.querySelector(args.selector);
    if (!element) return;
    const now = performance.now();
    const text = element.textContent ?? '';
    if (record.firstRenderAt === undefined) {
      record.firstRenderAt = now;
      record.firstText = text;
    }
    if (text === args.text) {
      record.flagAt = now;
      observer.disconnect();
    }
  });
  observer.observe(document, { subtree: true, childList: true, characterData: true });

  new PerformanceObserver((list) => {
    for (const entry of list.getEntriesByName('first-contentful-paint')) {
      record.firstPaintAt = entry.startTime;
    }
  }).observe({ type: 'paint', buffered: true });
}

/** Run in the page: its fetches so far. */
export function pageFetches(): PageFetch[] {
  return (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
    .filter((entry) => entry.initiatorType === 'fetch')
    .map((entry) => ({
      url: entry.name,
      startTime: entry.startTime,
      responseEnd: entry.responseEnd,
    }));
}
