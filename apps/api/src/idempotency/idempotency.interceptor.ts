import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { createHash } from 'node:crypto';
import { Request, Response } from 'express';
import { from, lastValueFrom, Observable } from 'rxjs';
import stringify from 'safe-stable-stringify';
import { AuthenticatedRequest } from '@casusregie/auth';
import { ProblemHttpException } from '@casusregie/http';
import { IdempotencyStore } from './idempotency.store';

/** Headers a replay must give back, so the client sees what the first answer said. */
const REPLAYED_HEADERS = ['location', 'etag'];
const KEY_PATTERN = /^[\x21-\x7E]{1,200}$/;

/**
 * `Idempotency-Key` on a POST: the same key with the same request gives the same response and records nothing the
 * second time; the same key with another request is a 409. Keys are per user. Only successful answers are kept: a
 * request that failed recorded no event, so trying it again is safe.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined) return next.handle();
    return from(this.handle(context, next, request, Array.isArray(key) ? key.join(',') : key));
  }

  private async handle(context: ExecutionContext, next: CallHandler, request: Request & AuthenticatedRequest, key: string) {
    if (!KEY_PATTERN.test(key)) {
      throw new ProblemHttpException(400, {
        code: 'invalid-idempotency-key',
        detail: 'Idempotency-Key must be 1 to 200 visible ASCII characters, e.g. a UUID.',
        invalidParams: [{ name: 'Idempotency-Key', code: 'invalid', reason: 'must be 1 to 200 visible ASCII characters' }],
      });
    }
    const response = context.switchToHttp().getResponse<Response>();
    const scope = `${request.user?.sub ?? 'anonymous'} POST ${request.path}`;
    const requestHash = createHash('sha256').update(stringify(request.body ?? null) ?? '').digest('hex');

    const claim = await this.store.claim(scope, key, requestHash);
    switch (claim.kind) {
      case 'other-request':
        throw new ProblemHttpException(409, {
          code: 'idempotency-key-reused',
          detail: 'This Idempotency-Key was used for a different request; use a new key for a new request.',
        });
      case 'in-progress':
        throw new ProblemHttpException(409, {
          code: 'idempotency-key-in-progress',
          detail: 'A request with this Idempotency-Key has not finished; wait for its answer, or read the household before retrying.',
          headers: { 'Retry-After': '1' },
        });
      case 'completed':
        response.status(claim.response.statusCode);
        for (const [name, value] of Object.entries(claim.response.headers)) response.setHeader(name, value);
        response.setHeader('Idempotent-Replayed', 'true');
        return claim.response.body;
      case 'claimed':
        break;
    }

    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      // The command failed, so it recorded no event (an append is all or nothing): the key is free again.
      await this.store.release(scope, key).catch(() => undefined);
      throw error;
    }
    // Outside the try: should storing the answer fail, the key stays claimed, so a retry cannot record twice.
    const statusCode = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
    const headers = Object.fromEntries(
      REPLAYED_HEADERS.map((name) => [name, response.getHeader(name)]).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
    await this.store.complete(scope, key, { statusCode, headers, body });
    return body;
  }
}
