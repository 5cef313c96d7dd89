import { isScalar, LineCounter, parseAllDocuments } from 'yaml';

/**
 * The YAML text of each document of a file, keyed by the 1-based line its contents start on
 * (the line lib/manifest records as `source.line`), so policies keep their original text,
 * comments included, for the UI's YAML excerpts.
 */
export function yamlDocumentsByLine(text: string): Map<number, string> {
  const lineCounter = new LineCounter();
  const out = new Map<number, string>();
  for (const doc of parseAllDocuments(text, { lineCounter, prettyErrors: false })) {
    if (!doc.contents?.range || (isScalar(doc.contents) && doc.contents.value === null)) continue;
    const [start] = doc.contents.range;
    const end = doc.range[1];
    out.set(lineCounter.linePos(start).line, text.slice(start, end).trimEnd() + '\n');
  }
  return out;
}
