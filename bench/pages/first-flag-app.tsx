// The first-flag benchmark's page for appconfig-react (bench/first-flag.ts): AppConfigProvider
// and one useFlag, nothing else. `?endpoint=` says where AppConfig is (same or another origin, the
// combined or the two-call server), `?crossTab=off` turns cross-tab sharing off, `?preload=on`
// starts the session as the script runs, before React renders (preloadAppConfig). Built for
// production by bench/support/build-page.ts.
import { QueryClient } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { AppConfigProvider, preloadAppConfig, useFlag } from '../../src/react/index.js';
import { FIRST_FLAG_KEY, FIRST_FLAG_REF } from './first-flag-data.js';

function Flag() {
  return <p id="flag">{useFlag(FIRST_FLAG_KEY) ? 'on' : 'off'}</p>;
}

const params = new URLSearchParams(location.search);
const endpoint = params.get('endpoint') ?? '/appconfig';
// `?crossTab=off`: the same page with cross-tab sharing (on by default) turned off.
const crossTab = params.get('crossTab') !== 'off';

const props = { endpoint, crossTab, ...FIRST_FLAG_REF };
let queryClient: QueryClient | undefined;
if (params.get('preload') === 'on') {
  queryClient = new QueryClient();
  preloadAppConfig(queryClient, props);
}

createRoot(document.getElementById('root')!).render(
  <AppConfigProvider {...props} queryClient={queryClient}>
    <Flag />
  </AppConfigProvider>,
);
