/**
 * `parameters.appconfig` of a story: what its in-process emulator serves and how the provider is
 * set up. Every story gets its own emulator and QueryClient (see with-app-config.tsx).
 */
import type { AppConfigProviderProps } from '../../src/react/index.js';
import type { FaultSpec } from '../../src/server/index.js';
import type { TestFlags } from '../../src/testing/index.js';

/** A free-form configuration (profile type `AWS.Freeform`). */
export interface StoryConfiguration {
  content: string | object;
  /** Default `application/json`. */
  contentType?: string;
}

/** One deployment: flags or a free-form configuration. */
export interface StoryDeployment {
  flags?: TestFlags;
  configuration?: StoryConfiguration;
  versionLabel?: string;
}

export interface AppConfigStoryParameters extends StoryDeployment {
  /**
   * Deployed once the first configuration reached the page, then fetched at once with a new
   * session (`reset()`), so a story can show what a later deployment does, such as a refused one.
   */
  next?: StoryDeployment;
  /**
   * What an earlier visit fetched and kept (deployed first, fetched by a real client into the
   * story's storage); the deployment above is the newer one the page then fetches.
   */
  persisted?: StoryDeployment;
  /** Faults for the first requests, e.g. `{ kind: 'throttle', count: Infinity }`. */
  faults?: FaultSpec[];
  /** Props for the provider, e.g. `schema`, `initialConfiguration`, or another `profile`. */
  provider?: Partial<AppConfigProviderProps>;
}

/** The identifiers of every story's emulator. */
export const STORY_IDS = { application: 'storefront', environment: 'storybook' } as const;

/** The profile a story deploys to: `settings` for a free-form configuration, else `flags`. */
export const profileOf = (parameters: StoryDeployment) =>
  parameters.configuration ? 'settings' : 'flags';
