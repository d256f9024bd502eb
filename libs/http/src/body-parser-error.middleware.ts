import { IncomingMessage, ServerResponse } from 'node:http';
import { ProblemHttpException } from './problem-http.exception';

/**
 * Express error middleware, registered right after the body parsers. Their errors would otherwise reach the
 * exception filter as a BadRequestException holding the JSON parser's message, and that message quotes the body.
 * This turns them into problems with fixed texts first.
 */
export function bodyParserErrorMiddleware(
  error: unknown,
  _request: IncomingMessage,
  _response: ServerResponse,
  next: (error?: unknown) => void,
): void {
  next(toBodyProblem(error) ?? error);
}

export function toBodyProblem(error: unknown): ProblemHttpException | undefined {
  const { type, status, limit } = (error ?? {}) as { type?: unknown; status?: unknown; limit?: unknown };
  if (typeof type !== 'string' || typeof status !== 'number') return undefined;
  switch (type) {
    case 'entity.parse.failed':
      return new ProblemHttpException(400, { code: 'malformed-body', detail: 'The request body is not valid JSON.' });
    case 'entity.too.large':
      return new ProblemHttpException(413, {
        code: 'body-too-large',
        detail: typeof limit === 'number' ? `The request body is larger than ${limit} bytes.` : undefined,
      });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ProblemHttpException(415, { detail: 'The request body has an unsupported encoding or charset.' });
    default:
      // Other body-parser failures (aborted request, wrong length): keep their status, use the generic text.
      return status >= 400 && status < 500 ? new ProblemHttpException(status) : undefined;
  }
}
