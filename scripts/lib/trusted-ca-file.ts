import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * NODE_EXTRA_CA_CERTS for the web app: the local CA, added to the CAs the operator already gives
 * Node (a TLS-inspecting proxy's, say) rather than replacing them; Node takes a single file.
 */
export async function trustedCaFile(options: {
  localCaPath: string;
  operatorFile: string | undefined;
  warn: (message: string) => void;
}): Promise<string> {
  if (!options.operatorFile) return options.localCaPath;
  const theirs = await readFile(options.operatorFile, "utf8").catch(() => undefined);
  if (theirs === undefined) {
    options.warn(
      `NODE_EXTRA_CA_CERTS names ${options.operatorFile}, which cannot be read; the web app trusts only the local CA`,
    );
    return options.localCaPath;
  }
  const bundle = path.join(path.dirname(options.localCaPath), "node-extra-ca-certs.pem");
  await writeFile(bundle, `${theirs.trimEnd()}\n${await readFile(options.localCaPath, "utf8")}`);
  return bundle;
}
