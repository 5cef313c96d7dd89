import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { TrafficInput } from '@/lib/traffic';
import type { ImportUpload } from './types';

/** How many leading (decompressed) bytes are looked at to recognise a file: the traffic detector's window. */
export const SNIFF_BYTES = 64 * 1024;

/**
 * An upload being read: the first bytes (decompressed) for sniffing, then the whole decompressed
 * stream (the head included) exactly once. The sha256 covers the decompressed bytes, so the same
 * content gzipped or not counts as the same import.
 */
export interface OpenedContent {
  head: Uint8Array;
  chunks: AsyncIterable<Uint8Array>;
  /** Bytes read from the upload as sent (compressed when gzip). */
  readonly rawBytes: number;
  readonly gzip: boolean;
  /** The sha256 (hex) of the decompressed content; only once `chunks` was read to the end. */
  hash(): string | null;
  /** Reads what is left (to finish the hash) without keeping it. */
  drain(): Promise<void>;
  /** Stops reading (closes a file stream). */
  close(): Promise<void>;
}

async function* toChunks(input: TrafficInput): AsyncGenerator<Uint8Array> {
  if (typeof input === 'string') {
    yield new TextEncoder().encode(input);
    return;
  }
  if (input instanceof Uint8Array) {
    yield input;
    return;
  }
  if (Symbol.asyncIterator in input) {
    for await (const c of input as AsyncIterable<Uint8Array | string>) yield typeof c === 'string' ? new TextEncoder().encode(c) : c;
    return;
  }
  const reader = (input as ReadableStream<Uint8Array>).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** gzip streams start with 1f 8b (RFC 1952 §2.3.1). */
const isGzip = (b: Uint8Array) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

/** Decompresses with node:zlib; an error of the source (a broken upload) surfaces from the iteration. */
async function* gunzip(first: Uint8Array, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  async function* all(): AsyncGenerator<Uint8Array> {
    yield first;
    for (;;) {
      const n = await rest.next();
      if (n.done) return;
      yield n.value;
    }
  }
  const source = Readable.from(all(), { objectMode: false });
  const z = createGunzip();
  source.on('error', (e) => z.destroy(e));
  source.pipe(z);
  try {
    for await (const c of z) yield c as Uint8Array;
  } finally {
    source.destroy();
  }
}

export async function openContent(upload: ImportUpload): Promise<OpenedContent> {
  const input = typeof upload.content === 'function' ? upload.content() : upload.content;
  const counter = { raw: 0 };
  const raw = (async function* () {
    for await (const c of toChunks(input)) {
      counter.raw += c.length;
      yield c;
    }
  })();
  const rawIt = raw[Symbol.asyncIterator]();
  const firstRaw = await rawIt.next();
  const gzip = !firstRaw.done && isGzip(firstRaw.value);
  let decompressed: AsyncIterator<Uint8Array>;
  if (firstRaw.done) decompressed = (async function* () {})();
  else if (gzip) decompressed = gunzip(firstRaw.value, rawIt);
  else {
    const first = firstRaw.value;
    decompressed = (async function* () {
      yield first;
      for (;;) {
        const n = await rawIt.next();
        if (n.done) return;
        yield n.value;
      }
    })();
  }

  const sha = createHash('sha256');
  let finished = false;
  const parts: Uint8Array[] = [];
  let size = 0;
  while (size < SNIFF_BYTES) {
    const n = await decompressed.next();
    if (n.done) {
      finished = true;
      break;
    }
    parts.push(n.value);
    size += n.value.length;
  }
  const head = Buffer.concat(parts);
  sha.update(head);
  let consumed = false;
  const chunks: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: async function* () {
      if (consumed) throw new Error('import content read twice');
      consumed = true;
      if (head.length) yield head;
      while (!finished) {
        const n = await decompressed.next();
        if (n.done) {
          finished = true;
          break;
        }
        sha.update(n.value);
        yield n.value;
      }
    },
  };
  let digest: string | null = null;
  return {
    head,
    chunks,
    gzip,
    get rawBytes() {
      return counter.raw;
    },
    hash() {
      if (!finished) return null;
      digest ??= sha.digest('hex');
      return digest;
    },
    async drain() {
      if (!consumed) {
        for await (const _ of chunks) void _;
        return;
      }
      while (!finished) {
        const n = await decompressed.next();
        if (n.done) finished = true;
        else sha.update(n.value);
      }
    },
    async close() {
      await decompressed.return?.(undefined).catch(() => undefined);
      await rawIt.return?.(undefined).catch(() => undefined);
    },
  };
}
