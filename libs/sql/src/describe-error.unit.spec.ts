import { DataFreeError, describeError, isTransientDatabaseError } from './describe-error';

describe('describeError', () => {
  it('names the class and code, never the message', () => {
    const error = Object.assign(new Error('date/time field value out of range: "0000-01-01"'), { code: '22008' });
    expect(describeError(error)).toBe('Error 22008');
    class DatabaseError extends Error {}
    const pgError = Object.assign(new DatabaseError('duplicate key value (bsn)=(123456782)'), { name: 'error', code: '23505' });
    expect(describeError(pgError)).toBe('DatabaseError 23505');
    expect(describeError(new TypeError("Cannot read properties of undefined (reading 'Jansen')"))).toBe('TypeError');
    expect(describeError('Jansen')).toBe('string');
  });

  it('does not take a name that is not a class name', () => {
    const error = Object.assign(new Error('x'), { name: 'Jan Jansen, 1980-01-01' });
    expect(describeError(error)).toBe('Error');
  });
});

describe('isTransientDatabaseError', () => {
  it('tells a lost connection or a deadlock from an error about the data', () => {
    const coded = (code: string) => Object.assign(new Error('m'), { code });
    expect(isTransientDatabaseError(coded('57P01'))).toBe(true);
    expect(isTransientDatabaseError(coded('08006'))).toBe(true);
    expect(isTransientDatabaseError(coded('40P01'))).toBe(true);
    expect(isTransientDatabaseError(coded('ECONNRESET'))).toBe(true);
    expect(isTransientDatabaseError(coded('EPIPE'))).toBe(true);
    expect(isTransientDatabaseError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransientDatabaseError(coded('22008'))).toBe(false);
    expect(isTransientDatabaseError(coded('23505'))).toBe(false);
    expect(isTransientDatabaseError(new TypeError('x'))).toBe(false);
  });
});

describe('DataFreeError', () => {
  it('says what failed with the cause by class and code, and keeps nothing else of it', () => {
    const cause = Object.assign(new Error('invalid input: "Jansen"'), { code: '22P02' });
    const error = new DataFreeError('catch-up failed', cause);
    expect(error.message).toBe('catch-up failed: Error 22P02');
    expect(error.code).toBe('22P02');
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain('Jansen');
    expect(isTransientDatabaseError(new DataFreeError('x', Object.assign(new Error(), { code: '57P01' })))).toBe(true);
  });
});
