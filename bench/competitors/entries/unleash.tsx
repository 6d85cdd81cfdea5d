// @unleash/proxy-client-react (on unleash-proxy-client): FlagProvider + useFlag.
import { FlagProvider, useFlag } from '@unleash/proxy-client-react';

function Banner() {
  const on = useFlag('new-banner');
  return <p>{on ? 'on' : 'off'}</p>;
}

export function App() {
  return (
    <FlagProvider
      config={{ url: 'https://flags.example.com/proxy', clientKey: 'key', appName: 'bench' }}
    >
      <Banner />
    </FlagProvider>
  );
}
