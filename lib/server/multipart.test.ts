import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MultipartError, multipartBoundary, readMultipart } from './multipart';

/** A body as a browser or undici encodes FormData, cut into the given chunk sizes (cycled). */
async function encode(form: FormData): Promise<{ bytes: Uint8Array; boundary: string }> {
  const res = new Response(form);
  const boundary = multipartBoundary(res.headers.get('content-type'));
  if (!boundary) throw new Error('no boundary');
  return { bytes: new Uint8Array(await res.arrayBuffer()), boundary };
}

async function* chunked(bytes: Uint8Array, sizes: number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const n = sizes[i % sizes.length]!;
    yield bytes.slice(at, at + n);
    at += n;
  }
}

async function parse(body: AsyncIterable<Uint8Array>, boundary: string) {
  const parts: { name: string | null; fileName: string | null; text: string }[] = [];
  for await (const part of readMultipart(body, boundary)) {
    const pieces: Uint8Array[] = [];
    for await (const p of part.content) pieces.push(p);
    parts.push({ name: part.name, fileName: part.fileName, text: Buffer.concat(pieces).toString('utf8') });
  }
  return parts;
}

const latin = (s: string) => new TextEncoder().encode(s.replace(/\n/g, '\r\n'));

describe('multipart/form-data reader', () => {
  test.each([
    ['multipart/form-data; boundary=abc', 'abc'],
    ['multipart/form-data; boundary="a b:c"', 'a b:c'],
    ['Multipart/Form-Data;boundary=----WebKitFormBoundaryx7', '----WebKitFormBoundaryx7'],
    ['multipart/mixed; boundary=abc', null],
    ['application/json', null],
    ['multipart/form-data', null],
  ])('boundary of %j is %j', (type, boundary) => {
    expect(multipartBoundary(type)).toBe(boundary);
  });

  test('reads what FormData encodes, whatever the chunking (files holding delimiter-like bytes included)', async () => {
    const content = fc.oneof(fc.string({ maxLength: 300 }), fc.constantFrom('\r\n--', '\r\n', '--', '\r\n\r\n', '-'));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ name: fc.constantFrom('file', 'other'), fileName: fc.string({ minLength: 1, maxLength: 20 }).filter((n) => !/[\r\n"\\%]/.test(n)), content: fc.array(content, { maxLength: 5 }).map((a) => a.join('')), isFile: fc.boolean() }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 8 }),
        async (fields, sizes) => {
          const form = new FormData();
          for (const f of fields) {
            if (f.isFile) form.append(f.name, new Blob([f.content]), f.fileName);
            else form.append(f.name, f.content);
          }
          const { bytes, boundary } = await encode(form);
          const parts = await parse(chunked(bytes, sizes), boundary);
          // FormData turns a lone CR or LF in a text field into CRLF (HTML's newline normalisation).
          const expected = fields.map((f) => ({ name: f.name, fileName: f.isFile ? f.fileName : null, text: f.isFile ? f.content : f.content.replace(/\r\n|\r|\n/g, '\r\n') }));
          expect(parts).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('reads a hand-written body: preamble, a part without headers, RFC 5987 file name, epilogue', async () => {
    const body = latin(
      'ignored preamble\n--xyz\nContent-Disposition: form-data; name="file"; filename*=UTF-8\'\'fl%C3%B6ws.json\nContent-Type: application/json\n\n{"a":1}\n--xyz\n\nbare\n--xyz--\nignored epilogue',
    );
    expect(await parse(chunked(body, [3]), 'xyz')).toEqual([
      { name: 'file', fileName: 'flöws.json', text: '{"a":1}' },
      { name: null, fileName: null, text: 'bare' },
    ]);
  });

  test('a part left unread is skipped, and the next one still comes', async () => {
    const body = latin('--b\nContent-Disposition: form-data; name="x"; filename="a"\n\nAAAA\n--b\nContent-Disposition: form-data; name="y"; filename="b"\n\nBB\n--b--\n');
    const seen: string[] = [];
    for await (const part of readMultipart(chunked(body, [5]), 'b')) {
      if (part.fileName === 'a') continue;
      for await (const p of part.content) seen.push(Buffer.from(p).toString());
    }
    expect(seen.join('')).toBe('BB');
  });

  test('hands out content before the body has ended', async () => {
    let sent = 0;
    async function* slow(): AsyncGenerator<Uint8Array> {
      yield latin('--b\nContent-Disposition: form-data; name="f"; filename="big"\n\n');
      for (; sent < 100; sent++) yield new Uint8Array(1000).fill(0x61);
      yield latin('\n--b--\n');
    }
    const progress: number[] = [];
    for await (const part of readMultipart(slow(), 'b')) for await (const piece of part.content) if (piece.length) progress.push(sent);
    expect(progress[0]).toBeLessThan(5);
  });

  test.each([
    ['no boundary at all', 'just text', /no part/],
    ['a body cut inside a part', '--b\nContent-Disposition: form-data; name="f"\n\nabc', /ends inside a part/],
    ['a body cut inside the headers', '--b\nContent-Disposition: form-da', /ends inside part headers/],
    ['garbage after a delimiter', '--bX\n\nabc\n--b--', /malformed/],
  ])('%s is a MultipartError', async (_name, text, message) => {
    const err = await parse(chunked(latin(text), [4]), 'b').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MultipartError);
    expect((err as Error).message).toMatch(message);
  });

  test('refuses endless part headers', async () => {
    const body = latin(`--b\nX-Long: ${'a'.repeat(20_000)}`);
    await expect(parse(chunked(body, [1000]), 'b')).rejects.toThrow(/too long/);
  });
});
