import { Response } from 'express';
import { CommandResult } from '@casusregie/households';
import { etagOf } from './request-context';

/** Sets the ETag of the new version (and Location for a created resource) and returns the common response body. */
export function commandResponse(res: Response, result: CommandResult, location?: string) {
  res.setHeader('ETag', etagOf(result.version));
  if (location !== undefined) res.setHeader('Location', location);
  return { version: result.version, eventIds: result.events.map((event) => event.eventId) };
}
