import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { withProblemDetailsSchemas } from '@casusregie/http';
import { API_PREFIX, API_VERSION } from './api-version';

export const BEARER_SCHEME = 'bearer';

/**
 * Serves the OpenAPI 3 document at /api/v1/openapi.json and Swagger UI at /api/v1/docs. Both are plain Express
 * routes, outside Nest's guards, so they need no token (NL API Design Rules, API-51).
 */
export function setupOpenApi(app: INestApplication): void {
  const options = new DocumentBuilder()
    .setTitle('casusregie API')
    .setDescription(
      'Casusregie for municipal sociaal teams. Every request needs `Authorization: Bearer <JWT>` unless marked ' +
        'otherwise; every error is `application/problem+json` (see the ProblemDetails schema).',
    )
    .setVersion(API_VERSION)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_SCHEME)
    .addSecurityRequirements(BEARER_SCHEME)
    .build();
  const document = () => withProblemDetailsSchemas(SwaggerModule.createDocument(app, options));

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
