import { ValidationError, ValidationPipe } from '@nestjs/common';
import { toInvalidParams } from './invalid-params';
import { InvalidParam } from './problem-details';
import { ProblemHttpException } from './problem-http.exception';

/**
 * The global pipe for request bodies, queries and parameters: unknown properties are errors, not silently dropped,
 * and all failures come back together as one 400 with `invalidParams` (NL API Design Rules: 400, not 422).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // One reason per property (the first rule it breaks), not every rule a missing value also fails.
    stopAtFirstError: true,
    // Keep the rejected values out of the error objects, so they cannot end up in a response or a log.
    validationError: { target: false, value: false },
    exceptionFactory: (errors: ValidationError[]) => invalidRequest(errors),
  });
}

export function invalidRequest(errors: readonly ValidationError[]): ProblemHttpException {
  return invalidParams(toInvalidParams(errors));
}

/** The same 400 for a rule a handler checks itself (one field against another, a cursor, a reference in the body). */
export function invalidParam(name: string, reason: string): ProblemHttpException {
  return invalidParams([{ name, code: 'invalid', reason }]);
}

/** A 400 `invalid` listing these parameters, as every validation error is answered. */
export function invalidParams(params: InvalidParam[]): ProblemHttpException {
  return new ProblemHttpException(400, {
    title: 'Invalid request',
    detail: 'One or more parameters are not valid; see invalidParams.',
    code: 'invalid',
    invalidParams: params,
  });
}
