import { IncomingMessage } from 'node:http';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from './problem-details';
import { ProblemHttpException } from './problem-http.exception';

/** What a route produces when it declares nothing else with `@ApiProduces`. */
export const DEFAULT_PRODUCES: readonly string[] = ['application/json'];

type NegotiatingRequest = IncomingMessage & { accepts(types: string[]): string | false };

/**
 * Content negotiation for the routes of the API: a request whose `Accept` names nothing the route can produce is
 * 406 problem+json (NL API Design Rules), before the route runs. What a route produces is what its OpenAPI operation
 * says (`@ApiProduces` on the handler or its controller), else JSON; problem+json is acceptable too, as every route
 * may answer one. No `Accept` header, `*` + `/*` and `application/*` accept JSON. Routes left out of the OpenAPI
 * document (`@ApiExcludeController`, `@ApiExcludeEndpoint`, e.g. /metrics) negotiate for themselves.
 *
 * Register it with `useGlobalGuards`: it then runs after the guards the modules provide (authentication, roles, rate
 * limits: a request without a token is still a 401) and before every interceptor (idempotency) and pipe.
 */
@Injectable()
export class AcceptableMediaTypesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http' || this.excludedFromDocument(context)) return true;
    const produces =
      this.reflector.getAllAndOverride<string[] | undefined>(DECORATORS.API_PRODUCES, [context.getHandler(), context.getClass()]) ??
      DEFAULT_PRODUCES;
    const request = context.switchToHttp().getRequest<NegotiatingRequest>();
    if (request.accepts([...produces, PROBLEM_CONTENT_TYPE]) === false) {
      throw new ProblemHttpException(406, {
        code: 'not-acceptable',
        detail: `This resource is available as ${produces.join(', ')}; the Accept header allows none of these.`,
      });
    }
    return true;
  }

  private excludedFromDocument(context: ExecutionContext): boolean {
    const controller = this.reflector.get<boolean[] | undefined>(DECORATORS.API_EXCLUDE_CONTROLLER, context.getClass());
    const endpoint = this.reflector.get<{ disable?: boolean } | undefined>(DECORATORS.API_EXCLUDE_ENDPOINT, context.getHandler());
    return controller?.[0] === true || endpoint?.disable === true;
  }
}
