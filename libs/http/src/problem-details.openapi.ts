import { applyDecorators } from '@nestjs/common';
import { ApiResponse, OpenAPIObject, SchemaObject } from '@nestjs/swagger';
import { defaultDetail } from './http-status-problem';
import { PROBLEM_CONTENT_TYPE } from './problem-details';

export const PROBLEM_DETAILS_SCHEMA_REF = '#/components/schemas/ProblemDetails';

/** The OpenAPI components for {@link ProblemDetails} and {@link InvalidParam}. */
export const PROBLEM_DETAILS_SCHEMAS: Record<string, SchemaObject> = {
  ProblemDetails: {
    type: 'object',
    description: 'An error (RFC 9457). Every 4xx and 5xx response has this body, as application/problem+json.',
    required: ['type', 'title', 'status', 'detail', 'code'],
    properties: {
      type: { type: 'string', format: 'uri-reference', example: 'about:blank' },
      title: { type: 'string', example: 'Invalid request' },
      status: { type: 'integer', format: 'int32', minimum: 400, maximum: 599, example: 400 },
      detail: { type: 'string', example: 'One or more parameters are not valid; see invalidParams.' },
      code: { type: 'string', description: 'Stable kebab-case name of the problem.', example: 'invalid' },
      instance: { type: 'string', format: 'uri-reference', description: 'Id of this occurrence (set on 500s).' },
      invalidParams: { type: 'array', items: { $ref: '#/components/schemas/InvalidParam' } },
    },
  },
  InvalidParam: {
    type: 'object',
    required: ['name', 'code', 'reason'],
    properties: {
      name: { type: 'string', example: 'members[0].birthDate' },
      code: { type: 'string', example: 'isDateString' },
      reason: { type: 'string', example: 'birthDate must be a valid ISO 8601 date string' },
    },
  },
};

/** Adds the problem schemas to a generated document. */
export function withProblemDetailsSchemas(document: OpenAPIObject): OpenAPIObject {
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...PROBLEM_DETAILS_SCHEMAS },
  };
  return document;
}

/** Documents problem+json responses for the given statuses on a controller or route. */
export function ApiProblemResponses(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: defaultDetail(status),
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: PROBLEM_DETAILS_SCHEMA_REF } } },
      }),
    ),
  );
}
