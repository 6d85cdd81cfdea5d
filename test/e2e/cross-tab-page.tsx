/**
 * The page of the cross-tab end-to-end test and benchmark (cross-tab-site.ts builds it with
 * esbuild): one provider and one flag, as an app has them. The query string names the tab
 * (`?tab=`, sent as the `x-tab` header so the server can tell who polls) and can turn sharing off
 * (`&crossTab=off`). The page records, on its own clock (`performance.timeOrigin + now()`, shared
 * by every tab of the machine), when its poll brought a change and when the flag's text changed.
 */
import { createRoot } from 'react-dom/client';
import { AppConfigProvider, useAppConfigStatus, useFlag } from '../../src/react/index.js';

/** What the page leaves in `window.__crossTab` for the test to read. */
export interface CrossTabPageRecord {
  tab: string;
  /** This tab's own polls that brought a new configuration (it was the leader). */
  received: { at: number; versionLabel: string | undefined }[];
  /** The flag's text on screen, each time it changed. */
  shown: { at: number; text: string }[];
}

const params = new URLSearchParams(location.search);
const tab = params.get('tab') ?? 'tab';
const wallNow = () => performance.timeOrigin + performance.now();
const record: CrossTabPageRecord = { tab, received: [], shown: [] };
(window as unknown as { __crossTab: CrossTabPageRecord }).__crossTab = record;

function Flag() {
  const on = useFlag('banner');
  const { fetchStatus, status } = useAppConfigStatus();
  return (
    <>
      <p id="flag">{on ? 'on' : 'off'}</p>
      <p id="status" data-fetch-status={fetchStatus}>
        {status}
      </p>
    </>
  );
}

const root = document.getElementById('root')!;
// Timed at the DOM change (React's commit), before the frame is painted.
new MutationObserver(() => {
  const text = document.getElementById('flag')?.textContent ?? '';
  if (record.shown.at(-1)?.text !== text) record.shown.push({ at: wallNow(), text });
}).observe(root, { subtree: true, childList: true, characterData: true });

createRoot(root).render(
  <AppConfigProvider
    endpoint="/appconfig"
    application="app"
    environment="prod"
    profile="flags"
    requiredMinimumPollIntervalInSeconds={Number(params.get('interval') ?? 15)}
    headers={{ 'x-tab': tab }}
    persist={false}
    crossTab={params.get('crossTab') !== 'off'}
    onEvent={(event) => {
      if (event.type === 'poll' && event.changed) {
        record.received.push({ at: wallNow(), versionLabel: event.versionLabel });
      }
    }}
  >
    <Flag />
  </AppConfigProvider>,
);
