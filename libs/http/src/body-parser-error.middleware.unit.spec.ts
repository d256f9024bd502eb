import { toBodyProblem } from './body-parser-error.middleware';

/** The shape of body-parser's errors (http-errors with a `type`). */
function bodyParserError(type: string, status: number, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new SyntaxError(`Unexpected token 'B', "Bob de Vries" is not valid JSON`), { type, status, ...extra });
}

describe('toBodyProblem', () => {
  it('turns a JSON syntax error into a 400 without quoting the body', () => {
    const problem = toBodyProblem(bodyParserError('entity.parse.failed', 400))?.problem;
    expect(problem).toMatchObject({ status: 400, code: 'malformed-body', detail: 'The request body is not valid JSON.' });
    expect(JSON.stringify(problem)).not.toContain('Vries');
  });

  it('turns a too large body into a 413 naming the limit', () => {
    expect(toBodyProblem(bodyParserError('entity.too.large', 413, { limit: 1048576 }))?.problem).toMatchObject({
      status: 413,
      code: 'body-too-large',
      detail: 'The request body is larger than 1048576 bytes.',
    });
  });

  it('turns an unsupported charset into a 415', () => {
    expect(toBodyProblem(bodyParserError('charset.unsupported', 415))?.problem.status).toBe(415);
  });

  it('keeps the status of other body-parser client errors', () => {
    expect(toBodyProblem(bodyParserError('request.aborted', 400))?.problem).toMatchObject({ status: 400, code: 'bad-request' });
  });

  it('leaves errors that do not come from a body parser alone', () => {
    expect(toBodyProblem(new Error('boom'))).toBeUndefined();
    expect(toBodyProblem(undefined)).toBeUndefined();
    expect(toBodyProblem(Object.assign(new Error('x'), { type: 'other', status: 500 }))).toBeUndefined();
  });
});
