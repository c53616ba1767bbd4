/** JSON columns are text on both engines; these keep the (de)serialisation in one place. */
export const toJson = (value: unknown): string => JSON.stringify(value);
export function fromJson<T>(text: string | null, fallback: T): T {
  if (text === null || text === '') return fallback;
  return JSON.parse(text) as T;
}
