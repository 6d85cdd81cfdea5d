/**
 * `appconfig-react/vite`: a Vite plugin that mounts the AppConfig Data emulator in the app's own
 * dev and preview servers. Node only; `vite` is an optional peer dependency (types only).
 */
export { appConfigEmulator } from './app-config-emulator.js';
export type { AppConfigEmulatorOptions } from './app-config-emulator.js';
