// @openfeature/react-sdk: OpenFeatureProvider + useBooleanFlagValue, with OFREPWebProvider as a
// realistic HTTP provider (the react-sdk alone evaluates nothing).
import { OFREPWebProvider } from '@openfeature/ofrep-web-provider';
import { OpenFeature, OpenFeatureProvider, useBooleanFlagValue } from '@openfeature/react-sdk';

void OpenFeature.setProviderAndWait(new OFREPWebProvider({ baseUrl: 'https://flags.example.com' }));

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
