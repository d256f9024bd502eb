import { createHash } from 'node:crypto';
import stringify from 'safe-stable-stringify';
import { Principal } from '@casusregie/auth';

/**
 * The scope an Idempotency-Key belongs to: the whole principal (sub, municipality, team, organisation and roles) and
 * the route. Another principal — another municipality's token with the same `sub`, the same user in another team or
 * with other roles — never meets a key of this one: the same key is a new request there. The principal is kept as a
 * SHA-256 of its claims, so the table names no user, and the path as it was requested (ids only).
 */
export function idempotencyScope(principal: Principal | undefined, method: string, path: string): string {
  return `${principalDigest(principal)} ${method} ${path}`;
}

function principalDigest(principal: Principal | undefined): string {
  if (principal === undefined) return 'anonymous';
  const claims = {
    sub: principal.sub,
    municipality: principal.municipality,
    team: principal.team ?? null,
    org: principal.org ?? null,
    roles: [...principal.roles].sort(),
  };
  return `p1:${createHash('sha256').update(stringify(claims) ?? '').digest('hex')}`;
}
