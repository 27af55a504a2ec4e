/**
 * How a cmdlet call becomes a PowerShell process: always the same arguments (the fixed script,
 * base64 UTF-16 as -EncodedCommand wants it) and the call itself as JSON on stdin. Secrets travel
 * only on stdin, never on a command line another user could list.
 */
import { ZExchangeServerNameSchema, ZParameterNameSchema } from "@/lib/agents/protocol";
import { assertAllowedCmdlet, CmdletError, type CmdletInvocation } from "../executor";
import { INVOKE_CMDLET_SCRIPT } from "./invoke-script";

export function encodePowerShellCommand(script: string): string {
  return Buffer.from(script, "utf16le").toString("base64");
}

const COMMON_ARGS = ["-NoLogo", "-NoProfile", "-NonInteractive", "-EncodedCommand"] as const;

export function powerShellArgs(script: string): readonly string[] {
  return [...COMMON_ARGS, encodePowerShellCommand(script)];
}

export const INVOKE_CMDLET_ARGS = Object.freeze(powerShellArgs(INVOKE_CMDLET_SCRIPT));

export type PowerShellRequest = {
  cmdlet: string;
  server: string;
  parameters: Record<string, unknown>;
  credentials: Record<string, { userName: string; password: string }>;
};

function refuse(message: string, errorId: string): CmdletError {
  return new CmdletError({ message, category: "InvalidArgument", errorId, transient: false });
}

export function buildInvokeCmdletInput(
  invocation: Omit<CmdletInvocation, "signal">,
  defaultServer: string | undefined,
): { args: readonly string[]; stdin: string } {
  assertAllowedCmdlet(invocation.cmdlet);
  const server = invocation.server ?? defaultServer;
  if (!server) {
    throw refuse(
      "The job names no Exchange server and this agent has no default: pair it with --exchange-server, " +
        'or set "exchangeServer" in its config.',
      "NoExchangeServer",
    );
  }
  if (!ZExchangeServerNameSchema.safeParse(server).success) {
    throw refuse(`"${server}" is not an Exchange server host name.`, "InvalidExchangeServer");
  }
  for (const name of [...Object.keys(invocation.parameters), ...Object.keys(invocation.credentials)]) {
    const problem = ZParameterNameSchema.safeParse(name).error?.issues[0];
    if (problem) throw refuse(`"${name}" ${problem.message}.`, "InvalidParameterName");
  }
  const request: PowerShellRequest = {
    cmdlet: invocation.cmdlet,
    server,
    parameters: invocation.parameters,
    credentials: invocation.credentials,
  };
  return { args: INVOKE_CMDLET_ARGS, stdin: JSON.stringify(request) };
}
