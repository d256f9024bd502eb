/**
 * Writes the API contract the app serves to openapi/: openapi.json (the OpenAPI document) and casusregie-api.d.ts
 * (its TypeScript types, from openapi-typescript). Run it after changing a route, a DTO or a response, and commit both
 * files: the contract tests fail while they differ from what the app serves.
 *
 *   npm run openapi:export
 */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { CONTRACT_FILES, exportContract } from '../apps/api/test/contract/served-contract';

async function main() {
  const contract = await exportContract();
  writeFileSync(CONTRACT_FILES.document, contract.document);
  writeFileSync(CONTRACT_FILES.types, contract.types);
  for (const file of Object.values(CONTRACT_FILES)) console.log(`wrote ${relative(process.cwd(), file)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
