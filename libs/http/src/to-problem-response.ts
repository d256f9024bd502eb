import { HttpException } from '@nestjs/common';
import { AppendTooLargeError } from '@casusregie/event-store';
import { isTransientDatabaseError } from '@casusregie/sql';
import { defaultDetail, httpStatusProblem, statusTitle } from './http-status-problem';
import { ProblemDetails } from './problem-details';
import { ProblemHttpException } from './problem-http.exception';

export interface ProblemResponse {
  problem: ProblemDetails;
  headers: Record<string, string>;
  /** True for errors no code meant to throw: they answer 500 and must be logged. */
  unexpected: boolean;
  /**
   * True when a store could not do the work just now (its connection was lost, it is shutting down or out of
   * connections, a deadlock): 503 with Retry-After, worth a warning in the log rather than an incident.
   */
  unavailable?: boolean;
}

/** The stable code of the 503 answered when the database could not do the work just now. */
export const DATABASE_UNAVAILABLE = 'database-unavailable';

/**
 * Seconds a client should wait before trying again after a {@link DATABASE_UNAVAILABLE}: a lost connection is replaced
 * at once, a restarting server takes a few seconds.
 */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

const DATABASE_UNAVAILABLE_DETAIL =
  'The database could not do this just now; try again in a few seconds. Send a command again with the same Idempotency-Key, so that it is done at most once.';

/**
 * Nest's router puts the method and the raw path in its messages ("Cannot GET /api/v1/…"). A path may hold an
 * identifier a client should not have sent there, so these messages are replaced by the generic text.
 */
const FRAMEWORK_MESSAGES = [/^Cannot [A-Z]+ /, /^Failed to decode param/];

/** Decides the problem+json answer for anything thrown while handling a request. */
export function toProblemResponse(exception: unknown): ProblemResponse {
  if (exception instanceof ProblemHttpException) {
    return { problem: exception.problem, headers: { ...exception.headers }, unexpected: false };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return { problem: httpStatusProblem(status, detailOf(exception, status)), headers: {}, unexpected: false };
  }
  if (exception instanceof AppendTooLargeError) {
    // Within the body limit, but larger once recorded (sealed personal data grows): the request, not the server, is at fault.
    return {
      problem: { ...httpStatusProblem(413, 'What this request would record is larger than the event store takes in one go; send less at a time.'), code: 'append-too-large' },
      headers: {},
      unexpected: false,
    };
  }
  if (isTransientDatabaseError(exception)) {
    return {
      problem: {
        ...httpStatusProblem(503, DATABASE_UNAVAILABLE_DETAIL),
        code: DATABASE_UNAVAILABLE,
      },
      headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
      unexpected: false,
      unavailable: true,
    };
  }
  const exposedStatus = exposedClientErrorStatus(exception);
  if (exposedStatus !== undefined) {
    return { problem: httpStatusProblem(exposedStatus), headers: {}, unexpected: false };
  }
  return { problem: httpStatusProblem(500), headers: {}, unexpected: true };
}

function detailOf(exception: HttpException, status: number): string {
  // A server error's message is about our internals, not about the request.
  if (status >= 500) return defaultDetail(status);
  const response = exception.getResponse();
  const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  const text = Array.isArray(message) ? message.filter((m) => typeof m === 'string').join('; ') : message;
  if (typeof text !== 'string' || text.trim() === '' || text === statusTitle(status)) return defaultDetail(status);
  if (FRAMEWORK_MESSAGES.some((pattern) => pattern.test(text))) return defaultDetail(status);
  return text;
}

/**
 * Express middleware reports client errors as `http-errors` objects (`status` 4xx, `expose: true`). Their status is
 * right; their message is replaced, since it may quote the request.
 */
function exposedClientErrorStatus(exception: unknown): number | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { status, statusCode, expose } = exception as { status?: unknown; statusCode?: unknown; expose?: unknown };
  const candidate = typeof status === 'number' ? status : statusCode;
  if (expose !== true || typeof candidate !== 'number') return undefined;
  return candidate >= 400 && candidate < 500 ? candidate : undefined;
}
