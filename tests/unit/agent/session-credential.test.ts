import { chmod } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generateAgentKeyPair, importAgentPrivateKey } from "@/agent/agent-keys";
import { CmdletError } from "@/agent/executors/executor";
import { INVOKE_CMDLET_SCRIPT, INVOKE_READS_SCRIPT } from "@/agent/executors/powershell/invoke-script";
import { createPowerShellExecutor } from "@/agent/executors/powershell/powershell-executor";
import { openSessionCredential } from "@/agent/run/open-job-parameters";
import type { AgentJob } from "@/lib/agents/protocol";
import { sealSecretValueForAgent } from "@/lib/agents/seal-for-agent";

// A run's own on-premises account: sealed by the browser's module (WebCrypto, run here in Node),
// opened only by the agent it was sealed for, and the account its PowerShell session opens as.

const fakePwsh = path.join(import.meta.dirname, "fixtures", "fake-pwsh.mjs");

let agent: Awaited<ReturnType<typeof generateAgentKeyPair>>;
let privateKey: CryptoKey;
let otherAgentKey: CryptoKey;

beforeAll(async () => {
  await chmod(fakePwsh, 0o755);
  agent = await generateAgentKeyPair();
  privateKey = await importAgentPrivateKey(agent.privateKeyJwk);
  otherAgentKey = await importAgentPrivateKey((await generateAgentKeyPair()).privateKeyJwk);
});

const account = { userName: "CONTOSO\\admin-hybrid", password: "pa$$ 'w\"ord` ; 密码" };

/** What the Credentials form seals: the agent's public key as the Agents list gives it. */
function sealInBrowser(value: Parameters<typeof sealSecretValueForAgent>[1]) {
  const { kty, n, e } = agent.publicKeyJwk;
  return sealSecretValueForAgent({ kty, n, e }, value);
}

const jobWith = (sessionCredential: AgentJob["sessionCredential"]): AgentJob => ({
  id: "job-1",
  leaseToken: "lease",
  leaseExpiresAt: new Date().toISOString(),
  idempotencyKey: "k",
  cmdlet: "Get-ExchangeServer",
  parameters: {},
  ...(sessionCredential ? { sessionCredential } : {}),
});

describe("the run's own on-premises account", () => {
  it("sealed in the browser, opens on the agent it was sealed for, exactly", async () => {
    const sealed = await sealInBrowser({ type: "credential", ...account });
    expect(JSON.stringify(sealed)).not.toContain(account.password);
    expect(await openSessionCredential(jobWith(sealed), privateKey)).toEqual(account);
  });

  it("fails the job, saying to enter it again, on any other agent", async () => {
    const sealed = await sealInBrowser({ type: "credential", ...account });
    const error = await openSessionCredential(jobWith(sealed), otherAgentKey).catch((caught) => caught);
    expect(error).toBeInstanceOf(CmdletError);
    expect((error as CmdletError).toJobError()).toMatchObject({
      errorId: "SealedSecretNotOpened",
      transient: false,
      message: expect.stringMatching(
        /on-premises account.*sealed for another agent's key.*Enter the secret again/s,
      ),
    });
  });

  it("is refused when what was sealed is not a user name and password", async () => {
    const sealed = await sealInBrowser({ type: "string", value: "just a password" });
    const error = await openSessionCredential(jobWith(sealed), privateKey).catch((caught) => caught);
    expect((error as CmdletError).toJobError().errorId).toBe("SessionCredentialNotACredential");
  });

  it("is absent for a job the agent runs as itself", async () => {
    expect(await openSessionCredential(jobWith(undefined), privateKey)).toBeUndefined();
  });
});

describe("the PowerShell session opens as the run's account", () => {
  const executor = createPowerShellExecutor({
    powershellPath: fakePwsh,
    defaultServer: "ex1.contoso.com",
    timeoutMs: 10_000,
  });
  const signal = new AbortController().signal;

  it("hands it to PowerShell on stdin for a cmdlet and for a reads job, and not otherwise", async () => {
    const cmdlet = { cmdlet: "Get-ExchangeServer", parameters: {}, credentials: {}, signal };
    const asAccount = await executor.execute({ ...cmdlet, sessionCredential: account });
    const asAgent = await executor.execute(cmdlet);
    const stdinOf = (output: { objects: unknown[] }) =>
      JSON.parse((output.objects[0] as { stdin: string }).stdin) as Record<string, unknown>;
    expect(stdinOf(asAccount).sessionCredential).toEqual(account);
    expect(stdinOf(asAgent)).not.toHaveProperty("sessionCredential");

    const [read] = await executor.executeReads({
      reads: [{ cmdlet: "Get-AcceptedDomain", parameters: {} }],
      signal,
      sessionCredential: account,
    });
    expect(read?.ok && stdinOf(read).sessionCredential).toEqual(account);
  });

  it("passes it to New-PSSession (and the ExSetup probe) as -Credential, splatted, never as text", () => {
    for (const script of [INVOKE_CMDLET_SCRIPT, INVOKE_READS_SCRIPT]) {
      expect(script).toContain(
        "New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri $uri -Authentication Kerberos @account",
      );
      expect(script).toContain("$account['Credential'] = $credential");
      expect(script).toContain("[string]$entry['password']) -AsPlainText");
    }
    expect(INVOKE_CMDLET_SCRIPT).toContain(
      "Open-ExchangeSession $request['server'] (Get-SessionCredential $request)",
    );
    expect(INVOKE_READS_SCRIPT).toContain("Open-ExchangeSession $request['server'] $sessionCredential");
    expect(INVOKE_READS_SCRIPT).toMatch(
      /Invoke-Command -ComputerName \$server -ScriptBlock \{.*\} @probeAccount/,
    );
  });
});
