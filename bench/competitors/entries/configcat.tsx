// configcat-react (on @configcat/sdk): ConfigCatProvider + useFeatureFlag.
import { ConfigCatProvider, useFeatureFlag } from 'configcat-react';

function Banner() {
  const { value: on } = useFeatureFlag('newBanner', false);
  return <p>{on ? 'on' : 'off'}</p>;
}

export function App() {
  return (
    <ConfigCatProvider sdkKey="configcat-sdk-1/abcdefghijklmnopqrstuv/abcdefghijklmnopqrstuv">
      <Banner />
    </ConfigCatProvider>
  );
}
