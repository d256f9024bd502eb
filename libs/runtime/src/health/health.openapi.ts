import { SchemaObject } from '@nestjs/swagger';
import { PROBLEM_DETAILS_SCHEMA_REF } from '@casusregie/http';

const components: SchemaObject = {
  type: 'object',
  description:
    'Per component: `status` (up/down), `kind` (postgres, pglite, eventstoredb, redis, embedded) and, when down, a `reason` ' +
    'such as ECONNREFUSED. `projections.lag` gives each projection’s events and seconds behind the log, `projections.parked` ' +
    'the events it could not apply (`parked`) and those of the same households waiting behind them (`held`), ' +
    '`projections.rebuildNeeded` the projections built with other settings than the running code’s (run projections:rebuild).',
  additionalProperties: {
    type: 'object',
    required: ['status'],
    properties: {
      status: { type: 'string', enum: ['up', 'down'] },
      kind: { type: 'string' },
      reason: { type: 'string' },
      lag: { type: 'object', additionalProperties: { type: 'object', properties: { eventsBehind: { oneOf: [{ type: 'integer' }, { type: 'string', pattern: '^[0-9]+\\+$' }], description: 'Events behind; `n+` when at least n.' }, secondsBehind: { type: 'number' } } } },
      rebuildNeeded: { type: 'array', items: { type: 'string' } },
      parked: { type: 'object', additionalProperties: { type: 'object', properties: { parked: { type: 'integer' }, held: { type: 'integer' } } } },
    },
  },
  example: {
    eventStore: { status: 'up', kind: 'postgres' },
    readModels: { status: 'up', kind: 'postgres' },
    queue: { status: 'up', kind: 'redis' },
    projections: { status: 'up', lag: { 'household-directory': { eventsBehind: 0, secondsBehind: 0 } } },
  },
};

/** 200: terminus' report. */
export const HEALTHY_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['status', 'details'],
  properties: {
    status: { type: 'string', enum: ['ok', 'degraded'] },
    info: components,
    error: components,
    details: components,
  },
};

/** 503: a problem whose extension members `info`, `error` and `details` are terminus' report. */
export const UNHEALTHY_SCHEMA: SchemaObject = {
  allOf: [
    { $ref: PROBLEM_DETAILS_SCHEMA_REF },
    { type: 'object', properties: { info: components, error: components, details: components } },
  ],
};

/** 200 of /health/live. */
export const LIVE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string', enum: ['ok'] } },
};

/** 200 of /health/ready: the stores are up; the queue may not be. */
export const READY_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['status', 'details'],
  properties: {
    status: { type: 'string', enum: ['ok', 'degraded'] },
    details: components,
  },
};
