import { describe, expect, test } from 'vitest';
import { policyFamily } from './policy-rows';

describe('policyFamily', () => {
  test.each([
    { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', family: 'networkpolicy' },
    { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', family: 'adminnetworkpolicy' },
    { apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', family: 'adminnetworkpolicy' },
    { apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', family: 'istio' },
    { apiVersion: 'policy.linkerd.io/v1beta3', kind: 'Server', family: 'linkerd' },
    { apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', family: 'cilium' },
    { apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy', family: 'calico' },
    { apiVersion: 'crd.projectcalico.org/v1', kind: 'NetworkPolicy', family: 'calico' },
    { apiVersion: 'v1', kind: 'ConfigMap', family: 'other' },
  ])('$kind ($apiVersion) is $family', ({ apiVersion, kind, family }) => {
    expect(policyFamily(apiVersion, kind)).toBe(family);
  });
});
