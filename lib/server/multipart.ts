/**
 * A streaming multipart/form-data reader (RFC 7578, framing of RFC 2046 §5.1.1): parts come one at a
 * time and each part's content is read as it arrives, so memory stays bounded by one network chunk
 * plus the delimiter, whatever the size of the files. `Request.formData()` would read the whole body
 * into memory first. Read (or skip) each part's content before asking for the next part.
 */
export interface MultipartPart {
  /** `name` of Content-Disposition, null when absent. */
  name: string | null;
  /** `filename` (or RFC 5987 `filename*`) of Content-Disposition; null for a plain field. */
  fileName: string | null;
  content: AsyncIterable<Uint8Array>;
}

export class MultipartError extends Error {}

/** Part headers longer than this are refused (browsers and curl send a few hundred bytes). */
const MAX_HEADER_BYTES = 16 * 1024;
const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** The boundary of a `multipart/form-data; boundary=…` Content-Type (1–70 characters), or null. */
export function multipartBoundary(contentType: string | null): string | null {
  if (!contentType || !/^multipart\/form-data\s*(;|$)/i.test(contentType)) return null;
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

/** `name="value"`, `name=value` and `name*=UTF-8''percent-encoded` parameters of Content-Disposition. */
function dispositionParam(header: string, key: string): string | null {
  const extended = new RegExp(`;\\s*${key}\\*\\s*=\\s*([^']*)'[^']*'([^;\\s]*)`, 'i').exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[2]!);
    } catch {
      // fall back to the plain parameter
    }
  }
  const plain = new RegExp(`;\\s*${key}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, 'i').exec(header);
  if (!plain) return null;
  // Browsers percent-encode `"`, CR and LF in file names (WHATWG HTML, multipart/form-data encoding); curl escapes with `\`.
  return plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1').replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n') : (plain[2] ?? null);
}

async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

export async function* readMultipart(body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>, boundary: string): AsyncGenerator<MultipartPart> {
  // Every delimiter, the first one included, is CRLF "--" boundary: start the buffer with a CRLF.
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const source = (Symbol.asyncIterator in body ? body : chunksOf(body))[Symbol.asyncIterator]();
  let buffer: Buffer = Buffer.from(CRLF);
  let ended = false;

  const fill = async (): Promise<boolean> => {
    if (ended) return false;
    const next = await source.next();
    if (next.done) {
      ended = true;
      return false;
    }
    buffer = buffer.length ? Buffer.concat([buffer, next.value]) : Buffer.from(next.value);
    return true;
  };

  /** The next piece of the current part's content, or null once its closing delimiter is reached. */
  let inPart = false;
  const readContent = async (): Promise<Uint8Array | null> => {
    for (;;) {
      if (!inPart) return null;
      const at = buffer.indexOf(delimiter);
      if (at >= 0) {
        const piece = buffer.subarray(0, at);
        buffer = buffer.subarray(at + delimiter.length);
        inPart = false;
        return piece; // possibly empty; the next call answers null
      }
      // Keep what could be the start of a delimiter split across chunks.
      const safe = buffer.length - (delimiter.length - 1);
      if (safe > 0) {
        const piece = buffer.subarray(0, safe);
        buffer = buffer.subarray(safe);
        return piece;
      }
      if (!(await fill())) throw new MultipartError('the multipart body ends inside a part');
    }
  };

  // Preamble: everything before the first delimiter is ignored (RFC 2046 §5.1.1).
  for (;;) {
    const at = buffer.indexOf(delimiter);
    if (at >= 0) {
      buffer = buffer.subarray(at + delimiter.length);
      break;
    }
    buffer = buffer.subarray(Math.max(0, buffer.length - (delimiter.length - 1)));
    if (!(await fill())) throw new MultipartError('the multipart body has no part (boundary not found)');
  }

  try {
    for (;;) {
      // After a delimiter: "--" closes the body; otherwise optional whitespace, then CRLF and the part headers.
      while (buffer.length < 2 && (await fill()));
      if (buffer.length >= 2 && buffer[0] === 0x2d && buffer[1] === 0x2d) return;
      let eol = buffer.indexOf(CRLF);
      while (eol < 0 && buffer.length <= MAX_HEADER_BYTES && (await fill())) eol = buffer.indexOf(CRLF);
      if (eol < 0 || !/^[ \t]*$/.test(buffer.subarray(0, eol).toString('latin1'))) throw new MultipartError('malformed multipart delimiter');
      buffer = buffer.subarray(eol + CRLF.length);

      // Part headers end with an empty line; a part with no headers starts with it.
      while (buffer.length < 2 && (await fill()));
      let end = buffer.subarray(0, 2).equals(CRLF) ? -2 : buffer.indexOf(HEADER_END);
      while (end === -1) {
        if (buffer.length > MAX_HEADER_BYTES) throw new MultipartError('multipart part headers are too long');
        if (!(await fill())) throw new MultipartError('the multipart body ends inside part headers');
        end = buffer.subarray(0, 2).equals(CRLF) ? -2 : buffer.indexOf(HEADER_END);
      }
      const headerText = end === -2 ? '' : buffer.subarray(0, end).toString('utf8');
      buffer = buffer.subarray(end === -2 ? 2 : end + HEADER_END.length);
      const disposition = headerText.split('\r\n').find((line) => /^content-disposition\s*:/i.test(line)) ?? '';

      inPart = true;
      let consumed = false;
      const content: AsyncIterable<Uint8Array> = {
        [Symbol.asyncIterator]: async function* () {
          if (consumed) throw new MultipartError('a multipart part was read twice');
          consumed = true;
          for (let piece = await readContent(); piece !== null; piece = await readContent()) if (piece.length) yield piece;
        },
      };
      yield { name: dispositionParam(disposition, 'name'), fileName: dispositionParam(disposition, 'filename'), content };
      // Skip whatever the caller left of this part.
      while ((await readContent()) !== null);
    }
  } finally {
    await source.return?.();
  }
}
