// appconfig-react: the provider and one boolean flag hook, rendering one flag. JSON-only: nothing
// here asks for YAML, so the `yaml` package must stay out of the entry chunk.
import { AppConfigProvider, useFlag } from '../../src/react/index.js';

function Banner() {
  const on = useFlag('new-banner');
  return <p>{on ? 'on' : 'off'}</p>;
}

export function App() {
  return (
    <AppConfigProvider endpoint="/appconfig" application="app" environment="prod" profile="flags">
      <Banner />
    </AppConfigProvider>
  );
}
