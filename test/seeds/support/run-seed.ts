import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

export interface SeedRun {
  code: number | null;
  /** stdout and stderr together, as a user sees them. */
  output: string;
}

/** Runs `npm run seed -- <args>` as a user would, and resolves once it exited, whatever the exit code. */
export function runSeed(args: readonly string[], env: Record<string, string>): Promise<SeedRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', 'seed', '--', ...args], { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '', ...env } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}
