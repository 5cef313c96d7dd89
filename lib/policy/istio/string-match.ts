/**
 * Istio string matching (https://istio.io/latest/docs/reference/config/security/authorization-policy/#Rule):
 * exact `abc`, prefix `abc*`, suffix `*abc`, presence `*` (any non-empty value).
 * Paths may also be Envoy URI templates with `{*}` (one segment) and `{**}` (the rest).
 */
export function matchIstioString(pattern: string, value: string, ignoreCase = false): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const v = ignoreCase ? value.toLowerCase() : value;
  if (p === '*') return v.length > 0;
  if (p.startsWith('*')) return v.endsWith(p.slice(1));
  if (p.endsWith('*')) return v.startsWith(p.slice(0, -1));
  return v === p;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const isPathTemplate = (p: string) => p.includes('{*}') || p.includes('{**}');

/**
 * `/foo/{*}` matches `/foo/bar` but not `/foo/bar/baz`; `/foo/{**}/` matches `/foo/bar/`, `/foo/bar/baz.txt`
 * and `/foo//` but not `/foo/bar` (examples of the Operation.paths reference).
 */
export function matchPathTemplate(template: string, path: string): boolean {
  const parts = template.split(/(\{\*\*\}|\{\*\})/);
  let re = '';
  for (const part of parts) re += part === '{*}' ? '[^/]+' : part === '{**}' ? '.*' : escapeRegex(part);
  if (template.includes('{**}')) re += '.*';
  return new RegExp(`^${re}$`).test(path);
}

export function matchIstioPath(pattern: string, path: string): boolean {
  return isPathTemplate(pattern) ? matchPathTemplate(pattern, path) : matchIstioString(pattern, path);
}

/** Envoy matchers are full-string RE2 matches; Istio builds these for namespaces/serviceAccounts/trustDomains. */
export function fullMatch(regex: string, value: string): boolean {
  return new RegExp(`^(?:${regex})$`).test(value);
}

export { escapeRegex };

/**
 * `requestPrincipals` are `<iss>/<sub>`, split at the last `/` (the issuer may be a URL) and matched
 * part by part (pilot/pkg/security/authz/model/generator.go requestPrincipalGenerator).
 */
export function matchRequestPrincipal(pattern: string, requestPrincipal: string): boolean {
  const split = (s: string) => {
    const i = s.lastIndexOf('/');
    return i >= 0 ? { iss: s.slice(0, i), sub: s.slice(i + 1), found: true } : { iss: s, sub: '', found: false };
  };
  const actual = split(requestPrincipal);
  if (!actual.iss || !actual.sub) return pattern === '*' ? requestPrincipal.length > 0 : false;
  const { iss, sub, found } = split(pattern);
  const any = () => true;
  let matchIss: (s: string) => boolean;
  let matchSub: (s: string) => boolean;
  if (pattern === '*') {
    matchIss = any;
    matchSub = any;
  } else if (pattern.startsWith('*')) {
    if (found) {
      matchIss = iss === '*' ? any : (s) => s.endsWith(iss.slice(1));
      matchSub = (s) => s === sub;
    } else {
      matchIss = any;
      matchSub = (s) => s.endsWith(pattern.slice(1));
    }
  } else if (pattern.endsWith('*')) {
    if (found) {
      matchIss = (s) => s === iss;
      matchSub = sub === '*' ? any : (s) => s.startsWith(sub.slice(0, -1));
    } else {
      matchIss = (s) => s.startsWith(pattern.slice(0, -1));
      matchSub = any;
    }
  } else {
    matchIss = (s) => s === iss;
    matchSub = (s) => s === sub;
  }
  return matchIss(actual.iss) && matchSub(actual.sub);
}
