import { describe, expect, test } from 'vitest';
import { describeDatabaseUrl, getDatabaseUrl, validateDatabaseUrl, withDatabase } from './database-url';

describe('database URLs', () => {
  test.each([
    { url: 'postgresql://u:secret@db.internal:6432/eastwest', described: 'db.internal:6432/eastwest' },
    { url: 'postgres://u@127.0.0.1/eastwest', described: '127.0.0.1:5432/eastwest' },
  ])('describes $url without its password', ({ url, described }) => {
    expect(validateDatabaseUrl(url)).toBe(url);
    expect(describeDatabaseUrl(url)).toBe(described);
  });

  test.each([
    { url: 'not a url', message: /not a valid URL/ },
    { url: 'mysql://u@h/db', message: /must start with postgresql:\/\// },
  ])('rejects $url with a one-line message', ({ url, message }) => {
    expect(() => validateDatabaseUrl(url)).toThrow(message);
  });

  test('an unset DATABASE_URL says how to start Eastwest', () => {
    expect(() => getDatabaseUrl({})).toThrow(/DATABASE_URL is not set: start Eastwest with `npm start`/);
    expect(getDatabaseUrl({ DATABASE_URL: ' postgresql://h/db ' })).toBe('postgresql://h/db');
  });

  test('withDatabase swaps only the database name', () => {
    expect(withDatabase('postgresql://u:p@h:5433/postgres?sslmode=disable', 'eastwest_test_1')).toBe('postgresql://u:p@h:5433/eastwest_test_1?sslmode=disable');
  });
});
