import type { Inventory, Pod, Service, ServicePort } from '../model/kubernetes';

/**
 * The pods behind a Service: those its selector matches in its namespace, or, for a Service without selector,
 * the pods its EndpointSlices point at (`targetRef` or address).
 * https://kubernetes.io/docs/concepts/services-networking/service/#services-without-selectors
 */
export function podsOfService(inventory: Inventory, service: Service): Pod[] {
  const selector = service.selector;
  if (selector) {
    return inventory.pods.filter((p) => p.namespace === service.namespace && Object.entries(selector).every(([k, v]) => p.labels[k] === v));
  }
  const slices = inventory.endpointSlices.filter((s) => s.namespace === service.namespace && s.serviceName === service.name);
  const refs = new Set(slices.flatMap((s) => s.endpoints.flatMap((e) => (e.targetRef?.kind === 'Pod' ? [`${e.targetRef.namespace ?? s.namespace}/${e.targetRef.name}`] : []))));
  const addresses = new Set(slices.flatMap((s) => s.endpoints.flatMap((e) => e.addresses)));
  return inventory.pods.filter((p) => refs.has(`${p.namespace}/${p.name}`) || p.ips.some((ip) => addresses.has(ip)));
}

/**
 * The pod port a Service port sends to on one pod: a number, or a named container port resolved per pod
 * (`targetPort: grpc`). `null` when the pod has no container port of that name.
 */
export function targetPortOn(port: ServicePort, pod: Pod): number | null {
  if (typeof port.targetPort === 'number') return port.targetPort;
  return pod.ports.find((cp) => cp.name === port.targetPort && cp.protocol === port.protocol)?.port ?? null;
}
