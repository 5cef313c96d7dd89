import { describe, expect, test } from 'vitest';
import { isAuditedRequest } from './index';

describe('isAuditedRequest', () => {
  test.each([
    { method: 'POST', path: '/api/snapshots/s1/imports', search: '?fileName=a.yaml', expected: true, why: 'an import' },
    { method: 'delete', path: '/api/snapshots/s1', search: '', expected: true, why: 'lower-case method' },
    { method: 'PATCH', path: '/api/drafts/d1', search: '', expected: true, why: 'a draft change' },
    { method: 'GET', path: '/api/drafts/d1/export', search: '', expected: true, why: 'an export carries data out' },
    { method: 'GET', path: '/api/snapshots/s1/report', search: '?download=1', expected: true, why: 'a report download' },
    { method: 'GET', path: '/api/snapshots/s1/report', search: '', expected: false, why: 'a report preview' },
    { method: 'GET', path: '/api/snapshots/s1/graph', search: '?download=1', expected: false, why: 'a plain read' },
    { method: 'POST', path: '/api/auth/signin', search: '', expected: false, why: 'sign-in records its own outcome' },
    { method: 'POST', path: '/graph', search: '', expected: false, why: 'pages are not API calls' },
  ])('$method $path$search: $expected ($why)', ({ method, path, search, expected }) => {
    expect(isAuditedRequest(method, path, search)).toBe(expected);
  });
});
