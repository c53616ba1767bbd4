/** "a, b c\nd" → ["a", "b", "c", "d"]: list fields are typed as words separated by commas, spaces or lines. */
export const words = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((w) => w.trim())
    .filter(Boolean);

/** Lines of `key=value` into labels; a line without "=" is an error the form reports, naming the field (`what`). */
export function parseLabels(text: string, what = 'Labels'): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [i, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    const at = line.indexOf('=');
    if (at <= 0) throw new Error(`${what}, line ${i + 1}: write key=value (found "${line.trim().slice(0, 60)}").`);
    labels[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return labels;
}

export const labelsText = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');

export type ClaimValues = Record<string, string | string[]>;

/** `claim=value` lines; several accepted values separated by commas become a list. */
export const claimsFrom = (text: string, what = 'Claim conditions'): ClaimValues =>
  Object.fromEntries(
    Object.entries(parseLabels(text, what)).map(([claim, value]) => {
      const values = value.split(',').map((v) => v.trim());
      return [claim, values.length > 1 ? values : value];
    }),
  );

export const claimsText = (claims: ClaimValues | undefined, separator = '\n') =>
  Object.entries(claims ?? {})
    .map(([claim, value]) => `${claim}=${Array.isArray(value) ? value.join(', ') : value}`)
    .join(separator);
