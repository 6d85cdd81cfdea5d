import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import unicorn from 'eslint-plugin-unicorn';
import globals from 'globals';

// The core must run in any browser or runtime: no React, no Node built-ins, and no full zod
// (its `z` namespace drags every locale into a bundle). YAML is loaded lazily by decode.ts only.
const browserSafe = {
  paths: [
    { name: 'react', message: 'src/core is framework-agnostic; React lives in src/react.' },
    { name: 'zod', message: 'zod stays on the server side; the core checks options by hand.' },
    { name: 'yaml', message: 'Load yaml with a dynamic import() so JSON-only bundles skip it.' },
  ],
  patterns: [
    { group: ['node:*'], message: 'src/core must stay browser-safe.' },
    {
      group: ['../react/*', '../server/*', '../testing/*'],
      message: 'The core depends on nothing.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'coverage/**',
      'storybook-static/**',
      'playground/dist/**',
      'test-results/**',
      'bench/competitors/**',
      'bench/results/**',
      'node_modules/**',
      'examples/*/.next/**',
      'examples/*/next-env.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { unicorn, 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'unicorn/filename-case': ['error', { case: 'kebabCase' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', browserSafe] },
  },
  {
    // Safe to import on a server (React Server Components): React Query's types only, no React.
    files: ['src/query/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'react', message: 'src/query runs where React may not: no React.' }],
          patterns: [
            {
              group: ['node:*', '../server/*', '../react/*'],
              message: 'src/query depends on the core only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/react/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['node:*', '../server/*'], message: 'src/react runs in browsers.' }],
        },
      ],
    },
  },
  // The emulator and the proxy share code only through src/server/shared, so either can change
  // (or be bundled) without the other; shared code depends on neither.
  {
    files: ['src/server/proxy/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/emulator/*', '**/emulator'],
              message:
                'The proxy must not import the emulator; move shared code to src/server/shared.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/server/emulator/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/proxy/*', '**/proxy'],
              message:
                'The emulator must not import the proxy; move shared code to src/server/shared.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/server/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/emulator/*', '**/proxy/*'],
              message: 'src/server/shared is used by both servers and depends on neither.',
            },
          ],
        },
      ],
    },
  },
  {
    // Variant rules are evaluated in browsers, Workers and Node alike.
    files: ['src/server/rules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'src/server/rules runs in browsers and Workers too.' },
          ],
        },
      ],
    },
  },
  {
    // The web provider runs in browsers: no Node, no server SDKs (those live in server/).
    files: ['src/openfeature/**/*.ts'],
    ignores: ['src/openfeature/server/**', 'src/openfeature/aws-sdk-*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@openfeature/server-sdk',
              message: 'Server code lives in src/openfeature/server.',
            },
            {
              name: '@aws-sdk/client-appconfigdata',
              message: 'Only aws-sdk-transport.ts loads it.',
            },
          ],
          patterns: [
            {
              group: ['node:*', '../server/*', '../react/*'],
              message: 'The web provider runs in browsers.',
            },
          ],
        },
      ],
    },
  },
  {
    // Config files of tools must default-export, and so must Next.js pages and layouts.
    files: [
      '*.config.{js,ts}',
      '.storybook/**',
      'stories/**',
      'playground/vite.config.ts',
      'examples/nextjs/next.config.ts',
      'examples/nextjs/app/**/{page,layout}.tsx',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
