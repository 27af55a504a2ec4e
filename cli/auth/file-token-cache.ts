import { readFile } from "node:fs/promises";
import type { ICachePlugin } from "@azure/msal-node";
import { writePrivateFile } from "./sign-in-file";

/**
 * msal-node's token cache in a file only this OS user can read (mode 600): the refresh token lets
 * a scheduled script renew its access silently, as the Exchange module's own cache does.
 */
export function fileTokenCache(file: string): ICachePlugin {
  return {
    async beforeCacheAccess(context) {
      const text = await readFile(file, "utf8").catch(() => undefined);
      if (text !== undefined) context.tokenCache.deserialize(text);
    },
    async afterCacheAccess(context) {
      if (context.cacheHasChanged) await writePrivateFile(file, context.tokenCache.serialize());
    },
  };
}
