/** The `hybrid-agent` command line: parses arguments, runs one command, returns the exit code. */
import { parseArgs } from "node:util";
import { type AgentEnv, readAgentEnv } from "./agent-env";
import { createAgentLog } from "./agent-log";
import { checkAgentStatus, formatAgentStatus, statusExitCode } from "./commands/check-agent-status";
import { pairAgent } from "./commands/pair-agent";
import { rotateAgentCredential } from "./commands/rotate-agent-credential";
import { unpairAgent } from "./commands/unpair-agent";
import { resolveConfigPath } from "./config/config-file";
import { EXIT } from "./exit-codes";
import { runAgent } from "./run/run-agent";
import { AGENT_VERSION } from "./version";

export { EXIT };

const USAGE = `hybrid-agent ${AGENT_VERSION} — runs the Hybrid Wizard's on-premises Exchange work

Usage:
  hybrid-agent pair CODE --server URL [--name NAME] [--exchange-server FQDN] [--force]
  hybrid-agent run
  hybrid-agent status
  hybrid-agent rotate-credential
  hybrid-agent unpair

Options for every command:
  --config PATH            config file (default: $HYBRID_AGENT_CONFIG or ~/.hybrid-agent/config.json)
  -h, --help               this help
  -v, --version            the agent's version

Options for pair:
  --server URL             the Hybrid Wizard's address, as shown next to the pairing code
  --name NAME              how the agent is listed on the Agents page (default: this host's name)
  --exchange-server FQDN   the Exchange server to run cmdlets on when a job names none
  --executor NAME          powershell (default) or simulated (development only)
  --powershell-path PATH   pwsh or powershell.exe to use (default: powershell.exe on Windows, pwsh elsewhere)
  --simulator-state FILE   with --executor simulated: the on-premises simulator's state file
  --force                  replace an existing pairing

Proxy: HTTPS_PROXY=http://user:password@proxy:3128 and NO_PROXY are honoured.
Extra trusted CAs: NODE_EXTRA_CA_CERTS=/path/to/ca.pem.
`;

export type CliIo = {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
  /** Aborted on SIGINT/SIGTERM by cli.ts; `run` stops when it fires. */
  signal: AbortSignal;
};

const COMMON_OPTIONS = {
  config: { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

const PAIR_OPTIONS = {
  ...COMMON_OPTIONS,
  server: { type: "string" },
  name: { type: "string" },
  "exchange-server": { type: "string" },
  executor: { type: "string" },
  "powershell-path": { type: "string" },
  "simulator-state": { type: "string" },
  force: { type: "boolean" },
} as const;

class UsageError extends Error {}

function parse<T extends typeof COMMON_OPTIONS | typeof PAIR_OPTIONS>(
  args: string[],
  options: T,
  positionals: number,
) {
  try {
    const parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
    if (parsed.positionals.length > positionals) {
      throw new UsageError(`unexpected argument "${parsed.positionals[positionals]}"`);
    }
    return parsed;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

const COMMANDS = ["pair", "run", "status", "rotate-credential", "unpair"] as const;
type Command = (typeof COMMANDS)[number];

function isCommand(name: string): name is Command {
  return (COMMANDS as readonly string[]).includes(name);
}

async function pairCommand(args: string[], io: CliIo, env: AgentEnv): Promise<number> {
  const { values, positionals } = parse(args, PAIR_OPTIONS, 1);
  if (values.help) {
    io.stdout.write(USAGE);
    return EXIT.ok;
  }
  if (!positionals[0])
    throw new UsageError("the pairing code is missing: hybrid-agent pair CODE --server URL");
  if (!values.server)
    throw new UsageError("--server URL is missing: use the address shown next to the pairing code");
  const configPath = resolveConfigPath(values.config, env.configPath);
  const config = await pairAgent({
    configPath,
    env,
    signal: io.signal,
    input: {
      code: positionals[0],
      server: values.server,
      name: values.name,
      executor: values.executor,
      exchangeServer: values["exchange-server"],
      powershellPath: values["powershell-path"],
      simulatorStateFile: values["simulator-state"],
      force: values.force,
    },
  });
  io.stdout.write(
    `Paired: agent "${config.name}" (id ${config.agentId}) of tenant ${config.tenantName}.\n` +
      `Saved the credential and private key to ${configPath} (readable by this user only).\n` +
      "Next: hybrid-agent status, then hybrid-agent run (or install it as a service: see docs/AGENT.md).\n",
  );
  return EXIT.ok;
}

async function agentCommand(command: Exclude<Command, "pair">, args: string[], io: CliIo, env: AgentEnv) {
  const { values } = parse(args, COMMON_OPTIONS, 0);
  if (values.help) {
    io.stdout.write(USAGE);
    return EXIT.ok;
  }
  const configPath = resolveConfigPath(values.config, env.configPath);
  switch (command) {
    case "run": {
      const result = await runAgent({ configPath, env, signal: io.signal, log: createAgentLog(io.stdout) });
      return result.outcome === "stopped" ? EXIT.ok : EXIT.rejected;
    }
    case "status": {
      const status = await checkAgentStatus({ configPath, env, signal: io.signal });
      io.stdout.write(formatAgentStatus(status));
      return statusExitCode(status);
    }
    case "rotate-credential":
      io.stdout.write(`${await rotateAgentCredential({ configPath, env, signal: io.signal })}\n`);
      return EXIT.ok;
    case "unpair":
      io.stdout.write(`${await unpairAgent({ configPath })}\n`);
      return EXIT.ok;
  }
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    io.stdout.write(USAGE);
    return command ? EXIT.ok : EXIT.usage;
  }
  if (command === "--version" || command === "-v") {
    io.stdout.write(`${AGENT_VERSION}\n`);
    return EXIT.ok;
  }
  try {
    if (!isCommand(command)) throw new UsageError(`unknown command "${command}"`);
    const env = readAgentEnv(io.env);
    return command === "pair" ? await pairCommand(rest, io, env) : await agentCommand(command, rest, io, env);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`hybrid-agent: ${error.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    io.stderr.write(`hybrid-agent: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  }
}
