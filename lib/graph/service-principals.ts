import { type GraphConnection, odataString, readGraph, writeGraph } from "@/lib/graph/graph-client";
import {
  collectionOf,
  type GraphServicePrincipal,
  type KeyCredentialInput,
  ZServicePrincipalSchema,
} from "@/lib/graph/graph-objects";

// Service principals (/servicePrincipals): an application's presence in the tenant, Microsoft's
// first-party ones included (Office 365 Exchange Online, whose key credentials hold the on-premises
// Auth certificate of a classic hybrid).

const WHEN_DENIED =
  "Creating and changing service principals needs the Global Administrator or Application Administrator role: ask a Global Administrator to assign Application Administrator, then sign in again.";

export async function findServicePrincipalByAppId(options: {
  graph: GraphConnection;
  appId: string;
  withKeys?: boolean;
}): Promise<GraphServicePrincipal | undefined> {
  const found = await readGraph(
    options.graph,
    {
      method: "GET",
      path: "/servicePrincipals",
      query: { $filter: `appId eq ${odataString(options.appId)}` },
      action: `look up the service principal of application ${options.appId}`,
    },
    collectionOf(ZServicePrincipalSchema),
  );
  const principal = found.value[0];
  if (!principal || !options.withKeys) return principal;
  // Graph returns certificate material of one object, when its keyCredentials are selected.
  return getServicePrincipal({ graph: options.graph, id: principal.id, withKeys: true });
}

/** One service principal by id; `withKeys` asks for the certificates of its key credentials too. */
export async function getServicePrincipal(options: {
  graph: GraphConnection;
  id: string;
  withKeys?: boolean;
}): Promise<GraphServicePrincipal> {
  return readGraph(
    options.graph,
    {
      method: "GET",
      path: `/servicePrincipals/${encodeURIComponent(options.id)}`,
      ...(options.withKeys ? { query: { $select: "id,appId,displayName,appRoles,keyCredentials" } } : {}),
      action: `read the service principal ${options.id}`,
    },
    ZServicePrincipalSchema,
  );
}

export async function createServicePrincipal(options: {
  graph: GraphConnection;
  appId: string;
}): Promise<GraphServicePrincipal> {
  const principal = await readGraph(
    options.graph,
    {
      method: "POST",
      path: "/servicePrincipals",
      body: { appId: options.appId },
      action: `create the service principal of application ${options.appId}`,
      whenDenied: WHEN_DENIED,
    },
    ZServicePrincipalSchema,
  );
  return principal;
}

/** Replaces the principal's key credentials whole: send every credential to keep. */
export async function updateServicePrincipalKeys(options: {
  graph: GraphConnection;
  id: string;
  keyCredentials: KeyCredentialInput[];
}): Promise<void> {
  await writeGraph(options.graph, {
    method: "PATCH",
    path: `/servicePrincipals/${encodeURIComponent(options.id)}`,
    body: { keyCredentials: options.keyCredentials },
    action: `update the key credentials of service principal ${options.id}`,
    whenDenied: WHEN_DENIED,
  });
}

export async function deleteServicePrincipal(options: { graph: GraphConnection; id: string }): Promise<void> {
  await writeGraph(options.graph, {
    method: "DELETE",
    path: `/servicePrincipals/${encodeURIComponent(options.id)}`,
    action: `delete the service principal ${options.id}`,
    whenDenied: WHEN_DENIED,
  });
}
