// Ports of the network-policy-api conformance tests (v1alpha2 ClusterNetworkPolicy, tiers Admin and Baseline):
// https://github.com/kubernetes-sigs/network-policy-api/tree/main/conformance/tests
// Each case applies the upstream fixture (fixtures/netpol/conformance/), optionally mutated as the upstream test does,
// and checks the probes the test makes.
import { describe, expect, test } from 'vitest';
import { buildInventory } from '../inventory';
import type { Protocol } from '../model/kubernetes';
import { answerReachQuery, createEvaluator } from './index';
import { conformanceFixture, housePod, housePodIp, houses, type House } from './testing/houses';
import { toManifests } from './testing/e2e-model';

type Raw = Record<string, unknown>;
type Mutate = (objs: Raw[]) => Raw[];
interface Probe {
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
  allowed: boolean;
}
interface ConformanceCase {
  name: string;
  fixture: string;
  mutate?: Mutate;
  probes: Probe[];
}

const spec = (o: Raw) => o.spec as { ingress?: Raw[]; egress?: Raw[]; priority?: number };
const byName = (objs: Raw[], name: string) => objs.find((o) => (o.metadata as { name: string }).name === name)!;
const swap = (name: string, dir: 'ingress' | 'egress', i: number, j: number): Mutate => (objs) => {
  const rules = spec(byName(objs, name))[dir]!;
  [rules[i], rules[j]] = [rules[j]!, rules[i]!];
  return objs;
};
const probe = (from: [House, 0 | 1], to: [House, 0 | 1], port: number, protocol: Protocol, allowed: boolean): Probe => ({ from: housePod(...from), to: housePod(...to), port, protocol, allowed });

