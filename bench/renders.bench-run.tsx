// @vitest-environment happy-dom
/**
 * Re-renders per component when a flag changes (`npm run bench:renders`): 100 components, each
 * reading one of 100 flags, against the in-process emulator on virtual time. Each deploy is
 * picked up by the next poll; a counter in each component's body counts its renders, and a
 * Profiler around the list counts React commits. `useFlag` is measured next to a naive baseline
 * reading the whole `useFlags()` object, in the same run.
 */
import { cleanup } from '@testing-library/react';
import { Profiler } from 'react';
import { afterAll, afterEach, beforeEach, describe, it, vi } from 'vitest';
import { useFlag, useFlags } from '../src/react/index.js';
import { createBenchApp } from './support/bench-app.js';
import { markdownTable } from './support/markdown-table.js';
import { MINUTE, advance, useVirtualTime } from './support/virtual-time.js';
import { writeResults } from './support/write-results.js';

const STARTED = new Date().toISOString(); // wall clock, read before the fake timers
const KEYS = Array.from({ length: 100 }, (_, index) => `flag${String(index).padStart(2, '0')}`);
const flagsWith = (on: ReadonlySet<string>) =>
  Object.fromEntries(KEYS.map((key) => [key, on.has(key)]));

interface Variant {
  hook: string;
  /** Reads flag `key` the way this variant does. */
  useValue: (key: string) => boolean;
}

const VARIANTS: Variant[] = [
  { hook: 'useFlag(key)', useValue: (key) => useFlag(key) },
  {
    hook: 'useFlags()[key] (naive baseline)',
    useValue: (key) => useFlags()[key]?.enabled ?? false,
  },
];

/** The deploys of a run, in order; each is followed by one poll interval. */
const CHANGES: { change: string; on: ReadonlySet<string> | undefined }[] = [
  { change: 'poll, nothing deployed (empty body)', on: undefined },
  { change: 'same flags, new version', on: new Set() },
  { change: '1 flag changes', on: new Set(['flag42']) },
  { change: '10 more flags change', on: new Set(['flag42', ...KEYS.slice(0, 10)]) },
];

interface ChangeResult {
  hook: string;
  change: string;
  flagsChanged: string[];
  /** Components that rendered, by flag they read. */
  rendered: Record<string, number>;
  renders: number;
  readersRendered: number;
  othersRendered: number;
  /** Readers of a changed flag that did not render (would show a stale value). */
  readersMissed: number;
  commits: number;
  exact: boolean;
}

const results: ChangeResult[] = [];

beforeEach(useVirtualTime);
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('re-renders per flag change', () => {
  for (const variant of VARIANTS) {
    it(variant.hook, async () => {
      const renders = new Map<string, number>();
      let commits = 0;
      function Reader({ flag }: { flag: string }) {
        renders.set(flag, (renders.get(flag) ?? 0) + 1);
        return <li data-flag={flag}>{variant.useValue(flag) ? 'on' : 'off'}</li>;
      }
      const app = createBenchApp({ flags: flagsWith(new Set()) });
      app.render(
        <Profiler id="readers" onRender={() => (commits += 1)}>
          <ul>
            {KEYS.map((key) => (
              <Reader key={key} flag={key} />
            ))}
          </ul>
        </Profiler>,
      );
      await advance(0); // first render, first poll, flags shown
      let current: ReadonlySet<string> = new Set();
      for (const { change, on } of CHANGES) {
        const before = new Map(renders);
        const commitsBefore = commits;
        if (on) app.emulator.deployFlags(flagsWith(on));
        await advance(MINUTE);
        const next = on ?? current;
        // A run whose screen does not show the deployed flags measures nothing: stop it.
        const wrong = KEYS.filter(
          (key) =>
            document.querySelector(`[data-flag="${key}"]`)?.textContent !==
            (next.has(key) ? 'on' : 'off'),
        );
        if (wrong.length > 0)
          throw new Error(`After "${change}", ${wrong.join(', ')} show a stale value.`);
        const flagsChanged = KEYS.filter((key) => current.has(key) !== next.has(key));
        current = next;
        const rendered = Object.fromEntries(
          KEYS.flatMap((key) => {
            const count = (renders.get(key) ?? 0) - (before.get(key) ?? 0);
            return count > 0 ? [[key, count]] : [];
          }),
        );
        const readers = new Set(flagsChanged);
        const keys = Object.keys(rendered);
        results.push({
          hook: variant.hook,
          change,
          flagsChanged,
          rendered,
          renders: Object.values(rendered).reduce((sum, count) => sum + count, 0),
          readersRendered: keys.filter((key) => readers.has(key)).length,
          othersRendered: keys.filter((key) => !readers.has(key)).length,
          readersMissed: flagsChanged.filter((key) => !(key in rendered)).length,
          commits: commits - commitsBefore,
          exact:
            keys.length === readers.size &&
            keys.every((key) => readers.has(key) && rendered[key] === 1),
        });
      }
      app.unmount();
      app.queryClient.clear();
      app.emulator.close();
    });
  }
});

afterAll(() => {
  const table = markdownTable(
    [
      { header: 'hook (100 components, 100 flags)' },
      { header: 'change' },
      { header: 'flags changed', align: 'right' },
      { header: 'components re-rendered', align: 'right' },
      { header: 'renders', align: 'right' },
      { header: 'readers re-rendered', align: 'right' },
      { header: 'others re-rendered', align: 'right' },
      { header: 'React commits', align: 'right' },
      { header: 'exactly the readers', align: 'right' },
    ],
    results.map((r) => [
      r.hook,
      r.change,
      r.flagsChanged.length,
      r.readersRendered + r.othersRendered,
      r.renders,
      `${r.readersRendered} of ${r.flagsChanged.length}`,
      r.othersRendered,
      r.commits,
      r.exact ? 'yes' : 'no',
    ]),
  );
  // The goal is for useFlag; the baseline is there to show what it saves.
  const verdicts = VARIANTS.map(({ hook }, index) => {
    const rows = results.filter((r) => r.hook === hook);
    const exact = rows.every((r) => r.exact);
    const extra = rows.reduce((sum, r) => sum + r.othersRendered, 0);
    const missed = rows.reduce((sum, r) => sum + r.readersMissed, 0);
    const label = index === 0 ? (exact ? 'PASS' : 'MISS') : 'BASELINE';
    return (
      `${label} ${hook}: ${exact ? 'exactly the readers of the changed flags re-rendered, once each' : `${extra} re-renders of components whose flag did not change`}` +
      `${missed ? `; ${missed} readers of a changed flag did not re-render` : ''}.`
    );
  });
  const markdown = [table, '', '```text', ...verdicts, '```'].join('\n');
  writeResults('renders', 'npm run bench:renders', markdown, results, STARTED);
});
