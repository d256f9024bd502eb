import { IncomingMessage, ServerResponse } from 'node:http';
import { invalidParams } from './create-validation-pipe';
import { joinPath } from './invalid-params';

/**
 * U+0000, and a surrogate (U+D800–U+DFFF) that is not half of a pair: PostgreSQL stores neither in `text` or `jsonb`
 * (22021, 22P02, 22P05), and no person types them.
 */
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const STORABLE_TEXT = 'isStorableText';
const REASON = 'must not contain U+0000 or an unpaired surrogate (U+D800 to U+DFFF)';

/**
 * Where in a parsed body or query a string holds text PostgreSQL cannot store, as invalidParams names fields
 * (`members[0].givenName`); a property name counts too. Iterative, like the depth check, so any value is safe to walk.
 */
export function unstorableTextPaths(value: unknown): string[] {
  const found: string[] = [];
  const stack: { value: unknown; path: string; badKey?: boolean }[] = [{ value, path: '' }];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.badKey || (typeof current.value === 'string' && UNSTORABLE.test(current.value))) {
      found.push(current.path);
    } else if (typeof current.value === 'object' && current.value !== null) {
      // Pushed last to first, so that they come out in the order of the document.
      for (const [key, child] of Object.entries(current.value).reverse()) {
        stack.push({ value: child, path: joinPath(current.path, key), badKey: UNSTORABLE.test(key) });
      }
    }
  }
  return found;
}

/**
 * Express middleware, registered after the JSON body parser and the depth check and before anything reads the body:
 * a string PostgreSQL cannot store, in the body or the query, is a 400 `invalid` naming each field (never the value),
 * for every route at once. Without it such a string passes validation wherever a field takes free text, and fails
 * in the database as a 500 — or, where it is sealed first, is silently stored as U+FFFD.
 */
export function storableTextMiddleware() {
  return (request: IncomingMessage & { body?: unknown; query?: unknown }, _response: ServerResponse, next: (error?: unknown) => void): void => {
    const paths = [...unstorableTextPaths(request.query), ...unstorableTextPaths(request.body)];
    if (paths.length === 0) return next();
    next(invalidParams([...new Set(paths)].map((name) => ({ name: name || 'body', code: STORABLE_TEXT, reason: REASON }))));
  };
}
