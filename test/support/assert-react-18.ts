// Setup file of vitest.react18.config.ts, kept outside test/react18/ (where 'react' would resolve
// to the local copy whatever the alias says): fail the whole run if the alias did not take effect,
// so a green React 18 run cannot silently be a React 19 run.
import { version } from 'react';
import { version as domVersion } from 'react-dom';

if (!version.startsWith('18.') || !domVersion.startsWith('18.')) {
  throw new Error(
    `Expected React 18 for this run, got react ${version} and react-dom ${domVersion}.`,
  );
}
