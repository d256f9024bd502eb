import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { builtEntry } from './built-app';

const ROOT = join(__dirname, '..', '..');

/**
 * Starts one of the apps' main.ts (or a CLI, with its arguments) as a real process, the way `npm run` does: its
 * compiled JavaScript on plain node (built-app.ts).
 */
export function startProcess(entry: string, env: Record<string, string>, args: readonly string[] = []): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, ['--enable-source-maps', builtEntry(entry), ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return Object.assign(child, { output: () => output });
}

export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

/** Polls until `condition` holds, failing after `timeoutMs`. */
export async function waitFor(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
