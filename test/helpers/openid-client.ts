import type { Harness } from './harness.js';

/** openid-client fetches over HTTP; here it reaches the app in-process. */
export function fetchVia(h: Harness) {
  return async (url: string, options: { method?: string; headers?: Headers | Record<string, string>; body?: unknown }) => {
    const target = new URL(url);
    const res = await h.inject({
      method: (options.method ?? 'GET') as 'GET',
      url: `${target.pathname}${target.search}`,
      headers: Object.fromEntries(new Headers(options.headers as HeadersInit).entries()),
      ...(options.body !== undefined && options.body !== null ? { payload: String(options.body) } : {}),
    });
    return new Response(res.rawPayload.length > 0 ? new Uint8Array(res.rawPayload) : null, { status: res.statusCode, headers: res.headers as Record<string, string> });
  };
}
