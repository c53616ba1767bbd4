import type { KeywardError, ResourceKind } from '../domain/errors.js';

/** How a vendor's API names Keyward's resources, and the fields that identify them. */
export interface VendorWords {
  nouns: Partial<Record<ResourceKind, string>>;
  /** A field's name in the vendor's API, where it differs (`clientId` is Keycard's `identifier`). */
  fields?: Record<string, string>;
  /** Fields the vendor's API lets a caller leave out, to have one generated. */
  generated?: string[];
}

/**
 * The message of a not-found or conflict error in the vendor's words, from the resource the
 * error is about (domain/errors.ts `ResourceRef`): a Zitadel client reads "Project p1 was not
 * found.", never Keyward's "Workspace workspaces/p1"; one that lives in another workspace than the
 * path named reads "App a1 in project p1 was not found.". Other errors keep Keyward's message.
 */
export function vendorMessage(error: KeywardError, words: VendorWords): string {
  const ref = error.resource;
  if (!ref) return error.message;
  if (error.code === 'already_exists' && ref.field) {
    const hint = words.generated?.includes(ref.field) ? ' or leave it out to have one generated' : '';
    return `The ${words.fields?.[ref.field] ?? ref.field} "${ref.id}" is taken; choose another${hint}.`;
  }
  const noun = words.nouns[ref.kind];
  if (!noun) return error.message;
  const scope = error.reason === 'outside_workspace' && ref.parent ? words.nouns[ref.parent.kind] : undefined;
  if (scope) return `${noun} ${ref.id} in ${scope.toLowerCase()} ${ref.parent!.id} was not found.`;
  if (error.code === 'not_found') return `${noun} ${ref.id} was not found.`;
  if (error.code === 'already_exists') return `${noun} ${ref.id} already exists.`;
  return error.message;
}
