/**
 * Every TypeScript block of README.md and docs/*.md type-checks against the sources
 * (scripts/check-docs.ts). One TypeScript program checks the real pages and a page written here
 * with known mistakes, which must each be reported at their Markdown line.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkDocs, defaultDocSources, type DocsReport } from '../../scripts/check-docs.js';

/** At most this many blocks may be skipped as `<!-- fragment -->`: keep them rare. */
const FRAGMENT_BUDGET = 5;

const BROKEN = `# A page with mistakes

\`\`\`tsx
import { AppConfigProvider } from 'appconfig-react';

export const app = (
  <AppConfigProvider
    endpointUrl="/appconfig"
    application="A"
    environment="E"
    profile="P"
  />
);
\`\`\`

A lone opening tag, checked once closed:

\`\`\`tsx
<AppConfigProvider endpoint="/x" application="A" environment="E" profile="P" pollEvery={5}>
\`\`\`

<!-- fragment -->

\`\`\`ts
this is not TypeScript
\`\`\`

\`\`\`ts
// helpers.ts
export const answer = 42;
\`\`\`

\`\`\`ts
import { answer } from './helpers';
const text: string = answer;
useFlagz('darkMode');
\`\`\`
`;

let report: DocsReport;
beforeAll(() => {
  report = checkDocs([...defaultDocSources(), { path: 'broken.md', text: BROKEN }]);
}, 180_000);

describe('docs code blocks', () => {
  it('type-check in README.md and docs/*.md', () => {
    expect(report.problems.filter((p) => p.file !== 'broken.md')).toEqual([]);
    expect(report.checked['README.md']).toBeGreaterThanOrEqual(2);
    for (const page of ['react', 'core-client', 'emulator', 'proxy', 'testing'])
      expect(report.checked[`docs/${page}.md`], page).toBeGreaterThan(0);
  });

  it(`skip at most ${FRAGMENT_BUDGET} blocks as fragments`, () => {
    const real = report.fragments.filter((f) => !f.startsWith('broken.md'));
    expect(real.length, real.join('\n')).toBeLessThanOrEqual(FRAGMENT_BUDGET);
  });

  it('report a renamed option, a wrong type and an unknown name at their Markdown lines', () => {
    const found = report.problems
      .filter((p) => p.file === 'broken.md')
      .map((p) => `${p.line}: ${p.message}`);
    expect(found).toEqual([
      expect.stringMatching(/^8: [^]*Property 'endpointUrl' does not exist/),
      expect.stringMatching(/^19: [^]*Property 'pollEvery' does not exist/),
      expect.stringMatching(/^35: Type 'number' is not assignable to type 'string'/),
      expect.stringMatching(/^36: Cannot find name 'useFlagz'/),
    ]);
    expect(report.fragments).toContain('broken.md:24 (A page with mistakes)');
  });
});
