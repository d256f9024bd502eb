import { toInvalidParams } from './invalid-params';

describe('toInvalidParams', () => {
  it('names nested properties with dots and array elements with brackets, one entry per failed rule', () => {
    expect(
      toInvalidParams([
        { property: 'startDate', constraints: { isDateString: 'startDate must be a valid ISO 8601 date string' } },
        {
          property: 'household',
          children: [
            { property: 'address', children: [{ property: 'postcode', constraints: { matches: 'postcode must match' } }] },
            {
              property: 'members',
              children: [
                {
                  property: '2',
                  children: [
                    {
                      property: 'birthDate',
                      constraints: { isDateString: 'birthDate must be a date', isNotEmpty: 'birthDate should not be empty' },
                    },
                  ],
                },
              ],
            },
          ],
        },
      ]),
    ).toEqual([
      { name: 'startDate', code: 'isDateString', reason: 'startDate must be a valid ISO 8601 date string' },
      { name: 'household.address.postcode', code: 'matches', reason: 'postcode must match' },
      { name: 'household.members[2].birthDate', code: 'isDateString', reason: 'birthDate must be a date' },
      { name: 'household.members[2].birthDate', code: 'isNotEmpty', reason: 'birthDate should not be empty' },
    ]);
  });

  it('returns nothing for no errors', () => {
    expect(toInvalidParams([])).toEqual([]);
  });
});
