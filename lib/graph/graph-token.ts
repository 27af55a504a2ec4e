import {
  acquireOnBehalfOfToken,
  type DownstreamApi,
  type OnBehalfOfToken,
} from "@/lib/auth/on-behalf-of-token";

// A Microsoft Graph token for the signed-in admin, by on-behalf-of (lib/auth/on-behalf-of-token.ts):
// Graph sees the admin, their directory roles and their MFA; the service holds no Graph permission of its own.

export const MICROSOFT_GRAPH_API: DownstreamApi = {
  name: "Microsoft Graph",
  resourceOf: (config) => config.graphResource,
};

export function acquireGraphToken(
  options: Omit<Parameters<typeof acquireOnBehalfOfToken>[0], "api">,
): Promise<OnBehalfOfToken> {
  return acquireOnBehalfOfToken({ ...options, api: MICROSOFT_GRAPH_API });
}
