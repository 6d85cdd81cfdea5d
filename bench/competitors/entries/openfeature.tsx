// @openfeature/react-sdk: OpenFeatureProvider + useBooleanFlagValue, no flag provider registered
// (a floor, not a working setup: see openfeature-ofrep.tsx).
import { OpenFeatureProvider, useBooleanFlagValue } from '@openfeature/react-sdk';

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
