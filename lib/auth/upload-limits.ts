import type { Env } from './env';
/**
 * Upload limit per request (issue 10), EASTWEST_MAX_REQUEST_BYTES. The proxy refuses a request
 * whose Content-Length exceeds it with a 413 before any route sees it. The per-file limit for
 * manifests is lib/db/import's EASTWEST_MAX_MANIFEST_BYTES (64 MiB, checked after decompression);
 * next.config.mjs sizes Next's proxy body buffer from the same variable.
 */
export interface UploadLimits {
  maxRequestBytes: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = { maxRequestBytes: 256 * 1024 * 1024 };

/** `1048576`, `512kb`, `100mb`, `1gb`; anything else is null. */
export function parseByteSize(value: string | undefined): number | null {
  if (!value) return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?\s*$/i.exec(value);
  if (!m) return null;
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  const n = Math.floor(Number(m[1]) * factor);
  return n > 0 ? n : null;
}

export function uploadLimitsFromEnv(env: Env = process.env): UploadLimits {
  return {
    maxRequestBytes: parseByteSize(env.EASTWEST_MAX_REQUEST_BYTES) ?? DEFAULT_UPLOAD_LIMITS.maxRequestBytes,
  };
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

/** A reason to answer 413/411, or null. Chunked bodies without a length would be truncated by the proxy's body buffer. */
export function checkRequestSize(method: string, headers: Headers, limits: UploadLimits): { status: 411 | 413; message: string } | null {
  if (['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase())) return null;
  const raw = headers.get('content-length');
  if (raw === null) {
    if (headers.get('transfer-encoding')) return { status: 411, message: 'uploads need a Content-Length header' };
    return null;
  }
  const length = Number(raw);
  if (!Number.isFinite(length) || length < 0) return { status: 411, message: 'invalid Content-Length header' };
  if (length > limits.maxRequestBytes) {
    return { status: 413, message: `request body of ${formatBytes(length)} exceeds the limit of ${formatBytes(limits.maxRequestBytes)} (EASTWEST_MAX_REQUEST_BYTES)` };
  }
  return null;
}
