/**
 * The caller's address as the Next.js server saw it (it sets X-Forwarded-For from
 * the socket). Behind a load balancer, configure it to overwrite, not append, that header.
 */
export function clientAddress(request: Request): string {
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
}
