// A host name or IP literal with an optional port, nothing else: the value ends up in a command
// an admin copies, so anything odd in a spoofed Host header is dropped rather than shown.
const HOST_PATTERN = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

function first(value: string | null): string | undefined {
  return value?.split(",")[0]?.trim() || undefined;
}

/**
 * The address this request reached the service at (`https://wizard.contoso.com`), from the
 * X-Forwarded-* headers a load balancer sets, else Host; undefined when it cannot be told.
 */
export function requestOrigin(headers: Headers): string | undefined {
  const host = first(headers.get("x-forwarded-host")) ?? first(headers.get("host"));
  if (!host || !HOST_PATTERN.test(host)) return undefined;
  const protocol = first(headers.get("x-forwarded-proto")) === "http" ? "http" : "https";
  return `${protocol}://${host}`;
}
