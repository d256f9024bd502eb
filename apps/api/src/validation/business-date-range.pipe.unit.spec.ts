import { businessDateRange } from '@casusregie/domain';
import { ProblemHttpException } from '@casusregie/http';
import { BusinessDateRangePipe } from './business-date-range.pipe';
import { BusinessDateField, NestedField } from './fields';

class Step {
  @BusinessDateField()
  date: string;
}

class LaterStep extends Step {
  @BusinessDateField({ optional: true })
  correctedDate?: string;
}

class Steps {
  @BusinessDateField()
  registeredOn: string;

  @NestedField(() => LaterStep, { list: { min: 1, max: 5 } })
  steps: LaterStep[];
}

const of = <T extends object>(type: new () => T, values: Partial<T>): T => Object.assign(new type(), values);
const pipe = new BusinessDateRangePipe(businessDateRange('2010-01-01'));

function invalidParams(value: unknown, type: 'body' | 'query' = 'body') {
  try {
    pipe.transform(value, { type });
  } catch (error) {
    expect(error).toBeInstanceOf(ProblemHttpException);
    return (error as ProblemHttpException).problem.invalidParams;
  }
  return undefined;
}

describe('BusinessDateRangePipe', () => {
  it('lets a request through whose business dates lie in the configured range, bounds included', () => {
    const request = of(LaterStep, { date: '2010-01-01', correctedDate: '2999-12-31' });
    expect(pipe.transform(request, { type: 'body' })).toBe(request);
    expect(invalidParams(of(LaterStep, { date: '2026-11-23' }))).toBeUndefined();
  });

  it('names every business date outside the range, inherited ones too, by the range and never by the date', () => {
    expect(invalidParams(of(LaterStep, { date: '2009-12-31', correctedDate: '3000-01-01' }), 'query')).toEqual([
      { name: 'date', code: 'isDateInRange', reason: 'must be a date from 2010-01-01 to 2999-12-31' },
      { name: 'correctedDate', code: 'isDateInRange', reason: 'must be a date from 2010-01-01 to 2999-12-31' },
    ]);
  });

  it('names a date in a nested list by its path, as the validation pipe does', () => {
    const request = of(Steps, { registeredOn: '2010-01-01', steps: [of(LaterStep, { date: '2011-01-01' }), of(LaterStep, { date: '2000-01-01' })] });
    expect(invalidParams(request)).toEqual([{ name: 'steps[1].date', code: 'isDateInRange', reason: 'must be a date from 2010-01-01 to 2999-12-31' }]);
  });

  it('leaves alone what is no request object: route parameters, plain objects, primitives', () => {
    expect(pipe.transform('1999-12-31', { type: 'param' })).toBe('1999-12-31');
    expect(invalidParams({ date: '1999-12-31' })).toBeUndefined();
    expect(invalidParams(undefined)).toBeUndefined();
  });
});
