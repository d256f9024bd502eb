import { relative } from 'node:path';
import { ApiHarness, startApi } from '../support/api-harness';
import { committedContract, CONTRACT_FILES, Contract, EXPORT_COMMAND, servedContract, shortDiff } from './served-contract';

/**
 * The committed contract (openapi/openapi.json and the types generated from it) is what the API serves: a change to
 * a route, DTO or response that is not exported and committed fails here, in `npm test`.
 */
describe('the committed API contract', () => {
  let api: ApiHarness;
  let served: Contract;
  let committed: Contract;

  beforeAll(async () => {
    api = await startApi('postgres');
    served = await servedContract(api);
    committed = committedContract();
  });
  afterAll(() => api.close());

  it.each(Object.keys(CONTRACT_FILES) as (keyof Contract)[])('%s: the committed file is what the API serves', (file) => {
    if (committed[file] !== served[file]) {
      throw new Error(
        `${relative(process.cwd(), CONTRACT_FILES[file])} differs from what the API serves. ` +
          `If the change is intended, run \`${EXPORT_COMMAND}\` and commit the result.\n\n${shortDiff(committed[file], served[file])}`,
      );
    }
  });

  // NL API Design Rules /core/publish-openapi (API-51): at <base path>/openapi.json, without a token, readable from any
  // origin. (The document cannot show where it is served; the linters check everything else in it.)
  it('is published at /api/v1/openapi.json without authentication and readable from any origin', async () => {
    const response = await api.http().get('/api/v1/openapi.json').set('Origin', 'https://developer.example.org').expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['access-control-allow-origin']).toBe('*');
  });
});
