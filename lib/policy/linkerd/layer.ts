import type { Diagnostic } from '../../model/diagnostics';
import type { LayerInput, PolicyLayerFactory } from '../../model/layer-factory';
import type { PolicyLayer } from '../../model/verdict';
import { namespaceIndex } from '../mesh/endpoints';
import { findDanglingIdentities } from './dangling';
import { DEFAULT_POLICY_ANNOTATION } from './default-policy';
import { decideLinkerd, type LinkerdData, linkerdEnforces } from './decide';
import { parseLinkerdPolicies } from './parse';
import { linkerdSelecting } from './selecting';
import { findUnmeshedServers } from './unmeshed';

export function readLinkerdData(input: LayerInput): { data: LinkerdData | null; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const policies = parseLinkerdPolicies(input.objects, input.options.trustDomain, diagnostics);
  const annotated =
    input.inventory.namespaces.some((n) => n.annotations[DEFAULT_POLICY_ANNOTATION] !== undefined) || input.inventory.pods.some((p) => p.annotations[DEFAULT_POLICY_ANNOTATION] !== undefined);
  if (!policies.present && !annotated) return { data: null, diagnostics };
  diagnostics.push(...findDanglingIdentities(policies, input.inventory, policies.config.trustDomain ?? input.options.trustDomain));
  diagnostics.push(...findUnmeshedServers(policies, input.inventory));
  return { data: { inventory: input.inventory, options: input.options, namespaces: namespaceIndex(input.inventory), policies }, diagnostics };
}

export function createLinkerdLayer(data: LinkerdData): PolicyLayer {
  return { name: 'linkerd', enforces: (c) => linkerdEnforces(data, c), decide: (c) => decideLinkerd(data, c), selecting: (pod) => linkerdSelecting(data, pod) };
}

/** The Linkerd authorization layer: Server, ServerAuthorization, AuthorizationPolicy, routes and default inbound policies. */
export const linkerdLayerFactory: PolicyLayerFactory = (input) => {
  const { data, diagnostics } = readLinkerdData(input);
  return { value: data ? createLinkerdLayer(data) : null, diagnostics };
};
