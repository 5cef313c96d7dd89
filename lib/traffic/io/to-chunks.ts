/** Anything importTraffic accepts: bytes, text, an async iterable of chunks (Node streams are), or a Web ReadableStream. */
export type TrafficInput = Uint8Array | string | AsyncIterable<Uint8Array | string> | ReadableStream<Uint8Array>;

export async function* toChunks(input: TrafficInput): AsyncGenerator<Uint8Array> {
  const enc = new TextEncoder();
  if (typeof input === 'string') {
    yield enc.encode(input);
    return;
  }
  if (input instanceof Uint8Array) {
    yield input;
    return;
  }
  if (Symbol.asyncIterator in input) {
    for await (const c of input as AsyncIterable<Uint8Array | string>) yield typeof c === 'string' ? enc.encode(c) : c;
    return;
  }
  const reader = (input as ReadableStream<Uint8Array>).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}
