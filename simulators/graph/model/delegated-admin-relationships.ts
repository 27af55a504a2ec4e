import { DIRECTORY_ROLE_TEMPLATE_IDS } from "../../identity/directory/directory-roles";
import type { Directory } from "../../identity/directory/load-directory";
import { matchesFilter } from "./odata-filter";

// A partner's delegated admin (GDAP) relationships as Graph lists them in the partner's tenant
// (`tenantRelationships/delegatedAdminRelationships`): the customer, the roles given, and the
// two-year window, read from the identity directory's relationships.

export const DELEGATED_ADMIN_RELATIONSHIP_FILTER_PROPERTIES = ["customer/tenantId", "status"] as const;

const DAY_MS = 86_400_000;
/** Every relationship in the directory is made for the longest duration GDAP allows. */
const DURATION_DAYS = 730;

export function delegatedAdminRelationships(
  directory: Directory,
  partnerTenantId: string,
  filter: { property: string; value: string } | undefined,
  now = Date.now(),
) {
  return directory.partnerRelationships
    .filter((relationship) => relationship.partnerTenantId === partnerTenantId)
    .map((relationship) => {
      const end = now + relationship.expiresInDays * DAY_MS;
      const created = new Date(end - DURATION_DAYS * DAY_MS).toISOString();
      const customer = directory.findTenant(relationship.customerTenantId);
      return {
        id: `${relationship.customerTenantId}-${relationship.partnerTenantId.slice(0, 8)}`,
        displayName: relationship.displayName,
        duration: `P${DURATION_DAYS}D`,
        status: relationship.expiresInDays > 0 ? "active" : "expired",
        autoExtendDuration: "PT0S",
        createdDateTime: created,
        activatedDateTime: created,
        lastModifiedDateTime: created,
        endDateTime: new Date(end).toISOString(),
        customer: { tenantId: relationship.customerTenantId, displayName: customer?.displayName ?? "" },
        accessDetails: {
          unifiedRoles: relationship.directoryRoles.map((role) => ({
            roleDefinitionId: DIRECTORY_ROLE_TEMPLATE_IDS[role],
          })),
        },
      };
    })
    .filter((relationship) => matchesFilter(relationship, filter));
}
