import { describe, expect, test } from 'vitest';
import { importText } from '../lib/traffic/testing/boutique';
import { diagnosticHints } from './diagnostic-hints';

// What `eastwest analyze`/`draft` print after the diagnostics of their --traffic files (cli/input.ts reportDiagnostics).
describe('diagnosticHints: the CLI names its own flags for the engine\'s neutral diagnostics', () => {
  test.each([
    {
      name: 'an NGINX log whose server_name is no Service',
      text: JSON.stringify({ time: '2026-03-12T09:41:01+00:00', client_verify: 'NONE', remote_addr: '10.0.1.142', server_name: '_', server_port: '50051', status: 200 }),
      expected: ['NGINX and application logs do not name the server that wrote them: give it with --destination ns/name[:port]'],
    },
    { name: 'a file in no known format', text: 'hello world\n', expected: [expect.stringMatching(/^if detection fails, name the format with --format \(hubble, .*\); Envoy\/Istio logs in a custom format need --envoy-format$/)] },
    { name: 'a clean edge list', text: 'source,destination,port,protocol\nboutique/frontend,boutique/cartservice,7070,TCP\n', expected: [] },
  ])('$name', async ({ text, expected }) => {
    const r = await importText(text);
    for (const d of r.diagnostics) expect(d.message).not.toMatch(/--\w/);
    expect(diagnosticHints(r.diagnostics)).toEqual(expected);
  });
});
