import { ConfigError } from '@casusregie/config';

/**
 * One line for an error that stopped the API from starting: `VARIABLE: problem` for configuration, the system error
 * code for a socket, otherwise the error's first line. main.ts prints it after `casusregie: `.
 */
export function describeStartupError(error: unknown, port?: number): string {
  if (error instanceof ConfigError) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE') return `PORT: port ${port ?? '?'} is already in use (EADDRINUSE)`;
  if (code === 'EACCES' && port !== undefined) return `PORT: no permission to listen on port ${port} (EACCES)`;
  if (error instanceof Error) {
    const firstLine = error.message.split('\n', 1)[0]?.trim() ?? '';
    return firstLine === '' ? error.name : `${error.name}: ${firstLine}`;
  }
  return String(error);
}
