import type { Env } from './env';
/**
 * Upload limit per request (issue 10), EASTWEST_MAX_REQUEST_BYTES: the import route
 * (app/api/snapshots/[id]/imports) refuses a larger Content-Length with a 413 before reading the
 * body. The per-file limit for manifests is lib/db/import's EASTWEST_MAX_MANIFEST_BYTES (64 MiB,
 * checked after decompression).
 */
export interface UploadLimits {
  maxRequestBytes: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = { maxRequestBytes: 256 * 1024 * 1024 };

/**
 * Largest body of a request that goes through proxy.ts. Next clones every proxied body into memory
 * and silently truncates it past `experimental.proxyClientMaxBodySize` (node_modules/next/dist/
 * server/body-streams.js), so the proxy refuses anything larger with a 413. Uploads, which may be
 * far larger, are left out of the proxy's matcher and stream into their route instead.
 * next.config.mjs sets proxyClientMaxBodySize to this value (upload-limits.test.ts checks it).
 */
export const PROXY_BODY_BYTES = 10 * 1024 * 1024;

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

/**
 * A reason to answer 413/411, or null. A body without a length is refused (411): the proxy's body
 * buffer would truncate it, and the import route's limit could only be checked after reading it.
 */
export function checkRequestSize(method: string, headers: Headers, maxBytes: number, limitName = 'EASTWEST_MAX_REQUEST_BYTES'): { status: 411 | 413; message: string } | null {
  if (['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase())) return null;
  const raw = headers.get('content-length');
  if (raw === null) {
    if (headers.get('transfer-encoding')) return { status: 411, message: 'uploads need a Content-Length header' };
    return null;
  }
  const length = Number(raw);
  if (!Number.isFinite(length) || length < 0) return { status: 411, message: 'invalid Content-Length header' };
  if (length > maxBytes) {
    return { status: 413, message: `request body of ${formatBytes(length)} exceeds the limit of ${formatBytes(maxBytes)} (${limitName})` };
  }
  return null;
}
