/**
 * The control of the long run: the AppConfig Data API polled by the least code that can do it
 * (no client, no React), so the heap the emulator itself keeps can be told apart from what the
 * client keeps. It asks for the combined first call, as the client does, so both send the same
 * requests: a session start that brings the first configuration, then one GET per interval.
 */
import type { ConfigurationRef } from '../../src/server/index.js';

const NEXT_TOKEN = 'next-poll-configuration-token';
const NEXT_INTERVAL = 'next-poll-interval-in-seconds';

/** Polls at the interval the server answers, on the global timers, until the returned stop(). */
export function startBarePoller(
  fetchFn: typeof fetch,
  endpoint: string,
  ids: ConfigurationRef,
): () => void {
  let token: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const tick = async () => {
    const response =
      token === undefined
        ? await fetchFn(`${endpoint}/configurationsessions?include=configuration`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              ApplicationIdentifier: ids.application,
              EnvironmentIdentifier: ids.environment,
              ConfigurationProfileIdentifier: ids.profile,
            }),
          })
        : await fetchFn(
            `${endpoint}/configuration?configuration_token=${encodeURIComponent(token)}`,
          );
    await response.arrayBuffer();
    token = response.headers.get(NEXT_TOKEN) ?? undefined;
    if (token === undefined) throw new Error(`No next token (HTTP ${response.status}).`);
    const seconds = Number(response.headers.get(NEXT_INTERVAL) ?? 60);
    if (!stopped) timer = setTimeout(() => void tick(), seconds * 1000);
  };
  void tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
