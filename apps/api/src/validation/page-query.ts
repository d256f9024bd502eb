import { invalidParam, unstorableTextPaths } from '@casusregie/http';
import { PatternField, WholeNumberQueryField } from './fields';

/** The page size of every list unless `limit` says otherwise, and the most a page holds. */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;

/**
 * The paging parameters of every list (keyset pagination: a page starts after the last item of the previous one, so
 * nothing is lost or shown twice when items are added meanwhile). `after` is the `next` of the previous page: an
 * opaque cursor; anything else is a 400.
 */
export class PageQuery {
  @WholeNumberQueryField(1, MAX_PAGE_SIZE, { optional: true, description: `Page size, 1 to ${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}.`, example: 50 })
  limit?: number;

  @PatternField(/^[A-Za-z0-9_-]{1,2000}$/, 2000, 'must be the cursor of a previous page', {
    optional: true,
    description: 'The `next` of the previous page; absent for the first page.',
  })
  after?: string;
}

/** An opaque cursor for `next`: the sort key of a page's last item. */
export function encodeCursor(position: object): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/**
 * The position in a cursor from `after`, when `isPosition` accepts it: its values go into SQL as typed parameters,
 * so a cursor that is not one of ours (forged, cut short, from another list) is a 400, never a 500.
 */
export function decodeCursor<T>(cursor: string, isPosition: (value: Record<string, unknown>) => value is Record<string, unknown> & T): T {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    // Text PostgreSQL cannot hold (U+0000, a lone surrogate) would reach the query inside the base64: refused here,
    // as the storable-text middleware refuses it in plain parameters.
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && unstorableTextPaths(parsed).length === 0 && isPosition(parsed as Record<string, unknown>)) {
      return parsed as T;
    }
  } catch {
    // Falls through to the 400 below.
  }
  throw invalidParam('after', 'must be the cursor of a previous page');
}

/** The page and its `next`: one row more than the page was asked for, to know whether another page follows. */
export function pageOf<T, P>(rows: readonly T[], limit: number, positionOf: (last: T) => P): { page: T[]; next: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { page, next: rows.length > limit && last !== undefined ? encodeCursor(positionOf(last) as object) : null };
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
