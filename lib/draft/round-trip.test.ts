import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createEvaluator } from '../policy';
import type { Protocol } from '../model/kubernetes';
import { evaluateEdge, generateDraft, toManifestObjects, validateDraftObject } from './index';
import { clusterInventory, observedEdge, type WorkloadSpec } from './test-support/cluster';

/**
 * Round trip: a NetworkPolicy draft exported as YAML and read back through the engine allows exactly the
 * granted connections between the generated workloads, and nothing more.
 */
const PORTS: { port: number; protocol: Protocol }[] = [
  { port: 80, protocol: 'TCP' },
  { port: 81, protocol: 'TCP' },
  { port: 8080, protocol: 'TCP' },
  { port: 53, protocol: 'UDP' },
  { port: 81, protocol: 'SCTP' },
];

const clusterArb = fc
  .array(
    fc.record({
      namespace: fc.constantFrom('ns-a', 'ns-b', 'ns-c'),
      labelKey: fc.constantFrom('app', 'app.kubernetes.io/name'),
      sharesServiceAccount: fc.boolean(),
      ports: fc.subarray(PORTS, { minLength: 1 }),
    }),
    { minLength: 2, maxLength: 6 },
  )
  .map((ws): WorkloadSpec[] =>
    ws.map((w, i) => ({
      namespace: w.namespace,
      name: `w${i}`,
      // A label every workload shares must never end up alone in a selector.
      labels: { [w.labelKey]: `w${i}`, team: 'shop' },
      ...(w.sharesServiceAccount ? { serviceAccount: 'shared' } : {}),
      ports: w.ports,
    })),
  );

const scenarioArb = clusterArb.chain((workloads) => {
  const universe = workloads.flatMap((src) =>
    workloads
      .filter((dst) => dst !== src)
      .flatMap((dst) => dst.ports.map((p) => ({ source: `${src.namespace}/${src.name}`, destination: `${dst.namespace}/${dst.name}`, port: p.port, protocol: p.protocol ?? ('TCP' as Protocol) }))),
  );
  return fc.record({
    workloads: fc.constant(workloads),
    universe: fc.constant(universe),
    granted: fc.subarray(universe),
    scoped: fc.subarray(workloads.map((w) => `${w.namespace}/${w.name}`), { minLength: 1 }),
  });
});

const keyOf = (e: { source: string; destination: string; port: number; protocol: string }) => `${e.source}|${e.destination}|${e.port}|${e.protocol}`;

// Property runs do real work (40 clusters each); the timeout only guards a busy machine.
describe('round trip through the engine', { timeout: 60_000 }, () => {
  test.each([['networkpolicy'], ['cilium']] as const)('%s, namespace scope: exactly the granted edges are allowed', (kind) => {
    fc.assert(
      fc.property(scenarioArb, ({ workloads, universe, granted }) => {
        const inventory = clusterInventory(workloads);
        const edges = granted.map((g) => observedEdge(g.source, g.destination, g.port, { protocol: g.protocol }));
        const namespaces = [...new Set(workloads.map((w) => w.namespace))];
        const draft = generateDraft({ inventory, edges, scope: { namespaces }, kinds: [kind] });
        const parsed = toManifestObjects(draft.documents);
        expect(parsed.diagnostics).toEqual([]);
        for (const o of parsed.value) expect(validateDraftObject(o.body)).toEqual([]);
        const evaluator = createEvaluator(inventory, parsed.value).value;
        const grantedKeys = new Set(granted.map(keyOf));
        for (const e of universe) expect(evaluateEdge(evaluator, inventory, e).outcome, keyOf(e)).toBe(grantedKeys.has(keyOf(e)) ? 'allowed' : 'denied');
      }),
      { numRuns: 40 },
    );
  });

  test('workload scope: pairs touching a scoped workload are allowed exactly when granted; the rest of the namespace is untouched', () => {
    fc.assert(
      fc.property(scenarioArb, ({ workloads, universe, granted, scoped }) => {
        const inventory = clusterInventory(workloads);
        const edges = granted.map((g) => observedEdge(g.source, g.destination, g.port, { protocol: g.protocol }));
        const draft = generateDraft({ inventory, edges, scope: { workloads: scoped } });
        const evaluator = createEvaluator(inventory, toManifestObjects(draft.documents).value).value;
        const grantedKeys = new Set(granted.map(keyOf));
        const inScope = new Set(scoped);
        for (const e of universe) {
          const touches = inScope.has(e.source) || inScope.has(e.destination);
          // A granted edge towards an unscoped destination is allowed by that destination's default (not isolated).
          const expected = !touches || grantedKeys.has(keyOf(e)) ? 'allowed' : 'denied';
          expect(evaluateEdge(evaluator, inventory, e).outcome, keyOf(e)).toBe(expected);
        }
      }),
      { numRuns: 40 },
    );
  });
});
