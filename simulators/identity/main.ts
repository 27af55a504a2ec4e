import { parseArgs } from "node:util";
import { z } from "zod";
import { CLOUD_NAMES } from "./clouds";
import { describeDemoSignIn } from "./demo-sign-in";
import { DirectoryFileError } from "./directory/load-directory";
import { startIdentityProvider } from "./start-identity-provider";

// Runs the identity simulator on its own:
//   npx tsx simulators/identity/main.ts [--port 8443] [--data-dir .data] [--directory FILE]

const ZArgs = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(8443),
  "data-dir": z.string().default(".data"),
  directory: z.string().optional(),
  "token-lifetime": z.coerce.number().int().min(60).optional(),
});

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    "data-dir": { type: "string" },
    directory: { type: "string" },
    "token-lifetime": { type: "string" },
  },
});
const args = ZArgs.parse(values);

const idp = await startIdentityProvider({
  dataDir: args["data-dir"],
  port: args.port,
  directoryFile: args.directory,
  accessTokenLifetimeSeconds: args["token-lifetime"],
}).catch((error: unknown) => {
  // A broken directory file explains itself; anything else keeps its stack.
  console.error(error instanceof DirectoryFileError ? error.message : error);
  process.exit(1);
});

console.log(`Identity simulator listening on port ${idp.port}`);
for (const cloud of CLOUD_NAMES) {
  for (const tenant of idp.directory.tenants.filter((t) => t.cloud === cloud)) {
    console.log(
      `  ${cloud.padEnd(14)} ${tenant.displayName.padEnd(26)} ${idp.authorityFor(cloud, tenant.tenantId)}`,
    );
  }
}
console.log(`Trust its CA: NODE_EXTRA_CA_CERTS=${idp.caCertPath}`);
console.log(`Chromium: --ignore-certificate-errors-spki-list=${idp.spkiSha256Base64}`);
console.log(await describeDemoSignIn(idp.directory));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void idp.close().then(() => process.exit(0));
  });
}
