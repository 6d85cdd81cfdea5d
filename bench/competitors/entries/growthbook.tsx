// @growthbook/growthbook-react: GrowthBook + GrowthBookProvider + useFeatureIsOn.
import { GrowthBook, GrowthBookProvider, useFeatureIsOn } from '@growthbook/growthbook-react';

const growthbook = new GrowthBook({ apiHost: 'https://flags.example.com', clientKey: 'key' });
void growthbook.init();

function Banner() {
  const on = useFeatureIsOn('new-banner');
  return <p>{on ? 'on' : 'off'}</p>;
}

export function App() {
  return (
    <GrowthBookProvider growthbook={growthbook}>
      <Banner />
    </GrowthBookProvider>
  );
}
