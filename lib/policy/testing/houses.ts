/**
 * The network-policy-api conformance topology (conformance/base/manifests.yaml): namespaces
 * network-policy-conformance-{gryffindor,slytherin,hufflepuff,ravenclaw} labelled `conformance-house`, each with a
 * StatefulSet of 2 pods serving TCP 80 (`web`), 8080, UDP 53 (`dns`), 5353 and SCTP 9003, 9005.
 * Pods are listed with IPs so CIDR peers can be tested.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

export const HOUSES = { gryffindor: 'harry-potter', slytherin: 'draco-malfoy', hufflepuff: 'cedric-diggory', ravenclaw: 'luna-lovegood' } as const;
export type House = keyof typeof HOUSES;

export const houseNs = (h: House) => `network-policy-conformance-${h}`;
export const housePod = (h: House, i: 0 | 1) => `${houseNs(h)}/${HOUSES[h]}-${i}`;
export const housePodIp = (h: House, i: 0 | 1) => `10.244.${Object.keys(HOUSES).indexOf(h) + 1}.${10 + i}`;

export function houses(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const h of Object.keys(HOUSES) as House[]) {
    out.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: houseNs(h), labels: { 'conformance-house': h } } });
    out.push({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: HOUSES[h], namespace: houseNs(h) },
      spec: { replicas: 2, template: { metadata: { labels: { 'conformance-house': h } }, spec: { containers: [] } } },
    });
    for (const i of [0, 1] as const) {
      out.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `${HOUSES[h]}-${i}`, namespace: houseNs(h), labels: { 'conformance-house': h }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: HOUSES[h], controller: true }] },
        spec: {
          containers: [
            { name: `${HOUSES[h]}-80`, ports: [{ containerPort: 80, protocol: 'TCP', name: 'web' }] },
            { name: `${HOUSES[h]}-8080` },
            { name: `${HOUSES[h]}-5353` },
            { name: `${HOUSES[h]}-53`, ports: [{ containerPort: 53, protocol: 'UDP', name: 'dns' }] },
            { name: `${HOUSES[h]}-9003` },
            { name: `${HOUSES[h]}-9005` },
          ],
        },
        status: { phase: 'Running', podIP: housePodIp(h, i), podIPs: [{ ip: housePodIp(h, i) }] },
      });
    }
  }
  return out;
}

/** Reads a copied upstream conformance fixture as raw objects (so a test can mutate it like upstream does). */
export function conformanceFixture(name: string): Record<string, unknown>[] {
  const file = path.resolve(import.meta.dirname, '../../../fixtures/netpol/conformance', name);
  return parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS() as Record<string, unknown>);
}
