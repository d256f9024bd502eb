import { ValidationError } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';

export const NOT_NULL = 'isNotNull';
const REASON = 'must not be null; leave the field out instead';

/**
 * The API's rule for `null`: a field is null only where its OpenAPI schema says `nullable: true`, and there null has
 * the meaning the field documents (PATCH /providers/{agbCode}: `webhookUrl: null` removes the webhook). Anywhere else
 * null is refused with 400, as any other value of the wrong type — never read as "absent", which would make one
 * request mean two things. class-validator's `@IsOptional()` lets null through to the handler, so this is checked
 * on the validated request itself, over the properties its class declares.
 *
 * Returns `errors` with a `isNotNull` error added for every such null that has no error of its own yet.
 */
export function withRefusedNulls(errors: ValidationError[], request: unknown): ValidationError[] {
  return merge(errors, refusedNulls(request));
}

/** The nulls in a request object (an instance of a request class) and the request objects nested in it. */
export function refusedNulls(request: unknown): ValidationError[] {
  if (!isRequestObject(request)) return [];
  const errors: ValidationError[] = [];
  for (const [property, value] of Object.entries(request)) {
    if (value === null) {
      if (!isNullable(request, property)) errors.push({ property, constraints: { [NOT_NULL]: REASON }, children: [] });
    } else if (Array.isArray(value)) {
      const children = value.flatMap((item, index) => nested(String(index), refusedNulls(item)));
      errors.push(...nested(property, children));
    } else {
      errors.push(...nested(property, refusedNulls(value)));
    }
  }
  return errors;
}

function isNullable(request: object, property: string): boolean {
  const documented = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, Object.getPrototypeOf(request), property) as { nullable?: boolean } | undefined;
  return documented?.nullable === true;
}

/** An instance of a request class, as class-transformer makes them; plain objects declare nothing to check against. */
function isRequestObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype;
}

function nested(property: string, children: ValidationError[]): ValidationError[] {
  return children.length === 0 ? [] : [{ property, children }];
}

/** class-validator's errors first; an added error only where that property has none, nested ones merged. */
function merge(errors: ValidationError[], added: ValidationError[]): ValidationError[] {
  const result = [...errors];
  for (const error of added) {
    const index = result.findIndex((existing) => existing.property === error.property);
    if (index === -1) {
      result.push(error);
    } else if (error.children?.length && !result[index].constraints) {
      result[index] = { ...result[index], children: merge(result[index].children ?? [], error.children) };
    }
  }
  return result;
}
