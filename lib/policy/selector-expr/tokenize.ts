/**
 * Tokenizer of Calico's selector language, following `libcalico-go/lib/selector/tokenizer/tokenizer.go`
 * (https://docs.tigera.io/calico/latest/reference/resources/networkpolicy#selectors).
 * Label names are runs of `[a-zA-Z0-9_./-]`; strings are single- or double-quoted without escapes;
 * `contains`, `starts with`, `ends with`, `in`, `not in` are operators only right after a label.
 */
export type Token =
  | { kind: 'label'; value: string }
  | { kind: 'string'; value: string }
  | { kind: 'has'; value: string }
  | { kind: '(' | ')' | '{' | '}' | ',' | '==' | '!=' | '!' | '&&' | '||' | 'in' | 'not in' | 'contains' | 'starts with' | 'ends with' | 'all' | 'global' | 'eof' };

const isIdentChar = (c: string | undefined): boolean => c !== undefined && /[a-zA-Z0-9_./-]/.test(c);

function cutIdentifier(s: string): [string, string] {
  let i = 0;
  while (i < s.length && isIdentChar(s[i])) i++;
  return [s.slice(0, i), s.slice(i)];
}

/**
 * Cuts an operator keyword. Like `cutPrefixCheckBreak` (one word) and `cutMultiWordPrefixCheckBreak` (several
 * words, blanks trimmed after each), the keyword must end at a word boundary.
 */
function cutWords(s: string, words: string[]): string | null {
  let rest = s;
  for (const w of words) {
    if (!rest.startsWith(w)) return null;
    rest = rest.slice(w.length);
    if (words.length > 1) rest = rest.replace(/^[ \t]*/, '');
  }
  return isIdentChar(rest[0]) ? null : rest;
}

export function tokenize(input: string): { ok: true; tokens: Token[] } | { ok: false; error: string } {
  const tokens: Token[] = [];
  let s = input;
  for (;;) {
    s = s.replace(/^[ \t]*/, '');
    if (s.length === 0) {
      tokens.push({ kind: 'eof' });
      return { ok: true, tokens };
    }
    const c = s[0]!;
    const last = tokens[tokens.length - 1];
    if ('(){},'.includes(c)) {
      tokens.push({ kind: c as '(' | ')' | '{' | '}' | ',' });
      s = s.slice(1);
    } else if (c === '"' || c === "'") {
      const end = s.indexOf(c, 1);
      if (end < 0) return { ok: false, error: 'unterminated string' };
      tokens.push({ kind: 'string', value: s.slice(1, end) });
      s = s.slice(end + 1);
    } else if (c === '=') {
      if (!s.startsWith('==')) return { ok: false, error: 'expected ==' };
      tokens.push({ kind: '==' });
      s = s.slice(2);
    } else if (c === '!') {
      if (s.startsWith('!=')) {
        tokens.push({ kind: '!=' });
        s = s.slice(2);
      } else {
        tokens.push({ kind: '!' });
        s = s.slice(1);
      }
    } else if (c === '&') {
      if (!s.startsWith('&&')) return { ok: false, error: 'expected &&' };
      tokens.push({ kind: '&&' });
      s = s.slice(2);
    } else if (c === '|') {
      if (!s.startsWith('||')) return { ok: false, error: 'expected ||' };
      tokens.push({ kind: '||' });
      s = s.slice(2);
    } else if (last?.kind === 'label') {
      const ops: [Token['kind'], string[]][] = [
        ['contains', ['contains']],
        ['starts with', ['starts', 'with']],
        ['ends with', ['ends', 'with']],
        ['not in', ['not', 'in']],
        ['in', ['in']],
      ];
      const hit = ops.map(([kind, words]) => [kind, cutWords(s, words)] as const).find(([, rest]) => rest !== null);
      if (!hit) return { ok: false, error: `expected operator after label "${last.value}"` };
      tokens.push({ kind: hit[0] } as Token);
      s = hit[1]!;
    } else if (s.startsWith('has(')) {
      const [ident, rest] = cutIdentifier(s.slice(4).replace(/^[ \t]*/, ''));
      if (!ident) return { ok: false, error: 'expected identifier' };
      const after = rest.replace(/^[ \t]*/, '');
      if (!after.startsWith(')')) return { ok: false, error: "no closing ')' after has(" };
      tokens.push({ kind: 'has', value: ident });
      s = after.slice(1);
    } else if (/^(all|global)\(/.test(s)) {
      const kind = s.startsWith('all(') ? 'all' : 'global';
      const after = s.slice(kind.length + 1).replace(/^[ \t]*/, '');
      if (!after.startsWith(')')) return { ok: false, error: `no closing ')' after ${kind}(` };
      tokens.push({ kind });
      s = after.slice(1);
    } else {
      const [ident, rest] = cutIdentifier(s);
      if (!ident) return { ok: false, error: `unexpected character '${c}'` };
      if (ident.length > 512) return { ok: false, error: `label too long: ${ident}` };
      tokens.push({ kind: 'label', value: ident });
      s = rest;
    }
  }
}
