import { invalidParam } from '@casusregie/http';

/**
 * Whole numbers in a query string (`?limit=50`, `?after=1234`): digits only — no sign, exponent, fraction, hex or
 * spaces — from `min` to `max`. `max` is at most Number.MAX_SAFE_INTEGER, so the number is exact and fits a bigint
 * column (`after=99999999999999999999` reached PostgreSQL as 1e20 and failed there with 22003).
 */
export function parseWholeNumber(raw: unknown, min: number, max: number): number | undefined {
  if (typeof raw !== 'string' || !/^\d{1,16}$/.test(raw)) return undefined;
  const value = Number(raw);
  return value >= min && value <= max ? value : undefined;
}

export function wholeNumberReason(min: number, max: number): string {
  return `must be a whole number from ${min} to ${max}`;
}

/** A numeric query parameter read by name (`@Query('limit')`): `fallback` when absent, else 400 unless in range. */
export function wholeNumberParam(name: string, raw: unknown, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = parseWholeNumber(raw, min, max);
  if (value === undefined) throw invalidParam(name, wholeNumberReason(min, max));
  return value;
}
