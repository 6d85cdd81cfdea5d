/**
 * An AppConfig Data server that does not know the combined first call: the same emulator, with
 * the `include` query parameter removed before it sees the request. A session start then gets
 * the standard 201 and a token, and the client sends the GET itself (the two-call flow every
 * endpoint other than ours answers, AWS's included).
 */

/** `url` without its `include` parameter (the rest of the query kept). */
export function withoutInclude(url: string | URL): URL {
  const copy = new URL(url);
  copy.searchParams.delete('include');
  return copy;
}

/** A fetch that sends every request without `include`, to `inner`. */
export function ignoreIncludeFetch(inner: typeof fetch): typeof fetch {
  return (input, init) => {
    if (input instanceof Request) return inner(new Request(withoutInclude(input.url), input), init);
    return inner(withoutInclude(String(input)), init);
  };
}

/** A web-standard handler that answers every request as if `include` had not been sent. */
export function ignoreIncludeHandler(
  inner: (request: Request) => Promise<Response>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    if (!url.searchParams.has('include')) return inner(request);
    // Read first: a Request built from another's stream body would need `duplex` in Node.
    const body = request.method === 'POST' ? await request.arrayBuffer() : undefined;
    return inner(
      new Request(withoutInclude(url), { method: request.method, headers: request.headers, body }),
    );
  };
}
