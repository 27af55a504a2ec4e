import { createHash } from "node:crypto";
import { z } from "zod";
import type { Cloud } from "../model/organization-state";
import { type ApiResponse, errorResponse } from "./admin-api-responses";
import type { TenantRegistry } from "./tenant-registry";

// Security & Compliance PowerShell's REST endpoint (Connect-IPPSSession), as far as the service
// reads it: the same InvokeCommand protocol as Exchange Online, for the tenants Exchange Online
// knows in this cloud, answering Get-Label with the sensitivity labels every tenant starts with.

const ZComplianceCommandBodySchema = z.object({
  CmdletInput: z.object({ CmdletName: z.string().min(1) }),
});

/** Microsoft's default sensitivity labels, by priority. */
const DEFAULT_LABELS = ["Personal", "Public", "General", "Confidential", "Highly Confidential"];

function labelsOf(tenantId: string): Record<string, unknown>[] {
  return DEFAULT_LABELS.map((name, priority) => {
    const hex = createHash("sha256").update(`${tenantId}/${name}`).digest("hex");
    const guid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
    return { Name: name, DisplayName: name, Guid: guid, Priority: priority, ContentType: "File, Email" };
  });
}

export async function handleComplianceCommand(request: {
  registry: TenantRegistry;
  tenantId: string;
  cloud: Cloud;
  url: URL;
  body: unknown;
}): Promise<ApiResponse> {
  if (!(await request.registry.find(request.tenantId, request.cloud))) {
    return errorResponse(404, "TenantNotFound", `Tenant ${request.tenantId} was not found in this cloud.`);
  }
  const parsed = ZComplianceCommandBodySchema.safeParse(request.body);
  if (!parsed.success) {
    return errorResponse(
      400,
      "BadRequest",
      'The body must be {"CmdletInput":{"CmdletName":…,"Parameters":{…}}}.',
    );
  }
  const cmdlet = parsed.data.CmdletInput.CmdletName;
  if (cmdlet.toLowerCase() !== "get-label") {
    return errorResponse(
      400,
      "BadRequest",
      `|System.Management.Automation.CommandNotFoundException|The term '${cmdlet}' is not recognized as a name of a cmdlet.`,
    );
  }
  return {
    status: 200,
    headers: {},
    body: {
      "@odata.context": `${request.url.origin}${request.url.pathname.replace(/InvokeCommand$/i, "")}$metadata#Collection(Exchange.GenericHashTable)`,
      value: labelsOf(request.tenantId),
    },
  };
}
