import { applyDecorators, SetMetadata } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';

export const IS_PUBLIC_KEY = 'casusregie:isPublic';

/**
 * Lets a route be called without an access token (health, OpenAPI). Everything else needs one. The empty OpenAPI
 * security requirement documents that exception to the document-wide bearer requirement.
 */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(IS_PUBLIC_KEY, true), SetMetadata(DECORATORS.API_SECURITY, []));
