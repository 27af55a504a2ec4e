/**
 * Where to go after sign-in: only a path of this site, so a crafted link cannot send a freshly
 * signed-in admin to another origin (`//evil.example`, `/\\evil.example`, `https://…`).
 */
export function safeReturnPath(value: string | null, fallback = "/wizard/credentials"): string {
  if (!value?.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
