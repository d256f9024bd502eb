import { BadRequestException, ParseUUIDPipe } from '@nestjs/common';
import { malformedPathIds } from './malformed-path-ids';

const ID = '0b7d1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4';

async function parseUuidError(value: string): Promise<unknown> {
  return new ParseUUIDPipe({ version: undefined }).transform(value, { type: 'param', data: 'x' }).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('malformedPathIds', () => {
  it('names every path parameter that is no UUID, without its value', async () => {
    const problem = malformedPathIds(await parseUuidError('nope'), { householdId: 'nope', trajectoryId: ID, eventId: '42' });
    expect(problem?.problem).toMatchObject({
      status: 400,
      code: 'invalid',
      invalidParams: [
        { name: 'householdId', code: 'isUuid', reason: 'householdId must be a UUID' },
        { name: 'eventId', code: 'isUuid', reason: 'eventId must be a UUID' },
      ],
    });
    expect(JSON.stringify(problem?.problem)).not.toMatch(/nope|42/);
  });

  it('leaves other errors alone', async () => {
    expect(malformedPathIds(new BadRequestException('something else'), { householdId: 'nope' })).toBeUndefined();
    expect(malformedPathIds(new Error('Validation failed (uuid is expected)'), { householdId: 'nope' })).toBeUndefined();
    expect(malformedPathIds(await parseUuidError('nope'), undefined)).toBeUndefined();
    expect(malformedPathIds(await parseUuidError('nope'), { householdId: ID })).toBeUndefined();
  });
});
