import type { SelectorExpr } from './ast';
import { tokenize, type Token } from './tokenize';

/**
 * Recursive-descent parser with the grammar of `libcalico-go/lib/selector/parser/parser.go`:
 *   or  := and ('||' and)*
 *   and := op ('&&' op)*
 *   op  := '!'* ( has(k) | all() | global() | k == s | k != s | k contains s | k starts with s
 *                 | k ends with s | k in {s, ...} | k not in {s, ...} | '(' or ')' )
 * An empty (or blank) selector means `all()`.
 */
export type ParseResult = { ok: true; expr: SelectorExpr } | { ok: false; error: string };

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i] ?? { kind: 'eof' };
  }
  private next(): Token {
    const t = this.peek();
    this.i++;
    return t;
  }

  parseOr(): SelectorExpr {
    const exprs = [this.parseAnd()];
    while (this.peek().kind === '||') {
      this.next();
      exprs.push(this.parseAnd());
    }
    return exprs.length === 1 ? exprs[0]! : { kind: 'or', exprs };
  }

  private parseAnd(): SelectorExpr {
    const exprs = [this.parseOp()];
    while (this.peek().kind === '&&') {
      this.next();
      exprs.push(this.parseOp());
    }
    return exprs.length === 1 ? exprs[0]! : { kind: 'and', exprs };
  }

  private parseOp(): SelectorExpr {
    let negated = false;
    while (this.peek().kind === '!') {
      this.next();
      negated = !negated;
    }
    const e = this.parseAtom();
    return negated ? { kind: 'not', expr: e } : e;
  }

  private string(): string {
    const t = this.next();
    if (t.kind !== 'string') throw new Error('expected string');
    return t.value;
  }

  private parseAtom(): SelectorExpr {
    const t = this.next();
    switch (t.kind) {
      case 'has':
        return { kind: 'has', label: t.value };
      case 'all':
        return { kind: 'all' };
      case 'global':
        return { kind: 'global' };
      case '(': {
        const e = this.parseOr();
        if (this.next().kind !== ')') throw new Error('expected )');
        return e;
      }
      case 'label': {
        const op = this.next();
        switch (op.kind) {
          case '==':
            return { kind: 'eq', label: t.value, value: this.string() };
          case '!=':
            return { kind: 'ne', label: t.value, value: this.string() };
          case 'contains':
            return { kind: 'contains', label: t.value, value: this.string() };
          case 'starts with':
            return { kind: 'startsWith', label: t.value, value: this.string() };
          case 'ends with':
            return { kind: 'endsWith', label: t.value, value: this.string() };
          case 'in':
          case 'not in': {
            if (this.next().kind !== '{') throw new Error('expected set literal');
            const values: string[] = [];
            while (this.peek().kind === 'string') {
              values.push(this.string());
              if (this.peek().kind !== ',') break;
              this.next();
            }
            if (this.next().kind !== '}') throw new Error('expected }');
            return { kind: op.kind === 'in' ? 'in' : 'notIn', label: t.value, values };
          }
          case 'eof':
            throw new Error('unexpected end of string looking for op');
          default:
            throw new Error(`expected == or != not: ${op.kind}`);
        }
      }
      case 'eof':
        throw new Error('unexpected end of string looking for op');
      default:
        throw new Error(`unexpected token: ${t.kind}`);
    }
  }

  atEnd(): boolean {
    return this.peek().kind === 'eof';
  }
}

export function parseSelectorExpr(text: string): ParseResult {
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  if (tokens.tokens[0]?.kind === 'eof') return { ok: true, expr: { kind: 'all' } };
  const p = new Parser(tokens.tokens);
  try {
    const expr = p.parseOr();
    if (!p.atEnd()) return { ok: false, error: 'unexpected content at end of selector' };
    return { ok: true, expr };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}
