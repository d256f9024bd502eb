import { BadRequestException } from '@nestjs/common';
import { invalidParams } from './create-validation-pipe';
import { ProblemHttpException } from './problem-http.exception';

/** What Nest's ParseUUIDPipe throws for a value that is no UUID (of the version it was given), or no string. */
/** A UUID of any version, as ParseUUIDPipe checks it. */
const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/i;

const PARSE_UUID_MESSAGES = [/^Validation failed \(uuid( v \d+)? is expected\)$/, /^The value passed as UUID is not a string$/];

/**
 * ParseUUIDPipe's 400 does not say which parameter it refused. The path ids of this API are UUIDs, so when that pipe
 * refuses one, this names every path parameter of the request that is no UUID, as the validation pipe names a field:
 * a 400 `invalid` with one `invalidParams` entry per parameter, and never the value itself. Anything else: undefined.
 */
export function malformedPathIds(exception: unknown, params: Record<string, unknown> | undefined): ProblemHttpException | undefined {
  if (!(exception instanceof BadRequestException) || params === undefined) return undefined;
  if (!PARSE_UUID_MESSAGES.some((pattern) => pattern.test(exception.message))) return undefined;
  const names = Object.entries(params)
    .filter(([, value]) => typeof value !== 'string' || !UUID.test(value))
    .map(([name]) => name);
  if (names.length === 0) return undefined;
  return invalidParams(names.map((name) => ({ name, code: 'isUuid', reason: `${name} must be a UUID` })));
}
