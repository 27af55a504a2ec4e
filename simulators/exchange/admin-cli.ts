import { parseArgs } from "node:util";
import { createExchangeAdmin, type OrganizationTarget } from "./admin/exchange-admin";
import { ZFaultInputSchema } from "./model/faults";

// Seeds, inspects, resets and breaks the simulated Exchange organizations in a data directory.
// Usage: docs/ORGANIZATION-FIXTURES.md ("Admin surface").

const USAGE = `usage: tsx simulators/exchange/admin-cli.ts --data-dir DIR <command>
  fixtures                                   list the shipped fixtures
  seed <fixture name | file.json>            (re)seed both sides of an organization pair
  reset <on-premises NAME | online TENANT>   seed a pair again from its fixture
  show <on-premises NAME | online TENANT>    print the state as JSON
  fault <on-premises NAME | online TENANT> '<fault JSON>'
  clear-faults <on-premises NAME | online TENANT> [FAULT-ID]
  rate-limit <TENANT> <LIMIT> <WINDOW-SECONDS> | rate-limit <TENANT> off`;

function target(side: string | undefined, id: string | undefined): OrganizationTarget {
  if (side === "on-premises" && id) return { side: "OnPremises", organization: id };
  if (side === "online" && id) return { side: "Online", tenantId: id };
  throw new Error(USAGE);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { "data-dir": { type: "string" } },
    allowPositionals: true,
  });
  const dataDir = values["data-dir"];
  if (!dataDir) throw new Error(USAGE);
  const admin = createExchangeAdmin(dataDir);
  const [command, first, second, third] = positionals;
  const print = (value: unknown) => console.log(JSON.stringify(value, null, 2));
  switch (command) {
    case "fixtures":
      return print(await admin.listShippedFixtures());
    case "seed":
      if (!first) throw new Error(USAGE);
      return print(await admin.seed(first));
    case "reset":
      return print(await admin.reset(target(first, second)));
    case "show":
      return print(await admin.read(target(first, second)));
    case "fault":
      return print(
        await admin.setFault(target(first, second), ZFaultInputSchema.parse(JSON.parse(third ?? ""))),
      );
    case "clear-faults":
      return admin.clearFaults(target(first, second), third);
    case "rate-limit":
      if (!first || !second) throw new Error(USAGE);
      return admin.setRateLimit(
        first,
        second === "off" ? null : { limit: Number(second), windowSeconds: Number(third) },
      );
    default:
      throw new Error(USAGE);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
