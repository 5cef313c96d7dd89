import type { PolicyLayerFactory } from '../../model/layer-factory';
import type { Connection, DirectionDecision, LayerDecision, PolicyLayer } from '../../model/verdict';
import { joinText } from '../model/rule-ref-text';
import { decideDirection } from './direction';
import { NetworkModel } from './model';
import { networkSelecting } from './selecting';

/** Egress at the source AND ingress at the destination: both must allow. */
export function decideNetwork(model: NetworkModel, c: Connection): LayerDecision {
  const src = model.endpoints.of(c.source);
  const dst = model.endpoints.of(c.destination);
  const directions: DirectionDecision[] = [];
  if (c.source.kind === 'pod') directions.push(decideDirection(model, 'egress', c.source.pod, dst, c.port, c.protocol, dst.ports));
  if (c.destination.kind === 'pod') directions.push(decideDirection(model, 'ingress', c.destination.pod, src, c.port, c.protocol, dst.ports));
  const denied = directions.find((d) => d.outcome === 'denied');
  if (denied) {
    return { layer: 'network', outcome: 'denied', basis: denied.basis, directions, rules: denied.rules, reason: denied.reason };
  }
  const conditional = directions.filter((d) => d.outcome === 'conditional');
  if (conditional.length > 0) {
    return {
      layer: 'network',
      outcome: 'conditional',
      basis: 'delegated',
      directions,
      rules: conditional.flatMap((d) => d.rules),
      conditions: conditional.map((d) => d.reason),
      reason: joinText(directions.map((d) => d.reason), '; '),
    };
  }
  const explicit = directions.filter((d) => d.basis === 'explicit');
  return {
    layer: 'network',
    outcome: 'allowed',
    basis: explicit.length > 0 ? 'explicit' : 'default',
    directions,
    rules: explicit.flatMap((d) => d.rules),
    reason: joinText(directions.map((d) => d.reason), '; ') || 'no pod on either end',
  };
}

export interface NetworkLayer extends PolicyLayer {
  model: NetworkModel;
}

export function createNetworkLayer(model: NetworkModel): NetworkLayer {
  return {
    name: 'network',
    model,
    // Kubernetes networking is always there: with no policy at all it still answers "allowed by default".
    enforces: (c) => c.source.kind === 'pod' || c.destination.kind === 'pod',
    decide: (c) => decideNetwork(model, c),
    selecting: (pod) => networkSelecting(model, pod),
  };
}

/**
 * The `network` layer: networking.k8s.io/v1 NetworkPolicy + policy.networking.k8s.io AdminNetworkPolicy,
 * BaselineAdminNetworkPolicy and ClusterNetworkPolicy. Always returned (never null), because the
 * Kubernetes default-allow is itself a statement about every connection.
 */
export const networkLayerFactory: PolicyLayerFactory = ({ inventory, objects }) => {
  const model = new NetworkModel(inventory, objects);
  return { value: createNetworkLayer(model), diagnostics: model.diagnostics };
};
