import type { Diagnostic } from '../../model/diagnostics';
import type { LayerInput, PolicyLayerFactory } from '../../model/layer-factory';
import type { PolicyLayer } from '../../model/verdict';
import { namespaceIndex } from '../mesh/endpoints';
import { findDanglingPrincipals } from './dangling';
import { decideIstio, type IstioData, istioEnforces } from './decide';
import type { IstioAuthorizationPolicy, IstioPeerAuthentication } from './model';
import { parseAuthorizationPolicy } from './parse-authorization-policy';
import { parsePeerAuthentication } from './parse-peer-authentication';
import { istioSelecting } from './selecting';
import { findUnmeshedIstioPolicies } from './unmeshed';

const isIstioSecurity = (apiVersion: string) => apiVersion.startsWith('security.istio.io/');

/** Reads the Istio resources among all manifests; `null` data when there are none. */
export function readIstioData(input: LayerInput): { data: IstioData | null; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const policies: IstioAuthorizationPolicy[] = [];
  const peerAuthentications: IstioPeerAuthentication[] = [];
  input.objects.forEach((obj, order) => {
    if (!isIstioSecurity(obj.apiVersion)) return;
    if (obj.kind === 'AuthorizationPolicy') {
      const p = parseAuthorizationPolicy(obj, order, diagnostics);
      if (p) policies.push(p);
    } else if (obj.kind === 'PeerAuthentication') {
      const p = parsePeerAuthentication(obj, order, diagnostics);
      if (p) peerAuthentications.push(p);
    }
    // RequestAuthentication only validates JWTs; which principal a request carries is an input of the query.
  });
  if (!policies.length && !peerAuthentications.length) return { data: null, diagnostics };
  diagnostics.push(...findDanglingPrincipals(policies, input.inventory, input.options.trustDomain));
  diagnostics.push(...findUnmeshedIstioPolicies(policies, peerAuthentications, input.inventory, input.options.istioRootNamespace));
  return { data: { inventory: input.inventory, options: input.options, namespaces: namespaceIndex(input.inventory), policies, peerAuthentications }, diagnostics };
}

export function createIstioLayer(data: IstioData): PolicyLayer {
  return {
    name: 'istio',
    enforces: (connection) => istioEnforces(data, connection),
    decide: (connection) => decideIstio(data, connection),
    selecting: (pod) => istioSelecting(data, pod),
  };
}

/** The Istio authorization layer: AuthorizationPolicy + PeerAuthentication at the destination sidecar. */
export const istioLayerFactory: PolicyLayerFactory = (input) => {
  const { data, diagnostics } = readIstioData(input);
  return { value: data ? createIstioLayer(data) : null, diagnostics };
};
