/**
 * RFC 7396 JSON merge-patch on a flat string map: a null value deletes the key, any other value
 * replaces it. Workspace settings are flat, so the shallow form is the whole algorithm.
 */
export function mergeFlat(
  target: Readonly<Record<string, string>>,
  patch: Readonly<Record<string, string | null>>,
): Record<string, string> {
  const result: Record<string, string> = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = value;
  }
  return result;
}
