import { describe, expect, it } from "vitest";
import {
  AGENT_ALLOWED_CMDLETS,
  AGENT_API_PATHS,
  POWERSHELL_COMMON_PARAMETERS,
  parseAgentCredential,
  SEALED_SECRET_ALG,
  ZAgentCredentialSchema,
  ZAgentErrorBodySchema,
  ZAgentJobSchema,
  ZCmdletNameSchema,
  ZCompleteJobRequestSchema,
  ZFailJobRequestSchema,
  ZPairRequestSchema,
  ZParameterNameSchema,
  ZPollResponseSchema,
} from "@/lib/agents/protocol";

const agentId = "0b6f4c1e-8a36-4a0e-9b1d-6f5e2d7c9a10";
const secret = "q3Zt_9-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";

const job = {
  id: "job-42",
  leaseToken: "lease-abc",
  leaseExpiresAt: "2030-01-01T00:01:00.000Z",
  idempotencyKey: "run-1/op-7",
  cmdlet: "Set-RemoteDomain",
  parameters: { Identity: "Hybrid Domain - contoso.mail.onmicrosoft.com", TargetDeliveryDomain: true },
  server: "ex1.contoso.com",
};

const sealed = { alg: SEALED_SECRET_ALG, encryptedKey: "AAAA", iv: "AAAAAAAAAAAAAAAA", ciphertext: "AAAA" };

describe("agent protocol", () => {
  it("credentials are hwa1.<agent id>.<43 base64url chars> and split back into their parts", () => {
    const credential = `hwa1.${agentId}.${secret}`;
    expect(secret).toHaveLength(43);
    expect(ZAgentCredentialSchema.safeParse(credential).success).toBe(true);
    expect(parseAgentCredential(credential)).toEqual({ agentId, secret });
    for (const bad of [
      `hwa2.${agentId}.${secret}`,
      `hwa1.${agentId}.${secret}x`,
      `hwa1..${secret}`,
      `hwa1.a.b.${secret}`,
    ]) {
      expect(ZAgentCredentialSchema.safeParse(bad).success).toBe(false);
      expect(parseAgentCredential(bad)).toBeNull();
    }
  });

  it("a poll answer carries a job the agent can run", () => {
    const parsed = ZPollResponseSchema.parse({ job });
    expect(parsed.job).toEqual(job);
  });

  it("refuses jobs whose cmdlet, parameter names or server could be read as code", () => {
    expect(ZAgentJobSchema.safeParse({ ...job, cmdlet: "Get-Mailbox; Remove-Item" }).success).toBe(false);
    expect(ZAgentJobSchema.safeParse({ ...job, parameters: { "Identity; rm": "x" } }).success).toBe(false);
    expect(ZAgentJobSchema.safeParse({ ...job, server: "ex1/PowerShell?x=$(calc)" }).success).toBe(false);
    // Parameter values are data: anything goes.
    expect(
      ZAgentJobSchema.safeParse({ ...job, parameters: { Identity: "'; $(Remove-Item C:\\) `n |" } }).success,
    ).toBe(true);
  });

  it("refuses PowerShell's common parameters as job parameters: names, prefixes and aliases, any case", () => {
    const common = [
      ...POWERSHELL_COMMON_PARAMETERS,
      "outvariable",
      "ERRORACTION",
      "OutVar",
      "ErrorVar",
      "WarningA",
      "ea",
      "ov",
      "WI",
      "cf",
    ];
    for (const name of common) {
      const parsed = ZAgentJobSchema.safeParse({ ...job, parameters: { Identity: "x", [name]: "stolen" } });
      expect(JSON.stringify(parsed.error?.issues), name).toMatch(/common parameters/);
      expect(ZAgentJobSchema.safeParse({ ...job, sealedParameters: { [name]: sealed } }).success, name).toBe(
        false,
      );
    }
    expect(ZAgentJobSchema.safeParse({ ...job, sealedParameters: { Credentials: sealed } }).success).toBe(
      true,
    );
    // Exchange's own parameters that merely share a beginning with one are kept.
    for (const name of ["Identity", "ErrorReportingEnabled", "OutboundConnector", "Debugging", "Domains"]) {
      expect(ZParameterNameSchema.safeParse(name).success, name).toBe(true);
    }
  });

  it("every allowed cmdlet is a Verb-Noun name", () => {
    for (const name of AGENT_ALLOWED_CMDLETS) expect(ZCmdletNameSchema.safeParse(name).success).toBe(true);
    expect(new Set(AGENT_ALLOWED_CMDLETS).size).toBe(AGENT_ALLOWED_CMDLETS.length);
  });

  it("pairing refuses a key with private members, so a private key is never stored by mistake", () => {
    const request = {
      code: "ABCD-1234",
      name: "EX1",
      host: "ex1",
      version: "0.1.0",
      runAs: "CONTOSO\\svc-hybrid",
      publicKeyJwk: { kty: "RSA", n: "A".repeat(512), e: "AQAB" },
    };
    expect(ZPairRequestSchema.safeParse(request).success).toBe(true);
    expect(
      ZPairRequestSchema.safeParse({ ...request, publicKeyJwk: { ...request.publicKeyJwk, d: "secret" } })
        .success,
    ).toBe(false);
    expect(
      ZPairRequestSchema.safeParse({
        ...request,
        publicKeyJwk: { ...request.publicKeyJwk, n: "A".repeat(342) },
      }).success,
    ).toBe(false);
  });

  it("results and failures carry timings; failures say whether a retry may help", () => {
    const timings = {
      startedAt: "2030-01-01T00:00:00.000Z",
      finishedAt: "2030-01-01T00:00:01.500Z",
      durationMs: 1500,
    };
    expect(
      ZCompleteJobRequestSchema.safeParse({
        leaseToken: "l",
        result: { objects: [{ a: 1 }], warnings: [], timings },
      }).success,
    ).toBe(true);
    const failure = { leaseToken: "l", error: { message: "session dropped" }, warnings: [], timings };
    expect(ZFailJobRequestSchema.safeParse(failure).success).toBe(false);
    expect(
      ZFailJobRequestSchema.safeParse({ ...failure, error: { ...failure.error, transient: true } }).success,
    ).toBe(true);
  });

  it("errors are { error: { code, message } } and job ids are escaped in paths", () => {
    expect(ZAgentErrorBodySchema.parse({ error: { code: "lease_lost", message: "gone" } }).error.code).toBe(
      "lease_lost",
    );
    expect(AGENT_API_PATHS.heartbeat("a/b?c")).toBe("/api/agent/v1/jobs/a%2Fb%3Fc/heartbeat");
    expect(AGENT_API_PATHS.complete("j1")).toBe("/api/agent/v1/jobs/j1/complete");
  });
});
