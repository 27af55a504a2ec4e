import { z } from "zod";
import { type DirectoryRole, directoryRolesFromWids } from "@/lib/auth/directory-roles";
import { type GraphConnection, odataString, readGraph } from "@/lib/graph/graph-client";
import { collectionOf } from "@/lib/graph/graph-objects";

// The partner's delegated admin (GDAP) relationships with one customer, as Microsoft Graph lists
// them in the partner's own tenant: which are active, the roles they give and when they end.

const ZDelegatedAdminRelationshipSchema = z.looseObject({
  id: z.string(),
  status: z.string(),
  endDateTime: z.iso.datetime({ offset: true }).nullable().optional(),
  customer: z.looseObject({ tenantId: z.string(), displayName: z.string().optional() }),
  accessDetails: z
    .looseObject({ unifiedRoles: z.array(z.looseObject({ roleDefinitionId: z.string() })).default([]) })
    .optional(),
});

export interface GdapRelationship {
  /** The roles of every active relationship with the customer. */
  roles: DirectoryRole[];
  /** When the last of them ends. */
  expiresAt: Date | null;
  customerName: string | null;
}

/** Undefined: no active relationship with that customer. */
export async function readGdapRelationship(
  homeGraph: GraphConnection,
  customerEntraTenantId: string,
): Promise<GdapRelationship | undefined> {
  const found = await readGraph(
    homeGraph,
    {
      method: "GET",
      path: "/tenantRelationships/delegatedAdminRelationships",
      query: { $filter: `customer/tenantId eq ${odataString(customerEntraTenantId)}` },
      action: "read your organization's delegated admin (GDAP) relationships",
      whenDenied:
        "Reading GDAP relationships needs a partner admin (Global Administrator or Admin Agent of your organization).",
    },
    collectionOf(ZDelegatedAdminRelationshipSchema),
  );
  const active = found.value.filter((relationship) => relationship.status === "active");
  if (active.length === 0) return undefined;
  const ends = active.flatMap((relationship) =>
    relationship.endDateTime ? [new Date(relationship.endDateTime).getTime()] : [],
  );
  return {
    roles: directoryRolesFromWids(
      active
        .flatMap((relationship) => relationship.accessDetails?.unifiedRoles ?? [])
        .map((role) => role.roleDefinitionId),
    ),
    expiresAt: ends.length > 0 ? new Date(Math.max(...ends)) : null,
    customerName: active[0]?.customer.displayName ?? null,
  };
}
