/** Workload identities found in logs, each reduced to (namespace, service account) or (namespace, name). */

/** Istio/SPIFFE: `spiffe://<trust-domain>/ns/<ns>/sa/<sa>` (istio.io "Security": identity). */
export function parseSpiffe(id: string): { namespace: string; serviceAccount: string } | undefined {
  const m = /^spiffe:\/\/[^/]+\/ns\/([^/]+)\/sa\/([^/]+)$/.exec(id);
  return m && m[1] && m[2] ? { namespace: m[1], serviceAccount: m[2] } : undefined;
}

/** Linkerd: `<sa>.<ns>.serviceaccount.identity.<control-plane-ns>.<trust-domain>` (linkerd.io "Automatic mTLS"). */
export function parseLinkerdId(id: string): { namespace: string; serviceAccount: string } | undefined {
  const m = /^([^.]+)\.([^.]+)\.serviceaccount\.identity\./.exec(id);
  return m && m[1] && m[2] ? { namespace: m[2], serviceAccount: m[1] } : undefined;
}

/** Certificate CN naming a Service or workload: `name.ns.svc[.cluster.local]` or `name.ns`. */
export function parseCertCN(cn: string): { namespace: string; name: string } | undefined {
  const m = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)(\.svc(\..*)?)?$/.exec(cn);
  return m && m[1] && m[3] ? { name: m[1], namespace: m[3] } : undefined;
}
