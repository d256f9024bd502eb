import pino, { DestinationStream, Logger } from 'pino';
import { LogLevel } from '@casusregie/config';
import { requestContextIfAny } from '@casusregie/http';

export type Log = Logger;

/**
 * The process's log: one JSON object per line on stdout, with the service's name, an ISO time, and the request id
 * and W3C trace id of the request it was written for (when it was). Callers write ids, codes and route templates,
 * never personal data: a log line leaves the municipality's control sooner than its databases do.
 */
export function createLog(service: string, level: LogLevel, destination?: DestinationStream): Log {
  return pino(
    {
      base: { service },
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => {
        const context = requestContextIfAny();
        return context === undefined ? {} : { requestId: context.requestId, traceId: context.traceId };
      },
    },
    destination,
  );
}
