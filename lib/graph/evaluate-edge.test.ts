import { describe, expect, test } from 'vitest';
import { buildInventory } from '../inventory';
import type { ManifestObject } from '../model/manifest';
import { createEvaluator } from '../policy';
import { buildEndpointIndex, classifyGraph, evaluateEdge } from './index';
import { observedEdge } from './testing/builders';
import { shopObjects } from './testing/shop-cluster';

/** Two replicas of Deployment shop/web, one of them relabelled (a canary): only the `app=frontend` one may call the api. */
const replica = (name: string, app: string, ip: string): ManifestObject => {
  const metadata = { name, namespace: 'shop', labels: { app }, annotations: {}, ownerReferences: [{ kind: 'ReplicaSet', name: 'web-6d4cf56db6', controller: true }] };
  return { apiVersion: 'v1', kind: 'Pod', metadata, body: { apiVersion: 'v1', kind: 'Pod', metadata, spec: { containers: [{ name: 'web' }] }, status: { podIP: ip } }, source: { file: 'evaluate-edge.test.ts', line: 1 } };
};
const objects = [...shopObjects, replica('web-6d4cf56db6-a', 'frontend', '10.1.0.21'), replica('web-6d4cf56db6-b', 'canary', '10.1.0.22')];
const inventory = buildInventory(objects).value;
const evaluator = createEvaluator(inventory, objects).value;
const index = buildEndpointIndex(inventory);
const webToApi = { source: 'shop/web', destination: 'shop/api', port: 9090, protocol: 'TCP' as const };

describe('evaluateEdge (pass 2)', () => {
  test('replicas that disagree are reported, and the edge takes the most restrictive verdict', () => {
    const ev = evaluateEdge(evaluator, index, webToApi);
    expect(ev.podPairs).toMatchObject({ evaluated: 2, total: 2, disagree: true });
    expect(ev.podPairs.details).toHaveLength(2);
    expect(ev.verdict?.verdict).toBe('denied');
    expect(ev.notes.join(' ')).toContain('replicas disagree');
  });

  test('an endpoint the inventory does not know cannot be evaluated, and says so', () => {
    const ev = evaluateEdge(evaluator, index, { ...webToApi, source: 'dns:api.example.com' });
    expect(ev.verdict).toBeNull();
    expect(ev.notes[0]).toContain('dns:api.example.com');
  });

  test('in the graph the disagreement is part of the explanation', () => {
    const graph = classifyGraph({ inventory, evaluator, edges: [observedEdge(webToApi)] });
    const edge = graph.edges.find((e) => e.source === 'shop/web' && e.observed);
    expect(edge).toMatchObject({ class: 'unauthorized', state: 'denied', explanation: { podPairs: { disagree: true } } });
  });
});
