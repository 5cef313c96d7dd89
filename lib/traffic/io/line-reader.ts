/** One unit of input text (a line, or a multi-line JSON object) with the 1-based line it starts on. */
export interface TextUnit {
  text: string;
  line: number;
}

/**
 * Splits a byte stream into lines without buffering the whole input: only the current partial
 * line is kept between chunks. Accepts `\n` and `\r\n`; empty lines are counted but not yielded.
 */
export async function* readLines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<TextUnit> {
  const decoder = new TextDecoder('utf-8');
  let carry = '';
  let line = 0;
  for await (const chunk of chunks) {
    const text = carry + decoder.decode(chunk, { stream: true });
    let start = 0;
    let nl = text.indexOf('\n', start);
    while (nl !== -1) {
      line++;
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      if (end > start) yield { text: text.slice(start, end), line };
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    carry = text.slice(start);
  }
  carry += decoder.decode();
  if (carry.length > 0) {
    line++;
    const text = carry.endsWith('\r') ? carry.slice(0, -1) : carry;
    if (text.length > 0) yield { text, line };
  }
}
