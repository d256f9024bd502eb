/**
 * An error answered by the server as application/problem+json (RFC 9457), or a failure to reach it. The message shown
 * to the user is the problem's own title and detail: the API promises they never hold personal data.
 */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly code?: string,
    readonly invalidParams: readonly { name: string; reason: string }[] = [],
  ) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = 'ProblemError';
  }

  /** Reads a failed response: a problem body when there is one, else the HTTP status alone. */
  static async fromResponse(response: Response): Promise<ProblemError> {
    const type = response.headers.get('content-type') ?? '';
    if (type.includes('json')) {
      try {
        const body = (await response.json()) as Record<string, unknown>;
        const invalid = Array.isArray(body.invalidParams) ? (body.invalidParams as { name: string; reason: string }[]) : [];
        return new ProblemError(
          response.status,
          typeof body.title === 'string' ? body.title : `HTTP ${response.status}`,
          typeof body.detail === 'string' ? body.detail : '',
          typeof body.code === 'string' ? body.code : undefined,
          invalid,
        );
      } catch {
        // An unreadable body: fall through to the status alone.
      }
    }
    return new ProblemError(response.status, `HTTP ${response.status}`, response.statusText);
  }

  static network(): ProblemError {
    return new ProblemError(0, 'Geen verbinding', 'De server is niet bereikbaar. Probeer het later opnieuw.');
  }
}

/** Any thrown value as text for the status region. */
export function describeError(error: unknown): string {
  if (error instanceof ProblemError) {
    const params = error.invalidParams.map((p) => `${p.name}: ${p.reason}`).join('; ');
    return [error.message, params].filter(Boolean).join(' — ');
  }
  return 'Er ging iets mis in het dashboard. Laad de pagina opnieuw.';
}
