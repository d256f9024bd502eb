import { IncomingMessage, ServerResponse } from 'node:http';
import { ProblemHttpException } from './problem-http.exception';
import { storableTextMiddleware, unstorableTextPaths } from './storable-text.middleware';

const run = (query: unknown, body?: unknown): unknown => {
  let passed: unknown = 'not called';
  storableTextMiddleware()({ query, body } as IncomingMessage & { query: unknown; body: unknown }, {} as ServerResponse, (error) => (passed = error));
  return passed;
};

describe('unstorableTextPaths', () => {
  it('finds U+0000 and unpaired surrogates, named as invalidParams names fields', () => {
    expect(
      unstorableTextPaths({
        team: 'T\u0000',
        members: [{ givenName: 'Anna' }, { givenName: 'B\ud800' }],
        residences: [{ key: 'A', note: ['ok', '\udfffx'] }],
        organisation: { name: 'x\ud800\ud800' },
      }),
    ).toEqual(['team', 'members[1].givenName', 'residences[0].note[1]', 'organisation.name']);
  });

  it('finds a property name that holds one, and does not look inside its value', () => {
    expect(unstorableTextPaths({ 'a\u0000': 'b\u0000', nested: { '\udc00': 1 } })).toEqual(['a\u0000', 'nested.\udc00']);
  });

  it('takes what PostgreSQL stores: pairs of surrogates, U+FFFD, noncharacters, other control characters, non-strings', () => {
    expect(unstorableTextPaths({ a: 'F\u{1F600}zz', b: '\ufffd\uffff\ufffe', c: '\u0007\t\n', d: [1, true, null, { e: 2 }] })).toEqual([]);
    expect(unstorableTextPaths(undefined)).toEqual([]);
  });

  it('walks any depth without recursion', () => {
    let deep: unknown = '\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unstorableTextPaths(deep)).toHaveLength(1);
  });
});

describe('storableTextMiddleware', () => {
  it('passes bodies and queries of storable text', () => {
    expect(run({ team: 'T1' }, { givenName: 'Zoë' })).toBeUndefined();
    expect(run({})).toBeUndefined();
  });

  it('answers 400 invalid naming every field of the query and the body, never quoting the value', () => {
    const error = run({ team: 'a\u0000' }, { members: [{ familyName: 'X\ud800' }] });
    expect(error).toBeInstanceOf(ProblemHttpException);
    const { problem } = error as ProblemHttpException;
    expect(problem).toMatchObject({ status: 400, code: 'invalid' });
    expect(problem.invalidParams).toEqual([
      { name: 'team', code: 'isStorableText', reason: 'must not contain U+0000 or an unpaired surrogate (U+D800 to U+DFFF)' },
      { name: 'members[0].familyName', code: 'isStorableText', reason: 'must not contain U+0000 or an unpaired surrogate (U+D800 to U+DFFF)' },
    ]);
  });
});
