import { BadRequestException, ForbiddenException, InternalServerErrorException, NotFoundException } from '@nestjs/common';
import { AppendedButNotReadBackError, AppendTooLargeError, EventStoreUnavailableError } from '@casusregie/event-store';
import { ProblemHttpException } from './problem-http.exception';
import { toProblemResponse } from './to-problem-response';

describe('toProblemResponse', () => {
  it('answers a ProblemHttpException with exactly its problem and headers', () => {
    const exception = new ProblemHttpException(409, {
      code: 'household-closed',
      detail: 'The household is closed.',
      headers: { 'Retry-After': '5' },
    });

    expect(toProblemResponse(exception)).toEqual({
      problem: {
        type: 'about:blank',
        title: 'Conflict',
        status: 409,
        detail: 'The household is closed.',
        code: 'household-closed',
      },
      headers: { 'Retry-After': '5' },
      unexpected: false,
    });
  });

  it('keeps the message of a 4xx HttpException thrown by our code as the detail', () => {
    const { problem, unexpected } = toProblemResponse(new BadRequestException('The plan has no goals.'));
    expect(problem).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'The plan has no goals.',
      code: 'bad-request',
    });
    expect(unexpected).toBe(false);
  });

  it('replaces the router\'s "Cannot GET <path>" message, which repeats the path', () => {
    const { problem } = toProblemResponse(new NotFoundException('Cannot GET /api/v1/persons/999990019'));
    expect(problem.status).toBe(404);
    expect(problem.detail).toBe('There is no resource at this address.');
    expect(JSON.stringify(problem)).not.toContain('999990019');
  });

  it('uses the default text when the message only repeats the status', () => {
    expect(toProblemResponse(new ForbiddenException()).problem.detail).toBe('You are not allowed to do this.');
  });

  it('never shows the message of a 5xx HttpException', () => {
    const { problem, unexpected } = toProblemResponse(new InternalServerErrorException('pool exhausted at db-3'));
    expect(problem.status).toBe(500);
    expect(problem.detail).not.toContain('db-3');
    expect(unexpected).toBe(false);
  });

  it('answers anything else with a generic 500 and marks it unexpected', () => {
    const { problem, unexpected } = toProblemResponse(new TypeError('cannot read bsn 999990019 of undefined'));
    expect(problem).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred. It has been logged; please try again later.',
      code: 'internal-server-error',
    });
    expect(unexpected).toBe(true);
  });

  it('keeps the status of an exposed http-errors client error, not its message', () => {
    const error = Object.assign(new Error('request entity too large: {"bsn":"999990019"}'), { status: 413, expose: true });
    const { problem, unexpected } = toProblemResponse(error);
    expect(problem.status).toBe(413);
    expect(problem.detail).toBe('The request body is too large.');
    expect(unexpected).toBe(false);
  });

  it('answers a lost or refused database connection with 503, Retry-After and the code database-unavailable', () => {
    const terminated = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01', severity: 'FATAL' });
    const lost = new Error('Connection terminated unexpectedly');
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:5432'), { code: 'ECONNREFUSED' });
    const deadlock = Object.assign(new Error('deadlock detected'), { code: '40P01' });
    for (const error of [terminated, lost, refused, deadlock]) {
      const { problem, headers, unexpected, unavailable } = toProblemResponse(error);
      expect(problem).toEqual({
        type: 'about:blank',
        title: 'Service Unavailable',
        status: 503,
        detail: expect.stringContaining('try again in a few seconds'),
        code: 'database-unavailable',
      });
      expect(headers).toEqual({ 'Retry-After': '2' });
      expect({ unexpected, unavailable }).toEqual({ unexpected: false, unavailable: true });
    }
  });

  it('answers an unavailable event store, and a write it could not read back, with the same 503', () => {
    for (const error of [new EventStoreUnavailableError('EventStoreDB could not do the call now (unavailable)'), new AppendedButNotReadBackError('household-1', 3)]) {
      const { problem, headers, unavailable } = toProblemResponse(error);
      expect(problem).toMatchObject({ status: 503, code: 'database-unavailable' });
      expect(headers).toEqual({ 'Retry-After': '2' });
      expect(unavailable).toBe(true);
    }
  });

  it('answers events too large to record in one append with 413 append-too-large, not a server error', () => {
    const { problem, unexpected } = toProblemResponse(new AppendTooLargeError('household-1', 1_048_576));
    expect(problem).toMatchObject({ status: 413, code: 'append-too-large' });
    expect(problem.detail).not.toContain('household-1');
    expect(unexpected).toBe(false);
  });

  it('keeps an error about the data itself a 500: trying it again would give the same answer', () => {
    const duplicate = Object.assign(new Error('duplicate key value violates unique constraint: (bsn)=(999990019)'), { code: '23505' });
    const { problem, unexpected, unavailable } = toProblemResponse(duplicate);
    expect(problem.status).toBe(500);
    expect(JSON.stringify(problem)).not.toContain('999990019');
    expect({ unexpected, unavailable }).toEqual({ unexpected: true, unavailable: undefined });
  });

  it('treats an error with a 5xx or unexposed status as unexpected', () => {
    expect(toProblemResponse(Object.assign(new Error('x'), { status: 503, expose: true })).unexpected).toBe(true);
    expect(toProblemResponse(Object.assign(new Error('x'), { status: 400 })).unexpected).toBe(true);
    expect(toProblemResponse('a string').unexpected).toBe(true);
    expect(toProblemResponse(null).unexpected).toBe(true);
  });
});
