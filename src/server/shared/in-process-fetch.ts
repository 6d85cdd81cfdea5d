/** `fetch` over a web-standard handler, without a socket (the emulator's and the proxy's `fetch`). */

/**
 * `fetch` semantics over the in-process handler: an aborted signal rejects with its reason, like
 * the real fetch, even while an injected delay is pending.
 */
export function inProcessFetch(
  handle: (request: Request) => Promise<Response>,
  input: RequestInfo | URL,
  init?: RequestInit,
): Promise<Response> {
  let request: Request;
  try {
    request = new Request(input, init);
  } catch (error) {
    return Promise.reject(error);
  }
  const signal = request.signal;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    handle(request)
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}
