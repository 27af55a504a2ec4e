/** The `hybrid-wizard` command line: parses arguments, runs one command, returns the exit code. */
import { parseArgs } from "node:util";
import { type CliEnv, readCliEnv } from "./cli-env";
import { login, logout, tenants, whoami } from "./commands/account";
import { type CommandContext, commandContext } from "./commands/context";
import { health } from "./commands/health";
import { listRuns, newRun } from "./commands/runs";
import { status } from "./commands/status";
import { apply, log, showPlan, undo } from "./commands/update";
import { CliError, EXIT } from "./exit-codes";
import type { CliIo, CommandResult } from "./output";
import { cliErrorOf } from "./service-client";
import { CLI_VERSION } from "./version";

export const USAGE = `hybrid-wizard ${CLI_VERSION} — the Hybrid Wizard from scripts, with MFA

Usage:
  hybrid-wizard login --server URL --account UPN [--device-code]
  hybrid-wizard logout | whoami | tenants
  hybrid-wizard runs list
  hybrid-wizard runs new --answers FILE
  hybrid-wizard plan RUN                  the plan as a table (--json: JSON lines, as npm run plan)
  hybrid-wizard apply RUN --yes           confirm the plan; the update runs on the service
  hybrid-wizard status RUN [--follow]     the update's progress; --follow: its live log
  hybrid-wizard log RUN [--format text|json]
  hybrid-wizard undo RUN [--yes]          the run's inverse as a run of its own; --yes applies it
  hybrid-wizard health [--all]

Options for every command:
  --tenant DOMAIN|ID   act for a partner's customer (a token from the customer's tenant)
  --json               machine-readable output
  -h, --help / -v, --version

Exit codes: 0 done, 1 operations failed, 2 bad input, 3 sign in again (MFA, expired or revoked session).
Sign-in and tokens: ~/.config/hybrid-wizard (or HYBRID_WIZARD_HOME), readable by you only.
`;

const OPTIONS = {
  server: { type: "string" },
  account: { type: "string" },
  "device-code": { type: "boolean", default: false },
  answers: { type: "string" },
  yes: { type: "boolean", default: false },
  follow: { type: "boolean", default: false },
  format: { type: "string", default: "text" },
  all: { type: "boolean", default: false },
  tenant: { type: "string" },
  json: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
  version: { type: "boolean", short: "v", default: false },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>["values"];

function runIdOf(positionals: string[], command: string): string {
  const runId = positionals[1];
  if (!runId) throw new CliError(EXIT.usage, `${command} needs the run's id: hybrid-wizard ${command} RUN`);
  return runId;
}

async function dispatch(
  env: CliEnv,
  io: CliIo,
  positionals: string[],
  values: Values,
): Promise<CommandResult> {
  const [command, sub] = positionals;
  if (command === "login") {
    return login(env, io, {
      server: values.server,
      account: values.account,
      deviceCode: values["device-code"],
    });
  }
  if (command === "logout") return logout(env);
  const context = (): Promise<CommandContext> => commandContext(env, io, values.tenant);
  switch (command) {
    case "whoami":
      return whoami(await context());
    case "tenants":
      return tenants(await context());
    case "runs":
      if (sub === "list") return listRuns(await context());
      if (sub === "new") return newRun(await context(), values.answers);
      throw new CliError(EXIT.usage, "runs list, or runs new --answers FILE.");
    case "plan":
      return showPlan(await context(), runIdOf(positionals, "plan"), values.json);
    case "apply":
      return apply(await context(), runIdOf(positionals, "apply"), values.yes);
    case "status":
      return status(await context(), runIdOf(positionals, "status"), values.follow, values.json);
    case "log":
      return log(await context(), runIdOf(positionals, "log"), values.json ? "json" : values.format);
    case "undo":
      return undo(await context(), runIdOf(positionals, "undo"), values.yes);
    case "health": {
      const home = await context();
      // Every tenant the sign-in acts in, each with a token from its own authority.
      const tenantsToCheck = async () => {
        const listed = (await tenants(home)).json as { tenants: Array<{ entraTenantId: string }> };
        return Promise.all(listed.tenants.map((tenant) => commandContext(env, io, tenant.entraTenantId)));
      };
      return health(home, { all: values.all, tenantsToCheck });
    }
    default:
      throw new CliError(EXIT.usage, `Unknown command ${command ?? "(none)"}.\n\n${USAGE}`);
  }
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help || values.version) {
    io.stdout.write(values.help ? USAGE : `${CLI_VERSION}\n`);
    return EXIT.ok;
  }
  try {
    const result = await dispatch(readCliEnv(io.env), io, positionals, values);
    if (values.json && result.json !== undefined) io.stdout.write(`${JSON.stringify(result.json)}\n`);
    else if (result.text) io.stdout.write(`${result.text}\n`);
    return result.exitCode;
  } catch (caught) {
    const error = cliErrorOf(caught);
    if (!(error instanceof CliError)) {
      io.stderr.write(`hybrid-wizard failed: ${(error as Error).message ?? String(error)}\n`);
      return EXIT.failed;
    }
    if (values.json)
      io.stdout.write(`${JSON.stringify({ error: { message: error.message, ...error.details } })}\n`);
    io.stderr.write(`${error.message}\n`);
    return error.exitCode;
  }
}
