import { Controller, ExecutionContext, Get } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExcludeController, ApiProduces } from '@nestjs/swagger';
import { request as expressRequest } from 'express';
import { AcceptableMediaTypesGuard } from './acceptable-media-types.guard';
import { ProblemHttpException } from './problem-http.exception';

@Controller()
class Routes {
  @Get()
  json() {}

  @Get('report')
  @ApiProduces('application/json', 'text/csv')
  report() {}
}

@ApiExcludeController()
@Controller('metrics')
class Excluded {
  @Get()
  scrape() {}
}

function contextFor(controller: new () => object, handler: string, accept: string | undefined): ExecutionContext {
  const headers = accept === undefined ? {} : { accept };
  // Express's own request, so that `accepts` negotiates exactly as it does in the app.
  const request = Object.assign(Object.create(expressRequest) as object, { headers });
  return {
    getType: () => 'http',
    getClass: () => controller,
    getHandler: () => (controller.prototype as Record<string, unknown>)[handler],
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

describe('AcceptableMediaTypesGuard', () => {
  const guard = new AcceptableMediaTypesGuard(new Reflector());
  const refusal = (context: ExecutionContext) => {
    try {
      guard.canActivate(context);
      return undefined;
    } catch (error) {
      return (error as ProblemHttpException).problem;
    }
  };

  it.each([undefined, '*/*', 'application/json', 'application/*', 'application/problem+json', 'text/html, */*;q=0.1'])('lets JSON routes answer Accept: %s', (accept) => {
    expect(guard.canActivate(contextFor(Routes, 'json', accept))).toBe(true);
  });

  it.each(['application/xml', 'text/csv', 'application/json;q=0'])('refuses Accept: %s on a JSON route with 406', (accept) => {
    expect(refusal(contextFor(Routes, 'json', accept))).toMatchObject({ status: 406, code: 'not-acceptable' });
  });

  it('takes what @ApiProduces declares', () => {
    expect(guard.canActivate(contextFor(Routes, 'report', 'text/csv'))).toBe(true);
    expect(refusal(contextFor(Routes, 'report', 'application/xml'))).toMatchObject({ status: 406 });
  });

  it('leaves routes outside the OpenAPI document alone', () => {
    expect(guard.canActivate(contextFor(Excluded, 'scrape', 'text/plain'))).toBe(true);
  });
});
