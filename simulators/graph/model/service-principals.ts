import { randomUUID } from "node:crypto";
import { z } from "zod";
import { badRequest, GraphError, resourceNotFound } from "./graph-error";
import type { GraphTenantState, ServicePrincipal } from "./graph-state";
import { keyCredentialView, toKeyCredentials, ZKeyCredentialInputSchema } from "./key-credentials";
import { matchesFilter } from "./odata-filter";
import { parseGraphBody } from "./parse-graph-body";

// /servicePrincipals: the tenant's instances of applications — its own apps' and Microsoft's.

const ZWritableSchema = z.strictObject({
  accountEnabled: z.boolean(),
  notes: z.string().max(1024).nullable(),
  tags: z.array(z.string()),
  keyCredentials: z.array(ZKeyCredentialInputSchema),
});
const ZCreateSchema = ZWritableSchema.partial().extend({ appId: z.guid() });
const ZUpdateSchema = ZWritableSchema.partial();

export const SERVICE_PRINCIPAL_FILTER_PROPERTIES = ["appId", "displayName"] as const;

export function servicePrincipalView(principal: ServicePrincipal, options: { withKeys?: boolean } = {}) {
  return {
    ...principal,
    deletedDateTime: null,
    passwordCredentials: [],
    keyCredentials: principal.keyCredentials.map((key) => keyCredentialView(key, options.withKeys ?? false)),
  };
}

export function findServicePrincipal(state: GraphTenantState, id: string): ServicePrincipal {
  const principal = state.servicePrincipals.find((candidate) => candidate.id === id.toLowerCase());
  if (!principal) throw resourceNotFound(id);
  return principal;
}

export function listServicePrincipals(
  state: GraphTenantState,
  filter?: { property: (typeof SERVICE_PRINCIPAL_FILTER_PROPERTIES)[number]; value: string },
): ServicePrincipal[] {
  return state.servicePrincipals.filter((principal) => matchesFilter(principal, filter));
}

export function createServicePrincipal(state: GraphTenantState, body: unknown) {
  const { appId, keyCredentials, ...input } = parseGraphBody(ZCreateSchema, body, "servicePrincipal");
  const application = state.applications.find((candidate) => candidate.appId === appId);
  if (!application) {
    throw badRequest(
      `The appId '${appId}' of the service principal does not reference a valid application object.`,
    );
  }
  if (state.servicePrincipals.some((principal) => principal.appId === appId)) {
    throw new GraphError(
      409,
      "Request_MultipleObjectsWithSameKeyValue",
      `The service principal cannot be created: application ${appId} already has one in this tenant.`,
    );
  }
  const principal: ServicePrincipal = {
    id: randomUUID(),
    appId,
    displayName: application.displayName,
    appDisplayName: application.displayName,
    appOwnerOrganizationId: state.tenant.tenantId,
    accountEnabled: input.accountEnabled ?? true,
    notes: input.notes ?? null,
    servicePrincipalNames: [appId, ...application.identifierUris],
    servicePrincipalType: "Application",
    signInAudience: application.signInAudience,
    tags: input.tags ?? [],
    appRoles: application.appRoles,
    keyCredentials: toKeyCredentials(keyCredentials ?? []),
  };
  return {
    state: { ...state, servicePrincipals: [...state.servicePrincipals, principal] },
    value: principal,
  };
}

export function updateServicePrincipal(state: GraphTenantState, id: string, body: unknown) {
  const current = findServicePrincipal(state, id);
  const { keyCredentials, ...input } = parseGraphBody(ZUpdateSchema, body, "servicePrincipal");
  const updated: ServicePrincipal = {
    ...current,
    ...input,
    ...(keyCredentials ? { keyCredentials: toKeyCredentials(keyCredentials) } : {}),
  };
  const servicePrincipals = state.servicePrincipals.map((principal) =>
    principal.id === current.id ? updated : principal,
  );
  return { state: { ...state, servicePrincipals }, value: updated };
}

export function deleteServicePrincipal(state: GraphTenantState, id: string): GraphTenantState {
  const principal = findServicePrincipal(state, id);
  return {
    ...state,
    servicePrincipals: state.servicePrincipals.filter((candidate) => candidate.id !== principal.id),
    appRoleAssignments: state.appRoleAssignments.filter(
      (assignment) => assignment.principalId !== principal.id && assignment.resourceId !== principal.id,
    ),
  };
}
