// Vite configuration of Storybook (see main.ts): React, nothing of the library build.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
});
