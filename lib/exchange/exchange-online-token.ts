import {
  acquireOnBehalfOfToken,
  type DownstreamApi,
  type OnBehalfOfToken,
} from "@/lib/auth/on-behalf-of-token";

// An Exchange Online token for the acting admin, by on-behalf-of (lib/auth/on-behalf-of-token.ts).

export type ExchangeOnlineToken = OnBehalfOfToken;

export const EXCHANGE_ONLINE_API: DownstreamApi = {
  name: "Exchange Online",
  resourceOf: (config) => config.exchangeResource,
};

export function acquireExchangeOnlineToken(
  options: Omit<Parameters<typeof acquireOnBehalfOfToken>[0], "api">,
): Promise<ExchangeOnlineToken> {
  return acquireOnBehalfOfToken({ ...options, api: EXCHANGE_ONLINE_API });
}
