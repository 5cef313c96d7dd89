import { z } from 'zod';

/**
 * Schemas of the API subsets the drafter emits, strict (unknown fields rejected), written from the upstream
 * API references: Kubernetes networking.k8s.io/v1 NetworkPolicy, Istio security.istio.io/v1
 * AuthorizationPolicy, Cilium cilium.io/v2 CiliumNetworkPolicy (pkg/policy/api), Linkerd policy.linkerd.io
 * (charts/linkerd-crds/templates/policy). Tests validate every generated document against them.
 */
const dnsSubdomain = z.string().max(253).regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/);
const dnsLabel = z.string().max(63).regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
const labelName = z.string().max(63).regex(/^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/);
/** `[prefix/]name` label keys (https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set). */
const labelKey = z.string().refine((k) => {
  const i = k.lastIndexOf('/');
  return (i === -1 || dnsSubdomain.safeParse(k.slice(0, i)).success) && labelName.safeParse(k.slice(i + 1)).success;
}, 'invalid label key');
const labelValue = z.string().max(63).regex(/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/);
const matchLabels = z.record(labelKey, labelValue);
const labelSelector = z.strictObject({ matchLabels: matchLabels.optional() });
const metadata = z.strictObject({ name: dnsSubdomain, namespace: dnsLabel, labels: matchLabels.optional() });
const cidr = z.string().refine((c) => /^(\d{1,3}\.){3}\d{1,3}\/(\d|[12]\d|3[0-2])$/.test(c) || /^[0-9a-fA-F:]+\/\d{1,3}$/.test(c), 'invalid CIDR');
const portNumber = z.number().int().min(1).max(65535);
const protocol = z.enum(['TCP', 'UDP', 'SCTP']);

const netpolPeer = z
  .strictObject({ podSelector: labelSelector.optional(), namespaceSelector: labelSelector.optional(), ipBlock: z.strictObject({ cidr, except: z.array(cidr).optional() }).optional() })
  .refine((p) => (p.ipBlock ? !p.podSelector && !p.namespaceSelector : !!(p.podSelector || p.namespaceSelector)), 'ipBlock excludes selectors, and a peer needs one of them');
const netpolPort = z.strictObject({ port: z.union([portNumber, z.string()]).optional(), endPort: portNumber.optional(), protocol: protocol.optional() });

export const networkPolicySchema = z.strictObject({
  apiVersion: z.literal('networking.k8s.io/v1'),
  kind: z.literal('NetworkPolicy'),
  metadata,
  spec: z.strictObject({
    podSelector: labelSelector,
    policyTypes: z.array(z.enum(['Ingress', 'Egress'])).min(1),
    ingress: z.array(z.strictObject({ from: z.array(netpolPeer).optional(), ports: z.array(netpolPort).optional() })).optional(),
    egress: z.array(z.strictObject({ to: z.array(netpolPeer).optional(), ports: z.array(netpolPort).optional() })).optional(),
  }),
});

const stringList = z.array(z.string().min(1)).min(1);
export const istioAuthorizationPolicySchema = z.strictObject({
  apiVersion: z.literal('security.istio.io/v1'),
  kind: z.literal('AuthorizationPolicy'),
  metadata,
  spec: z.strictObject({
    action: z.enum(['ALLOW', 'DENY', 'AUDIT', 'CUSTOM']).optional(),
    selector: z.strictObject({ matchLabels }).optional(),
    rules: z
      .array(
        z.strictObject({
          from: z.array(z.strictObject({ source: z.strictObject({ principals: stringList.optional(), namespaces: stringList.optional(), ipBlocks: z.array(cidr).min(1).optional() }) })).optional(),
          to: z
            .array(
              z.strictObject({
                operation: z.strictObject({
                  ports: z.array(z.string().regex(/^\d{1,5}$/)).optional(),
                  methods: z.array(z.string().regex(/^[A-Z]+$/)).optional(),
                  paths: z.array(z.string().startsWith('/')).optional(),
                }),
              }),
            )
            .optional(),
        }),
      )
      .optional(),
  }),
});

