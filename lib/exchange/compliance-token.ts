import type { DownstreamApi } from "@/lib/auth/on-behalf-of-token";

// Security & Compliance PowerShell (Connect-IPPSSession) as an API the admin's token is traded for
// on their behalf: the same sign-in, MFA included, for the compliance endpoint of their cloud.

export const SECURITY_AND_COMPLIANCE_API: DownstreamApi = {
  name: "Security & Compliance",
  resourceOf: (config) => config.complianceResource,
};
