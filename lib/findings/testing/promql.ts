import { parser } from '@prometheus-io/lezer-promql';

/**
 * PromQL syntax check with Prometheus' own grammar (the Lezer parser its web UI uses). Lezer recovers from
 * errors by inserting error nodes (`⚠`) instead of throwing, so the check walks the tree for them.
 */
export function promqlSyntaxErrors(expr: string): string[] {
  const errors: string[] = [];
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.type.isError) errors.push(`syntax error at ${node.from}: "${expr.slice(Math.max(0, node.from - 10), node.to + 10)}"`);
    },
  });
  return errors;
}
