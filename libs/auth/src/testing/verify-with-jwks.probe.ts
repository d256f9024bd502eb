/**
 * Test helper, run as a child process by jwks-token-verifier.e2e.spec.ts: Jest cannot load jwks-rsa (it needs the
 * ESM-only `jose`), plain Node 20.19+ can. Reads `[{ jwksUrl, token }]` as JSON on stdin and prints one result per
 * case: `{ principal }` or `{ error: { name, code, message, status } }`.
 */
import { Logger } from '@nestjs/common';
import { ProblemHttpException } from '@casusregie/http';
import { InvalidTokenError } from '../invalid-token.error';
import { JwksTokenVerifier } from '../jwks-token-verifier';

interface ProbeCase {
  jwksUrl: string;
  token: string;
}

async function probe(cases: ProbeCase[]): Promise<unknown[]> {
  const verifiers = new Map<string, JwksTokenVerifier>();
  const results: unknown[] = [];
  for (const { jwksUrl, token } of cases) {
    const verifier = verifiers.get(jwksUrl) ?? new JwksTokenVerifier(jwksUrl);
    verifiers.set(jwksUrl, verifier);
    try {
      results.push({ principal: await verifier.verify(token) });
    } catch (error) {
      const status = error instanceof ProblemHttpException ? error.problem.status : undefined;
      const code = error instanceof InvalidTokenError ? error.code : error instanceof ProblemHttpException ? error.problem.code : undefined;
      results.push({ error: { name: (error as Error).name, code, message: (error as Error).message, status } });
    }
  }
  return results;
}

// stdout carries the results only.
Logger.overrideLogger(false);

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', () => {
  probe(JSON.parse(input) as ProbeCase[]).then(
    (results) => process.stdout.write(JSON.stringify(results)),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exitCode = 1;
    },
  );
});
