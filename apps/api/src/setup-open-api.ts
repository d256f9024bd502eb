import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { withHttpConventions, withProblemDetailsSchemas } from '@casusregie/http';
import { API_PREFIX, API_VERSION } from './api-version';

export const BEARER_SCHEME = 'bearer';

/** The license the project is published under (see package.json). OpenAPI 3.0 names it by its name and text. */
const LICENSE = { name: 'EUPL-1.2', url: 'https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12' };

/**
 * Who answers questions about the API. The project publishes no repository address or mailbox yet; add `url` and
 * `email` here once it does, rather than a placeholder that reaches nobody.
 */
const CONTACT = { name: 'casusregie maintainers' };

/**
 * Serves the OpenAPI 3 document at /api/v1/openapi.json and Swagger UI at /api/v1/docs. Both are plain Express
 * routes, outside Nest's guards, so they need no token (NL API Design Rules, API-51).
 */
export function setupOpenApi(app: INestApplication): void {
  const document = () => buildOpenApiDocument(app);

  // API-51: the document is public and readable from any origin, e.g. by a developer portal or a linter.
  app.use(`/${API_PREFIX}/openapi.json`, (_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    next();
  });

  SwaggerModule.setup(`${API_PREFIX}/docs`, app, document, {
    jsonDocumentUrl: `${API_PREFIX}/openapi.json`,
    raw: ['json'],
  });
}

/**
 * The document: paths relative to the one server, `/api/v1` (so `/households`, not `/api/v1/households`), every
 * operation with its own operationId, and what the global wiring adds to every route (see withHttpConventions).
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const options = new DocumentBuilder()
    .setTitle('casusregie API')
    .setDescription(
      'Casusregie for municipal sociaal teams. Every request needs `Authorization: Bearer <JWT>` unless marked ' +
        'otherwise; every error is `application/problem+json` (see the ProblemDetails schema). Lists are paged: ' +
        '`limit` sets the page size and `after` takes the `next` of the previous page, which is `null` on the last page. ' +
        'Every response carries `API-Version` and `X-Request-Id`.',
    )
    .setVersion(API_VERSION)
    .setLicense(LICENSE.name, LICENSE.url)
    .addServer(`/${API_PREFIX}`, 'This deployment (production, acceptance or a local development run alike): version 1 of the API.')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'A JWT (RFC 7519) from the municipality’s identity provider, checked as RFC8725 (JSON Web Token Best Current Practices) asks: ' +
          'the algorithm pinned (HS256 with the shared secret, or RS256 with the keys of AUTH_JWKS_URL; `none` and any other ' +
          'refused), `exp` required, `iss` and `aud` checked when configured.',
      },
      BEARER_SCHEME,
    )
    .addSecurityRequirements(BEARER_SCHEME)
    .build();
  // Only a name: the project has no public address or mailbox yet, and the document invents none (see CONTACT).
  options.info.contact = CONTACT;
  // OWASP API9 (inventory): who the server is for. Municipalities' staff and their contracted care providers: not
  // the public, but not internal to one organisation either.
  options.servers = (options.servers ?? []).map((server) => ({ ...server, 'x-internal': false }));
  const generated = SwaggerModule.createDocument(app, options, {
    ignoreGlobalPrefix: true,
    // Routes name their own operationId (@ApiOperation); this is the fallback: the method name and its controller's.
    operationIdFactory: (controllerKey, methodKey) => `${methodKey}${controllerKey.replace(/Controller$/, '')}`,
  });
  // A rate limit applies to every route unless RATE_LIMIT_PER_MINUTE=0 (then no 429 is ever sent).
  return withPathParameterSchemas(withHttpConventions(withProblemDetailsSchemas(generated), { rateLimited: true, idempotentPosts: true }));
}

/**
 * What each path parameter holds. The ids are UUIDs, checked by the `uuid` pipe of request-context.ts (400
 * otherwise); a norm id or an AGB code that names nothing is a 404.
 */
const PATH_PARAMETER_SCHEMAS: Record<string, object> = {
  householdId: { type: 'string', format: 'uuid', maxLength: 36 },
  trajectoryId: { type: 'string', format: 'uuid', maxLength: 36 },
  memberId: { type: 'string', format: 'uuid', maxLength: 36 },
  referralId: { type: 'string', format: 'uuid', maxLength: 36 },
  eventId: { type: 'string', format: 'uuid', maxLength: 36 },
  // A dead letter's delivery id (notifications.controller.ts).
  id: { type: 'string', pattern: '^[A-Za-z0-9-]{1,200}$', maxLength: 200 },
  normId: { type: 'string', pattern: '^[a-z0-9-]{1,64}$', maxLength: 64, example: 'verkennend-gesprek-4w' },
  figureId: { type: 'string', pattern: '^[a-z0-9-]{1,64}$', maxLength: 64, example: 'waiting-for-care' },
  agbCode: { type: 'string', pattern: '^\\d{8}$', maxLength: 8, example: '98765432' },
};

function withPathParameterSchemas(document: OpenAPIObject): OpenAPIObject {
  for (const methods of Object.values(document.paths)) {
    for (const operation of Object.values(methods) as { parameters?: { in?: string; name?: string; schema?: object }[] }[]) {
      for (const parameter of operation.parameters ?? []) {
        const schema = parameter.in === 'path' ? PATH_PARAMETER_SCHEMAS[parameter.name ?? ''] : undefined;
        if (schema !== undefined) parameter.schema = { ...schema };
      }
    }
  }
  return document;
}
