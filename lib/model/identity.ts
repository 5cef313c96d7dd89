import type { WorkloadRef } from './kubernetes';

/**
 * How every face of Eastwest names an endpoint (see the `eastwest analyze` contract):
 * a workload is `<namespace>/<name>` of its owning controller (a bare pod by its pod name);
 * peers that are not workloads are `world`, `ip:<addr>`, `cidr:<block>`, `node:<name>`, `dns:<fqdn>`,
 * `kube-apiserver`, or `unresolved:<why>`.
 */
export type EndpointName = string;

export function workloadName(ref: Pick<WorkloadRef, 'namespace' | 'name'>): EndpointName {
  return `${ref.namespace}/${ref.name}`;
}

export const WORLD: EndpointName = 'world';
export const KUBE_APISERVER: EndpointName = 'kube-apiserver';
export const ipEndpoint = (ip: string): EndpointName => `ip:${ip}`;
export const cidrEndpoint = (cidr: string): EndpointName => `cidr:${cidr}`;
export const nodeEndpoint = (name: string): EndpointName => `node:${name}`;
export const dnsEndpoint = (fqdn: string): EndpointName => `dns:${fqdn}`;

export function isWorkloadName(name: EndpointName): boolean {
  return /^[^:/]+\/[^/]+$/.test(name);
}
