import { isNode, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';

/**
 * The YAML excerpt of one policy rule (`NetworkPolicy/boutique/paymentservice#ingress[0]`), cut from the object's
 * original text so comments and formatting stay as the user wrote them. Shared by the API route (which cuts it)
 * and the explorer (which shows it).
 */
export const ruleYamlQuerySchema = z.object({
  kind: z.string().min(1),
  namespace: z.string().min(1).optional(),
  name: z.string().min(1),
  /** Path inside the object as in RuleRef.path (`ingress[0].from[1]`, `rules[0]`, `spec.rules[2]`); absent = the whole object. */
  path: z.string().optional(),
});
export type RuleYamlQuery = z.infer<typeof ruleYamlQuerySchema>;

export interface RuleYamlJson {
  /** The rule's text, de-indented; the whole object when the path is absent or not found. */
  excerpt: string;
  /** Whether `excerpt` is the rule itself (`true`) or the whole object (`false`). */
  exact: boolean;
  file: string;
  /** 1-based line of the excerpt in `file`. */
  line: number;
}

/** `ingress[0].from[1]` → `['ingress', 0, 'from', 1]`. */
export function parseRulePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return [];
    if (m[1]) out.push(m[1]);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/**
 * Cuts the node at `path` out of one YAML document. RuleRef paths are relative to `spec` for most kinds
 * (`ingress[0]`), so the path is tried under `spec` first, then from the root. Returns whole lines, de-indented.
 */
export function extractRuleExcerpt(rawYaml: string, path: string | undefined): { excerpt: string; exact: boolean; lineOffset: number } {
  const whole = { excerpt: rawYaml.trimEnd(), exact: false, lineOffset: 0 };
  if (!path) return whole;
  const segments = parseRulePath(path);
  if (!segments.length) return whole;
  const lineCounter = new LineCounter();
  const doc = parseDocument(rawYaml, { lineCounter, prettyErrors: false });
  const candidates = segments[0] === 'spec' ? [segments] : [['spec', ...segments], segments];
  for (const candidate of candidates) {
    const node = doc.getIn(candidate, true);
    if (!isNode(node) || !node.range) continue;
    const [start, , end] = node.range;
    const lineStart = rawYaml.lastIndexOf('\n', start - 1) + 1;
    const text = rawYaml.slice(lineStart, end).replace(/\s+$/, '');
    // A sequence item starts after its `- `: keep the dash so the excerpt reads as YAML.
    const lines = text.split('\n');
    const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
    return { excerpt: lines.map((l) => l.slice(indent)).join('\n'), exact: true, lineOffset: lineCounter.linePos(start).line - 1 };
  }
  return whole;
}
