import { z } from "zod";
import { requireCloudConfig } from "@/lib/auth/clouds";
import type { ComplianceConnectionResponse } from "@/lib/contracts/exchange-online";
import { type ExchangeOnlineCaller, invokeExchangeOnlineCmdlet } from "@/lib/exchange/exchange-online-client";
import { SECURITY_AND_COMPLIANCE_API } from "./compliance-token";

// The Security & Compliance check: one read-only call (Get-Label, the tenant's sensitivity labels)
// at the compliance endpoint of the tenant's cloud, over the same InvokeCommand protocol as
// Exchange Online, with the admin's on-behalf-of token for that endpoint.

const ZLabelSchema = z.looseObject({ Name: z.string(), Priority: z.number().optional() });

export async function checkComplianceConnection(
  caller: Omit<ExchangeOnlineCaller, "endpoint">,
): Promise<ComplianceConnectionResponse> {
  const url = requireCloudConfig(caller.tenant.cloud).complianceUrl;
  const { value } = await invokeExchangeOnlineCmdlet({
    ...caller,
    endpoint: { name: SECURITY_AND_COMPLIANCE_API.name, url },
    cmdlet: "Get-Label",
  });
  const labels = value
    .map((item) => ZLabelSchema.safeParse(item))
    .flatMap((label) => (label.success ? [label.data] : []))
    .sort((a, b) => (a.Priority ?? 0) - (b.Priority ?? 0));
  return {
    endpoint: new URL(requireCloudConfig(caller.tenant.cloud).complianceResource).host,
    labels: labels.map((label) => label.Name),
  };
}
