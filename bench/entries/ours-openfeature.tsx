// appconfig-react/openfeature under OpenFeature's React SDK: the same app as
// bench/competitors/entries/openfeature-ofrep.tsx with AppConfigWebProvider in place of
// OFREPWebProvider. JSON-only, so the `yaml` package must stay out of the entry chunk.
import { OpenFeature, OpenFeatureProvider, useBooleanFlagValue } from '@openfeature/react-sdk';
import { AppConfigWebProvider } from '../../src/openfeature/index.js';

void OpenFeature.setProviderAndWait(
  new AppConfigWebProvider({
    endpoint: '/appconfig',
    application: 'app',
    environment: 'prod',
    profile: 'flags',
  }),
);

function Banner() {
  const on = useBooleanFlagValue('new-banner', false);
  return <p>{on ? 'on' : 'off'}</p>;
}

export function App() {
  return (
    <OpenFeatureProvider>
      <Banner />
    </OpenFeatureProvider>
  );
}
