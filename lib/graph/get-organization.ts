import { AppError } from "@/lib/errors";
import { type GraphConnection, readGraph } from "@/lib/graph/graph-client";
import { collectionOf, type GraphOrganization, ZOrganizationSchema } from "@/lib/graph/graph-objects";

/** The tenant the admin's Graph token reaches (/organization): what says it is the one meant. */
export async function getOrganization(options: { graph: GraphConnection }): Promise<GraphOrganization> {
  const found = await readGraph(
    options.graph,
    { method: "GET", path: "/organization", action: "read the organization" },
    collectionOf(ZOrganizationSchema),
  );
  const organization = found.value[0];
  if (!organization)
    throw new AppError("unavailable", "Microsoft Graph answered without the organization it was asked for.");
  return organization;
}
