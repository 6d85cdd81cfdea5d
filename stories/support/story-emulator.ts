/**
 * Builds a story's in-process emulator, storage and QueryClient from `parameters.appconfig`: the
 * real provider and client, talking to the emulator through the provider's `fetch` prop.
 */
import { QueryClient } from '@tanstack/react-query';
import { createAppConfigClient } from '../../src/core/index.js';
import type { AppConfigProviderProps, ConfigurationStorage } from '../../src/react/index.js';
import { createTestEmulator, type TestEmulator } from '../../src/testing/index.js';
import {
  STORY_IDS,
  profileOf,
  type AppConfigStoryParameters,
  type StoryDeployment,
} from './app-config-parameters.js';

/** What the loader hands to the decorator (`context.loaded.appConfig`). */
export interface StoryAppConfig {
  emulator: TestEmulator;
  queryClient: QueryClient;
  providerProps: AppConfigProviderProps;
  /** Deploys `parameters.next`, if any. */
  deployNext: (() => void) | undefined;
  close: () => void;
}

function deploy(emulator: TestEmulator, deployment: StoryDeployment): void {
  const label =
    deployment.versionLabel === undefined ? {} : { versionLabel: deployment.versionLabel };
  if (deployment.configuration) {
    const { content, contentType = 'application/json' } = deployment.configuration;
    emulator.deploy({ ...emulator.ids, content, contentType, type: 'AWS.Freeform', ...label });
  } else if (deployment.flags) {
    emulator.deployFlags(deployment.flags, label);
  }
}

function memoryStorage(): ConfigurationStorage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
  };
}

/** A fresh emulator (with its deployments and faults), storage and QueryClient for one story. */
export async function createStoryAppConfig(
  parameters: AppConfigStoryParameters,
): Promise<StoryAppConfig> {
  const profile = profileOf(parameters.persisted ?? parameters);
  const emulator = createTestEmulator({ ids: { ...STORY_IDS, profile } });
  const storage = memoryStorage();
  const { persist: _none, ...connection } = emulator.providerProps;
  if (parameters.persisted) {
    // The earlier visit: the real client fetches the first version and keeps it in the storage.
    deploy(emulator, parameters.persisted);
    const earlier = createAppConfigClient({ ...connection, storage });
    await earlier.poll();
    earlier.dispose();
  }
  deploy(emulator, parameters);
  for (const fault of parameters.faults ?? []) emulator.faults.inject(fault);
  const queryClient = new QueryClient();
  const { next } = parameters;
  return {
    emulator,
    queryClient,
    providerProps: { ...connection, persist: storage, queryClient, ...parameters.provider },
    deployNext: next && (() => deploy(emulator, next)),
    close: () => {
      emulator.close();
      queryClient.clear();
    },
  };
}
