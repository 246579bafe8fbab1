/** A browser-like client: keeps the session cookie, sends tRPC requests as the web apps do. */
export function httpClient(base: string, password: string) {
  let cookie = '';
  // As the web apps do: reads wait until the read models include this client's last command.
  let lastPosition = 0;
  const call = async (
    kind: 'query' | 'mutation',
    path: string,
    input?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(
      kind === 'query'
        ? `${base}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input ?? null))}`
        : `${base}/trpc/${path}`,
      {
        method: kind === 'query' ? 'GET' : 'POST',
        headers: {
          'content-type': 'application/json',
          ...headers,
          ...(cookie ? { cookie } : {}),
          ...(kind === 'query' && lastPosition ? { 'x-cls-min-position': String(lastPosition) } : {}),
        },
        ...(kind === 'mutation' ? { body: JSON.stringify(input ?? null) } : {}),
      },
    );
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) cookie = setCookie.split(';')[0] ?? '';
    const body = (await response.json()) as {
      result?: { data: unknown };
      error?: { message: string; data: Record<string, unknown> };
    };
    const data = body.result?.data as Record<string, unknown>;
    if (kind === 'mutation' && typeof data?.position === 'number')
      lastPosition = Math.max(lastPosition, data.position);
    return { status: response.status, data, error: body.error };
  };
  return {
    query: (path: string, input?: unknown) => call('query', path, input),
    mutate: (path: string, input?: unknown, headers?: Record<string, string>) =>
      call('mutation', path, input, headers),
    /** The session cookie, for plain HTTP requests (REST files). */
    cookie: async () => cookie,
    login: (email: string) => call('mutation', 'auth.login', { email, password }),
  };
}
