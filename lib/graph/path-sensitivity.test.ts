import { describe, expect, test } from 'vitest';
import { emptyInventory, type Inventory, type Workload } from '../model';
import { categoriesOfPath, classifyPathSensitivity, classifySensitivity } from './index';

describe('categoriesOfPath', () => {
  test.each([
    { path: '/admin/users/{id}', expected: ['admin', 'user-data'] },
    { path: '/actuator/env', expected: ['admin'] },
    { path: '/internal/reindex', expected: ['internal'] },
    { path: '/api/v1/billing/invoices', expected: ['payment'] },
    { path: '/hipstershop.PaymentService/Charge', expected: ['payment'], why: 'gRPC package.Service/Method' },
    { path: '/hipstershop.EmailService/SendOrderConfirmation', expected: ['user-data'] },
    { path: '/api/accounts/{id}/profile', expected: ['user-data'] },
    { path: '/administrator-guide', expected: [], why: 'a word that only starts like admin' },
    { path: '/product/{id}', expected: [] },
    { path: '/hipstershop.CartService/GetCart', expected: [] },
  ])('$path → $expected', ({ path, expected }) => {
    expect(categoriesOfPath(path)).toEqual(expected);
  });
});

describe('classifyPathSensitivity', () => {
  test('groups by destination, one reason per category and distinct path', () => {
    const result = classifyPathSensitivity([
      { destination: 'shop/api', path: '/admin/flags' },
      { destination: 'shop/api', path: '/admin/flags' },
      { destination: 'shop/api', path: '/internal/cache' },
      { destination: 'shop/web', path: '/' },
    ]);
    expect(Object.fromEntries(result)).toEqual({
      'shop/api': [
        { kind: 'path', category: 'admin', path: '/admin/flags' },
        { kind: 'path', category: 'internal', path: '/internal/cache' },
      ],
    });
  });
});

const workload = (name: string): Workload => ({ kind: 'Deployment', namespace: 'shop', name, podLabels: { app: name }, podAnnotations: {}, serviceAccount: 'default', ports: [], containers: [name], hostNetwork: false });
const inventory = (...names: string[]): Inventory => ({ ...emptyInventory(), namespaces: [{ name: 'shop', labels: {}, annotations: {} }], workloads: names.map(workload) });

describe('classifySensitivity with observed paths', () => {
  const paths = classifyPathSensitivity([
    { destination: 'shop/ledger', path: '/internal/entries' },
    { destination: 'shop/console', path: '/admin' },
    { destination: 'shop/gone', path: '/admin' },
  ]);

  const cases: { case: string; workload: string; tags: string[]; level?: string; kinds?: string[] }[] = [
    { case: 'an observed sensitive path alone is a suggestion', workload: 'shop/ledger', tags: [], level: 'sensitive', kinds: ['path'] },
    { case: 'a tag and a path: confirmed, both reasons kept', workload: 'shop/console', tags: ['shop/console'], level: 'crown-jewel', kinds: ['tag', 'path'] },
    { case: 'a workload with no sensitive path is not reported', workload: 'shop/web', tags: [] },
    { case: 'a destination outside the inventory is not reported', workload: 'shop/gone', tags: [] },
  ];
  test.each(cases)('$case', ({ workload: name, tags, level, kinds }) => {
    const finding = classifySensitivity(inventory('ledger', 'console', 'web'), tags, undefined, paths).find((f) => f.workload === name);
    expect(finding?.level).toBe(level);
    expect(finding?.reasons.map((r) => r.kind)).toEqual(kinds);
  });
});
