// The headers every answer carries, pages and API alike, and the pages' Content Security Policy.
// next.config.ts sends the static ones on every path (scripts/serve-web.ts the same on the agent
// routes it answers itself); proxy.ts adds the policy with a fresh nonce to each page; handleRoute
// marks API answers not to be stored.

/** Sent on every path, static files included. */
export const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  // The app's own pages may be framed by the app: MSAL renews tokens silently in a hidden iframe
  // of /auth/redirect. Nothing else may frame them (clickjacking); CSP frame-ancestors says the same.
  { key: "X-Frame-Options", value: "SAMEORIGIN" },
  { key: "Referrer-Policy", value: "no-referrer" },
];

/**
 * Sent when the request reached us over HTTPS (the TLS terminator says so in X-Forwarded-Proto):
 * over plain HTTP browsers ignore it, and a local demo must stay reachable over HTTP.
 */
export const HSTS_HEADER = { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" };

/** API answers are JSON or streams, never documents: nothing to run, nothing to frame. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * What next.config.ts's `headers()` gives an /api answer, for the routes the web server answers
 * before Next (scripts/serve-web.ts): HSTS when X-Forwarded-Proto is exactly "https", as Next's
 * `has` matches it.
 */
export function apiResponseHeaders(
  forwardedProto: string | string[] | undefined,
): { key: string; value: string }[] {
  return [
    ...SECURITY_HEADERS,
    ...(forwardedProto === "https" ? [HSTS_HEADER] : []),
    { key: "Content-Security-Policy", value: API_CSP },
  ];
}

export interface PageCspOptions {
  nonce: string;
  /** Origins of the identity providers the browser's MSAL talks to, one per configured cloud. */
  identityOrigins: string[];
  https: boolean;
  /** Next's development server evaluates code from strings (React's dev tools); production never does. */
  development: boolean;
}

/**
 * A strict policy for pages: scripts only with this response's nonce (and what they load), no
 * plugins, no foreign base or frames. MSAL needs the identity providers for its token and metadata
 * calls (connect-src) and its silent renewal, a hidden iframe that starts at the provider and
 * ends on our /auth/redirect (frame-src, and frame-ancestors 'self' on that page).
 */
export function pageCsp(options: PageCspOptions): string {
  const identity = options.identityOrigins.join(" ");
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${options.nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${identity}`.trim(),
    `frame-src 'self' ${identity}`.trim(),
    `form-action 'self' ${identity}`.trim(),
    "frame-ancestors 'self'",
    "base-uri 'self'",
    "object-src 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}
