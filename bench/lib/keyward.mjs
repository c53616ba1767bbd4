// The admin flow that prepares Keyward scenarios, through the public API only, as any
// operator would do it.
import { KEYWARD_BOOTSTRAP_CLIENT_ID } from './fixtures.mjs';
import { FORM, basicAuthorization, call, expectOk, formBody, HttpError } from './http.mjs';

export async function issueToken(baseUrl, clientId, secret) {
  const { json, text } = await expectOk(`token for ${clientId}`, baseUrl, {
    method: 'POST',
    path: '/oauth/token',
    headers: { authorization: basicAuthorization(clientId, secret), 'content-type': FORM },
    body: formBody({ grant_type: 'client_credentials' }),
  });
  if (typeof json?.access_token !== 'string') throw new Error(`token for ${clientId}: no access_token in ${text.slice(0, 200)}`);
  return json.access_token;
}

export const adminToken = (baseUrl, bootstrapSecret) => issueToken(baseUrl, KEYWARD_BOOTSTRAP_CLIENT_ID, bootstrapSecret);

export async function createClient(baseUrl, accessToken) {
  const { json, text } = await expectOk('POST /v1/apiClients', baseUrl, {
    method: 'POST',
    path: '/v1/apiClients',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ displayName: 'bench', permissions: ['read'] }),
  });
  if (!json?.clientId || !json?.clientSecret) {
    throw new Error(`POST /v1/apiClients: expected clientId and clientSecret, got ${text.slice(0, 200)}`);
  }
  return json;
}

export function clientResource(client) {
  return typeof client.name === 'string' && client.name.startsWith('apiClients/')
    ? client.name
    : `apiClients/${client.clientId}`;
}

/**
 * Registers a public key for private_key_jwt. Answers `supported: false` when the build does
 * not offer it (every shape answered 4xx), so that the scenario is reported as skipped rather
 * than failed. The nested shape is the one the bench was specified with; the flat one is what
 * the service's credential module accepts; the first that succeeds wins.
 */
export async function registerPublicKey(baseUrl, accessToken, client, jwk) {
  const path = `/v1/${clientResource(client)}/credentials`;
  const shapes = [
    { type: 'PUBLIC_KEY', publicKey: { jwk } },
    { type: 'PUBLIC_KEY', jwk },
  ];
  const refusals = [];
  for (const shape of shapes) {
    const answer = await call(baseUrl, {
      method: 'POST',
      path,
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(shape),
    });
    if (answer.status >= 200 && answer.status <= 299) return { supported: true };
    if (answer.status < 400 || answer.status > 499) throw new HttpError(`POST ${path}`, answer.status, answer.text);
    refusals.push(`HTTP ${answer.status} ${answer.text.slice(0, 160)}`);
  }
  return { supported: false, text: refusals.join(' / ') };
}

/**
 * Rotates the client's secret at once (overlap 0s) into one that carries `allowedCidrs` (none
 * when empty), so that the client holds exactly one live secret either way.
 */
export async function rotateSecret(baseUrl, accessToken, client, allowedCidrs = []) {
  const { json, text } = await expectOk(`POST ${clientResource(client)}:rotateSecret`, baseUrl, {
    method: 'POST',
    path: `/v1/${clientResource(client)}:rotateSecret`,
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ overlap: '0s', allowedCidrs }),
  });
  if (typeof json?.secret !== 'string') throw new Error(`:rotateSecret: expected a secret, got ${text.slice(0, 200)}`);
  return { ...client, clientSecret: json.secret };
}
