// `npm run playground` (dev server), `npm run playground:build`, `npm run playground:preview`.
import { defineConfig } from 'vite';
import { createPlaygroundConfig } from './create-playground-config.js';

export default defineConfig(createPlaygroundConfig());
