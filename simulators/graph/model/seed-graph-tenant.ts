import { CLOUDS } from "../../identity/clouds";
import type { Tenant } from "../../identity/directory/load-directory";
import { exchangeOnlinePrincipal } from "./first-party-principals";
import type { GraphTenantState } from "./graph-state";

/** A tenant of the identity directory as Graph first sees it: no apps of its own, Microsoft's principals. */
export function seedGraphTenant(tenant: Tenant): GraphTenantState {
  return {
    version: 1,
    tenant: {
      tenantId: tenant.tenantId,
      cloud: tenant.cloud,
      displayName: tenant.displayName,
      initialDomain: tenant.initialDomain,
    },
    applications: [],
    servicePrincipals: [exchangeOnlinePrincipal(CLOUDS[tenant.cloud].exchangeResource)],
    appRoleAssignments: [],
    faults: [],
  };
}

/** GET /organization: the tenant itself. */
export function organizationView(state: GraphTenantState) {
  const { tenant } = state;
  return {
    id: tenant.tenantId,
    deletedDateTime: null,
    displayName: tenant.displayName,
    tenantType: "AAD",
    verifiedDomains: [
      {
        capabilities: "Email, OfficeCommunicationsOnline",
        isDefault: true,
        isInitial: true,
        name: tenant.initialDomain,
        type: "Managed",
      },
    ],
  };
}
