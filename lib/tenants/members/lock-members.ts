import type { Prisma } from "@/lib/generated/prisma/client";
import type { ActingContext } from "@/lib/tenants/acting-context";

/**
 * Takes the acting tenant's row lock for the rest of the transaction, so changes to its members
 * happen one after another: two owners removing each other at the same moment cannot both pass
 * the "another owner remains" check and leave the tenant with none.
 */
export async function lockMembers(tx: Prisma.TransactionClient, acting: ActingContext): Promise<void> {
  // The Tenant row is the tenant itself, not a tenant-owned row: its id is the acting tenant's.
  await tx.$queryRaw`SELECT 1 FROM "Tenant" WHERE "id" = ${acting.tenant.id}::uuid FOR UPDATE`;
}
