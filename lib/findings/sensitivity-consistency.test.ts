import { beforeAll, describe, expect, test } from 'vitest';
import { classifySnapshotSensitivity, prepareBlastRadius } from '../graph';
import { createEvaluator } from '../policy';
import { computeFindings, type Findings, type SnapshotInput } from './index';
import { loadBoutiqueInput, observed } from './testing/boutique-timeline';

/**
 * One sensitivity for every surface: Findings, the blast-radius report (its `sensitivity` and the marks on reached
 * workloads) and the riskiest ranking read the same computation, so a workload Findings calls sensitive is marked
 * the same way where blast radius reaches it. (The API and the node panel read it through the same engine call.)
 */
const adminPath = observed('boutique/frontend', 'boutique/cartservice', 7070, { method: 'POST', pathTemplate: '/admin/carts/{id}' });

describe('sensitivity is the same on every surface', () => {
  let input: SnapshotInput;
  let findings: Findings;
  let blast: ReturnType<typeof prepareBlastRadius>;
  beforeAll(async () => {
    const base = await loadBoutiqueInput();
    input = { ...base, edges: [...base.edges, adminPath], crownJewelTags: ['boutique/adservice'], sensitivityRules: { labels: ['app=currencyservice'] } };
    findings = computeFindings(input);
    blast = prepareBlastRadius({ inventory: input.inventory, evaluator: createEvaluator(input.inventory, [...input.objects]).value, edges: input.edges, crownJewelTags: input.crownJewelTags!, sensitivityRules: input.sensitivityRules! });
  });

  test('Findings, blast radius and the snapshot computation list the same workloads with the same levels', () => {
    const snapshot = classifySnapshotSensitivity({ inventory: input.inventory, edges: input.edges, crownJewelTags: input.crownJewelTags!, rules: input.sensitivityRules! });
    expect(findings.sensitivity).toEqual(snapshot);
    expect(blast.sensitivity).toEqual(snapshot);
    expect(Object.fromEntries(snapshot.map((s) => [s.workload, [s.level, ...s.categories].join(' · ')]))).toEqual({
      'boutique/adservice': 'crown-jewel',
      'boutique/cartservice': 'sensitive · admin',
      'boutique/currencyservice': 'crown-jewel',
      'boutique/emailservice': 'sensitive · user-data',
      'boutique/paymentservice': 'sensitive · payment',
      'boutique/redis-cart': 'sensitive · data-store',
    });
  });

  test('a compromised frontend reaches paymentservice, emailservice and redis-cart, each marked as Findings marks it', () => {
    const report = blast.query({ direction: 'blast', start: ['boutique/frontend'] });
    const marks = Object.fromEntries(report.reached.filter((r) => r.sensitivity).map((r) => [r.workload, r.sensitivity]));
    for (const s of findings.sensitivity) expect(marks[s.workload], s.workload).toEqual({ level: s.level, categories: s.categories });
    // Crown jewels: tagged or label-matched, plus (suggested) the service seen answering an admin path.
    expect(report.reached.filter((r) => r.crownJewel).map((r) => `${r.workload}${r.suggested ? ' (suggested)' : ''}`)).toEqual(['boutique/adservice', 'boutique/cartservice (suggested)', 'boutique/currencyservice']);
    expect(findings.riskiest.find((r) => r.workload === 'boutique/frontend')?.crownJewelsReached).toEqual(['boutique/adservice', 'boutique/cartservice', 'boutique/currencyservice']);
  });
});
