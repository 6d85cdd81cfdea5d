/**
 * What the first-flag benchmark (bench/first-flag.ts) installs in the page with
 * `page.addInitScript`, before any script of the app runs. Everything is timed with the page's
 * own `performance.now()`, whose zero is the start of the navigation.
 *
 * - A MutationObserver watches the demo app's checkout button: when it first appears (the app's
 *   first render) and when it first reads "One-page checkout", the deployed value of `checkoutV2`
 *   (`enabled: true` in data/sample; the default, before any configuration, is "Checkout
 *   (classic)"). The observer runs right after React's commit, before the frame is painted.
 * - `fetch` is wrapped to time every AppConfig request (sent, answered) and to keep the tokens
 *   that chain a session's requests, so each GetLatestConfiguration can be attributed to its
 *   profile afterwards.
 *
 * The function is serialised into the page: it must not use anything from its module.
 */

/** One AppConfig request seen by the page. */
export interface PageRequest {
  kind: 'session' | 'get';
  /** StartConfigurationSession: the profile in its body. */
  profile: string | undefined;
  /** GetLatestConfiguration: the token it spends. */
  token: string | undefined;
  /** The token the response hands out (session: initial token; GET: next token). */
  issued: string | undefined;
  sentAt: number;
  /** When `fetch` resolved (the response's headers arrived); undefined while in flight. */
  answeredAt: number | undefined;
  status: number | undefined;
}

/** What the page records, read back by the benchmark. */
export interface PageRecord {
  /** `appconfig-react:` keys in localStorage when the document started (persisted profiles). */
  persistedAtStart: number;
  /** first-contentful-paint, once painted. */
  firstPaintAt: number | undefined;
  /** The checkout button first in the DOM. */
  firstRenderAt: number | undefined;
  /** Its text then. */
  firstText: string | undefined;
  /** The checkout button first reading the deployed value. */
  flagAt: number | undefined;
  requests: PageRequest[];
}

export const FLAG_SELECTOR = '[data-testid="checkout"] button.shop-checkout';
export const FLAG_TEXT = 'One-page checkout';

/** Installed with `page.addInitScript(instrumentPage, { selector, text, appConfigPath })`. */
export function instrumentPage(args: { selector: string; text: string; appConfigPath: string }) {
  const holder = window as unknown as { __firstFlag?: PageRecord };
  let persisted = 0;
  try {
    persisted = Object.keys(localStorage).filter((k) => k.startsWith('appconfig-react:')).length;
  } catch {
    // No storage: counted as none.
  }
  const record: PageRecord = {
    persistedAtStart: persisted,
    firstPaintAt: undefined,
    firstRenderAt: undefined,
    firstText: undefined,
    flagAt: undefined,
    requests: [],
  };
  holder.__firstFlag = record;

  const observer = new MutationObserver(() => {
    const button = document.querySelector(args.selector);
    if (!button) return;
    const now = performance.now();
    const text = button.textContent ?? '';
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

  const originalFetch = window.fetch.bind(window);
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const href = input instanceof Request ? input.url : String(input);
    const url = new URL(href, location.href);
    if (!url.pathname.startsWith(`${args.appConfigPath}/`)) return originalFetch(input, init);
    const session = url.pathname.endsWith('/configurationsessions');
    let profile: string | undefined;
    if (session && typeof init?.body === 'string') {
      try {
        profile = (JSON.parse(init.body) as { ConfigurationProfileIdentifier?: string })
          .ConfigurationProfileIdentifier;
      } catch {
        // Not JSON: unattributed.
      }
    }
    const entry: PageRequest = {
      kind: session ? 'session' : 'get',
      profile,
      token: url.searchParams.get('configuration_token') ?? undefined,
      issued: undefined,
      sentAt: performance.now(),
      answeredAt: undefined,
      status: undefined,
    };
    record.requests.push(entry);
    const response = await originalFetch(input, init);
    entry.answeredAt = performance.now();
    entry.status = response.status;
    if (session) {
      // Read from a copy; the client reads the original.
      response
        .clone()
        .json()
        .then((body: { InitialConfigurationToken?: string }) => {
          entry.issued = body.InitialConfigurationToken;
        })
        .catch(() => undefined);
    } else {
      entry.issued = response.headers.get('next-poll-configuration-token') ?? undefined;
    }
    return response;
  };
}
