import { extractRuleExcerpt, ruleYamlQuerySchema, type RuleYamlJson } from '@/lib/api/rule-yaml';
import { snapshotIdSchema } from '@/lib/api/snapshots';
import { getPolicyYaml } from '@/lib/db/policy-yaml';
import { handle, HttpError, parseParams } from '@/lib/server';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ id: string }> };

/**
 * GET /api/snapshots/:id/rule-yaml?kind&namespace&name&path — the YAML excerpt of one deciding rule
 * (`NetworkPolicy/boutique/paymentservice#ingress[0]`) from the policy's original text.
 */
export const GET = handle(async (request: Request, { params }: Context) => {
  const { id } = await parseParams(params, snapshotIdSchema);
  const query = ruleYamlQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const policy = await getPolicyYaml(id, query);
  if (!policy) throw new HttpError('not-found', `No ${query.kind} ${query.namespace ? `${query.namespace}/` : ''}${query.name} in this snapshot`);
  const cut = extractRuleExcerpt(policy.rawYaml, query.path);
  return Response.json({ excerpt: cut.excerpt, exact: cut.exact, file: policy.sourceFile, line: policy.sourceLine + cut.lineOffset } satisfies RuleYamlJson);
});
