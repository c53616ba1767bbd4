import type { FastifyRequest } from 'fastify';
import { invalidArgument } from '../domain/errors.js';
import type { FieldViolation } from '../domain/errors.js';

/**
 * The one rule for text that reaches Keyward, applied to every route (/v1, the dialects, the
 * OAuth endpoints) before its schema and handler see the request:
 *
 * - no string anywhere (body, query, path; keys and values) may hold a NUL character or text that
 *   is not well-formed UTF-16 (a lone surrogate): PostgreSQL cannot store the one, and the other
 *   turns into U+FFFD or an error depending on the engine and the client, so the stored value
 *   would differ from the one written;
 * - identifiers (path parameters, object keys such as label and setting keys, and fields that
 *   name or identify something: name, displayName, id, *Id, …) may not hold any control
 *   character, C0 (U+0000–U+001F) or C1 (U+007F–U+009F): they are matched, logged and shown in
 *   consoles, where an invisible character makes two names look alike;
 * - free text (descriptions, setting values) may keep tab and newline at this level; a field's
 *   own rules may still refuse them.
 *
 * Nothing is normalised: text is stored as sent or refused with the field named.
 */

// Fast path: a string without any of these needs no closer look.
const SUSPECT = /[\u0000-\u001f\u007f-\u009f\ud800-\udfff]/;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Property names whose value names or identifies something (camelCase and snake_case). */
const IDENTIFIER_FIELD =
  /^(name|display_?[nN]ame|id|identifier|slug|type|subject|issuer|audiences?|workspace|provider|roles|permissions|scopes?|grant_?[tT]ype|auth_?[mM]ethod_?[tT]ype)$|(Id|_id|Ids|_ids)$/;

type Where = 'body' | 'query' | 'path';

const WHERE_WORD: Record<Where, string> = { body: 'Body', query: 'Query', path: 'Path' };

/** The character as U+XXXX, and text with every suspect character shown as \uXXXX, so a message stays printable. */
const codePoint = (char: string) => `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
const printable = (text: string) =>
  text.slice(0, 60).replace(/[\u0000-\u001f\u007f-\u009f\ud800-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) + (text.length > 60 ? '…' : '');
const pointerToken = (segment: string | number) => printable(String(segment)).replace(/~/g, '~0').replace(/\//g, '~1');

function loneSurrogate(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return text[i];
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return text[i];
  }
  return undefined;
}

/** What is wrong with `text` and how to fix it, or undefined when it may be stored. */
export function textProblem(text: string, identifier: boolean): string | undefined {
  if (!SUSPECT.test(text)) return undefined;
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000), which Keyward never stores; remove it';
  // String.prototype.isWellFormed, written out: the compiler's lib predates it, and the answer names the surrogate.
  const lone = loneSurrogate(text);
  if (lone) return `is not well-formed Unicode: it holds a lone surrogate (${codePoint(lone)}); send UTF-16 surrogates only in pairs, or the text as UTF-8`;
  if (identifier) {
    const control = CONTROL.exec(text);
    if (control) return `contains the control character ${codePoint(control[0])}; names, ids and keys take printable characters only: remove it`;
  }
  return undefined;
}

interface Pending {
  value: unknown;
  path: (string | number)[];
  /** The property the value sits under (for an array element, the array's): decides whether it is an identifier. */
  field: string | undefined;
}

/** The first violation in a parsed request part; walked without recursion, since bodies may nest deeply. */
function firstViolation(where: Where, root: unknown): { pointer: string; dotted: string; problem: string; key: boolean } | undefined {
  const stack: Pending[] = [{ value: root, path: [], field: undefined }];
  while (stack.length > 0) {
    const { value, path, field } = stack.pop()!;
    const located = (problem: string, at = path, key = false) => ({
      pointer: at.map((s) => `/${pointerToken(s)}`).join(''),
      dotted: [where, ...at.map((s) => printable(String(s)))].join('.'),
      problem,
      key,
    });
    if (typeof value === 'string') {
      const identifier = where === 'path' || (field !== undefined && IDENTIFIER_FIELD.test(field));
      const problem = textProblem(value, identifier);
      if (problem) return located(problem);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i], field });
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        const problem = textProblem(key, true);
        if (problem) return located(problem, [...path, key], true);
        stack.push({ value: child, path: [...path, key], field: key });
      }
    }
  }
  return undefined;
}

/** Throws the 400 for the first string in the request that breaks the rule above. */
export function checkRequestText(request: FastifyRequest) {
  const parts: [Where, unknown][] = [
    ['path', request.params],
    ['query', request.query],
    ['body', request.body],
  ];
  for (const [where, value] of parts) {
    if (value === undefined || value === null) continue;
    const found = firstViolation(where, value);
    if (!found) continue;
    const violation: FieldViolation = { field: found.dotted, description: found.key ? `is a key that ${found.problem}` : found.problem };
    const what = `${WHERE_WORD[where]} ${found.key ? 'key' : where === 'body' ? 'field' : 'parameter'} ${found.pointer || '/'}`;
    throw invalidArgument(`${what} ${found.problem}.`, [violation]);
  }
}

/**
 * A request that left out a body its operation takes: when every field is optional the body may
 * be left out and means {}; otherwise the answer names the fields it needs, in every dialect,
 * rather than Ajv's "body must be object".
 */
export function supplyOmittedBody(request: FastifyRequest) {
  if (request.body !== undefined && request.body !== null) return;
  const schema = request.routeOptions.schema?.body as { type?: unknown; required?: unknown } | undefined;
  if (!schema || schema.type !== 'object') return;
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  if (required.length === 0) {
    if (request.body === undefined) request.body = {};
    return;
  }
  throw invalidArgument(
    `The request body is missing: send a JSON object with ${required.length === 1 ? 'the required field' : 'the required fields'} ${required.join(', ')}.`,
    required.map((field) => ({ field: `body.${field}`, description: 'is required' })),
  );
}

/**
 * A /v1 operation without a body schema (a DELETE, `:disable`) takes no fields: one sent anyway
 * would be dropped while the call succeeds, so it is refused as an unknown field would be.
 * The dialects' vendors' clients send fields Keyward has no use for; their operations stay open.
 */
export function refuseUnexpectedBody(request: FastifyRequest) {
  if (request.routeOptions.schema?.body !== undefined || !request.routeOptions.url?.startsWith('/v1/')) return;
  const body = request.body;
  if (body === undefined || body === null) return;
  const fields = typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : undefined;
  if (fields?.length === 0) return;
  const first = fields?.[0]?.slice(0, 100);
  throw invalidArgument(
    first === undefined
      ? 'This operation takes no request body; send none, or {}.'
      : `body.${first} is not a field of this request: this operation takes no body fields; send none, or {}.`,
    [{ field: first === undefined ? 'body' : `body.${first}`, description: 'this operation takes no body fields' }],
  );
}
