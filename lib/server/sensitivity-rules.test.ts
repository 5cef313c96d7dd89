import { describe, expect, test } from 'vitest';
import { DEFAULT_SENSITIVITY_RULES } from '@/lib/graph';
import { sensitivityRulesFromEnv } from './sensitivity-rules';

describe('sensitivityRulesFromEnv', () => {
  test('without configuration: the defaults', () => {
    expect(sensitivityRulesFromEnv({})).toEqual(DEFAULT_SENSITIVITY_RULES);
  });
  test('EASTWEST_CROWN_JEWEL_LABELS adds rules, trimmed and without duplicates', () => {
    expect(sensitivityRulesFromEnv({ EASTWEST_CROWN_JEWEL_LABELS: ' tier=data, pci ,data-classification=restricted' }).labels).toEqual([...DEFAULT_SENSITIVITY_RULES.labels, 'tier=data', 'pci']);
  });
});
