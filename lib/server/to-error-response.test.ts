import { afterEach, describe, expect, test, vi } from 'vitest';
import { describeForLog, toErrorResponse } from './to-error-response';

describe('unexpected errors in the server log', () => {
  afterEach(() => vi.unstubAllEnvs());

  test('the message (which may quote uploaded content) is withheld, the stack frames are kept', () => {
    const line = describeForLog(new TypeError('cannot read "password=hunter2" at line 3'));
    expect(line).toContain('TypeError (message withheld');
    expect(line).not.toContain('hunter2');
    expect(line).toMatch(/\n\s+at /);
  });

  test('EASTWEST_DEBUG=1 logs the whole error', () => {
    vi.stubEnv('EASTWEST_DEBUG', '1');
    expect(describeForLog(new Error('boom detail'))).toContain('boom detail');
  });

  test('the client gets a generic 500 without the message', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = toErrorResponse(new Error('secret-value'));
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain('secret-value');
    expect(String(spy.mock.calls[0]?.[1])).not.toContain('secret-value');
    spy.mockRestore();
  });
});
