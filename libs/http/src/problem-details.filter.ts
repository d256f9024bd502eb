import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { describeError } from '@casusregie/sql';
import { malformedPathIds } from './malformed-path-ids';
import { PROBLEM_CONTENT_TYPE } from './problem-details';
import { toProblemResponse } from './to-problem-response';

/**
 * Turns every error into an `application/problem+json` answer, including Nest's 404 for unknown routes. Unexpected
 * errors answer a generic 500 whose `instance` is the id under which the error was logged. A database that could not
 * do the work just now (a lost connection, a shutdown, a deadlock) answers 503 with Retry-After, and is logged as a
 * warning by its class and code.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<IncomingMessage & { route?: { path?: unknown }; params?: Record<string, unknown> }>();
    const response = host.switchToHttp().getResponse<ServerResponse>();
    const { problem, headers, unexpected, unavailable } = toProblemResponse(malformedPathIds(exception, request.params) ?? exception);

    if (unexpected) {
      problem.instance = `urn:uuid:${randomUUID()}`;
      this.logger.error(`Unexpected ${describeError(exception)} in ${routeOf(request)}; incident ${problem.instance}`, stackFrames(exception));
    } else if (unavailable) {
      this.logger.warn(`Database unavailable (${describeError(exception)}) in ${routeOf(request)}`);
    }

    if (response.headersSent) {
      // Part of another answer is already on the wire: all we can do is cut it off.
      response.destroy();
      return;
    }
    // Written on the bare Node response: the Express adapter's reply() would reset the content type to JSON.
    const body = JSON.stringify(problem);
    response.statusCode = problem.status;
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    response.setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    response.setHeader('Content-Length', Buffer.byteLength(body));
    response.end(request.method === 'HEAD' ? undefined : body);
  }
}

/**
 * Error messages can quote data (a driver repeating a duplicate key, a parser quoting its input), so a log line names
 * the error's class and code (describeError), the method and route pattern (not the URL), never the message.
 */
function routeOf(request: IncomingMessage & { route?: { path?: unknown } }): string {
  const route = typeof request.route?.path === 'string' ? ` ${request.route.path}` : '';
  return `${request.method ?? '?'}${route}`;
}

/** The "at …" lines of a stack trace, without the message line(s) above them. */
function stackFrames(exception: unknown): string | undefined {
  if (!(exception instanceof Error) || exception.stack === undefined) return undefined;
  const frames = exception.stack.split('\n').filter((line) => /^\s+at /.test(line));
  return frames.length > 0 ? frames.join('\n') : undefined;
}
