import { type GraphConnection, readGraph, writeGraph } from "@/lib/graph/graph-client";
import { type AppRoleAssignment, collectionOf, ZAppRoleAssignmentSchema } from "@/lib/graph/graph-objects";

// Application permissions granted to a service principal (/servicePrincipals/{id}/appRoleAssignments).
// Granting one is admin consent; Entra lets a Global or Privileged Role Administrator give it.

const WHEN_DENIED =
  "Granting admin consent needs the Global Administrator or Privileged Role Administrator role: ask one of them to grant it, or to assign you Privileged Role Administrator, then sign in again.";

export async function listAppRoleAssignments(options: {
  graph: GraphConnection;
  principalId: string;
}): Promise<AppRoleAssignment[]> {
  const found = await readGraph(
    options.graph,
    {
      method: "GET",
      path: `/servicePrincipals/${encodeURIComponent(options.principalId)}/appRoleAssignments`,
      action: `read the permissions granted to service principal ${options.principalId}`,
    },
    collectionOf(ZAppRoleAssignmentSchema),
  );
  return found.value ?? [];
}

/** Admin consent to one application permission (`appRoleId` of the resource's principal). */
export async function grantAppRole(options: {
  graph: GraphConnection;
  principalId: string;
  resourceId: string;
  appRoleId: string;
  /** For messages: "full_access_as_app on Office 365 Exchange Online". */
  permissionName: string;
}): Promise<AppRoleAssignment> {
  const { graph, principalId, resourceId, appRoleId } = options;
  const assignment = await readGraph(
    graph,
    {
      method: "POST",
      path: `/servicePrincipals/${encodeURIComponent(principalId)}/appRoleAssignments`,
      body: { principalId, resourceId, appRoleId },
      action: `grant admin consent to ${options.permissionName}`,
      whenDenied: WHEN_DENIED,
    },
    ZAppRoleAssignmentSchema,
  );
  return assignment;
}

export async function revokeAppRole(options: {
  graph: GraphConnection;
  principalId: string;
  assignmentId: string;
}): Promise<void> {
  await writeGraph(options.graph, {
    method: "DELETE",
    path: `/servicePrincipals/${encodeURIComponent(options.principalId)}/appRoleAssignments/${encodeURIComponent(options.assignmentId)}`,
    action: `revoke the permission ${options.assignmentId}`,
    whenDenied: WHEN_DENIED,
  });
}
