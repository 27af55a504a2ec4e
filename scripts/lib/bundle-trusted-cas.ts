import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * The CA file the web app is started with. Node takes one NODE_EXTRA_CA_CERTS file, so when this
 * machine already names one (a company proxy's CA, a distribution bundle) the demo's local CA is
 * added to a copy of it rather than replacing it: both must stay trusted.
 */
export async function bundleTrustedCas(options: {
  dataDir: string;
  localCaPath: string;
  machineBundlePath: string | undefined;
}): Promise<string> {
  if (!options.machineBundlePath) return options.localCaPath;
  const machineBundle = await readFile(options.machineBundlePath, "utf8").catch(
    (error: NodeJS.ErrnoException) => {
      throw new Error(
        `NODE_EXTRA_CA_CERTS names ${options.machineBundlePath}, which cannot be read (${error.code}): fix or unset it`,
      );
    },
  );
  const bundlePath = path.join(options.dataDir, "tls", "trusted-cas.pem");
  const localCa = await readFile(options.localCaPath, "utf8");
  await writeFile(bundlePath, `${machineBundle.trimEnd()}\n${localCa}`, { mode: 0o600 });
  return bundlePath;
}