const ciliumSelector = z.strictObject({ matchLabels: z.record(z.string().min(1), labelValue).optional() });
const ciliumEntity = z.enum(['all', 'world', 'cluster', 'host', 'remote-node', 'kube-apiserver', 'ingress', 'health', 'init', 'unmanaged']);
const ciliumPortRule = z.strictObject({
  ports: z.array(z.strictObject({ port: z.string().regex(/^\d{1,5}$/), protocol: z.enum(['TCP', 'UDP', 'SCTP', 'ANY']) })).min(1),
  rules: z
    .strictObject({
      http: z.array(z.strictObject({ method: z.string().optional(), path: z.string().optional() })).optional(),
      dns: z.array(z.strictObject({ matchPattern: z.string().optional(), matchName: z.string().optional() })).optional(),
    })
    .optional(),
});
const ciliumRule = z.strictObject({
  fromEndpoints: z.array(ciliumSelector).optional(),
  toEndpoints: z.array(ciliumSelector).optional(),
  fromCIDR: z.array(cidr).optional(),
  toCIDR: z.array(cidr).optional(),
  fromEntities: z.array(ciliumEntity).optional(),
  toEntities: z.array(ciliumEntity).optional(),
  toFQDNs: z.array(z.strictObject({ matchName: z.string().optional(), matchPattern: z.string().optional() })).optional(),
  toPorts: z.array(ciliumPortRule).optional(),
});
export const ciliumNetworkPolicySchema = z.strictObject({
  apiVersion: z.literal('cilium.io/v2'),
  kind: z.literal('CiliumNetworkPolicy'),
  metadata,
  spec: z.strictObject({ endpointSelector: ciliumSelector, ingress: z.array(ciliumRule).optional(), egress: z.array(ciliumRule).optional() }),
});

const linkerdRef = z.strictObject({ group: z.literal('policy.linkerd.io').optional(), kind: z.string(), name: dnsSubdomain, namespace: dnsLabel.optional() });
export const linkerdServerSchema = z.strictObject({
  apiVersion: z.literal('policy.linkerd.io/v1beta3'),
  kind: z.literal('Server'),
  metadata,
  spec: z.strictObject({
    podSelector: labelSelector,
    port: z.union([portNumber, z.string()]),
    proxyProtocol: z.enum(['unknown', 'HTTP/1', 'HTTP/2', 'gRPC', 'opaque', 'TLS']).optional(),
    accessPolicy: z.enum(['all-unauthenticated', 'all-authenticated', 'cluster-unauthenticated', 'cluster-authenticated', 'deny', 'audit']).optional(),
  }),
});
export const linkerdAuthorizationPolicySchema = z.strictObject({
  apiVersion: z.literal('policy.linkerd.io/v1alpha1'),
  kind: z.literal('AuthorizationPolicy'),
  metadata,
  spec: z.strictObject({ targetRef: linkerdRef.extend({ kind: z.enum(['Server', 'HTTPRoute', 'GRPCRoute', 'Namespace']) }), requiredAuthenticationRefs: z.array(linkerdRef.extend({ kind: z.enum(['MeshTLSAuthentication', 'NetworkAuthentication', 'ServiceAccount']) })) }),
});
export const linkerdMeshTlsAuthenticationSchema = z.strictObject({
  apiVersion: z.literal('policy.linkerd.io/v1alpha1'),
  kind: z.literal('MeshTLSAuthentication'),
  metadata,
  spec: z
    .strictObject({ identities: z.array(z.string()).min(1).optional(), identityRefs: z.array(z.strictObject({ kind: z.string(), name: z.string().optional(), namespace: dnsLabel.optional(), group: z.string().optional() })).min(1).optional() })
    .refine((s) => !!s.identities !== !!s.identityRefs, 'exactly one of identities and identityRefs'),
});
export const linkerdNetworkAuthenticationSchema = z.strictObject({
  apiVersion: z.literal('policy.linkerd.io/v1alpha1'),
  kind: z.literal('NetworkAuthentication'),
  metadata,
  spec: z.strictObject({ networks: z.array(z.strictObject({ cidr, except: z.array(cidr).optional() })).min(1) }),
});

const SCHEMAS: Record<string, z.ZodType> = {
  'networking.k8s.io/v1 NetworkPolicy': networkPolicySchema,
  'security.istio.io/v1 AuthorizationPolicy': istioAuthorizationPolicySchema,
  'cilium.io/v2 CiliumNetworkPolicy': ciliumNetworkPolicySchema,
  'policy.linkerd.io/v1beta3 Server': linkerdServerSchema,
  'policy.linkerd.io/v1alpha1 AuthorizationPolicy': linkerdAuthorizationPolicySchema,
  'policy.linkerd.io/v1alpha1 MeshTLSAuthentication': linkerdMeshTlsAuthenticationSchema,
  'policy.linkerd.io/v1alpha1 NetworkAuthentication': linkerdNetworkAuthenticationSchema,
};

/** Problems of one generated object against its API schema (empty when valid). */
export function validateDraftObject(o: Record<string, unknown>): string[] {
  const schema = SCHEMAS[`${String(o.apiVersion)} ${String(o.kind)}`];
  if (!schema) return [`no schema for ${String(o.apiVersion)} ${String(o.kind)}`];
  const r = schema.safeParse(o);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}
