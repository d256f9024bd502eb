import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ProblemHttpException } from '@casusregie/http';

/**
 * The version in an If-Match header: `"12"`, `W/"12"` or `12`. Absent or `*` means no precondition.
 * Anything else is a 400, since a precondition the server cannot read must not be ignored.
 */
export const IfMatchVersion = createParamDecorator((_: unknown, context: ExecutionContext): number | undefined => {
  const header = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>().headers['if-match'];
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(header);
  if (!match) {
    throw new ProblemHttpException(400, {
      code: 'invalid-if-match',
      detail: 'If-Match must hold the household version from its ETag, e.g. "12".',
      invalidParams: [{ name: 'If-Match', code: 'invalid', reason: 'must be a household version such as "12"' }],
    });
  }
  return Number(match[1]);
});

/** The caller's correlation id (X-Correlation-ID, up to 100 safe characters) or a new one; it goes into every event. */
export const CorrelationId = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const header = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>().headers['x-correlation-id'];
  return header !== undefined && /^[A-Za-z0-9._:-]{1,100}$/.test(header) ? header : randomUUID();
});

export function etagOf(version: number): string {
  return `"${version}"`;
}
