// Runs the React test suite against React 18 (installed in test/react18/ by `npm run test:react18`),
// so the peer range `^18 || ^19` is checked, not hoped for.
import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vite.config.js';

const react18 = (name: string) =>
  fileURLToPath(new URL(`./test/react18/node_modules/${name}`, import.meta.url));

const merged = mergeConfig(
  base,
  defineConfig({
    resolve: {
      alias: [
        { find: /^react$/, replacement: react18('react') },
        { find: /^react\/(.*)$/, replacement: `${react18('react')}/$1` },
        { find: /^react-dom$/, replacement: react18('react-dom') },
        { find: /^react-dom\/(.*)$/, replacement: `${react18('react-dom')}/$1` },
        // Its CommonJS build requires react-dom itself: use the copy installed beside React 18.
        { find: /^@testing-library\/react$/, replacement: react18('@testing-library/react') },
      ],
    },
    test: {
      // Every dependency that imports React must go through the alias too.
      server: { deps: { inline: true } },
    },
  }),
);
// mergeConfig concatenates arrays; this run covers the React tests only.
merged.test.include = ['test/react/**/*.test.{ts,tsx}'];
merged.test.setupFiles = ['test/support/assert-react-18.ts'];

export default merged;
