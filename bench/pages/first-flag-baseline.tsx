// The one-request baseline of the first-flag benchmark (bench/first-flag.ts): the lower bound of
// a flag protocol, one plain GET for all flags (what OFREP's bulk evaluation costs in round
// trips, without its JSON POST, so never a CORS preflight). The GET leaves as the script starts,
// before React renders; the flag is read through useSyncExternalStore, as SDK hooks do.
import { useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { FIRST_FLAG_KEY } from './first-flag-data.js';

type Flags = Record<string, { enabled?: boolean } | undefined>;

let flags: Flags | undefined;
const listeners = new Set<() => void>();
const url = new URLSearchParams(location.search).get('flags') ?? '/flags';

void fetch(url)
  .then((response) => response.json() as Promise<Flags>)
  .then((value) => {
    flags = value;
    for (const listener of listeners) listener();
  });

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

function Flag() {
  const on = useSyncExternalStore(subscribe, () => flags?.[FIRST_FLAG_KEY]?.enabled ?? false);
  return <p id="flag">{on ? 'on' : 'off'}</p>;
}

createRoot(document.getElementById('root')!).render(<Flag />);
