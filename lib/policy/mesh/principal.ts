/**
 * Workload identities derived from the ServiceAccount.
 * Istio: the SPIFFE ID `spiffe://<trust-domain>/ns/<ns>/sa/<sa>`; AuthorizationPolicy `principals` are written
 * without the `spiffe://` prefix (https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source).
 * Linkerd: `<sa>.<ns>.serviceaccount.identity.<control-plane-ns>.<trust-domain>`, not a SPIFFE URI
 * (https://linkerd.io/2-edge/reference/authorization-policy/#meshtlsauthentication).
 */
export function istioPrincipal(trustDomain: string, namespace: string, serviceAccount: string): string {
  return `${trustDomain}/ns/${namespace}/sa/${serviceAccount || 'default'}`;
}

export function linkerdIdentity(trustDomain: string, namespace: string, serviceAccount: string, controlPlaneNamespace = 'linkerd'): string {
  return `${serviceAccount || 'default'}.${namespace}.serviceaccount.identity.${controlPlaneNamespace}.${trustDomain}`;
}
