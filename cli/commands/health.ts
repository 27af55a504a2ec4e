import { ApiError } from "@/components/api/api-client";
import { type CommandResult, done } from "../output";
import { cliErrorOf } from "../service-client";
import type { CommandContext } from "./context";

type Check = { check: string; ok: boolean; detail: string };

/** A check's outcome: what the service answered, or its refusal in its own words. */
async function outcomeOf<Result>(
  check: string,
  run: () => Promise<Result>,
  detail: (result: Result) => string,
): Promise<Check> {
  return run().then(
    (result) => ({ check, ok: true, detail: detail(result) }),
    (error: unknown) => {
      if (!(error instanceof ApiError)) throw error;
      return { check, ok: false, detail: error.message };
    },
  );
}

/** One tenant's read-only checks, as the admin: Exchange Online and Security & Compliance on their behalf. */
async function tenantChecks(context: CommandContext): Promise<Check[]> {
  return Promise.all([
    outcomeOf(
      "Exchange Online",
      () => context.client.checkExchangeOnlineConnection(),
      (connection) => `${connection.displayName} (${connection.organizationName})`,
    ),
    outcomeOf(
      "Security & Compliance",
      () => context.client.checkComplianceConnection(),
      (compliance) => `${compliance.endpoint}, ${compliance.labels.length} sensitivity labels`,
    ),
  ]);
}

/**
 * `health`: the service and the acting tenant; `--all`: every tenant this sign-in acts in, each
 * with a token from its own authority. Exit 1 when a check fails, 3 when a sign-in is wanted.
 */
export async function health(
  context: CommandContext,
  options: { all: boolean; tenantsToCheck: () => Promise<CommandContext[]> },
): Promise<CommandResult> {
  const service = await fetch(new URL("/api/health", context.signIn.server)).then((response) =>
    response.json(),
  );
  const contexts = options.all ? await options.tenantsToCheck() : [context];
  const tenants: Array<{ tenant: string; checks: Check[] }> = [];
  for (const each of contexts) {
    const me = await each.client.me().catch((error: unknown) => {
      throw cliErrorOf(error);
    });
    tenants.push({ tenant: me.tenant.initialDomain, checks: await tenantChecks(each) });
  }
  const ok = service.status === "ok" && tenants.every((tenant) => tenant.checks.every((check) => check.ok));
  const lines = [
    `service: ${service.status} (database ${service.db}, migrations ${service.migrations?.status}, version ${service.version})`,
    ...tenants.flatMap((tenant) => [
      `${tenant.tenant}:`,
      ...tenant.checks.map((check) => `  ${check.ok ? "ok  " : "FAIL"}  ${check.check}: ${check.detail}`),
    ]),
  ];
  return done({ ok, service, tenants }, lines.join("\n"), ok ? 0 : 1);
}
