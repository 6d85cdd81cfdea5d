// @openfeature/ofrep-web-provider alone (the OpenFeature SDKs kept external): what the provider
// adds to an app that already ships @openfeature/react-sdk. Compare with
// bench/entries/ours-openfeature.tsx measured the same way.
import { OFREPWebProvider } from '@openfeature/ofrep-web-provider';
import { OpenFeature } from '@openfeature/web-sdk';

void OpenFeature.setProviderAndWait(new OFREPWebProvider({ baseUrl: 'https://flags.example.com' }));
