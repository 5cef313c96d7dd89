/**
 * Collapses identifiers in a request path so one route becomes one edge:
 * `/api/v1/users/123` → `/api/v1/users/{id}`. A segment is an id when it is a number, a UUID, a hex string
 * of 8+ characters with a digit, or an opaque token of 6+ letters/digits mixing digits and letters
 * (`OLJCESPC7Z`). Version segments (`v1`), words and gRPC paths (`/pkg.Service/Method`) stay.
 */
const NUMBER = /^\d+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX = /^(?=.*\d)[0-9a-f]{8,}$/i;
const TOKEN = /^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9_-]{6,}$/;
const VERSION = /^v\d+(\.\d+)*$/i;

export function isIdSegment(seg: string): boolean {
  if (seg === '' || VERSION.test(seg)) return false;
  return NUMBER.test(seg) || UUID.test(seg) || HEX.test(seg) || TOKEN.test(seg);
}

export function pathTemplate(path: string): string {
  if (!path.includes('/')) return path;
  const segs = path.split('/');
  let changed = false;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i] as string;
    if (isIdSegment(s)) {
      segs[i] = '{id}';
      changed = true;
    }
  }
  return changed ? segs.join('/') : path;
}
