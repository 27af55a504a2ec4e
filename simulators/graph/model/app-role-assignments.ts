import { randomBytes } from "node:crypto";
import { z } from "zod";
import { badRequest, resourceNotFound } from "./graph-error";
import type { AppRoleAssignment, GraphTenantState } from "./graph-state";
import { parseGraphBody } from "./parse-graph-body";
import { findServicePrincipal } from "./service-principals";

// /servicePrincipals/{id}/appRoleAssignments: application permissions granted to the principal
// `{id}`. Creating one is admin consent for that permission; deleting one revokes it.

const ZGrantSchema = z.strictObject({ principalId: z.guid(), resourceId: z.guid(), appRoleId: z.guid() });

export function appRoleAssignmentView(assignment: AppRoleAssignment) {
  return { ...assignment, deletedDateTime: null };
}

export function listAppRoleAssignments(state: GraphTenantState, principalId: string): AppRoleAssignment[] {
  const principal = findServicePrincipal(state, principalId);
  return state.appRoleAssignments.filter((assignment) => assignment.principalId === principal.id);
}

export function grantAppRole(state: GraphTenantState, principalId: string, body: unknown, now = new Date()) {
  const principal = findServicePrincipal(state, principalId);
  const input = parseGraphBody(ZGrantSchema, body, "appRoleAssignment");
  if (input.principalId !== principal.id) {
    throw badRequest(
      `principalId must be the service principal the assignment is created on (${principal.id}).`,
    );
  }
  const resource = state.servicePrincipals.find((candidate) => candidate.id === input.resourceId);
  if (!resource) throw resourceNotFound(input.resourceId);
  const role = resource.appRoles.find((candidate) => candidate.id === input.appRoleId);
  if (!role?.isEnabled || !role.allowedMemberTypes.includes("Application")) {
    throw badRequest(`Permission being assigned was not found on application '${resource.appId}'.`);
  }
  const exists = state.appRoleAssignments.some(
    (assignment) =>
      assignment.principalId === principal.id &&
      assignment.resourceId === resource.id &&
      assignment.appRoleId === role.id,
  );
  if (exists) throw badRequest("Permission being assigned already exists on the object");
  const assignment: AppRoleAssignment = {
    // Graph's assignment ids are opaque base64url strings, not GUIDs.
    id: randomBytes(32).toString("base64url").slice(0, 43),
    appRoleId: role.id,
    createdDateTime: now.toISOString(),
    principalDisplayName: principal.displayName,
    principalId: principal.id,
    principalType: "ServicePrincipal",
    resourceDisplayName: resource.displayName,
    resourceId: resource.id,
  };
  return {
    state: { ...state, appRoleAssignments: [...state.appRoleAssignments, assignment] },
    value: assignment,
  };
}

export function revokeAppRole(
  state: GraphTenantState,
  principalId: string,
  assignmentId: string,
): GraphTenantState {
  const principal = findServicePrincipal(state, principalId);
  const assignment = state.appRoleAssignments.find(
    (candidate) => candidate.id === assignmentId && candidate.principalId === principal.id,
  );
  if (!assignment) throw resourceNotFound(assignmentId);
  return {
    ...state,
    appRoleAssignments: state.appRoleAssignments.filter((candidate) => candidate !== assignment),
  };
}
