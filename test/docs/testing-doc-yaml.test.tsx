// @vitest-environment happy-dom
/**
 * docs/testing.md's fake-timer pattern for YAML configurations, run exactly as the page shows it
 * (its `vitest.setup.ts` first, then `settings.test.tsx`, whose tests register here). The new-user
 * end-to-end test runs the same block against the packed package, where the plain `advance(0)`
 * pattern does not settle (test/e2e/new-user.e2e.ts).
 */
import { importDocBlock } from './doc-example.js';

await importDocBlock('docs/testing.md', 'vitest.setup.ts');
await importDocBlock('docs/testing.md', 'settings.test.tsx');
