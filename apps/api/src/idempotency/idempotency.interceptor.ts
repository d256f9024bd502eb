import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { setTimeout as sleep } from 'node:timers/promises';
import { Request, Response } from 'express';
import { from, lastValueFrom, Observable } from 'rxjs';
import stringify from 'safe-stable-stringify';
import { AuthenticatedRequest } from '@casusregie/auth';
import { EventStore } from '@casusregie/event-store';
import { ProblemHttpException } from '@casusregie/http';
import { InjectEventStore, InjectStorage } from '@casusregie/runtime';
import { Storage } from '@casusregie/storage';
import { MasterKey } from '@casusregie/config';
import { describeError, isTransientDatabaseError } from '@casusregie/sql';
import { API_PREFIX } from '../api-version';
import { AppendAttempt, AppendJournal, findRecordedAppend, isJournaled } from './append-journal';
import { idempotencyScope } from './idempotency-scope';
import { IdempotencyStore, StoredResponse } from './idempotency.store';
import { READ_ONLY_POST } from './read-only-post.decorator';

/** Headers a replay must give back, so the client sees what the first answer said. */
const REPLAYED_HEADERS = ['location', 'etag'];
const KEY_PATTERN = /^[\x21-\x7E]{1,200}$/;
/** Pauses between tries of the key's own bookkeeping when the database is briefly away (about 2.5 s in all). */
const BOOKKEEPING_RETRY_DELAYS_MS = [100, 300, 700, 1500];

/**
 * How a repeated request is recognised: a keyed digest of its body in canonical JSON. Keyed, because a body holds
 * names and a BSN, and a plain hash of it could be found again by trying every BSN.
 */
export function requestDigester(masterKey: MasterKey): (body: unknown) => string {
  const digest = masterKey.digester('idempotency-request');
  return (body) => `h1:${digest(stringify(body ?? null) ?? '')}`;
}

/**
 * `Idempotency-Key` on a POST: the same key with the same request gives the same response and records nothing the
 * second time; the same key with another request is a 409. Keys are per principal and route
 * ({@link idempotencyScope}): another principal with the same key simply makes a new request. A POST marked
 * `@ReadOnlyPost()` (a search) is outside all this: its key is ignored and nothing of it is stored, as a stored
 * answer of a read would keep personal data in clear text beyond an erasure. The commands' answers that are stored
 * hold ids, versions, dates and codes only.
 *
 * The key is claimed before the command runs, so two requests with one key never both run it. When the request
 * fails, what it recorded decides: nothing (refused, or failed before its append) releases the key, so a retry runs
 * normally; an append that was recorded after all (its answer lost with the connection, or a later step failed)
 * completes the key with the answer read back from the stream, so a retry replays it. To know which, every append
 * the request makes is written into the key's row before it is sent (see {@link AppendJournal}); when even that
 * bookkeeping fails because the database is gone, the claim lapses after a lease and the next request with the key
 * looks in the streams before it runs anything.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
    @InjectEventStore() private readonly eventStore: EventStore,
    @InjectStorage() storage: Storage,
  ) {
    this.requestHashOf = requestDigester(storage.masterKey);
  }

  private readonly requestHashOf: (body: unknown) => string;

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined) return next.handle();
    if (this.reflector.getAllAndOverride<boolean>(READ_ONLY_POST, [context.getHandler(), context.getClass()]) === true) return next.handle();
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
    const scope = idempotencyScope(request.user, 'POST', request.path);
    const statusCode = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;

    const claim = await this.store.claim(scope, key, this.requestHashOf(request.body));
    switch (claim.kind) {
      case 'other-request':
        throw new ProblemHttpException(409, {
          code: 'idempotency-key-reused',
          detail: 'This Idempotency-Key was used for a different request; use a new key for a new request.',
        });
      case 'in-progress':
        throw inProgress();
      case 'completed':
        return replay(response, claim.response);
      case 'claimed':
        break;
    }
    const { token } = claim;

    if (claim.abandoned.length > 0) {
      // The request that held the key went quiet for a whole lease after setting out to append: what it recorded
      // counts, and is not done again.
      const recorded = await this.findRecorded(claim.abandoned);
      if (recorded !== undefined) {
        const answer = answerFromStream(recorded, statusCode);
        await this.store.complete(scope, key, token, answer);
        return replay(response, answer);
      }
    }

    // Without the journal (an event store not wrapped by journalAppends) nothing tells an append that happened from
    // one that did not; a failed request is then taken to have recorded nothing, as an append is all or nothing.
    const journal = isJournaled(this.eventStore)
      ? new AppendJournal(async (attempts) => {
          if (!(await this.store.recordAttempts(scope, key, token, attempts))) throw inProgress();
        })
      : undefined;

    let body: unknown;
    try {
      const handled = () => lastValueFrom(next.handle(), { defaultValue: undefined });
      body = await (journal === undefined ? handled() : journal.run(handled));
    } catch (error) {
      journal?.close();
      await this.settleFailure(scope, key, token, journal, statusCode);
      throw error;
    }
    journal?.close();
    const headers = Object.fromEntries(
      REPLAYED_HEADERS.map((name) => [name, response.getHeader(name)]).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
    try {
      await retryWhileUnavailable(() => this.store.complete(scope, key, token, { statusCode, headers, body }));
    } catch (error) {
      // The command is done and the client gets its answer; a retry after the lease finds the append in the stream.
      this.logger.warn(`Answer of an idempotent request not kept (${describeError(error)}); the key lapses in ${this.store.leaseSeconds} s`);
    }
    return body;
  }

  /**
   * After a failed request: complete the key with the answer of what it recorded, or release it if it recorded
   * nothing. Should the database be gone for that too, the claim stays and lapses after the lease.
   */
  private async settleFailure(scope: string, key: string, token: string, journal: AppendJournal | undefined, statusCode: number): Promise<void> {
    try {
      const recorded = journal === undefined ? undefined : await this.recordedBy(journal);
      if (recorded === undefined) await retryWhileUnavailable(() => this.store.release(scope, key, token));
      else await retryWhileUnavailable(() => this.store.complete(scope, key, token, answerFromStream(recorded, statusCode)));
    } catch (error) {
      this.logger.warn(`Idempotency key of a failed request left claimed (${describeError(error)}); it lapses in ${this.store.leaseSeconds} s`);
    }
  }

  /** The last append of the request that is in its stream: answered by the store, or found there after all. */
  private async recordedBy(journal: AppendJournal): Promise<RecordedAppend | undefined> {
    for (const { attempt, outcome } of [...journal.entries].reverse()) {
      if (outcome?.kind === 'appended') return { attempt, version: outcome.version };
      if (outcome?.kind === 'refused') continue;
      // Its answer was lost: look. (An append still on its way to the server when its connection died could in
      // principle commit after this look; the server ends such a statement with its connection.)
      const version = await retryWhileUnavailable(() => findRecordedAppend(this.eventStore, attempt));
      if (version !== undefined) return { attempt, version };
    }
    return undefined;
  }

  private async findRecorded(attempts: readonly AppendAttempt[]): Promise<RecordedAppend | undefined> {
    for (const attempt of [...attempts].reverse()) {
      const version = await findRecordedAppend(this.eventStore, attempt);
      if (version !== undefined) return { attempt, version };
    }
    return undefined;
  }
}

