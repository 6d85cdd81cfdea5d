// @vitest-environment happy-dom
/** docs/testing.md's Vitest example (`header.test.tsx`), run exactly as the page shows it. */
import { importDocBlock } from './doc-example.js';

await importDocBlock('docs/testing.md', 'vitest.setup.ts');
await importDocBlock('docs/testing.md', 'header.test.tsx');
