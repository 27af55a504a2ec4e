import type { ApiClient } from "./api-client";

/**
 * An ApiClient whose calls wait for `load`, run at the first call (and again after a failed load):
 * the page holding it does not carry the client, its contracts and zod until it calls the API.
 */
export function lazyApiClient(load: () => Promise<ApiClient>): ApiClient {
  let client: Promise<ApiClient> | undefined;
  const loaded = () => {
    client ??= load().catch((error: unknown) => {
      client = undefined;
      throw error;
    });
    return client;
  };
  return new Proxy({} as ApiClient, {
    get(_target, method) {
      // Only the client's calls: not a thenable, nor anything else a caller might look for.
      if (typeof method !== "string" || method === "then") return undefined;
      return async (...args: unknown[]) => {
        const call = (await loaded())[method as keyof ApiClient] as (...callArgs: unknown[]) => unknown;
        return call(...args);
      };
    },
  });
}
