import { ConfigError } from '@casusregie/config';
import { describeError } from '@casusregie/sql';

/**
 * One line for an error that stopped a process or a CLI: `VARIABLE: problem` for configuration, the system error
 * code for a socket, otherwise the error's class and code — never its message, which a driver fills with the values
 * it refused (a birth date, a name). main.ts prints it after `casusregie: `.
 */
export function describeStartupError(error: unknown, port?: number): string {
  if (error instanceof ConfigError) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE') return `PORT: port ${port ?? '?'} is already in use (EADDRINUSE)`;
  if (code === 'EACCES' && port !== undefined) return `PORT: no permission to listen on port ${port} (EACCES)`;
  return describeError(error);
}
