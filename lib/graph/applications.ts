import { type GraphConnection, odataString, readGraph, writeGraph } from "@/lib/graph/graph-client";
import {
  collectionOf,
  type GraphApplication,
  type KeyCredentialInput,
  type RequiredResourceAccess,
  ZApplicationSchema,
} from "@/lib/graph/graph-objects";

// App registrations (/applications). Creating and changing them needs a Global or Application
// Administrator; reading them, any admin.

const WHEN_DENIED =
  "Creating and changing app registrations needs the Global Administrator or Application Administrator role: ask a Global Administrator to assign Application Administrator, then sign in again.";

export async function findApplicationsByDisplayName(options: {
  graph: GraphConnection;
  displayName: string;
}): Promise<GraphApplication[]> {
  const found = await readGraph(
    options.graph,
    {
      method: "GET",
      path: "/applications",
      query: { $filter: `displayName eq ${odataString(options.displayName)}` },
      action: `look up the application ${options.displayName}`,
    },
    collectionOf(ZApplicationSchema),
  );
  return found.value ?? [];
}

/** One application; `withKeys` asks for the certificates of its key credentials too. */
export async function getApplication(options: {
  graph: GraphConnection;
  id: string;
  withKeys?: boolean;
}): Promise<GraphApplication> {
  const application = await readGraph(
    options.graph,
    {
      method: "GET",
      path: `/applications/${encodeURIComponent(options.id)}`,
      ...(options.withKeys
        ? { query: { $select: "id,appId,displayName,keyCredentials,requiredResourceAccess" } }
        : {}),
      action: `read the application ${options.id}`,
    },
    ZApplicationSchema,
  );
  return application;
}

export async function createApplication(options: {
  graph: GraphConnection;
  displayName: string;
  notes?: string;
  requiredResourceAccess?: RequiredResourceAccess[];
  keyCredentials?: KeyCredentialInput[];
}): Promise<GraphApplication> {
  const { graph, ...body } = options;
  const application = await readGraph(
    graph,
    {
      method: "POST",
      path: "/applications",
      body: { signInAudience: "AzureADMyOrg", ...body },
      action: `create the application ${options.displayName}`,
      whenDenied: WHEN_DENIED,
    },
    ZApplicationSchema,
  );
  return application;
}

/** Each property given replaces the application's whole collection: send every credential to keep. */
export async function updateApplication(options: {
  graph: GraphConnection;
  id: string;
  requiredResourceAccess?: RequiredResourceAccess[];
  keyCredentials?: KeyCredentialInput[];
}): Promise<void> {
  const { graph, id, ...body } = options;
  await writeGraph(graph, {
    method: "PATCH",
    path: `/applications/${encodeURIComponent(id)}`,
    body,
    action: `update the application ${id}`,
    whenDenied: WHEN_DENIED,
  });
}

/** Deletes the application with its service principal and what was granted to it. */
export async function deleteApplication(options: { graph: GraphConnection; id: string }): Promise<void> {
  await writeGraph(options.graph, {
    method: "DELETE",
    path: `/applications/${encodeURIComponent(options.id)}`,
    action: `delete the application ${options.id}`,
    whenDenied: WHEN_DENIED,
  });
}
