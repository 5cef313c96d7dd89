import { describe, expect, test } from 'vitest';
import { createEvaluator } from '../policy';
import { linkerdLayerFactory } from '../policy/linkerd';
import { evaluateEdge, generateDraft, toManifestObjects, type DraftKind } from './index';
import { answerKey, boutiqueEdges, boutiqueInventory } from './test-support/boutique';
import { clusterInventory, observedEdge } from './test-support/cluster';

/** Every family's draft read back through its own policy layer of the engine. */
describe('Istio draft through the Istio layer (the seeds scenario)', () => {
  const inventory = clusterInventory([
    { namespace: 'backend', name: 'api-gateway', ports: [{ port: 8080 }], mesh: 'istio' },
    { namespace: 'backend', name: 'user-service', ports: [{ port: 8000 }], mesh: 'istio' },
    { namespace: 'backend', name: 'postgres', ports: [{ port: 5432 }], mesh: 'istio' },
  ]);
  const edges = [
    observedEdge('backend/api-gateway', 'backend/user-service', 8000, { method: 'GET', pathTemplate: '/api/v1/users/{id}' }),
    observedEdge('backend/api-gateway', 'backend/user-service', 8000, { method: 'POST', pathTemplate: '/api/v1/users' }),
    observedEdge('backend/api-gateway', 'backend/user-service', 8000, { method: 'DELETE', pathTemplate: '/api/v1/users/{id}', verdicts: { 'denied:403': 1 } }),
    observedEdge('backend/user-service', 'backend/postgres', 5432, { countUnit: 'connections' }),
  ];
  const draft = generateDraft({ inventory, edges, scope: { namespaces: ['backend'] }, kinds: ['istio'] });
  const evaluator = createEvaluator(inventory, toManifestObjects(draft.documents).value).value;
  const ask = (source: string, destination: string, port: number, method?: string, pathTemplate?: string) =>
    evaluateEdge(evaluator, inventory, { source, destination, port, protocol: 'TCP', ...(method ? { method } : {}), ...(pathTemplate ? { pathTemplate } : {}) }).outcome;

  test.each([
    ['GET /api/v1/users/42 from the gateway', 'backend/api-gateway', 'GET', '/api/v1/users/42', 'allowed'],
    ['POST /api/v1/users from the gateway', 'backend/api-gateway', 'POST', '/api/v1/users', 'allowed'],
    ['DELETE /api/v1/users/42 from the gateway (was refused)', 'backend/api-gateway', 'DELETE', '/api/v1/users/42', 'denied'],
    ['GET /api/v1/users/42 from postgres', 'backend/postgres', 'GET', '/api/v1/users/42', 'denied'],
    ['POST /admin from the gateway', 'backend/api-gateway', 'POST', '/admin', 'denied'],
  ])('%s: %s', (_name, source, method, path, expected) => {
    expect(ask(source, 'backend/user-service', 8000, method, path)).toBe(expected);
  });

  test('L4 grant: user-service may reach postgres, the gateway may not', () => {
    expect(ask('backend/user-service', 'backend/postgres', 5432)).toBe('allowed');
    expect(ask('backend/api-gateway', 'backend/postgres', 5432)).toBe('denied');
  });
});

describe.each(['networkpolicy', 'istio', 'cilium'] as DraftKind[])('Online Boutique %s draft through the engine', (kind) => {
  const inventory = boutiqueInventory();
  const draft = generateDraft({ inventory, edges: boutiqueEdges(), scope: { namespaces: ['boutique'] }, kinds: [kind] });
  const evaluator = createEvaluator(inventory, toManifestObjects(draft.documents).value).value;
  const key = answerKey().filter((e) => !e.source.includes('<'));
  // The Istio layer enforces only where a sidecar is: tools/netshoot-debug (U3) has none, and Istio
  // authorizes it as a caller without identity, which the principals rule does not match.
  test.each(key.map((e) => [e.id, e] as const))('%s', (id, e) => {
    expect(evaluateEdge(evaluator, inventory, e).outcome).toBe(id.startsWith('E') ? 'allowed' : 'denied');
  });
});

describe('L7 drafts through the engine: Cilium HTTP rules and Linkerd identities', () => {
  const inventory = clusterInventory([
    { namespace: 'backend', name: 'api-gateway', ports: [{ port: 8080 }], mesh: 'linkerd' },
    { namespace: 'backend', name: 'user-service', ports: [{ port: 8000 }], mesh: 'linkerd' },
    { namespace: 'backend', name: 'postgres', ports: [{ port: 5432 }], mesh: 'linkerd' },
  ]);
  const edges = [
    observedEdge('backend/api-gateway', 'backend/user-service', 8000, { method: 'GET', pathTemplate: '/api/v1/users/{id}' }),
    observedEdge('backend/user-service', 'backend/postgres', 5432),
  ];
  const evaluatorFor = (kind: DraftKind, factories?: Parameters<typeof createEvaluator>[3]) =>
    createEvaluator(inventory, toManifestObjects(generateDraft({ inventory, edges, scope: { namespaces: ['backend'] }, kinds: [kind] }).documents).value, {}, factories).value;
  const ask = (kind: DraftKind, source: string, destination: string, port: number, method?: string, pathTemplate?: string, factories?: Parameters<typeof createEvaluator>[3]) =>
    evaluateEdge(evaluatorFor(kind, factories), inventory, { source, destination, port, protocol: 'TCP', ...(method ? { method } : {}), ...(pathTemplate ? { pathTemplate } : {}) }).outcome;

  test.each([
    ['GET', '/api/v1/users/7', 'allowed'],
    ['DELETE', '/api/v1/users/7', 'denied'],
    ['GET', '/api/v1/users/7/orders', 'denied'],
  ])('cilium: %s %s from the gateway is %s', (method, path, expected) => {
    expect(ask('cilium', 'backend/api-gateway', 'backend/user-service', 8000, method, path)).toBe(expected);
  });

  test('linkerd: only the observed client identity reaches each Server', () => {
    const factories = [linkerdLayerFactory];
    expect(ask('linkerd', 'backend/api-gateway', 'backend/user-service', 8000, undefined, undefined, factories)).toBe('allowed');
    expect(ask('linkerd', 'backend/postgres', 'backend/user-service', 8000, undefined, undefined, factories)).toBe('denied');
    expect(ask('linkerd', 'backend/user-service', 'backend/postgres', 5432, undefined, undefined, factories)).toBe('allowed');
    expect(ask('linkerd', 'backend/api-gateway', 'backend/postgres', 5432, undefined, undefined, factories)).toBe('denied');
  });
});
