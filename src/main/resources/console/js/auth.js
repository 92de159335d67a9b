// Who is signed in: a bearer token kept in sessionStorage for this tab only, and the claims read from it.
// The console never verifies a token; the API does (API Gateway's JWT authorizer in AWS).
const KEY = 'coop-console-token';

function base64url(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  bytes.forEach((b) => { binary += String.fromCharCode(b); });
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decodeBase64url(part) {
  const padded = part.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((part.length + 3) % 4);
  const binary = atob(padded);
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** The same unsigned (alg: none) token the README's walk-through mints with base64 and tr. */
export function mintDevelopmentToken(claims) {
  return `${base64url('{"alg":"none","typ":"JWT"}')}.${base64url(JSON.stringify(claims))}.`;
}

/** The claims of a JWT, or null when it is not one. */
export function claimsOf(token) {
  const parts = (token || '').trim().split('.');
  if (parts.length < 2) return null;
  try {
    const claims = JSON.parse(decodeBase64url(parts[1]));
    return claims && typeof claims === 'object' ? claims : null;
  } catch {
    return null;
  }
}

function rolesOf(claims) {
  const raw = claims.roles ?? claims['cognito:groups'] ?? [];
  const list = Array.isArray(raw) ? raw : String(raw).replace(/[[\]"]/g, '').split(/[\s,]+/);
  return new Set(list.filter(Boolean));
}

/** Where a caller starts: the families for those who read a co-op, operations for operators, else their family. */
export function homeOf(who) {
  if (who.readsAll) return '#/families';
  if (who.operator) return '#/operations';
  return `#/family/${encodeURIComponent(who.familyId || '')}`;
}

/** The signed-in identity, or null. */
export function identity() {
  const token = sessionStorage.getItem(KEY);
  const claims = claimsOf(token);
  if (!claims) return null;
  const roles = rolesOf(claims);
  return {
    token,
    userId: claims.sub,
    tenant: claims.tenant_id ?? claims['custom:tenant_id'],
    familyId: claims.family_id ?? claims['custom:family_id'],
    roles,
    readsAll: roles.has('coordinator') || roles.has('auditor') || roles.has('admin'),
    appends: roles.has('coordinator') || roles.has('admin'),
    admin: roles.has('admin'),
    // The platform's operators: every co-op's subscriber progress, and rebuilds (which cover every co-op).
    operator: roles.has('operator'),
  };
}

export function signIn(token) {
  if (!claimsOf(token)) throw new Error('That is not a JWT: it needs a header, a payload and a signature part.');
  sessionStorage.setItem(KEY, token.trim());
}

export function signOut() {
  sessionStorage.removeItem(KEY);
}
