import { base64url } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { generateAgentKeyPair, importAgentPrivateKey } from "@/agent/agent-keys";
import { CmdletError } from "@/agent/executors/executor";
import { openJobParameters } from "@/agent/run/open-job-parameters";
import { type CmdletJob, ZAgentPublicJwkSchema, ZSealedSecretSchema } from "@/lib/agents/protocol";
import { sealForAgent, sealSecretValueForAgent } from "@/lib/agents/seal-for-agent";
import { openSealedSecret, openSecretValue, SealedSecretError } from "@/lib/agents/sealed-secret";

let agent: Awaited<ReturnType<typeof generateAgentKeyPair>>;
let privateKey: CryptoKey;
let otherAgentKey: CryptoKey;

beforeAll(async () => {
  agent = await generateAgentKeyPair();
  privateKey = await importAgentPrivateKey(agent.privateKeyJwk);
  otherAgentKey = await importAgentPrivateKey((await generateAgentKeyPair()).privateKeyJwk);
});

function flipFirstByte(text: string): string {
  const bytes = base64url.decode(text);
  bytes[0] = (bytes[0] ?? 0) ^ 0xff;
  return base64url.encode(bytes);
}

describe("sealed secrets", () => {
  it("the agent's public key is a 3072-bit RSA-OAEP-256 JWK without private members", () => {
    expect(ZAgentPublicJwkSchema.parse(agent.publicKeyJwk)).toEqual(agent.publicKeyJwk);
    expect(base64url.decode(agent.publicKeyJwk.n).length).toBe(384);
    expect(agent.publicKeyJwk).not.toHaveProperty("d");
    expect(ZAgentPublicJwkSchema.safeParse(agent.privateKeyJwk).success).toBe(false);
  });

  it("round-trips: sealed with the public JWK, opened with the private key", async () => {
    const plaintext = "P@ss'w\"ord $(whoami) `n ; | ✓ 密码 \n end";
    const sealed = await sealForAgent(agent.publicKeyJwk, plaintext);
    expect(ZSealedSecretSchema.parse(sealed)).toEqual(sealed);
    expect(sealed.alg).toBe("RSA-OAEP-256+A256GCM");
    expect(JSON.stringify(sealed)).not.toContain("P@ss");
    expect(await openSealedSecret(privateKey, sealed)).toBe(plaintext);
  });

  it("seals the same secret differently every time", async () => {
    const first = await sealForAgent(agent.publicKeyJwk, "same");
    const second = await sealForAgent(agent.publicKeyJwk, "same");
    expect(first.ciphertext).not.toBe(second.ciphertext);
    expect(first.encryptedKey).not.toBe(second.encryptedKey);
  });

  it("rejects a tampered ciphertext, iv or wrapped key", async () => {
    const sealed = await sealForAgent(agent.publicKeyJwk, "secret");
    for (const field of ["ciphertext", "iv", "encryptedKey"] as const) {
      const tampered = { ...sealed, [field]: flipFirstByte(sealed[field]) };
      await expect(openSealedSecret(privateKey, tampered)).rejects.toBeInstanceOf(SealedSecretError);
    }
  });

  it("cannot be opened by another agent's key", async () => {
    const sealed = await sealForAgent(agent.publicKeyJwk, "secret");
    await expect(openSealedSecret(otherAgentKey, sealed)).rejects.toThrow(
      /sealed for another agent's key or altered/,
    );
  });

  it("carries typed values: a string, or a user name and password", async () => {
    const credential = { type: "credential" as const, userName: "CONTOSO\\svc-mrs", password: "pa ss" };
    expect(
      await openSecretValue(privateKey, await sealSecretValueForAgent(agent.publicKeyJwk, credential)),
    ).toEqual(credential);
    const notTyped = await sealForAgent(agent.publicKeyJwk, "plain text");
    await expect(openSecretValue(privateKey, notTyped)).rejects.toBeInstanceOf(SealedSecretError);
  });
});

describe("a job's sealed parameters", () => {
  const job = (overrides: Partial<CmdletJob>): CmdletJob => ({
    id: "job-1",
    leaseToken: "lease",
    leaseExpiresAt: new Date().toISOString(),
    idempotencyKey: "k",
    cmdlet: "New-AuthServer",
    parameters: { Name: "ACS - contoso", DomainName: ["contoso.com"] },
    ...overrides,
  });

  it("are opened into plain parameters and credentials just before the cmdlet runs", async () => {
    const opened = await openJobParameters(
      job({
        sealedParameters: {
          Credentials: await sealSecretValueForAgent(agent.publicKeyJwk, {
            type: "credential",
            userName: "CONTOSO\\admin",
            password: "hunter2",
          }),
          Comment: await sealSecretValueForAgent(agent.publicKeyJwk, { type: "string", value: "hidden" }),
        },
      }),
      privateKey,
    );
    expect(opened.parameters).toEqual({
      Name: "ACS - contoso",
      DomainName: ["contoso.com"],
      Comment: "hidden",
    });
    expect(opened.credentials).toEqual({ Credentials: { userName: "CONTOSO\\admin", password: "hunter2" } });
  });

  it("fail the job, not the agent, when one cannot be opened", async () => {
    const sealed = await sealSecretValueForAgent(agent.publicKeyJwk, { type: "string", value: "x" });
    const error = await openJobParameters(
      job({ sealedParameters: { Comment: sealed } }),
      otherAgentKey,
    ).catch((e) => e);
    expect(error).toBeInstanceOf(CmdletError);
    expect((error as CmdletError).toJobError()).toMatchObject({
      errorId: "SealedSecretNotOpened",
      transient: false,
    });
  });
});
