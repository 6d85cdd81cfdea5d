import type { StorybookConfig } from '@storybook/react-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  framework: {
    name: '@storybook/react-vite',
    options: {
      // Not the repository's vite.config.ts: that one builds the library.
      builder: { viteConfigPath: '.storybook/vite.config.ts' },
    },
  },
  core: { disableTelemetry: true },
  // No docs addon here, so no component docgen (it would only slow the build).
  typescript: { reactDocgen: false },
  // Every story bundles the in-process emulator (zod, yaml, hono): a large preview chunk is expected.
  viteFinal: (config) => ({
    ...config,
    build: { ...config.build, chunkSizeWarningLimit: 2000 },
  }),
};

export default config;
