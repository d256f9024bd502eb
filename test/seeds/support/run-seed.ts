import { exited, startProcess } from '@casusregie/test-support';

export interface SeedRun {
  code: number | null;
  /** stdout and stderr together, as a user sees them. */
  output: string;
}

/**
 * Runs the seed CLI (`npm run seed -- <args>`'s compiled entry, from this jest run's build) as a user would, and
 * resolves once it exited, whatever the exit code.
 */
export async function runSeed(args: readonly string[], env: Record<string, string>): Promise<SeedRun> {
  const child = startProcess('apps/api/src/cli/seed.ts', env, args);
  const code = await exited(child);
  return { code, output: child.output() };
}
