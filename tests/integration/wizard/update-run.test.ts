import path from "node:path";
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { ApiError } from "@/components/api/api-client";
import { objectsOf } from "@/simulators/exchange/model/directory-objects";
import { OrganizationStore } from "@/simulators/exchange/model/organization-store";
import { openOnPremisesOrganization } from "@/simulators/exchange/on-premises";
import { waitFor } from "@/tests/helpers/agent-cli";
import { ACCOUNTS } from "@/tests/integration/identity/scenario";
import { contosoUpdateBed, TOKEN_LIFETIME_SECONDS } from "./contoso-update-bed";
import { MIGRATION_ACCOUNT } from "./update-through-api";

// Contoso's update end to end, every part real: the production build with its update workers, a
// paired agent process on the on-premises organization, Exchange Online over HTTPS with the admin's
// delegated token. No browser stays: the plan is confirmed through the API and the test only
// watches. On the way the web server restarts, the agent dies in the middle of a cmdlet, another
// admin changes an object after the review, Exchange Online refuses New-InboundConnector once and
// throttles another cmdlet, and the admin's sign-in expires before Retry.

const u = contosoUpdateBed();

describe("Contoso's update, from review to done", () => {
  it("runs the reviewed plan as jobs through restarts, a killed agent, drift, a refusal and an expired sign-in", async () => {
    const organization = await openOnPremisesOrganization({ stateFile: u.bed.simulatorState });
    const runId = await u.answeredRun();
    const { client, token } = await u.adele();

    // Review: the plan by side and task with the PowerShell to reproduce each change; nothing written yet.
    const doomed = u.startAgent();
    const plan = await client.getRunPlan(runId);
    expect(plan.counts.new).toBeGreaterThan(10);
    const sendConnector = plan.operations.find((operation) => operation.cmdlet === "New-SendConnector");
    expect(sendConnector?.powershell).toMatch(
      /^New-SendConnector -Name 'Outbound to Office 365 - [0-9a-f-]+' .*-RequireTLS:\$true/,
    );
    const hybridSendConnectors = async () =>
      objectsOf(await organization.readState(), "SendConnector").filter((connector) =>
        String(connector.Name).startsWith("Outbound to Office 365"),
      );
    expect(await hybridSendConnectors()).toEqual([]);

    // What Exchange will do during the update: Exchange Online refuses one cmdlet and throttles
    // another; on-premises, the first write hangs inside Exchange (and its agent dies there).
    await u.scenario.exchange.admin.setFault(
      { side: "Online", tenantId: u.contoso.entraTenantId },
      {
        cmdlet: "New-InboundConnector",
        kind: "error",
        times: 1,
        error: {
          message:
            "The certificate with subject mail.contoso.com could not be validated for TLS_ATTR36: check the transport certificate.",
        },
      },
    );
    await u.scenario.exchange.admin.setFault(
      { side: "Online", tenantId: u.contoso.entraTenantId },
      { cmdlet: "New-IntraOrganizationConnector", kind: "throttle", times: 1, retryAfterSeconds: 1 },
    );
    await organization.setFault({
      cmdlet: "New-HybridConfiguration",
      kind: "latency",
      latencyMs: 300_000,
      times: 1,
    });

    // A confirmation naming a version the run has moved past is refused; the one just read is taken.
    expect(
      await client.confirmUpdate(runId, { version: 1, digest: plan.digest }).catch((error) => error),
    ).toMatchObject({
      status: 409,
      code: "version_conflict",
    });
    const confirmedAt = Date.now();
    const confirmed = await client.confirmUpdate(runId, { version: plan.version, digest: plan.digest });
    expect(confirmed.status).toBe("running");
    // Past this, neither the admin's sign-in nor the Exchange Online token traded for it at confirm is good.
    const signInExpiresAt = Math.max(
      Number(decodeJwt(token).exp) * 1000,
      confirmedAt + TOKEN_LIFETIME_SECONDS * 1000,
    );

    await waitFor(
      async () => doomed.output().includes("running New-HybridConfiguration"),
      "the agent to be inside New-HybridConfiguration",
      120_000,
    ).catch(async (error: Error) => {
      const { json } = await u.logOf(runId);
      throw new Error(
        `${error.message}\nagent:\n${doomed.output()}\nlog:\n${json.lines.map((line) => line.message).join("\n")}`,
      );
    });
    // The agent says "running" before its session takes the slow fault: killed in between, the next
    // agent would be the one kept waiting five minutes.
    await waitFor(
      async () =>
        (await organization.readState()).faults.every((fault) => fault.cmdlet !== "New-HybridConfiguration"),
      "the agent's New-HybridConfiguration to be the slow one",
      60_000,
    );
    // Meanwhile another admin changes EX1's receive connector, after the review.
    await organization.invoke("Set-ReceiveConnector", {
      Identity: "EX1\\Default Frontend EX1",
      TLSDomainCapabilities: "contoso-partner.example:AcceptOorgProtocol",
    });
    // The agent's host dies mid-cmdlet, the web server restarts, another agent takes over. The
    // browser is long gone: nobody is signed in from here on.
    doomed.kill("SIGKILL");
    await u.bed.restartWeb();
    u.startAgent();

    const first = await u.settled(runId);
    expect(first.status).toBe("failed");
    // The killed agent's New-HybridConfiguration ran again on the next agent, and was applied once.
    expect(u.byCmdlet(first, "New-HybridConfiguration").status).toBe("succeeded");
    expect(objectsOf(await organization.readState(), "HybridConfiguration")).toHaveLength(1);
    expect(u.byCmdlet(first, "Set-HybridConfiguration").status).toBe("succeeded");
    expect(await hybridSendConnectors()).toHaveLength(1);
    // The receive connector someone changed is left as they made it, and says so.
    const drifted = u.byCmdlet(first, "Set-ReceiveConnector", "EX1\\Default Frontend EX1");
    expect(drifted).toMatchObject({ status: "failed", error: { drift: true } });
    expect(drifted.error?.message).toMatch(/changed since you reviewed it \(TlsDomainCapabilities is /);
    expect(
      objectsOf(await organization.readState(), "ReceiveConnector").find(
        (connector) => connector.Identity === "EX1\\Default Frontend EX1",
      )?.TlsDomainCapabilities,
    ).toEqual(["contoso-partner.example:AcceptOorgProtocol"]);
    expect(u.byCmdlet(first, "Set-ReceiveConnector", "EX2\\Default Frontend EX2").status).toBe("succeeded");
    // Exchange Online's refusal: its words, what it is and the fix (the HCW has no code for it);
    // what needs the connector waits.
    const inbound = u.byCmdlet(first, "New-InboundConnector");
    expect(inbound).toMatchObject({
      status: "failed",
      error: { title: "The transport certificate is not usable for hybrid mail flow" },
    });
    expect(inbound.error?.hcwCodes).toBeUndefined();
    expect(inbound.error?.message).toContain("TLS_ATTR36");
    expect(inbound.error?.fix).toMatch(/Enable-ExchangeCertificate -Services SMTP/);
    expect(u.byCmdlet(first, "New-OnPremisesOrganization")).toMatchObject({
      status: "blocked",
      blockedBy: [inbound.planOperationId],
    });
    // The throttled cmdlet waited as Exchange Online asked and went through.
    expect(
      first.operations.filter((o) => o.cmdlet === "New-IntraOrganizationConnector").map((o) => o.status),
    ).toEqual(["succeeded", "succeeded"]);

    // The log survived the restart: each operation that succeeded did so once, with its PowerShell.
    const { json, text } = await u.logOf(runId);
    for (const operation of first.operations.filter((o) => o.status === "succeeded")) {
      expect(
        json.lines.filter(
          (line) => line.operationId === operation.id && line.details?.status === "succeeded",
        ),
      ).toHaveLength(1);
    }
    expect(text).toMatch(/PS> New-SendConnector .*-Name 'Outbound to Office 365 - .*-RequireTLS:\$true/);
    // The readable log says what it is and the fix; 5.7.64 only as the SMTP status it is.
    expect(text).toMatch(/\n {4}The transport certificate is not usable for hybrid mail flow\n/);
    expect(text).toMatch(/\n {4}Fix: Choose a certificate .*SMTP status 5\.7\.64\.\)\n/);

    // The admin puts the connector back as it was reviewed; by Retry their sign-in has expired.
    await organization.invoke("Set-ReceiveConnector", {
      Identity: "EX1\\Default Frontend EX1",
      TLSDomainCapabilities: null,
    });
    await waitFor(async () => Date.now() > signInExpiresAt + 5000, "the admin's sign-in to expire", 120_000);
    // Exchange Online refuses the connector once more: Retry runs what failed, and stops again there.
    await u.scenario.exchange.admin.setFault(
      { side: "Online", tenantId: u.contoso.entraTenantId },
      {
        cmdlet: "New-InboundConnector",
        kind: "error",
        times: 1,
        error: { message: "The TLS_ATTR36 check failed again." },
      },
    );
    const retried = await (await u.adele()).client.retryUpdate(runId, { version: first.version });
    expect(retried.status).toBe("running");
    const second = await u.settled(runId);
    expect(second.status).toBe("failed");
    expect(u.byCmdlet(second, "Set-ReceiveConnector", "EX1\\Default Frontend EX1").status).toBe("succeeded");
    expect(u.byCmdlet(second, "New-InboundConnector").error?.message).toContain("failed again");
    // That call to Exchange Online came after the expiry: the admin's refresh token, renewed into the cache.
    const cache = await u.scenario.db.tokenCacheEntry.findFirstOrThrow({ where: { tenantId: u.contoso.id } });
    expect(cache.updatedAt.getTime()).toBeGreaterThan(signInExpiresAt);

    // The service loses the admin's sign-in (a key dropped from the token cache's ring reads the
    // same): the update waits for them instead of failing.
    await u.scenario.db.tokenCacheEntry.deleteMany({ where: { tenantId: u.contoso.id } });
    await (await u.adele()).client.retryUpdate(runId, { version: second.version });
    const paused = await waitFor(async () => {
      const progress = await u.progressOf(runId);
      return progress.status === "paused" ? progress : null;
    }, "the update to wait for its admin");
    expect(paused.pausedReason).toMatch(/^Sign in again to continue/);
    expect(u.byCmdlet(paused, "New-InboundConnector").status).toBe("pending");
    u.signInAgain();
    const resumed = await (await u.adele()).client.resumeUpdate(runId, { version: paused.version });
    expect(resumed.status).toBe("running");
    const done = await u.settled(runId);
    expect(done.status).toBe("succeeded");
    expect(done.done).toBe(done.total);

    // Planning again from the configuration as the update left it: nothing to change.
    const again = await (await u.adele()).client.getRunPlan(await u.answeredRun());
    expect(again.counts).toMatchObject({ new: 0, update: 0 });
  }, 600_000);

  it("refuses to retry a run that is not stopped, and another tenant's run is not found", async () => {
    const runId = await u.answeredRun();
    const { client } = await u.adele();
    const { version } = await client.getWizardRun(runId);
    const refusal = await client.retryUpdate(runId, { version }).catch((error) => error);
    expect(refusal).toBeInstanceOf(ApiError);
    expect(refusal).toMatchObject({ status: 409 });
    const diego = await u.scenario.assertionOf(ACCOUNTS.diego);
    const other = await fetch(`${u.bed.web.url}/api/wizard/runs/${runId}/update`, {
      headers: { authorization: `Bearer ${diego}` },
    });
    expect(other.status).toBe(404);
  }, 180_000);

  it("makes the migration endpoint as the migration account, keeps its password for Retry, then forgets it", async () => {
    if (!u.agents.some((agent) => agent.exitCode === null && !agent.killed)) u.startAgent();
    const runId = await u.answeredRun({ migrationEndpoint: true });
    const { client } = await u.adele();
    const plan = await client.getRunPlan(runId);
    const endpoint = plan.operations.find((operation) => operation.cmdlet === "New-MigrationEndpoint");
    expect(endpoint?.powershell).toContain(MIGRATION_ACCOUNT.userName);
    expect(JSON.stringify(plan)).not.toContain(MIGRATION_ACCOUNT.password);
    // Exchange Online refuses the endpoint once, quoting the password (as a careless error might).
    await u.scenario.exchange.admin.setFault(
      { side: "Online", tenantId: u.contoso.entraTenantId },
      {
        cmdlet: "New-MigrationEndpoint",
        kind: "error",
        times: 1,
        error: {
          message: `Could not sign in as ${MIGRATION_ACCOUNT.userName} with '${MIGRATION_ACCOUNT.password}'.`,
        },
      },
    );
    await client.confirmUpdate(runId, { version: plan.version, digest: plan.digest });
    const refused = await u.settled(runId);
    expect(u.byCmdlet(refused, "New-MigrationEndpoint").error?.message).toMatch(/with '\[redacted\]'/);
    // Kept for Retry, which makes the endpoint with it.
    expect(await u.scenario.db.migrationCredential.count({ where: { runId } })).toBe(1);
    await (await u.adele()).client.retryUpdate(runId, { version: refused.version });

    const done = await u.settled(runId);
    expect(done.status).toBe("succeeded");
    expect(u.byCmdlet(done, "New-MigrationEndpoint").status).toBe("succeeded");
    const online = await new OrganizationStore(
      path.join(u.scenario.dataDir, "online", `${u.contoso.entraTenantId}.json`),
    ).read();
    expect(objectsOf(online, "MigrationEndpoint")).toEqual([
      expect.objectContaining({ Username: MIGRATION_ACCOUNT.userName, RemoteServer: expect.any(String) }),
    ]);
    // Used once, the password is gone; it was never in an Operation row or the log.
    expect(await u.scenario.db.migrationCredential.count({ where: { runId } })).toBe(0);
    const rows = await u.scenario.db.operation.findMany({ where: { runId } });
    expect(JSON.stringify(rows)).not.toContain(MIGRATION_ACCOUNT.password);
    const { json, text } = await u.logOf(runId);
    expect(text).toContain(`${MIGRATION_ACCOUNT.userName} / (redacted)`);
    expect(text).not.toContain(MIGRATION_ACCOUNT.password);
    expect(JSON.stringify(json)).not.toContain(MIGRATION_ACCOUNT.password);
  }, 600_000);
});
