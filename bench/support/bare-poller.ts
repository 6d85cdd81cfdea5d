/**
 * The control of the long run: the AppConfig Data API polled by the least code that can do it
 * (no client, no React), so the heap the emulator itself keeps (its token table holds 48 hours of
 * tokens, its request log 1000 entries) can be told apart from what the client keeps.
 */
import type { ConfigurationRef } from '../../src/server/index.js';

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
    if (token === undefined) {
      const started = await fetchFn(`${endpoint}/configurationsessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          ApplicationIdentifier: ids.application,
          EnvironmentIdentifier: ids.environment,
          ConfigurationProfileIdentifier: ids.profile,
        }),
      });
      token = ((await started.json()) as { InitialConfigurationToken: string })
        .InitialConfigurationToken;
    }
    const response = await fetchFn(
      `${endpoint}/configuration?configuration_token=${encodeURIComponent(token)}`,
    );
    await response.arrayBuffer();
    token = response.headers.get('next-poll-configuration-token') ?? undefined;
    const seconds = Number(response.headers.get('next-poll-interval-in-seconds') ?? 60);
    if (!stopped) timer = setTimeout(() => void tick(), seconds * 1000);
  };
  void tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
