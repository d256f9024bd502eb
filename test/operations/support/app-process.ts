import { exited, startProcess, waitFor } from '@casusregie/test-support';

export type AppProcess = ReturnType<typeof startProcess> & {
  /** http://127.0.0.1:<port> once it listens. */
  baseUrl: string;
  /** The JSON log lines it wrote to stdout so far. */
  logLines(): Record<string, unknown>[];
};

const ENTRIES = { api: 'apps/api/src/main.ts', projector: 'apps/projector/src/main.ts' } as const;
const LISTENING = { api: /casusregie api listening on http:\/\/localhost:(\d+)/, projector: /casusregie projector running; health on http:\/\/localhost:(\d+)/ };

/** Starts the api or a projector as `npm run start:*` does (PORT / PROJECTOR_PORT 0) and waits until it listens. */
export async function startApp(kind: keyof typeof ENTRIES, env: Record<string, string>): Promise<AppProcess> {
  const child = startProcess(ENTRIES[kind], { PORT: '0', PROJECTOR_PORT: '0', ...env });
  let port: string | undefined;
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`${kind} exited with ${child.exitCode}: ${child.output()}`);
        port = LISTENING[kind].exec(child.output())?.[1];
        return port !== undefined;
      },
      120_000,
      `the ${kind} to listen`,
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return Object.assign(child, {
    baseUrl: `http://127.0.0.1:${port}`,
    logLines: () => jsonLines(child.output()),
  });
}

/** Every line of `output` that is a JSON object; the rest (there should be none) is left out. */
export function jsonLines(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

export interface Exit {
  code: number | null;
  /** From the signal to the exit. */
  ms: number;
}

/** Sends SIGTERM and resolves with the exit code and how long the exit took. */
export async function terminate(app: AppProcess): Promise<Exit> {
  const started = Date.now();
  app.kill('SIGTERM');
  const code = await exited(app);
  return { code, ms: Date.now() - started };
}
