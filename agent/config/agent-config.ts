/** The agent's config file: who it is, where its server is, and its key. Mode 600; see config-file.ts. */
import { z } from "zod";
import {
  ZAgentCredentialSchema,
  ZAgentPublicJwkSchema,
  ZExchangeServerNameSchema,
} from "@/lib/agents/protocol";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

function isLoopback(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
}

/**
 * The service's base URL. https only: the bearer credential must never cross a network in the
 * clear. Plain http is accepted for loopback, where the development server runs.
 */
export const ZServerUrlSchema = z
  .string()
  .trim()
  .transform((text, ctx) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({ code: "custom", message: `"${text}" is not a URL such as https://wizard.example.com` });
      return z.NEVER;
    }
    if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url))) {
      ctx.addIssue({
        code: "custom",
        message: "the server URL must start with https:// (http:// only on this machine)",
      });
      return z.NEVER;
    }
    if (url.username || url.password || url.search || url.hash) {
      ctx.addIssue({
        code: "custom",
        message: "the server URL must not carry a user, password, query or fragment",
      });
      return z.NEVER;
    }
    // A trailing slash makes relative API paths land under a sub-path deployment too.
    return url.href.endsWith("/") ? url.href : `${url.href}/`;
  });

/** RSA private key members as WebCrypto exports them. */
export const ZAgentPrivateJwkSchema = z.object({
  kty: z.literal("RSA"),
  n: z.string(),
  e: z.string(),
  d: z.string(),
  p: z.string(),
  q: z.string(),
  dp: z.string(),
  dq: z.string(),
  qi: z.string(),
  alg: z.literal("RSA-OAEP-256").optional(),
  ext: z.boolean().optional(),
  key_ops: z.array(z.string()).optional(),
});
export type AgentPrivateJwk = z.infer<typeof ZAgentPrivateJwkSchema>;

export const ZExecutorNameSchema = z.enum(["powershell", "simulated"]);
export type ExecutorName = z.infer<typeof ZExecutorNameSchema>;

const ZExecutorConfigSchema = z.discriminatedUnion("executor", [
  z.object({
    executor: z.literal("powershell"),
    /** Where a job names no server. */
    exchangeServer: ZExchangeServerNameSchema.optional(),
    /** `pwsh` (PowerShell 7) or `powershell.exe` (Windows PowerShell 5.1); default by platform. */
    powershellPath: z.string().min(1).optional(),
  }),
  z.object({
    executor: z.literal("simulated"),
    /** The on-premises simulator's state file (absolute). */
    simulatorStateFile: z.string().min(1),
  }),
]);

export const ZAgentConfigSchema = z
  .object({
    version: z.literal(1),
    server: ZServerUrlSchema,
    agentId: z.string().min(1),
    name: z.string().min(1),
    /** Entra's id of the tenant the agent is paired with (`tid`). */
    entraTenantId: z.string().min(1),
    tenantName: z.string(),
    credential: ZAgentCredentialSchema,
    publicKeyJwk: ZAgentPublicJwkSchema,
    privateKeyJwk: ZAgentPrivateJwkSchema,
    pairedAt: z.iso.datetime({ offset: true }),
    /** Longest a single cmdlet may run before the agent stops it and reports a transient failure. */
    cmdletTimeoutSeconds: z.number().int().positive().max(86_400).default(900),
  })
  .and(ZExecutorConfigSchema);
export type AgentConfig = z.infer<typeof ZAgentConfigSchema>;
export type AgentConfigInput = z.input<typeof ZAgentConfigSchema>;
