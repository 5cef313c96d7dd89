/**
 * Path templates as the traffic import writes them (`/api/v1/users/{id}`) turned into each dialect's matcher.
 * A placeholder segment is `{name}`, `:name` or `*`.
 */
const isPlaceholder = (segment: string) => /^\{[^/]*\}$/.test(segment) || /^:[^/]+$/.test(segment) || segment === '*';

/**
 * Istio `paths`: exact, or a trailing `*` prefix match (`/api/v1/users/*`, which also matches deeper paths),
 * or `{*}` (exactly one segment) where a placeholder sits in the middle; `{*}` is an Envoy URI template,
 * supported by Istio since 1.22. https://istio.io/latest/docs/reference/config/security/authorization-policy/#Operation
 */
export function toIstioPath(template: string): string {
  const segments = template.split('/');
  const last = segments.length - 1;
  const firstPlaceholder = segments.findIndex(isPlaceholder);
  if (firstPlaceholder === -1) return template;
  // A bare `/*` would match every path of the workload; one segment is all that was seen.
  if (firstPlaceholder === last && last > 1) return `${segments.slice(0, last).join('/')}/*`;
  return segments.map((s) => (isPlaceholder(s) ? '{*}' : s)).join('/');
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Cilium `http.path`: an extended POSIX regular expression matched against the whole path; a placeholder matches one segment. */
export function toCiliumPathRegex(template: string): string {
  return template
    .split('/')
    .map((s) => (isPlaceholder(s) ? '[^/]+' : escapeRegex(s)))
    .join('/');
}

/** A concrete path matching the template, to ask an evaluator about one request (placeholders become `1`). */
export function samplePath(template: string): string {
  return template
    .split('/')
    .map((s) => (isPlaceholder(s) ? '1' : s))
    .join('/');
}
