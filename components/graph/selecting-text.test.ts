import { describe, expect, test } from 'vitest';
import { selectingEffectText } from './selecting-text';

describe('selectingEffectText', () => {
  test.each([
    { directions: ['ingress', 'egress'], isolates: ['ingress', 'egress'], text: 'isolates ingress + egress' },
    { directions: ['ingress'], isolates: ['ingress'], text: 'isolates ingress' },
    { directions: ['ingress', 'egress'], isolates: ['ingress'], text: 'isolates ingress; also applies to egress without isolating' },
    { directions: ['egress'], isolates: [], text: 'applies to egress without isolating' },
    { directions: [], isolates: [], text: 'selects it, without rules for either direction' },
  ] as const)('$directions / $isolates -> $text', ({ directions, isolates, text }) => {
    expect(selectingEffectText({ directions: [...directions], isolates: [...isolates] })).toBe(text);
  });
});
