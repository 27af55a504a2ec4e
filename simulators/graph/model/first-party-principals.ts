import { randomUUID } from "node:crypto";
import type { AppRole, ServicePrincipal } from "./graph-state";

// Microsoft's own applications have a service principal in every tenant, owned by Microsoft's
// services tenant. Only the one hybrid needs is here, with the app roles Exchange Online publishes.

const MICROSOFT_SERVICES_TENANT_ID = "f8cdef31-a31e-4b4a-93e4-5f571e91255a";

export const EXCHANGE_ONLINE_APP_ID = "00000002-0000-0ff1-ce00-000000000000";
/** Office 365 Exchange Online's `full_access_as_app`: EWS as any mailbox, what hybrid free/busy uses. */
export const FULL_ACCESS_AS_APP_ROLE_ID = "dc890d15-9560-4a4c-9b7f-a736ec74ec40";

const applicationRole = (id: string, value: string, displayName: string, description: string): AppRole => ({
  id,
  allowedMemberTypes: ["Application"],
  description,
  displayName,
  isEnabled: true,
  origin: "Application",
  value,
});

const EXCHANGE_ONLINE_APP_ROLES: AppRole[] = [
  applicationRole(
    FULL_ACCESS_AS_APP_ROLE_ID,
    "full_access_as_app",
    "Use Exchange Web Services with full access to all mailboxes",
    "Allows the app to have full access via Exchange Web Services to all mailboxes without a signed-in user.",
  ),
  applicationRole(
    "dc50a0fb-09a3-484d-be87-e023b12c6440",
    "Exchange.ManageAsApp",
    "Manage Exchange As Application",
    "Allows the app to manage the organization's Exchange environment without any user interaction.",
  ),
];

/** The tenant's Office 365 Exchange Online principal, with a fresh object id; `exchangeResource` names it in its cloud. */
export function exchangeOnlinePrincipal(exchangeResource: string): ServicePrincipal {
  return {
    id: randomUUID(),
    appId: EXCHANGE_ONLINE_APP_ID,
    displayName: "Office 365 Exchange Online",
    appDisplayName: "Office 365 Exchange Online",
    appOwnerOrganizationId: MICROSOFT_SERVICES_TENANT_ID,
    accountEnabled: true,
    notes: null,
    servicePrincipalNames: [EXCHANGE_ONLINE_APP_ID, `${exchangeResource}/`, exchangeResource],
    servicePrincipalType: "Application",
    signInAudience: "AzureADMultipleOrgs",
    tags: [],
    appRoles: EXCHANGE_ONLINE_APP_ROLES,
    keyCredentials: [],
  };
}