interface RecordedAppend {
  attempt: AppendAttempt;
  /** The stream's version after it. */
  version: number;
}

function replay(response: Response, stored: StoredResponse): unknown {
  response.status(stored.statusCode);
  for (const [name, value] of Object.entries(stored.headers)) response.setHeader(name, value);
  response.setHeader('Idempotent-Replayed', 'true');
  return stored.body;
}

function inProgress(): ProblemHttpException {
  return new ProblemHttpException(409, {
    code: 'idempotency-key-in-progress',
    detail: 'A request with this Idempotency-Key has not finished; wait for its answer, or read the household before retrying.',
    headers: { 'Retry-After': '1' },
  });
}

const HOUSEHOLD_STREAM = /^household-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * The answer of a command whose own answer was lost, rebuilt from what it recorded: the household's new `version`
 * (ETag) and the `eventIds`, as every household command answers, and for a registration the new household's `id` and
 * Location. Fields a route adds beyond these (a new member's id, a trajectory's Location) cannot be read back from
 * the append and are missing from such a replay.
 */
function answerFromStream({ attempt, version }: RecordedAppend, statusCode: number): StoredResponse {
  const household = HOUSEHOLD_STREAM.exec(attempt.streamId);
  const created = household !== null && (attempt.expectedVersion === 'no-stream' || attempt.expectedVersion === 0);
  return {
    statusCode,
    headers: { ...(created ? { location: `/${API_PREFIX}/households/${household[1]}` } : {}), etag: `"${version}"` },
    body: { ...(created ? { id: household[1] } : {}), version, eventIds: attempt.eventIds },
  };
}

/** Runs `work`, trying again a few times over about 2.5 s while the database cannot do it just now. */
async function retryWhileUnavailable<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= BOOKKEEPING_RETRY_DELAYS_MS.length || !isTransientDatabaseError(error)) throw error;
      await sleep(BOOKKEEPING_RETRY_DELAYS_MS[attempt]);
    }
  }
}
