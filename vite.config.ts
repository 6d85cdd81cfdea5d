import { builtinModules } from 'node:module';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import pkg from './package.json' with { type: 'json' };

// Everything the package depends on stays an import in dist: users' bundlers dedupe React,
// React Query and friends, and the server entries keep using Node's own modules.
const external = [
  ...Object.keys(pkg.dependencies ?? {}),
  ...Object.keys(pkg.peerDependencies ?? {}),
  ...builtinModules,
];
const isExternal = (id: string) =>
  id.startsWith('node:') || external.some((name) => id === name || id.startsWith(`${name}/`));

export default defineConfig({
  plugins: [react()],
  build: {
    target: 'es2022',
    minify: false,
    sourcemap: true,
    lib: {
      formats: ['es'],
      entry: {
        index: 'src/react/index.ts',
        core: 'src/core/index.ts',
        query: 'src/query/index.ts',
        server: 'src/server/index.ts',
        'server-node': 'src/server/node/index.ts',
        testing: 'src/testing/index.ts',
        openfeature: 'src/openfeature/index.ts',
        'openfeature-server': 'src/openfeature/server/index.ts',
        cli: 'src/server/node/cli.ts',
        vite: 'src/vite/index.ts',
      },
    },
    rolldownOptions: {
      external: isExternal,
    },
  },
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'node',
    // Each file gets a fresh module graph; fake timers are opted into per test.
    restoreMocks: true,
    testTimeout: 20_000,
  },
});
