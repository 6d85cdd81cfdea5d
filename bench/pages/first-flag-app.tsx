// The first-flag benchmark's page for appconfig-react (bench/first-flag.ts): AppConfigProvider
// and one useFlag, nothing else. `?endpoint=` says where AppConfig is (same or another origin, the
// combined or the two-call server). Built for production by bench/support/build-page.ts.
import { createRoot } from 'react-dom/client';
import { AppConfigProvider, useFlag } from '../../src/react/index.js';
import { FIRST_FLAG_KEY, FIRST_FLAG_REF } from './first-flag-data.js';

function Flag() {
  return <p id="flag">{useFlag(FIRST_FLAG_KEY) ? 'on' : 'off'}</p>;
}

const endpoint = new URLSearchParams(location.search).get('endpoint') ?? '/appconfig';

createRoot(document.getElementById('root')!).render(
  <AppConfigProvider endpoint={endpoint} {...FIRST_FLAG_REF}>
    <Flag />
  </AppConfigProvider>,
);
