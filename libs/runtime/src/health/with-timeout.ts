/** Rejects with an `ETIMEDOUT` error when `work` takes longer than `ms`, so a hanging store cannot hang the health check. */
export async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${ms} ms`), { code: 'ETIMEDOUT' })), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A short reason for a failed check: a driver error code such as ECONNREFUSED, never a message that may hold a URL. */
export function failureReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.length > 0) return code;
  return error instanceof Error ? error.name : 'unknown error';
}

/** How long one component may take to answer. */
export const HEALTH_CHECK_TIMEOUT_MS = 3000;
