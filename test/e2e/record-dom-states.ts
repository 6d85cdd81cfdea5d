/**
 * Records, from the first byte the page parses, every state that elements with a `data-state`
 * attribute go through (found by `data-testid`; `absent` when the element is gone), with the time.
 * A hydration that changes what the server rendered, a flicker (server value, then a persisted one,
 * then the network's) or a Suspense fallback shown after the fact all leave a trace here.
 */
import type { BrowserContext, Page } from 'playwright-core';

export interface DomState {
  at: number;
  state: string;
}

export type DomStates = Record<string, DomState[]>;

declare global {
  interface Window {
    __domStates?: DomStates;
  }
}

/** Installs the recorder in every page the context opens, before any script of the page runs. */
export async function recordDomStates(context: BrowserContext, testIds: string[]): Promise<void> {
  await context.addInitScript((ids: string[]) => {
    const states: DomStates = {};
    window.__domStates = states;
    const check = () => {
      for (const id of ids) {
        const element = document.querySelector(`[data-testid="${id}"]`);
        const state = element?.getAttribute('data-state') ?? 'absent';
        const seen = (states[id] ??= []);
        if (seen.length === 0 && state === 'absent') continue; // not parsed yet
        if (seen.at(-1)?.state !== state) seen.push({ at: Date.now(), state });
      }
    };
    new MutationObserver(check).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-state'],
    });
  }, testIds);
}

/** The states seen so far, per test id. */
export const readDomStates = (page: Page): Promise<DomStates> =>
  page.evaluate(() => window.__domStates ?? {});

/** Only the sequence of states of one element, e.g. `['off', 'on']`. */
export const statesOf = (states: DomStates, testId: string): string[] =>
  (states[testId] ?? []).map((entry) => entry.state);
