import { randomUUID } from "node:crypto";
import { z } from "zod";
import { resourceNotFound } from "./graph-error";
import { type Application, type GraphTenantState, ZRequiredResourceAccessSchema } from "./graph-state";
import { keyCredentialView, toKeyCredentials, ZKeyCredentialInputSchema } from "./key-credentials";
import { matchesFilter } from "./odata-filter";
import { parseGraphBody } from "./parse-graph-body";

// /applications: app registrations of this tenant. Deleting one deletes its service principal and
// what was granted to it, as Entra does.

const ZWritableSchema = z.strictObject({
  displayName: z.string().min(1).max(256),
  description: z.string().max(1024).nullable(),
  notes: z.string().max(1024).nullable(),
  signInAudience: z.enum(["AzureADMyOrg", "AzureADMultipleOrgs"]),
  identifierUris: z.array(z.string()),
  tags: z.array(z.string()),
  keyCredentials: z.array(ZKeyCredentialInputSchema),
  requiredResourceAccess: z.array(ZRequiredResourceAccessSchema.strict()),
});
const ZCreateSchema = ZWritableSchema.partial().required({ displayName: true });
const ZUpdateSchema = ZWritableSchema.partial();

export const APPLICATION_FILTER_PROPERTIES = ["displayName", "appId"] as const;

export function applicationView(application: Application, options: { withKeys?: boolean } = {}) {
  return {
    ...application,
    deletedDateTime: null,
    passwordCredentials: [],
    keyCredentials: application.keyCredentials.map((key) =>
      keyCredentialView(key, options.withKeys ?? false),
    ),
  };
}

export function findApplication(state: GraphTenantState, id: string): Application {
  const application = state.applications.find((candidate) => candidate.id === id.toLowerCase());
  if (!application) throw resourceNotFound(id);
  return application;
}

export function listApplications(
  state: GraphTenantState,
  filter?: { property: (typeof APPLICATION_FILTER_PROPERTIES)[number]; value: string },
): Application[] {
  return state.applications.filter((application) => matchesFilter(application, filter));
}

export function createApplication(state: GraphTenantState, body: unknown, now = new Date()) {
  const input = parseGraphBody(ZCreateSchema, body, "application");
  const application: Application = {
    id: randomUUID(),
    appId: randomUUID(),
    displayName: input.displayName,
    createdDateTime: now.toISOString(),
    description: input.description ?? null,
    notes: input.notes ?? null,
    publisherDomain: state.tenant.initialDomain,
    signInAudience: input.signInAudience ?? "AzureADMyOrg",
    identifierUris: input.identifierUris ?? [],
    tags: input.tags ?? [],
    appRoles: [],
    keyCredentials: toKeyCredentials(input.keyCredentials ?? []),
    requiredResourceAccess: input.requiredResourceAccess ?? [],
  };
  return { state: { ...state, applications: [...state.applications, application] }, value: application };
}

/** PATCH: each property given replaces the stored one whole (collections included). */
export function updateApplication(state: GraphTenantState, id: string, body: unknown) {
  const current = findApplication(state, id);
  const { keyCredentials, ...input } = parseGraphBody(ZUpdateSchema, body, "application");
  const updated: Application = {
    ...current,
    ...input,
    ...(keyCredentials ? { keyCredentials: toKeyCredentials(keyCredentials) } : {}),
  };
  const applications = state.applications.map((application) =>
    application.id === current.id ? updated : application,
  );
  return { state: { ...state, applications }, value: updated };
}

export function deleteApplication(state: GraphTenantState, id: string): GraphTenantState {
  const application = findApplication(state, id);
  const principals = state.servicePrincipals.filter((principal) => principal.appId === application.appId);
  const removed = new Set(principals.map((principal) => principal.id));
  return {
    ...state,
    applications: state.applications.filter((candidate) => candidate.id !== application.id),
    servicePrincipals: state.servicePrincipals.filter((principal) => !removed.has(principal.id)),
    appRoleAssignments: state.appRoleAssignments.filter(
      (assignment) => !removed.has(assignment.principalId) && !removed.has(assignment.resourceId),
    ),
  };
}
