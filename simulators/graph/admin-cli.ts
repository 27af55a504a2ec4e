import { parseArgs } from "node:util";
import { loadDirectory } from "../identity/directory/load-directory";
import { createGraphAdmin } from "./admin/graph-admin";
import { ZGraphFaultInputSchema } from "./model/graph-faults";
import { GraphTenants } from "./model/graph-tenants";

// Inspects, resets and breaks the simulated Microsoft Graph's tenants in a data directory, also
// while npm start runs (DATA_DIR/graph). Faults: docs/GRAPH-SIMULATOR.md ("Breaking it on purpose").

const USAGE = `usage: tsx simulators/graph/admin-cli.ts --data-dir DIR [--directory FILE] <command>
  show <TENANT>                          print the tenant's Graph state as JSON
  reset <TENANT>                         back to what the identity directory gives it
  fault <TENANT> '<fault JSON>'          e.g. '{"route":"POST /servicePrincipals/{id}/appRoleAssignments","kind":"error"}'
  clear-faults <TENANT> [FAULT-ID]
  rate-limit <TENANT> <LIMIT> <WINDOW-SECONDS> | rate-limit <TENANT> off`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { "data-dir": { type: "string" }, directory: { type: "string" } },
    allowPositionals: true,
  });
  const dataDir = values["data-dir"];
  const [command, tenantId, first, second] = positionals;
  if (!dataDir || !tenantId) throw new Error(USAGE);
  const admin = createGraphAdmin(new GraphTenants(dataDir, await loadDirectory(values.directory)));
  const print = (value: unknown) => console.log(JSON.stringify(value, null, 2));
  switch (command) {
    case "show":
      return print(await admin.read(tenantId));
    case "reset":
      return admin.reset(tenantId);
    case "fault":
      return print(await admin.setFault(tenantId, ZGraphFaultInputSchema.parse(JSON.parse(first ?? ""))));
    case "clear-faults":
      return admin.clearFaults(tenantId, first);
    case "rate-limit":
      if (!first) throw new Error(USAGE);
      return admin.setRateLimit(
        tenantId,
        first === "off" ? null : { limit: Number(first), windowSeconds: Number(second) },
      );
    default:
      throw new Error(USAGE);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
