import { STATUS_CODES } from 'node:http';
import { BLANK_PROBLEM_TYPE, ProblemDetails } from './problem-details';

/** Default texts: what a client can do about each status, without repeating anything from the request. */
const DEFAULT_DETAILS: Readonly<Record<number, string>> = {
  400: 'The request is not valid.',
  401: 'This request needs a valid bearer access token.',
  403: 'You are not allowed to do this.',
  404: 'There is no resource at this address.',
  405: 'This method is not allowed on this resource.',
  406: 'The requested representation is not available.',
  409: 'The request conflicts with the current state of the resource.',
  412: 'The resource has changed since you read it.',
  413: 'The request body is too large.',
  415: 'The request body has an unsupported media type.',
  429: 'Too many requests; try again later.',
  500: 'An unexpected error occurred. It has been logged; please try again later.',
  502: 'A service this API depends on answered badly.',
  503: 'The service is temporarily unavailable; try again later.',
  504: 'A service this API depends on did not answer in time.',
};

/** The standard title of an HTTP status, e.g. "Not Found". */
export function statusTitle(status: number): string {
  return STATUS_CODES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}

/** A kebab-case code derived from the status title, e.g. 404 → `not-found`, so that every problem has a `code`. */
export function statusCode(status: number): string {
  return statusTitle(status)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function defaultDetail(status: number): string {
  return DEFAULT_DETAILS[status] ?? `${statusTitle(status)}.`;
}

/** A problem that says no more than its HTTP status. */
export function httpStatusProblem(status: number, detail = defaultDetail(status)): ProblemDetails {
  return { type: BLANK_PROBLEM_TYPE, title: statusTitle(status), status, detail, code: statusCode(status) };
}
