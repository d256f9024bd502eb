/**
 * - `admin`: a municipality's functional administrator: its provider contracts and webhooks, its dead letters, the
 *   erasure of its inhabitants — their own municipality's, never another's;
 * - `operator`: runs the platform for every municipality (parked projection events): ids, types and error codes,
 *   never a municipality's data or settings.
 */
export const ROLES = ['consultant', 'supervisor', 'provider', 'auditor', 'admin', 'operator'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** A municipality's CBS code, e.g. GM0299 (Zevenaar). */
export const MUNICIPALITY_CODE_PATTERN = /^GM\d{4}$/;

/**
 * Who is calling, as the access token says. The field names are the token's claim names, so there is one
 * vocabulary from token to code.
 */
export interface Principal {
  /** The user's id at the identity provider: an opaque pseudonym, never a name or a BSN. */
  sub: string;
  /** At least one role. */
  roles: Role[];
  /** The organisation the user works for (e.g. a care provider's id). */
  org?: string;
  /** The sociaal team the user belongs to. */
  team?: string;
  /** CBS code of the municipality whose data the user works on. */
  municipality: string;
}
