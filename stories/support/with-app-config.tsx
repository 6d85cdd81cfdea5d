/**
 * The project-wide loader, decorator and cleanup behind `parameters.appconfig`: each story gets a
 * fresh in-process emulator (no server, no network) and the real `<AppConfigProvider>` around it.
 */
import { useEffect, useRef } from 'react';
import type { Decorator, Loader, StoryContext } from '@storybook/react-vite';
import { AppConfigProvider, useAppConfigStatus } from '../../src/react/index.js';
import type { AppConfigStoryParameters } from './app-config-parameters.js';
import { createStoryAppConfig, type StoryAppConfig } from './story-emulator.js';

const loadedOf = (context: Pick<StoryContext, 'loaded'>) =>
  context.loaded.appConfig as StoryAppConfig | undefined;

/** Creates the story's emulator from `parameters.appconfig` (stories without it get none). */
export const appConfigLoader: Loader = async ({ parameters }) => {
  const appconfig = parameters.appconfig as AppConfigStoryParameters | undefined;
  return appconfig ? { appConfig: await createStoryAppConfig(appconfig) } : {};
};

/** Closes the story's emulator (cancelling pending delays) when the story is left. */
export const closeAppConfig = (context: StoryContext) => {
  const appConfig = loadedOf(context);
  return appConfig ? () => appConfig.close() : undefined;
};

/** Deploys `parameters.appconfig.next` once the first configuration is shown, then re-fetches. */
function DeployNext({ deploy }: { deploy: () => void }) {
  const { status, source, reset } = useAppConfigStatus();
  const done = useRef(false);
  useEffect(() => {
    if (done.current || status !== 'ready' || source !== 'network') return;
    done.current = true;
    deploy();
    // A new session answers at once; waiting for the next poll would take the interval (60 s).
    void reset();
  }, [status, source, deploy, reset]);
  return null;
}

/** Wraps the story in `<AppConfigProvider>` pointed at its emulator. */
export const withAppConfig: Decorator = (Story, context) => {
  const appConfig = loadedOf(context);
  if (!appConfig) return <Story />;
  return (
    <AppConfigProvider {...appConfig.providerProps}>
      {appConfig.deployNext && <DeployNext deploy={appConfig.deployNext} />}
      <Story />
    </AppConfigProvider>
  );
};
