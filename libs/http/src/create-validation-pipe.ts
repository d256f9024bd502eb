import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidatorOptions } from 'class-validator';
import { toInvalidParams } from './invalid-params';
import { InvalidParam } from './problem-details';
import { ProblemHttpException } from './problem-http.exception';
import { withRefusedNulls } from './refused-nulls';

/** Nest's ValidationPipe, with the API's rule for null (refused-nulls.ts) checked with the rest. */
class RequestValidationPipe extends ValidationPipe {
  protected override async validate(request: object, validatorOptions?: ValidatorOptions): Promise<ValidationError[]> {
    return withRefusedNulls(await super.validate(request, validatorOptions), request);
  }
}

/**
 * The global pipe for request bodies, queries and parameters: unknown properties are errors, not silently dropped,
 * null only where a field is documented nullable, and all failures come back together as one 400 with
 * `invalidParams` (NL API Design Rules: 400, not 422).
 */
export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
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
