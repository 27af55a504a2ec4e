import type { ActingContext } from "@/lib/tenants/acting-context";

/**
 * The one way a query on a tenant-owned model names its tenant: spread into `where` (and into
 * `data` on create). The tenant comes from the acting context, never from the client, so an id
 * guessed from another tenant finds nothing. `tests/unit/tenants/tenant-scope-usage.test.ts`
 * fails when a query on a tenant-owned model in `lib/` does not go through it.
 */
export function tenantScope(acting: Pick<ActingContext, "tenant">): { tenantId: string } {
  return { tenantId: acting.tenant.id };
}
