import { invalidArgument, type FieldViolation } from './errors.js';
import { isValidPermission } from './permissions.js';

/** Human-facing text: no control characters and no HTML tags (they end up in consoles and UIs). */
const CONTROL = /[\u0000-\u001f\u007f]/;
const HTML_TAG = /<\/?[a-zA-Z][^>]*>/;

export function checkText(field: string, value: string, max: number, violations: FieldViolation[], required = false) {
  if (required && value.trim() === '') violations.push({ field, description: 'must not be empty' });
  if (value.length > max) violations.push({ field, description: `must be at most ${max} characters` });
  if (CONTROL.test(value)) violations.push({ field, description: 'must not contain control characters' });
  if (HTML_TAG.test(value)) violations.push({ field, description: 'must not contain HTML tags' });
}

const LABEL_KEY = /^[a-z][a-z0-9_.-]{0,62}$/;

export function checkLabels(field: string, labels: Record<string, string>, violations: FieldViolation[]) {
  const entries = Object.entries(labels);
  if (entries.length > 64) violations.push({ field, description: 'at most 64 labels' });
  for (const [key, value] of entries) {
    if (!LABEL_KEY.test(key)) violations.push({ field: `${field}.${key}`, description: 'label keys are lowercase letters, digits, _ . -, starting with a letter' });
    if (typeof value !== 'string' || value.length > 256) violations.push({ field: `${field}.${key}`, description: 'label values are strings of at most 256 characters' });
  }
}

export function checkPermissions(field: string, permissions: string[], violations: FieldViolation[]) {
  if (permissions.length > 200) violations.push({ field, description: 'at most 200 permissions' });
  for (const p of permissions) {
    if (!isValidPermission(p)) {
      violations.push({ field, description: `"${p.slice(0, 40)}" is not a valid permission: use printable ASCII without spaces, quotes or backslashes` });
    }
  }
}

export function checkAudiences(field: string, audiences: string[], violations: FieldViolation[]) {
  if (audiences.length > 50) violations.push({ field, description: 'at most 50 audiences' });
  for (const a of audiences) {
    if (a.length === 0 || a.length > 500 || CONTROL.test(a) || a.includes(' ')) {
      violations.push({ field, description: `"${a.slice(0, 40)}" is not a valid audience: a URI or name without spaces` });
    }
  }
}

const PROVIDER_NAME = /^providers\/[A-Za-z0-9_-]{1,100}$/;

/** RFC 8693 delegation policy of a client: the one rule for its shape, wherever it is set from. */
export function checkDelegation(field: string, policy: { providers: string[]; subjects: string[]; maxScope: string[] }, violations: FieldViolation[]) {
  if (policy.providers.length > 50) violations.push({ field: `${field}.providers`, description: 'at most 50 providers' });
  for (const p of policy.providers) {
    if (!PROVIDER_NAME.test(p)) violations.push({ field: `${field}.providers`, description: `"${p.slice(0, 40)}" is not a provider name: use providers/{id}` });
  }
  if (policy.subjects.length > 100) violations.push({ field: `${field}.subjects`, description: 'at most 100 subjects' });
  for (const s of policy.subjects) {
    if (s.length === 0 || s.length > 255 || CONTROL.test(s)) violations.push({ field: `${field}.subjects`, description: `"${s.slice(0, 40)}" is not a subject: 1 to 255 characters, no control characters` });
  }
  checkPermissions(`${field}.maxScope`, policy.maxScope, violations);
}

export function throwIfViolations(violations: FieldViolation[], message = 'The request has invalid fields.') {
  if (violations.length > 0) {
    const first = violations[0];
    throw invalidArgument(violations.length === 1 ? `${first.field} ${first.description}.` : message, violations);
  }
}
