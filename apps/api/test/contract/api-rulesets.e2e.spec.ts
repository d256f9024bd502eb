import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTempDir, TempDir } from '@casusregie/test-support';
import { CONTRACT_DIR } from './served-contract';

/**
 * Our Spectral rules (openapi/nl-api-design-rules.yaml, and the OWASP rules narrowed in openapi/spectral.yaml) can
 * fail: each fires on a small document that breaks it, and none fires on one that keeps the NL API Design Rules.
 * `npm run lint:api` holds the real document to them.
 */
interface Diagnostic {
  code: string;
  path: string[];
  source: string;
}

const problem = {
  type: 'object',
  required: ['status', 'title', 'detail'],
  properties: { status: { type: 'integer' }, title: { type: 'string' }, detail: { type: 'string' } },
};
const versioned = { 'API-Version': { schema: { type: 'string' } } };
const info = { title: 'Gebouwen', version: '1.0.2', contact: { email: 'team@example.org' } };

/** Keeps every rule of ours: no adr-* diagnostic. */
const KEEPS_THE_RULES = {
  openapi: '3.0.3',
  info,
  servers: [{ url: 'https://api.example.org/v1' }, { url: '/api/v1' }],
  paths: {
    '/gebouwen/{gebouwId}/_zoek': {
      post: {
        parameters: [
          { name: 'gebouwId', in: 'path', required: true, schema: { type: 'string', format: 'uuid', maxLength: 36 } },
          { name: 'typeGebouw', in: 'query', schema: { type: 'string', maxLength: 20 } },
        ],
        requestBody: {
          content: {
            'application/json': {
              schema: { type: 'object', properties: { startDate: { type: 'string', format: 'date', maxLength: 10 }, recordedAt: { type: 'string', format: 'date-time', maxLength: 30 } } },
            },
          },
        },
        responses: {
          '200': { description: 'ok', headers: versioned, content: { 'application/json': { schema: { type: 'object', properties: { naam: { type: 'string' } } } } } },
          '400': { description: 'invalid', headers: versioned, content: { 'application/problem+json': { schema: problem } } },
        },
      },
    },
  },
};

/** Breaks each rule once (the rule's name in a comment beside what breaks it). */
const BREAKS_THE_RULES = {
  openapi: '3.0.3',
  info: { title: 'Gebouwen', version: '1.0', contact: {} }, // adr-semver, adr-doc-openapi-contact
  servers: [{ url: 'https://api.example.org/api' }, { url: 'http://api.example.org/v1' }], // adr-uri-version, adr-transport-tls
  paths: {
    '/dingen/': { get: { responses: { '200': { description: 'ok' } } } }, // adr-no-trailing-slash, adr-version-header
    '/Dingen_Lijst': { head: { responses: { '200': { description: 'ok', headers: versioned } } } }, // adr-path-segments-kebab-case, adr-http-methods
    '/ding/{dingId}': {
      // adr-naming-collections; adr-query-keys-camel-case; adr-no-sensitive-uris; adr-invalid-input-400 (input, no 400)
      get: {
        parameters: [
          { name: 'dingId', in: 'path', required: true, schema: { type: 'string', format: 'uuid', maxLength: 36 } },
          { name: 'type_gebouw', in: 'query', schema: { type: 'string', maxLength: 20 } },
          { name: 'bsn', in: 'query', schema: { type: 'string', maxLength: 9 } },
          { name: 'limit', in: 'query', schema: { type: 'integer' } }, // owasp:api4:2023-integer-limit-legacy
        ],
        responses: {
          '200': {
            description: 'ok',
            headers: versioned,
            // A long string in an answer is no OWASP API4 finding (see spectral.yaml).
            content: { 'application/json': { schema: { type: 'object', properties: { omschrijving: { type: 'string' } } } } },
          },
          '404': { description: 'not found', headers: versioned, content: { 'application/json': { schema: problem } } }, // adr-problem-details-media-type
          '422': { description: 'invalid', headers: versioned, content: { 'application/problem+json': { schema: problem } } }, // adr-invalid-input-not-422
        },
      },
      post: {
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  startDate: { type: 'string', format: 'date-time', maxLength: 30 }, // adr-date-format
                  createdAt: { type: 'string', format: 'date', maxLength: 10 }, // adr-date-time-format
                  omschrijving: { type: 'string' }, // owasp:api4:2023-string-limit
                  labels: { type: 'array', items: { type: 'string', enum: ['a'] } }, // owasp:api4:2023-array-limit
                },
              },
            },
          },
        },
        responses: {
          '201': { description: 'made', headers: versioned },
          // adr-problem-details-members: no detail
          '400': { description: 'invalid', headers: versioned, content: { 'application/problem+json': { schema: { ...problem, required: ['status', 'title'] } } } },
        },
      },
    },
  },
};

