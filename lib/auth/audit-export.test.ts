import { expect, test } from 'vitest';
import { csvCell, toAuditCsv } from './index';

test.each([
  ['plain', 'plain'],
  ['a,b', '"a,b"'],
  ['say "hi"', '"say ""hi"""'],
  ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
  ['+1', "'+1"],
  ['-cmd', "'-cmd"],
  ['@sum', "'@sum"],
])('csvCell(%j) = %s', (value, expected) => {
  expect(csvCell(value)).toBe(expected);
});

test('one header line and one line per entry', () => {
  const csv = toAuditCsv([{ id: '7', at: new Date('2026-01-02T03:04:05Z'), actor: 'ada', action: 'snapshot.delete', targetType: 'snapshot', targetId: 's1', userId: null, details: { n: 1 } }]);
  expect(csv).toBe('id,at,actor,action,targetType,targetId,userId,details\r\n7,2026-01-02T03:04:05.000Z,ada,snapshot.delete,snapshot,s1,,"{""n"":1}"\r\n');
});
