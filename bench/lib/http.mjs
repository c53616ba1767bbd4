// Plain request helpers for setting scenarios up (admin calls, probes). They are not used
// under load.

/** RFC 6749 Appendix B: each part is form-urlencoded before the two are joined. */
export function basicAuthorization(clientId, secret) {
  const encode = (value) => encodeURIComponent(value).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(secret)}`).toString('base64')}`;
}

export function formBody(fields) {
  return new URLSearchParams(fields).toString();
}

export const FORM = 'application/x-www-form-urlencoded';

export class HttpError extends Error {
  constructor(what, status, text) {
    super(`${what}: HTTP ${status} ${text.slice(0, 300)}`);
    this.status = status;
  }
}

export async function call(baseUrl, { method = 'GET', path, headers = {}, body }) {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers,
    body,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // Not every answer is JSON (problem bodies are, plain 404s may not be).
  }
  return { status: response.status, text, json, headers: response.headers };
}

export async function expectOk(what, baseUrl, request) {
  const answer = await call(baseUrl, request);
  if (answer.status < 200 || answer.status > 299) throw new HttpError(what, answer.status, answer.text);
  return answer;
}
