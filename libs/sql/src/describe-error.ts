/**
 * What may be said about an error in a log line, a job record, a health report or a CLI's last line: its class and
 * its code (a SQLSTATE such as 22008, a Node code such as ECONNRESET), never its message. Drivers quote values in
 * their messages (PostgreSQL's "date/time field value out of range: \"0000-01-01\"", a duplicate key's value), and
 * those values can be a birth date, a name or a BSN.
 */
export interface ErrorDescription {
  errorClass: string;
  code: string | undefined;
}

export function errorDescriptionOf(error: unknown): ErrorDescription {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return { errorClass: errorClassOf(error), code: typeof code === 'string' && code.length > 0 ? code : undefined };
}

/** `DatabaseError 22008`, `TypeError`, `Error ECONNRESET`: one data-free phrase for a log line. */
export function describeError(error: unknown): string {
  const { errorClass, code } = errorDescriptionOf(error);
  return code === undefined ? errorClass : `${errorClass} ${code}`;
}

function errorClassOf(error: unknown): string {
  if (!(error instanceof Error)) return error === null ? 'null' : typeof error;
  // pg's DatabaseError calls itself "error"; the constructor's name says more.
  const name = error.name !== 'Error' && error.name !== 'error' ? error.name : error.constructor.name;
  return /^[A-Za-z][\w.]{0,63}$/.test(name) ? name : 'Error';
}

// Connection exception (08), operator intervention (57: admin or crash shutdown, cannot connect now), insufficient
// resources (53: too many connections, out of memory or disk), system error (58), and the transaction rollbacks
// (40: serialization failure, deadlock) that succeed when tried again.
const TRANSIENT_SQLSTATE_CLASSES = new Set(['08', '40', '53', '57', '58']);
const TRANSIENT_NODE_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH',
]);
// The event store port's EventStoreUnavailableError (EventStoreDB unreachable, not the leader, past its deadline).
const TRANSIENT_STORE_CODES = new Set(['EVENT_STORE_UNAVAILABLE']);
// pg reports a connection that died under it without a code; only these messages are read, and never repeated.
const TRANSIENT_MESSAGES = [
  /^Connection terminated/,
  /^Client has encountered a connection error/,
  /^timeout exceeded when trying to connect/,
  /^Client was closed and is not queryable/,
  /^Cannot use a pool after calling end/,
  /^Connection is closed/, // ioredis
];

/**
 * Whether the error says the database could not do the work *now* (its connection went, it is shutting down or out
 * of connections, a deadlock or serialization failure) rather than that the statement itself is wrong. The first kind
 * is tried again later, and an API answers it with 503 and Retry-After; the second is about the data, and trying again
 * gives the same answer.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  const { code } = errorDescriptionOf(error);
  if (code !== undefined) {
    // Node's codes first: EPIPE has the shape of a SQLSTATE.
    if (TRANSIENT_NODE_CODES.has(code) || TRANSIENT_STORE_CODES.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code)) return TRANSIENT_SQLSTATE_CLASSES.has(code.slice(0, 2));
  }
  const message = error instanceof Error ? error.message : '';
  return TRANSIENT_MESSAGES.some((pattern) => pattern.test(message));
}

/**
 * Whether the server rolled the transaction back to settle a conflict with another one (SQLSTATE class 40: a deadlock,
 * a serialization failure): doing the same transaction again is the remedy, at once.
 */
export function isRolledBackForConflict(error: unknown): boolean {
  return errorDescriptionOf(error).code?.startsWith('40') ?? false;
}

/**
 * An error to throw where the thrower's message would be stored or shown, e.g. as a failed job's reason in Redis:
 * it says what failed and the cause's class and code, keeps the cause's code for callers that classify it, and holds
 * no reference to the cause (whose message and stack may quote values).
 */
export class DataFreeError extends Error {
  override readonly name = 'DataFreeError';
  readonly code: string | undefined;

  constructor(what: string, cause: unknown) {
    super(`${what}: ${describeError(cause)}`);
    this.code = errorDescriptionOf(cause).code;
  }
}
