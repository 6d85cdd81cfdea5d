// appconfig-react/openfeature alone (the OpenFeature SDKs kept external): what the provider and
// its AppConfig client add to an app that already ships @openfeature/react-sdk. Compare with
// bench/competitors/entries/ofrep-provider-only.tsx measured the same way.
import { OpenFeature } from '@openfeature/web-sdk';
import { AppConfigWebProvider } from '../../src/openfeature/index.js';

void OpenFeature.setProviderAndWait(
  new AppConfigWebProvider({
    endpoint: '/appconfig',
    application: 'app',
    environment: 'prod',
    profile: 'flags',
  }),
);
