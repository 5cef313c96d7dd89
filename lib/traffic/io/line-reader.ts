/** One unit of input text (a line, or a multi-line JSON object) with the 1-based line it starts on. */
export interface TextUnit {
  text: string;
  line: number;
}

/**
 * Splits a byte stream into lines without buffering the whole input: only the current partial
 * line is kept between chunks. Accepts `\n` and `\r\n`; empty lines are counted but not yielded.
 * Lines are sliced from each decoded chunk, never from `carry + chunk`: slicing a concatenated
 * (cons) string makes V8 flatten it again for every line, which is quadratic in the chunk size.
 */
/** Longest line accepted (characters): a real log line is kilobytes; a 1 GB "line" is an attack or a wrong file. */
export const MAX_LINE_LENGTH = 16 * 1024 * 1024;

export async function* readLines(chunks: AsyncIterable<Uint8Array>, maxLineLength = MAX_LINE_LENGTH): AsyncGenerator<TextUnit> {
  const decoder = new TextDecoder('utf-8');
  const tooLong = () => new Error(`line ${line + 1} is longer than ${maxLineLength} characters`);
  let carry = '';
  let line = 0;
  const unit = (text: string): TextUnit | undefined => {
    line++;
    const t = text.length > 0 && text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text;
    return t.length > 0 ? { text: t, line } : undefined;
  };
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    let nl = text.indexOf('\n');
    if (nl === -1) {
      carry += text;
      if (carry.length > maxLineLength) throw tooLong();
      continue;
    }
    if (carry.length + nl > maxLineLength) throw tooLong();
    const first = unit(carry + text.slice(0, nl));
    if (first) yield first;
    let start = nl + 1;
    nl = text.indexOf('\n', start);
    while (nl !== -1) {
      if (nl - start > maxLineLength) throw tooLong();
      const u = unit(text.slice(start, nl));
      if (u) yield u;
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    carry = text.slice(start);
    if (carry.length > maxLineLength) throw tooLong();
  }
  carry += decoder.decode();
  if (carry.length > 0) {
    const u = unit(carry);
    if (u) yield u;
  }
}
