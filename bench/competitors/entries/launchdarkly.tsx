// launchdarkly-react-client-sdk: LDProvider + useFlags, rendering one boolean flag.
import { LDProvider, useFlags } from 'launchdarkly-react-client-sdk';

function Banner() {
  const { newBanner } = useFlags();
  return <p>{newBanner ? 'on' : 'off'}</p>;
}

export function App() {
  return (
    <LDProvider clientSideID="client-side-id">
      <Banner />
    </LDProvider>
  );
}
