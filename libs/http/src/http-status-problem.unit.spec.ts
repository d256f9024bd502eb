import { httpStatusProblem, statusCode } from './http-status-problem';

describe('httpStatusProblem', () => {
  it('derives title and kebab-case code from the status', () => {
    expect(httpStatusProblem(404)).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'There is no resource at this address.',
      code: 'not-found',
    });
    expect(statusCode(413)).toBe('payload-too-large');
    expect(statusCode(418)).toBe('i-m-a-teapot');
  });

  it('falls back to the title for statuses without a default text', () => {
    expect(httpStatusProblem(402).detail).toBe('Payment Required.');
  });
});
