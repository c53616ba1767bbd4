import { invalidArgument, type FieldViolation } from './errors.js';
import { checkLabels, throwIfViolations } from './validation.js';

/** AIP-161: `labels.{key}` in an update mask names one label. */
export const LABEL_PATH = 'labels.';

/**
 * AIP-134, one rule for every resource's PATCH: the fields it changes. With a mask, exactly the
 * fields named; without one, every updatable field the body carries. A name that cannot be
 * updated is refused with the list of those that can. Where a resource has labels,
 * `labels.{key}` names one label, and `labels` beside it is refused as ambiguous.
 */
export function fieldsToUpdate(mask: readonly string[], body: object, updatable: readonly string[], options: { labelKeys?: boolean } = {}): string[] {
  const isLabelKey = (field: string) => options.labelKeys === true && field.startsWith(LABEL_PATH);
  const unknown = mask.filter((field) => !isLabelKey(field) && !updatable.includes(field));
  if (unknown.length > 0) {
    throw invalidArgument(`updateMask names fields that cannot be updated: ${unknown.join(', ')}.`, [
      { field: 'updateMask', description: `updatable fields: ${updatable.join(', ')}${options.labelKeys ? ', or labels.{key} for one label' : ''}` },
    ]);
  }
  if (mask.some(isLabelKey) && mask.includes('labels')) {
    throw invalidArgument('updateMask names labels and labels.{key} together; name labels to replace them all, or labels.{key} for each one to change.', [
      { field: 'updateMask', description: 'use labels or labels.{key}, not both' },
    ]);
  }
  if (mask.length > 0) return [...mask];
  const given = body as Record<string, unknown>;
  return updatable.filter((field) => given[field] !== undefined);
}

/** The label keys a mask names one by one (`labels.{key}`). */
export const labelKeysOf = (fields: readonly string[]) => fields.filter((field) => field.startsWith(LABEL_PATH)).map((field) => field.slice(LABEL_PATH.length));

/**
 * The labels after a `labels.{key}` update: each named key takes the body's value, or goes when
 * the body has none. Applied to the stored labels inside the write's transaction, so that a
 * concurrent change to another label survives.
 */
export function withLabelKeys(current: Readonly<Record<string, string>>, given: Readonly<Record<string, string>> | undefined, keys: readonly string[]): Record<string, string> {
  const labels = { ...current };
  for (const key of keys) {
    if (given && Object.hasOwn(given, key)) labels[key] = given[key]!;
    else delete labels[key];
  }
  const violations: FieldViolation[] = [];
  checkLabels('labels', labels, violations);
  throwIfViolations(violations);
  return labels;
}
