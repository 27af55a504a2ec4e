/**
 * Where to go after sign-in: only a page of this site. The value is resolved against the app's
 * origin with the URL parser, exactly as the browser will resolve it, so tricks a string check
 * misses (`/\t/evil.example`, whose tab the browser strips, `//evil.example`, `/\evil.example`,
 * `https://…`) land on another origin and are refused. Only path, query and hash are kept.
 */
export function safeReturnPath(
  value: string | null,
  origin: string,
  fallback = "/wizard/credentials",
): string {
  if (!value) return fallback;
  let resolved: URL;
  try {
    resolved = new URL(value, origin);
  } catch {
    return fallback;
  }
  if (resolved.origin !== new URL(origin).origin) return fallback;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
