import type { TextUnit } from './line-reader';

/**
 * Splits a stream of concatenated (possibly pretty-printed) JSON values, such as
 * `linkerd viz tap -o json` output (`json.MarshalIndent` per event, linkerd2 viz/cmd/tap.go),
 * into one text per top-level object. Tracks only brace depth, strings and escapes, so memory is
 * bounded by the largest single object. Text between objects that is not whitespace is yielded as
 * its own unit so the caller can report it as a bad record.
 */
export async function* splitJsonObjects(lines: AsyncIterable<TextUnit>): AsyncGenerator<TextUnit> {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let parts: string[] = [];
  let startLine = 0;
  for await (const { text, line } of lines) {
    let segStart = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 92 /* \ */) escaped = true;
        else if (c === 34 /* " */) inString = false;
        continue;
      }
      if (depth === 0) {
        if (c === 32 || c === 9) continue;
        if (c !== 123 /* { */ && c !== 91 /* [ */) {
          // Garbage outside any object: hand the rest of the line over as one bad unit.
          yield { text: text.slice(i), line };
          segStart = text.length;
          break;
        }
        startLine = line;
        segStart = i;
        parts = [];
      }
      if (c === 34) inString = true;
      else if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        depth--;
        if (depth === 0) {
          parts.push(text.slice(segStart, i + 1));
          yield { text: parts.join('\n'), line: startLine };
          parts = [];
          segStart = i + 1;
        }
      }
    }
    if (depth > 0) parts.push(text.slice(segStart));
  }
  if (depth > 0 && parts.length > 0) yield { text: parts.join('\n'), line: startLine };
}
