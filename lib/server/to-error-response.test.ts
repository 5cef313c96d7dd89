import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { DbError } from '@/lib/db/errors';
import { HttpError } from './http-error';
import { toErrorResponse } from './to-error-response';

const zodError = (() => {
  const r = z.object({ name: z.string() }).safeParse({});
  if (r.success) throw new Error('expected a validation error');
  return r.error;
})();

describe('toErrorResponse', () => {
  test.each([
    { why: 'a validation error', error: zodError, status: 400, code: 'bad-request' },
    { why: 'an HttpError', error: new HttpError('bad-request', 'The request body must be JSON'), status: 400, code: 'bad-request' },
    { why: 'a missing row', error: new DbError('not-found', 'Snapshot x not found'), status: 404, code: 'not-found' },
    { why: 'a duplicate', error: new DbError('conflict', 'already exists'), status: 409, code: 'conflict' },
    { why: 'a database that is down', error: new DbError('unavailable', 'Cannot connect'), status: 503, code: 'unavailable' },
    { why: 'a malformed DATABASE_URL', error: new DbError('invalid', 'DATABASE_URL is not a valid URL'), status: 503, code: 'unavailable' },
    { why: 'a refused socket', error: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), status: 503, code: 'unavailable' },
    { why: 'anything else', error: new TypeError('boom'), status: 500, code: 'internal' },
  ])('$why → $status $code', async ({ error, status, code }) => {
    const original = console.error;
    console.error = () => undefined;
    try {
      const res = toErrorResponse(error);
      expect(res.status).toBe(status);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe(code);
      if (code === 'internal') expect(body.error.message).not.toContain('boom');
    } finally {
      console.error = original;
    }
  });

  test('validation issues name the field', async () => {
    const body = (await toErrorResponse(zodError).json()) as { error: { issues: { path: string }[] } };
    expect(body.error.issues.map((i) => i.path)).toEqual(['name']);
  });
});