/** Has no paths and no servers, and a version of OpenAPI that is not major.minor.patch. */
const BARE = { openapi: '3.0', info, paths: {} }; // adr-doc-openapi-version, adr-doc-openapi-paths, adr-uri-version-servers

const ADR_RULES = [
  'adr-doc-openapi-version',
  'adr-doc-openapi-paths',
  'adr-doc-openapi-contact',
  'adr-uri-version-servers',
  'adr-uri-version',
  'adr-semver',
  'adr-version-header',
  'adr-no-trailing-slash',
  'adr-path-segments-kebab-case',
  'adr-query-keys-camel-case',
  'adr-naming-collections',
  'adr-http-methods',
  'adr-problem-details-media-type',
  'adr-problem-details-members',
  'adr-invalid-input-400',
  'adr-invalid-input-not-422',
  'adr-date-format',
  'adr-date-time-format',
  'adr-no-sensitive-uris',
  'adr-transport-tls',
];

describe('our API lint rules', () => {
  let dir: TempDir;
  let found: Diagnostic[];
  const of = (file: string) => found.filter((d) => d.source.endsWith(file));

  beforeAll(async () => {
    dir = createTempDir();
    const files = { 'keeps.json': KEEPS_THE_RULES, 'breaks.json': BREAKS_THE_RULES, 'bare.json': BARE };
    for (const [name, document] of Object.entries(files)) writeFileSync(join(dir.path, name), JSON.stringify(document));
    const spectral = require.resolve('@stoplight/spectral-cli');
    const args = ['lint', '--ruleset', join(CONTRACT_DIR, 'spectral.yaml'), '--format', 'json', '--quiet', ...Object.keys(files).map((f) => join(dir.path, f))];
    // Spectral exits 1 when it finds errors, which is the point here: its JSON report is what counts.
    const { stdout } = await promisify(execFile)(process.execPath, [spectral, ...args], { maxBuffer: 16 * 1024 * 1024 }).catch((failure) => failure);
    found = JSON.parse(stdout);
  });
  afterAll(() => dir.remove());

  it('finds nothing of the NL API Design Rules to object to in a document that keeps them', () => {
    expect(of('keeps.json').filter((d) => d.code.startsWith('adr-'))).toEqual([]);
  });

  it.each(ADR_RULES)('%s fires on a document that breaks it', (rule) => {
    const codes = [...of('breaks.json'), ...of('bare.json')].map((d) => d.code);
    expect(codes).toContain(rule);
  });

  it('holds what a client sends to the OWASP API4 limits, and not what the API answers', () => {
    const narrowed = ['string-limit', 'string-restricted', 'array-limit', 'integer-limit-legacy'].map((rule) => `owasp:api4:2023-${rule}`);
    const owasp = of('breaks.json').filter((d) => narrowed.includes(d.code));
    const where = owasp.map((d) => `${d.code} ${d.path.join('.')}`);
    expect(where).toEqual(
      expect.arrayContaining([
        'owasp:api4:2023-string-limit paths./ding/{dingId}.post.requestBody.content.application/json.schema.properties.omschrijving',
        'owasp:api4:2023-array-limit paths./ding/{dingId}.post.requestBody.content.application/json.schema.properties.labels',
        'owasp:api4:2023-integer-limit-legacy paths./ding/{dingId}.get.parameters.3.schema',
      ]),
    );
    expect(where.filter((w) => w.includes('.responses.'))).toEqual([]);
  });
});
