import { describe, expect, test } from 'vitest';
import { yamlDocumentsByLine } from './raw-yaml';

const twoPolicies = `# leading comment of the file
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: a }
---
# comment kept with b
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: b }
`;

describe('yamlDocumentsByLine', () => {
  test('keys each document by the line its contents start on', () => {
    const docs = yamlDocumentsByLine(twoPolicies);
    expect([...docs.keys()]).toEqual([2, 7]);
    expect(docs.get(2)).toBe('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: a }\n');
    expect(docs.get(7)).toContain('metadata: { name: b }');
    expect(docs.get(7)).not.toContain('name: a');
  });

  test('skips empty documents', () => {
    expect([...yamlDocumentsByLine('---\n---\nkind: A\n').keys()]).toEqual([3]);
  });
});
