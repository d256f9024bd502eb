import { createParamDecorator, ExecutionContext, ParseUUIDPipe } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { AuthenticatedRequest, Principal } from '@casusregie/auth';
import { ProblemHttpException } from '@casusregie/http';
import type { CommandOptions } from './household-command.service';

/** The If-Match header of the household commands, as the document shows it (parsed by the function below). */
export const IF_MATCH_HEADER = ApiHeader({
  name: 'If-Match',
  required: false,
  description: 'The ETag (household version) last read; 412 when it moved.',
  schema: { type: 'string', maxLength: 24, pattern: '^\\s*(W/)?"?[0-9]{1,15}"?\\s*$|^\\*$', example: '"7"' },
});

type Headers = Record<string, string | string[] | undefined>;

/**
 * The version in an If-Match header: `"12"`, `W/"12"` or `12`. Absent or `*` means no precondition.
 * Anything else is a 400, since a precondition the server cannot read must not be ignored.
 */
function ifMatchVersion(headers: Headers): number | undefined {
  const header = headers['if-match'];
  if (header === undefined || (typeof header === 'string' && header.trim() === '*')) return undefined;
  const match = typeof header === 'string' ? /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(header) : null;
  if (!match) {
    throw new ProblemHttpException(400, {
      code: 'invalid-if-match',
      detail: 'If-Match must hold the household version from its ETag, e.g. "12".',
      invalidParams: [{ name: 'If-Match', code: 'invalid', reason: 'must be a household version such as "12"' }],
    });
  }
  return Number(match[1]);
}

/** The caller's correlation id (X-Correlation-ID, up to 100 safe characters) or a new one; it goes into every event. */
function correlationId(headers: Headers): string {
  const header = headers['x-correlation-id'];
  return typeof header === 'string' && /^[A-Za-z0-9._:-]{1,100}$/.test(header) ? header : randomUUID();
}

export const CorrelationId = createParamDecorator((_: unknown, context: ExecutionContext): string =>
  correlationId(context.switchToHttp().getRequest<{ headers: Headers }>().headers),
);

/** What a consultant's command carries besides its body and ids: who sends it, how to run it, and where to answer. */
export interface ConsultantCall {
  user: Principal;
  /** Options for HouseholdCommandService.execute: the consultant as actor, correlation id and If-Match version. */
  options: CommandOptions;
  /** For the ETag (and Location) of the answer. */
  res: Response;
}

/** One parameter instead of four on every command route: `@ConsultantCall() call: ConsultantCall`. */
export const ConsultantCall = createParamDecorator((_: unknown, context: ExecutionContext): ConsultantCall => {
  const http = context.switchToHttp();
  const request = http.getRequest<AuthenticatedRequest & { headers: Headers }>();
  const user = request.user;
  // Only reachable on a route without authentication: a programming error, not a client's.
  if (user === undefined) throw new Error('@ConsultantCall() needs an authenticated request');
  return {
    user,
    options: {
      principal: user,
      actorRole: 'consultant',
      correlationId: correlationId(request.headers),
      expectedVersion: ifMatchVersion(request.headers),
    },
    res: http.getResponse<Response>(),
  };
});

export function etagOf(version: number): string {
  return `"${version}"`;
}

/** Path ids are UUIDs of any version: a malformed one is a 400 naming the parameter, before anything is loaded. */
export const uuid = new ParseUUIDPipe({ version: undefined });
