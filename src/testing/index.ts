'use client';
/**
 * `appconfig-react/testing`: helpers for your own tests and stories. `AppConfigTestProvider` gives
 * hooks fixed flags; `createTestEmulator` runs the real client against an in-process AppConfig.
 */
export { AppConfigTestProvider } from './app-config-test-provider.js';
export type { AppConfigTestProviderProps } from './app-config-test-provider.js';
export { createTestEmulator, featureFlagsDocument } from './create-test-emulator.js';
export type { TestEmulator, TestEmulatorOptions, TestFlags } from './create-test-emulator.js';
export { emulatorProviderProps } from './emulator-provider-props.js';
export type { EmulatorProviderProps } from './emulator-provider-props.js';
