import { expect, test } from 'vitest';
import { graphQuerySchema, searchParamsToObject, toGraphRequest } from './index';

const parse = (qs: string) => graphQuerySchema.safeParse(searchParamsToObject(new URLSearchParams(qs)));

test.each([
  { qs: '', ok: true },
  { qs: 'class=unauthorized,unused&state=denied', ok: true },
  { qs: 'class=bogus', ok: false },
  { qs: 'port=0', ok: false },
  { qs: 'port=443&protocol=udp', ok: true },
  { qs: 'protocol=ICMP', ok: false },
  { qs: 'from=2026-03-12T09:40:00Z&to=2026-03-12T09:30:00Z', ok: false },
  { qs: 'from=not-a-time', ok: false },
  { qs: 'hideInfra=maybe', ok: false },
])('$qs -> ok=$ok', ({ qs, ok }) => expect(parse(qs).success).toBe(ok));

test('repeated and comma-separated lists, booleans and times become the engine request', () => {
  const r = parse('ns=shop&ns=ops,tools&class=unauthorized&protocol=tcp&port=8080&method=GET&path=/api/*&q=pay&hideInfra=1&from=2026-03-12T10:41:00%2B01:00&collapseAbove=50&expand=shop');
  expect(r.success).toBe(true);
  expect(toGraphRequest(r.data!)).toEqual({
    window: { from: '2026-03-12T09:41:00.000Z' },
    filters: { namespaces: ['shop', 'ops', 'tools'], classes: ['unauthorized'], port: 8080, protocol: 'TCP', method: 'GET', path: '/api/*', search: 'pay', hideInfra: true },
    view: { collapseAbove: 50, expand: ['shop'] },
  });
});
