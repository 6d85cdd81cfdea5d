/**
 * `parameters.openfeature` of the OpenFeature stories: a fresh in-process emulator, the real
 * `AppConfigWebProvider` on it, and an OpenFeature domain of the story's own (the SDK's state is
 * global, so stories never share a provider).
 */
import type { StoryContext } from '@storybook/react-vite';
import { NOOP_PROVIDER, OpenFeature } from '@openfeature/web-sdk';
import { AppConfigWebProvider } from '../../src/openfeature/index.js';
import type { FaultSpec } from '../../src/server/index.js';
import { createTestEmulator, type TestEmulator } from '../../src/testing/index.js';
import { STORY_IDS, profileOf, type StoryDeployment } from './app-config-parameters.js';

export interface OpenFeatureStoryParameters extends StoryDeployment {
  /** Read this profile instead of the deployed one (e.g. one that does not exist). */
  profile?: string;
  /** Deployed once the first configuration is shown, then fetched with a new session. */
  next?: StoryDeployment;
  /** Faults for the first requests. */
  faults?: FaultSpec[];
}

/** `parameters: openfeature({ … })`, type-checked. */
export const openfeature = (parameters: OpenFeatureStoryParameters) => ({
  openfeature: parameters,
});

/** What the loader hands to the story (`context.loaded.openFeature`). */
export interface OpenFeatureStory {
  domain: string;
  provider: AppConfigWebProvider;
  emulator: TestEmulator;
  /** Deploys `parameters.next` and starts a new session, so it shows at once. */
  deployNext: (() => void) | undefined;
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

let stories = 0;

export const loadedOpenFeature = (context: Pick<StoryContext, 'loaded'>) =>
  context.loaded.openFeature as OpenFeatureStory;

/** Loader: the emulator, the provider, and the provider set on a new domain (not awaited). */
export function openFeatureLoader({ parameters }: Pick<StoryContext, 'parameters'>) {
  const options = parameters.openfeature as OpenFeatureStoryParameters;
  const emulator = createTestEmulator({ ids: { ...STORY_IDS, profile: profileOf(options) } });
  deploy(emulator, options);
  for (const fault of options.faults ?? []) emulator.faults.inject(fault);
  const provider = new AppConfigWebProvider({
    endpoint: 'http://emulator.test',
    fetch: emulator.fetch as typeof fetch,
    ...emulator.ids,
    ...(options.profile ? { profile: options.profile } : {}),
  });
  const domain = `story-${(stories += 1)}`;
  // The story shows the failure itself; an unhandled rejection would only add noise.
  OpenFeature.setProviderAndWait(domain, provider).catch(() => undefined);
  const { next } = options;
  const story: OpenFeatureStory = {
    domain,
    provider,
    emulator,
    deployNext:
      next &&
      (() => {
        deploy(emulator, next);
        provider.client.reset();
        void provider.client.poll();
      }),
  };
  return { openFeature: story };
}

/** Cleanup: the domain gets the no-op provider (which closes ours), and the emulator closes. */
export function closeOpenFeature(context: Pick<StoryContext, 'loaded'>) {
  return () => {
    const story = loadedOpenFeature(context);
    void OpenFeature.setProvider(story.domain, NOOP_PROVIDER);
    story.emulator.close();
  };
}
