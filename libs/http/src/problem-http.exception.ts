import { HttpException } from '@nestjs/common';
import { defaultDetail, statusCode, statusTitle } from './http-status-problem';
import { BLANK_PROBLEM_TYPE, InvalidParam, ProblemDetails } from './problem-details';

export interface ProblemOptions {
  /** Defaults to the HTTP status title, e.g. "Conflict". */
  title?: string;
  /** Defaults to a generic text for the status. Must not contain personal data: it is shown and may be logged. */
  detail?: string;
  /** Stable kebab-case name clients can branch on, e.g. `household-closed`. Defaults to one derived from the status. */
  code?: string;
  /** Defaults to `about:blank`. */
  type?: string;
  invalidParams?: InvalidParam[];
  /** Extra members of the body; they cannot replace the standard ones. */
  extensions?: Record<string, unknown>;
  /** Response headers, e.g. `WWW-Authenticate` or `Retry-After`. */
  headers?: Record<string, string>;
}

/**
 * An HTTP error that becomes exactly this problem+json body. Domain code throws it for the problems clients must be
 * able to tell apart, e.g. `new ProblemHttpException(409, { code: 'household-closed', detail: '…' })`.
 */
export class ProblemHttpException extends HttpException {
  readonly problem: ProblemDetails;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, options: ProblemOptions = {}) {
    const problem: ProblemDetails = {
      ...options.extensions,
      type: options.type ?? BLANK_PROBLEM_TYPE,
      title: options.title ?? statusTitle(status),
      status,
      detail: options.detail ?? defaultDetail(status),
      code: options.code ?? statusCode(status),
      ...(options.invalidParams === undefined ? {} : { invalidParams: options.invalidParams }),
    };
    super(problem, status);
    // HttpException would name itself "Problem Http Exception"; the detail says more in a stack trace.
    this.message = problem.detail;
    this.problem = problem;
    this.headers = { ...options.headers };
  }
}
