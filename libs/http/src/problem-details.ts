/**
 * The error body of every response (RFC 9457, as profiled by the NL API Design Rules and the ZGW `Fout`):
 * `status`, `title` and `detail` for people, `type` and `code` for programs, `invalidParams` for validation errors.
 */
export interface ProblemDetails {
  /** A URI naming the kind of problem; `about:blank` when the HTTP status says it all. */
  type: string;
  /** Short summary of the kind of problem; the same for every occurrence of one `type`/`code`. */
  title: string;
  /** The HTTP status code, repeated for clients that only see the body. */
  status: number;
  /** What went wrong in this request, for a person. Never holds personal data or internals. */
  detail: string;
  /** Stable, machine-readable kebab-case name of the problem, e.g. `invalid` or `household-closed`. */
  code: string;
  /** Identifies this occurrence, e.g. `urn:uuid:…` for an unexpected error that was logged under that id. */
  instance?: string;
  /** Every input that failed validation (400 only). */
  invalidParams?: InvalidParam[];
  /** Extension members, such as the component report of a failed health check. */
  [extension: string]: unknown;
}

export interface InvalidParam {
  /** Path of the input, e.g. `members[0].birthDate`. */
  name: string;
  /** Which rule failed, e.g. `isDateString` or `whitelistValidation`. */
  code: string;
  reason: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The `type` of problems that carry no more meaning than their HTTP status (RFC 9457 §4.2.1). */
export const BLANK_PROBLEM_TYPE = 'about:blank';
