/**
 * Line numbers for the objects of a big JSON document without a second parse: one linear scan that
 * records the line of every object opened directly inside an array at `arrayDepth`
 * (`kind: List` => the `items` array is at depth 2; a bare top-level array => depth 1).
 */
export function jsonElementLines(text: string, arrayDepth: number): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  const stack: string[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped char (never a newline in valid JSON)
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (c === 123 && depth === arrayDepth && stack[depth - 1] === '[') lines.push(line);
      stack[depth] = c === 123 ? '{' : '[';
      depth++;
    } else if (c === 125 || c === 93) depth--;
  }
  return lines;
}
