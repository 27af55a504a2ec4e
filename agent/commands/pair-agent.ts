/**
 * `hybrid-agent pair CODE --server URL`: makes a key pair on this host, trades the one-time code
 * for a credential, and writes both to the config file (mode 600).
 */
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { AGENT_ERROR_CODES, ZExchangeServerNameSchema } from "@/lib/agents/protocol";
import type { AgentEnv } from "../agent-env";
import { generateAgentKeyPair } from "../agent-keys";
import { formatSeconds } from "../agent-log";
import {
  type AgentConfig,
  type AgentConfigInput,
  ZExecutorNameSchema,
  ZServerUrlSchema,
} from "../config/agent-config";
import {
  assertConfigWritable,
  configFileExists,
  readAgentConfig,
  writeAgentConfig,
} from "../config/config-file";
import { AgentServerError } from "../http/agent-http-errors";
import { createAgentClient } from "../http/create-agent-client";
import { AGENT_VERSION } from "../version";

export const ZPairAgentInputSchema = z
  .object({
    code: z.string().trim().min(1, "the pairing code is missing").max(64),
    server: ZServerUrlSchema,
    name: z.string().trim().min(1).max(100).default(os.hostname()),
    executor: z.string().pipe(ZExecutorNameSchema).default("powershell"),
    exchangeServer: ZExchangeServerNameSchema.optional(),
    powershellPath: z.string().min(1).optional(),
    simulatorStateFile: z.string().min(1).optional(),
    force: z.boolean().default(false),
  })
  .refine((input) => input.executor !== "simulated" || input.simulatorStateFile, {
    message: "--executor simulated needs --simulator-state FILE",
  });
export type PairAgentInput = z.input<typeof ZPairAgentInputSchema>;

export class PairingError extends Error {
  override name = "PairingError";
}

function explainPairingRefusal(error: AgentServerError): string {
  const newCode = "Get a new code on the tenant's Agents page (Add agent).";
  switch (error.code) {
    case AGENT_ERROR_CODES.pairingCodeInvalid:
      return `The pairing code was not accepted (${error.message}). Check it for typos. ${newCode}`;
    case AGENT_ERROR_CODES.pairingCodeExpired:
      return `The pairing code has expired: codes are short-lived. ${newCode}`;
    case AGENT_ERROR_CODES.pairingCodeUsed:
      return `The pairing code was already used: each code pairs one agent. ${newCode}`;
    case AGENT_ERROR_CODES.rateLimited:
      return `Too many pairing attempts; try again${error.retryAfterMs ? ` in ${formatSeconds(error.retryAfterMs)}` : " later"}.`;
    default:
      return `The server refused the pairing (${error.status} ${error.code}): ${error.message}`;
  }
}

export async function pairAgent(options: {
  configPath: string;
  input: PairAgentInput;
  env: AgentEnv;
  signal?: AbortSignal;
}): Promise<AgentConfig> {
  const parsed = ZPairAgentInputSchema.safeParse(options.input);
  if (!parsed.success) throw new PairingError(z.prettifyError(parsed.error));
  const input = parsed.data;
  const { configPath } = options;

  if (!input.force && (await configFileExists(configPath))) {
    const existing = await readAgentConfig(configPath).catch(() => undefined);
    const which = existing ? ` with tenant ${existing.tenantName} at ${existing.server}` : "";
    throw new PairingError(
      `This agent is already paired${which} (${configPath}). Run "hybrid-agent unpair" first, or pair with --force to replace it.`,
    );
  }

  await assertConfigWritable(configPath);
  const keys = await generateAgentKeyPair();
  const client = createAgentClient({ serverUrl: input.server, proxySettings: options.env.proxy });
  let paired: Awaited<ReturnType<typeof client.pair>>;
  try {
    paired = await client.pair(
      {
        code: input.code,
        name: input.name,
        host: os.hostname(),
        version: AGENT_VERSION,
        runAs: options.env.runAs,
        publicKeyJwk: keys.publicKeyJwk,
      },
      options.signal,
    );
  } catch (error) {
    if (error instanceof AgentServerError) throw new PairingError(explainPairingRefusal(error));
    throw error;
  } finally {
    await client.close();
  }

  const executorConfig =
    input.executor === "simulated"
      ? { executor: "simulated" as const, simulatorStateFile: path.resolve(input.simulatorStateFile ?? "") }
      : {
          executor: "powershell" as const,
          exchangeServer: input.exchangeServer,
          powershellPath: input.powershellPath,
        };
  const config: AgentConfigInput = {
    version: 1,
    server: input.server,
    agentId: paired.agentId,
    name: input.name,
    entraTenantId: paired.entraTenantId,
    tenantName: paired.tenantName,
    credential: paired.credential,
    publicKeyJwk: keys.publicKeyJwk,
    privateKeyJwk: keys.privateKeyJwk,
    pairedAt: new Date().toISOString(),
    ...executorConfig,
  };
  try {
    await writeAgentConfig(configPath, config);
  } catch (error) {
    throw new PairingError(
      `Paired as agent ${paired.agentId}, but could not save ${configPath} (${String(error)}). ` +
        "Revoke that agent on the Agents page and pair again with a new code.",
    );
  }
  return readAgentConfig(configPath);
}
