/**
 * The Online Boutique fixtures (fixtures/boutique, see its README) for the mesh layer tests: the cluster
 * export, the answer key, and one real gRPC method per service (protos/demo.proto, package hipstershop)
 * so a query can name the request a caller really makes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildInventory } from '../../inventory';
import { parseManifestText } from '../../manifest';
import type { Inventory } from '../../model/kubernetes';
import type { ManifestObject } from '../../model/manifest';
import type { HttpRequest } from '../../model/verdict';

const root = path.resolve(import.meta.dirname, '../../../fixtures/boutique');

export interface AnswerEdge {
  id: string;
  source: string;
  destination: string;
  port: number;
  protocol: string;
  classification: 'allowed_and_observed' | 'observed_but_unauthorized' | 'allowed_but_unused';
}

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test fixture surgery on plain JSON

/**
 * The README's Linkerd variant is "an alternative deployment of the same pods": the boutique pods run
 * `linkerd-proxy` instead of `istio-proxy` (same names, IPs and ServiceAccounts).
 */
function asLinkerdDeployment(list: Raw): Raw {
  for (const item of list.items as Raw[]) {
    if (item.kind !== 'Pod' || item.metadata?.namespace !== 'boutique') continue;
    for (const c of item.spec.containers as Raw[]) if (c.name === 'istio-proxy') c.name = 'linkerd-proxy';
    const ann = (item.metadata.annotations ?? {}) as Record<string, string>;
    for (const k of Object.keys(ann)) if (k.includes('istio')) delete ann[k];
    ann['linkerd.io/proxy-version'] = 'edge-25.1.1';
  }
  return list;
}

const read = (f: string) => readFileSync(path.join(root, f), 'utf8');

/** The cluster export as it is (Istio sidecars), or as the Linkerd deployment of the same pods. */
export function boutiqueClusterObjects(mesh: 'istio' | 'linkerd' = 'istio'): ManifestObject[] {
  const clusterText = mesh === 'istio' ? read('kubernetes/cluster-state.json') : JSON.stringify(asLinkerdDeployment(JSON.parse(read('kubernetes/cluster-state.json')) as Raw));
  return parseManifestText(clusterText, 'cluster-state.json').value;
}

export function loadBoutique(policyFile: string, extra = '', mesh: 'istio' | 'linkerd' = 'istio'): { inventory: Inventory; objects: ManifestObject[]; edges: AnswerEdge[] } {
  const cluster = boutiqueClusterObjects(mesh);
  const policies = parseManifestText(read(`policies/${policyFile}`), policyFile).value;
  const more = extra ? parseManifestText(extra, 'extra.yaml').value : [];
  const objects = [...cluster, ...policies, ...more];
  const edges = (JSON.parse(read('answer-key.json')) as { edges: AnswerEdge[] }).edges;
  return { inventory: buildInventory(objects).value, objects, edges };
}

const GRPC: Record<string, string> = {
  adservice: 'AdService/GetAds',
  cartservice: 'CartService/GetCart',
  checkoutservice: 'CheckoutService/PlaceOrder',
  currencyservice: 'CurrencyService/Convert',
  emailservice: 'EmailService/SendOrderConfirmation',
  paymentservice: 'PaymentService/Charge',
  productcatalogservice: 'ProductCatalogService/ListProducts',
  recommendationservice: 'RecommendationService/ListRecommendations',
  shippingservice: 'ShippingService/GetQuote',
};

/** The request the caller makes on this edge: a gRPC call (POST /hipstershop.<Service>/<Method>), GET / on the storefront, none for redis. */
export function boutiqueRequest(destination: string): HttpRequest | undefined {
  const svc = destination.split('/')[1] ?? '';
  if (svc === 'frontend') return { method: 'GET', path: '/product/OLJCESPC7Z' };
  const rpc = GRPC[svc];
  return rpc ? { method: 'POST', path: `/hipstershop.${rpc}`, headers: { 'content-type': 'application/grpc' } } : undefined;
}
