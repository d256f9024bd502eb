import { createValidationPipe, ProblemHttpException } from '@casusregie/http';
import { IntegerField, NestedField, WholeNumberQueryField } from './fields';
import { parseWholeNumber, wholeNumberParam } from './whole-number';

class Item {
  @IntegerField(1, 10)
  count: number;
}

class Body {
  @NestedField(() => Item)
  item: Item;

  @NestedField(() => Item, { list: { min: 1, max: 3 } })
  items: Item[];
}

class Page {
  @WholeNumberQueryField(1, 500, { optional: true })
  limit?: number;

  @WholeNumberQueryField(0, Number.MAX_SAFE_INTEGER, { optional: true })
  after?: number;
}

const pipe = createValidationPipe();
async function invalidParams(value: unknown, metatype: new () => object, type: 'body' | 'query' = 'body') {
  try {
    return { valid: await pipe.transform(value, { type, metatype }) };
  } catch (error) {
    expect(error).toBeInstanceOf(ProblemHttpException);
    return (error as ProblemHttpException).problem.invalidParams;
  }
}

describe('NestedField', () => {
  it('takes objects of its class', async () => {
    expect(await invalidParams({ item: { count: 1 }, items: [{ count: 2 }] }, Body)).toEqual({ valid: expect.any(Body) });
  });

  it('refuses a required nested object left out, and list items that are not objects ([[]], [null], [1])', async () => {
    for (const items of [[[]], [null], [1]]) {
      expect(await invalidParams({ items }, Body)).toEqual([
        { name: 'item', code: 'isObject', reason: 'must be an object' },
        { name: 'items', code: 'isObject', reason: 'each item must be an object' },
      ]);
    }
  });

  it('refuses an array where one object belongs', async () => {
    expect(await invalidParams({ item: [{ count: 1 }], items: [{ count: 1 }] }, Body)).toEqual([{ name: 'item', code: 'isObject', reason: 'must be an object' }]);
  });
});

describe('whole numbers in a query', () => {
  it.each([
    ['0', 0],
    ['500', 500],
    ['007', 7],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
  ])('reads %s as %s', (raw, value) => {
    expect(parseWholeNumber(raw, 0, Number.MAX_SAFE_INTEGER)).toBe(value);
  });

  it.each(['', ' 1', '-1', '+1', '1.5', '1e3', '0x10', 'NaN', 'Infinity', '9007199254740992', '99999999999999999999'])('refuses %j', (raw) => {
    expect(parseWholeNumber(raw, 0, Number.MAX_SAFE_INTEGER)).toBeUndefined();
  });

  it('refuses a repeated parameter (an array) and a number out of range', () => {
    expect(parseWholeNumber(['1', '2'], 0, 10)).toBeUndefined();
    expect(parseWholeNumber('11', 0, 10)).toBeUndefined();
  });

  it('WholeNumberQueryField: numbers in range become numbers; anything else is a 400 naming the range', async () => {
    expect(await invalidParams({ limit: '50', after: '12' }, Page, 'query')).toEqual({ valid: Object.assign(new Page(), { limit: 50, after: 12 }) });
    expect(await invalidParams({ limit: '1e2', after: '99999999999999999999' }, Page, 'query')).toEqual([
      { name: 'limit', code: 'isWholeNumber', reason: 'must be a whole number from 1 to 500' },
      { name: 'after', code: 'isWholeNumber', reason: 'must be a whole number from 0 to 9007199254740991' },
    ]);
  });

  it('wholeNumberParam: the fallback when absent, the same 400 otherwise', () => {
    expect(wholeNumberParam('limit', undefined, 100, 1, 500)).toBe(100);
    expect(wholeNumberParam('limit', '20', 100, 1, 500)).toBe(20);
    expect(() => wholeNumberParam('limit', '501', 100, 1, 500)).toThrow(ProblemHttpException);
  });
});
