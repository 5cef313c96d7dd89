/** Test helpers shared by the Cilium and Calico layer tests: fixture loading and connection building. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildInventory } from '../../inventory';
import { parseManifestText } from '../../manifest';
import type { Inventory, Protocol } from '../../model/kubernetes';
import type { ManifestObject } from '../../model/manifest';
import type { Connection, Endpoint, HttpRequest } from '../../model/verdict';

export const FIXTURES = path.resolve(__dirname, '../../../fixtures');

export function loadObjects(...files: string[]): ManifestObject[] {
  return files.flatMap((f) => {
    const file = path.join(FIXTURES, f);
    const r = parseManifestText(readFileSync(file, 'utf8'), f);
    if (r.diagnostics.some((d) => d.severity === 'error')) throw new Error(JSON.stringify(r.diagnostics));
    return r.value;
  });
}

export function inventoryOf(objects: ManifestObject[]): Inventory {
  return buildInventory(objects).value;
}

/** `ns/name` (pod or workload: its first pod) or `ip:<addr>`. */
export function endpoint(inventory: Inventory, name: string): Endpoint {
  if (name.startsWith('ip:')) return { kind: 'ip', ip: name.slice(3) };
  const [ns, n] = name.split('/');
  const pod = inventory.pods.find((p) => p.namespace === ns && p.name === n) ?? inventory.pods.find((p) => p.namespace === ns && p.workload.name === n);
  if (!pod) throw new Error(`no pod ${name}`);
  return { kind: 'pod', pod };
}

export function connection(inventory: Inventory, from: string, to: string, port: number, protocol: Protocol = 'TCP', request?: HttpRequest): Connection {
  return { source: endpoint(inventory, from), destination: endpoint(inventory, to), port, protocol, ...(request ? { request } : {}) };
}
