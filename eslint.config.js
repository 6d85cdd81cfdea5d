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
      'bench/competitors/**',
      'bench/results/**',
      'node_modules/**',
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
    // Config files of tools must default-export.
    files: ['*.config.{js,ts}', '.storybook/**', 'stories/**', 'playground/vite.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
