// Probe parsing on the Kubernetes documentation's probe examples (fixtures/inventory/probes.yaml, from
// https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/) and the
// named-port rules of linkerd2 policy-controller/k8s/index/src/inbound/workload.rs `container_http_probe_paths`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseManifestText } from '../manifest';
import { buildInventory } from './index';
import { readPodProbes } from './pod-probes';

const file = path.resolve(import.meta.dirname, '../../fixtures/inventory/probes.yaml');
const docs = buildInventory(parseManifestText(readFileSync(file, 'utf8'), file).value);
const pod = (name: string) => docs.value.pods.find((p) => p.name === name);

describe('HTTP probes of the documentation examples', () => {
  test.each([
    ['liveness-http', [{ kind: 'liveness', container: 'liveness', port: 8080, path: '/healthz' }]],
    [
      'named-port',
      [
        { kind: 'liveness', container: 'app', port: 8080, path: '/healthz' },
        { kind: 'startup', container: 'app', port: 8080, path: '/healthz' },
      ],
    ],
    // tcpSocket and grpc probes carry no path: nothing for a mesh to authorize by route.
    ['goproxy', undefined],
    ['etcd-with-grpc', undefined],
  ])('%s', (name, probes) => {
    expect(pod(name)?.probes).toEqual(probes);
  });

  test('no diagnostics', () => {
    expect(docs.diagnostics).toEqual([]);
  });
});

describe('readPodProbes', () => {
  test.each([
    ['a named port, compared without case', { containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 80 }], readinessProbe: { httpGet: { port: 'HTTP', path: '/r' } } }] }, [{ kind: 'readiness', container: 'c', port: 80, path: '/r' }], []],
    ['a named UDP port does not count', { containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 80, protocol: 'UDP' }], readinessProbe: { httpGet: { port: 'http' } } }] }, [], ['c/readiness (port "http")']],
    ['only the probing container\'s ports name a port', { containers: [{ name: 'a', ports: [{ name: 'web', containerPort: 80 }] }, { name: 'b', livenessProbe: { httpGet: { port: 'web' } } }] }, [], ['b/liveness (port "web")']],
    ['no path is a request for /', { containers: [{ name: 'c', livenessProbe: { httpGet: { port: 8080 } } }] }, [{ kind: 'liveness', container: 'c', port: 8080, path: '/' }], []],
    ['HTTPS is kept', { containers: [{ name: 'c', livenessProbe: { httpGet: { port: 8443, path: '/h', scheme: 'HTTPS' } } }] }, [{ kind: 'liveness', container: 'c', port: 8443, path: '/h', scheme: 'HTTPS' }], []],
    ['init containers (native sidecars) are probed too', { initContainers: [{ name: 'side', restartPolicy: 'Always', startupProbe: { httpGet: { port: 9000, path: '/s' } } }], containers: [] }, [{ kind: 'startup', container: 'side', port: 9000, path: '/s' }], []],
    ['an out-of-range port is dropped', { containers: [{ name: 'c', livenessProbe: { httpGet: { port: 70000 } } }] }, [], ['c/liveness (port 70000)']],
  ])('%s', (_name, spec, probes, unresolved) => {
    expect(readPodProbes(spec)).toEqual({ probes, unresolved });
  });

  test('a workload\'s synthetic pod takes the template\'s probes; an unknown named port is reported with file and line', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          ports: [{ name: http, containerPort: 8080 }]
          readinessProbe: { httpGet: { port: http, path: /ready } }
          livenessProbe: { httpGet: { port: admin, path: /live } }
`;
    const built = buildInventory(parseManifestText(text, 'web.yaml').value);
    expect(built.value.pods.map((p) => [p.name, p.synthetic, p.probes])).toEqual([['web-synthetic', true, [{ kind: 'readiness', container: 'web', port: 8080, path: '/ready' }]]]);
    expect(built.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'probe-port-unresolved', file: 'web.yaml', line: 1, message: expect.stringContaining('web/liveness (port "admin")') })]);
  });
});