const cases: ConformanceCase[] = [
  {
    name: "CNP admin ingress TCP: 'allow-ingress'; rule ordering is respected",
    fixture: 'admin_tier-standard-ingress-tcp-rules.yaml',
    probes: [probe(['ravenclaw', 0], ['gryffindor', 0], 80, 'TCP', true), probe(['ravenclaw', 1], ['gryffindor', 0], 8080, 'TCP', true)],
  },
  {
    name: "CNP admin ingress TCP: 'allow-ingress' at the specified port, deny the rest",
    fixture: 'admin_tier-standard-ingress-tcp-rules.yaml',
    probes: [probe(['hufflepuff', 0], ['gryffindor', 1], 80, 'TCP', true), probe(['hufflepuff', 1], ['gryffindor', 1], 8080, 'TCP', false)],
  },
  {
    name: "CNP admin ingress TCP: 'deny-ingress' after swapping rules 0 and 1",
    fixture: 'admin_tier-standard-ingress-tcp-rules.yaml',
    mutate: swap('ingress-tcp', 'ingress', 0, 1),
    probes: [probe(['ravenclaw', 0], ['gryffindor', 1], 80, 'TCP', false), probe(['ravenclaw', 1], ['gryffindor', 1], 8080, 'TCP', false)],
  },
  {
    name: "CNP admin ingress TCP: 'deny-ingress' at the specified port, no match elsewhere",
    fixture: 'admin_tier-standard-ingress-tcp-rules.yaml',
    probes: [probe(['slytherin', 0], ['gryffindor', 0], 80, 'TCP', false), probe(['slytherin', 1], ['gryffindor', 0], 8080, 'TCP', true)],
  },
  {
    name: "CNP admin ingress TCP: 'pass-ingress' after swapping rules 0 and 2 (no lower tier: allowed)",
    fixture: 'admin_tier-standard-ingress-tcp-rules.yaml',
    mutate: swap('ingress-tcp', 'ingress', 0, 2),
    probes: [probe(['ravenclaw', 0], ['gryffindor', 0], 80, 'TCP', true), probe(['ravenclaw', 1], ['gryffindor', 0], 8080, 'TCP', true)],
  },
  {
    name: "CNP admin ingress TCP: 'pass-ingress' at the specified port after swapping rules 3 and 4",
    fixture: 'admin_tier-standard-ingress-tcp-rules.yaml',
    mutate: swap('ingress-tcp', 'ingress', 3, 4),
    probes: [probe(['slytherin', 0], ['gryffindor', 0], 80, 'TCP', true), probe(['slytherin', 1], ['gryffindor', 0], 8080, 'TCP', true)],
  },
  {
    name: 'CNP admin egress UDP: accept / deny / pass by rule order and port',
    fixture: 'admin_tier-standard-egress-udp-rules.yaml',
    probes: [
      probe(['hufflepuff', 0], ['ravenclaw', 0], 53, 'UDP', true),
      probe(['hufflepuff', 0], ['ravenclaw', 1], 5353, 'UDP', true),
      probe(['hufflepuff', 0], ['slytherin', 0], 5353, 'UDP', false),
      probe(['hufflepuff', 1], ['slytherin', 1], 53, 'UDP', true),
      probe(['hufflepuff', 0], ['gryffindor', 0], 53, 'UDP', true),
      probe(['hufflepuff', 1], ['gryffindor', 1], 5353, 'UDP', false),
      // the CNP matches UDP only: TCP is untouched
      probe(['hufflepuff', 1], ['slytherin', 1], 5353, 'TCP', true),
    ],
  },
  {
    name: 'CNP admin priority: Deny at 50 beats Pass at 60',
    fixture: 'admin_tier-standard-priority-field.yaml',
    probes: [
      probe(['slytherin', 0], ['gryffindor', 0], 80, 'TCP', false),
      probe(['slytherin', 1], ['gryffindor', 0], 8080, 'TCP', false),
      probe(['gryffindor', 0], ['slytherin', 0], 80, 'TCP', false),
      probe(['gryffindor', 1], ['slytherin', 0], 8080, 'TCP', false),
    ],
  },
  {
    name: 'CNP admin priority: Pass moved to 40 hands both directions to the Baseline Accept',
    fixture: 'admin_tier-standard-priority-field.yaml',
    mutate: (objs) => {
      spec(byName(objs, 'old-priority-60-new-priority-40-example')).priority = 40;
      return objs;
    },
    probes: [
      probe(['slytherin', 0], ['gryffindor', 0], 80, 'TCP', true),
      probe(['slytherin', 1], ['gryffindor', 0], 8080, 'TCP', true),
      probe(['gryffindor', 0], ['slytherin', 0], 80, 'TCP', true),
      probe(['gryffindor', 1], ['slytherin', 0], 8080, 'TCP', true),
    ],
  },
  {
    name: 'integration: admin Deny wins over the NetworkPolicy allow',
    fixture: 'api_integration-standard-anp-np-banp.yaml',
    probes: [probe(['slytherin', 0], ['gryffindor', 0], 80, 'TCP', false), probe(['gryffindor', 1], ['slytherin', 0], 8080, 'TCP', false)],
  },
  {
    name: 'integration: admin Pass lets the NetworkPolicy allow (ingress and egress)',
    fixture: 'api_integration-standard-anp-np-banp.yaml',
    mutate: (objs) => {
      const s = spec(byName(objs, 'pass-example'));
      s.ingress![0]!.action = 'Pass';
      s.egress![0]!.action = 'Pass';
      return objs;
    },
    probes: [probe(['slytherin', 0], ['gryffindor', 0], 80, 'TCP', true), probe(['slytherin', 1], ['gryffindor', 0], 8080, 'TCP', true), probe(['gryffindor', 0], ['slytherin', 0], 80, 'TCP', true)],
  },
  {
    name: 'integration: admin Pass without the NetworkPolicy falls to the Baseline Deny',
    fixture: 'api_integration-standard-anp-np-banp.yaml',
    mutate: (objs) => {
      const s = spec(byName(objs, 'pass-example'));
      s.ingress![0]!.action = 'Pass';
      s.egress![0]!.action = 'Pass';
      return objs.filter((o) => o.kind !== 'NetworkPolicy');
    },
    probes: [probe(['slytherin', 0], ['gryffindor', 0], 80, 'TCP', false), probe(['slytherin', 1], ['gryffindor', 0], 8080, 'TCP', false), probe(['gryffindor', 1], ['slytherin', 0], 8080, 'TCP', false)],
  },
  {
    name: 'CNP admin egress networks: 0.0.0.0/0 Deny also matches pod IPs; pods peer Accept first',
    fixture: 'admin_tier-standard-egress-inline-cidr-rules.yaml',
    probes: [
      probe(['gryffindor', 1], ['ravenclaw', 0], 80, 'TCP', false),
      probe(['gryffindor', 1], ['ravenclaw', 0], 53, 'UDP', false),
      probe(['gryffindor', 1], ['hufflepuff', 0], 9003, 'SCTP', false),
      probe(['gryffindor', 1], ['slytherin', 0], 80, 'TCP', true),
      probe(['gryffindor', 1], ['slytherin', 0], 9003, 'SCTP', true),
    ],
  },
  {
    name: 'CNP admin egress networks: Accept to two pod IPs added in front',
    fixture: 'admin_tier-standard-egress-inline-cidr-rules.yaml',
    mutate: (objs) => {
      const s = spec(byName(objs, 'inline-cidr-as-peers-example'));
      s.egress!.unshift({ name: 'allow-egress-to-specific-podIPs', action: 'Accept', to: [{ networks: [`${housePodIp('ravenclaw', 0)}/32`, `${housePodIp('hufflepuff', 0)}/32`] }] });
      return objs;
    },
    probes: [
      probe(['gryffindor', 1], ['ravenclaw', 0], 80, 'TCP', true),
      probe(['gryffindor', 1], ['hufflepuff', 0], 53, 'UDP', true),
      probe(['gryffindor', 1], ['ravenclaw', 1], 80, 'TCP', false),
      probe(['gryffindor', 1], ['hufflepuff', 1], 9003, 'SCTP', false),
    ],
  },
  {
    name: 'CNP baseline ingress TCP: rule order and ports',
    fixture: 'baseline_tier-standard-ingress-tcp-rules.yaml',
    probes: [
      probe(['ravenclaw', 0], ['gryffindor', 0], 80, 'TCP', true),
      probe(['hufflepuff', 0], ['gryffindor', 1], 80, 'TCP', true),
      probe(['hufflepuff', 1], ['gryffindor', 1], 8080, 'TCP', false),
      probe(['slytherin', 0], ['gryffindor', 0], 80, 'TCP', false),
      probe(['slytherin', 1], ['gryffindor', 0], 8080, 'TCP', true),
    ],
  },
  {
    name: 'CNP baseline ingress TCP: swapped rules deny ravenclaw',
    fixture: 'baseline_tier-standard-ingress-tcp-rules.yaml',
    mutate: swap('default', 'ingress', 0, 1),
    probes: [probe(['ravenclaw', 0], ['gryffindor', 1], 80, 'TCP', false), probe(['ravenclaw', 1], ['gryffindor', 1], 8080, 'TCP', false)],
  },
  {
    name: 'CNP baseline is overridden by a NetworkPolicy that selects the pod',
    fixture: 'baseline_tier-standard-ingress-tcp-rules.yaml',
    mutate: (objs) => [
      ...objs,
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'allow-slytherin', namespace: 'network-policy-conformance-gryffindor' },
        spec: { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'conformance-house': 'slytherin' } } }] }] },
      },
    ],
    probes: [probe(['slytherin', 0], ['gryffindor', 0], 80, 'TCP', true), probe(['hufflepuff', 0], ['gryffindor', 1], 80, 'TCP', false), probe(['ravenclaw', 0], ['gryffindor', 0], 80, 'TCP', false)],
  },
];

describe('network-policy-api conformance (ClusterNetworkPolicy v1alpha2)', () => {
  test.each(cases)('$name', ({ fixture, mutate, probes }) => {
    const policies = (mutate ?? ((x: Raw[]) => x))(conformanceFixture(fixture));
    const objects = toManifests([...houses(), ...policies]);
    const inventory = buildInventory(objects).value;
    const ev = createEvaluator(inventory, objects);
    expect(ev.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const got = probes.map((p) => {
      const r = answerReachQuery(inventory, ev.value, p);
      if (!r.ok) throw new Error(r.error);
      return { ...p, allowed: r.value.allowed };
    });
    expect(got).toEqual(probes);
  });
});
