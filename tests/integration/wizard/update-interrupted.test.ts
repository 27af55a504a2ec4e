import { describe, expect, it } from "vitest";
import { objectsOf } from "@/simulators/exchange/model/directory-objects";
import { openOnPremisesOrganization } from "@/simulators/exchange/on-premises";
import { waitFor } from "@/tests/helpers/agent-cli";
import { contosoUpdateBed } from "./contoso-update-bed";

// Contoso's update meeting the two worst interruptions: the agent's host dies the moment Exchange
// has made an object, before anyone hears of it; and Entra, asked to renew the admin's token
// mid-update, wants their MFA again. Nobody is at the browser until the run asks for them.

const u = contosoUpdateBed();

describe("an update interrupted at the worst moments", () => {
  it("applies once the write whose agent died before reporting, and waits for the admin when Entra wants MFA again", async () => {
    const organization = await openOnPremisesOrganization({ stateFile: u.bed.simulatorState });
    const hybridConfigurations = async () => objectsOf(await organization.readState(), "HybridConfiguration");
    const writesOf = async (cmdlet: string) =>
      (await organization.readCmdletLog()).filter((entry) => entry.cmdlet === cmdlet);
    const doomed = u.startAgent();
    const runId = await u.answeredRun();
    const { client } = await u.adele();
    const plan = await client.getRunPlan(runId);

    // Exchange makes the hybrid configuration, and the agent's host dies that moment: no report.
    await organization.setFault({ cmdlet: "New-HybridConfiguration", kind: "crash-after-write", times: 1 });
    // The last writes in Exchange Online come after the admin's token has lapsed.
    await u.scenario.exchange.admin.setFault(
      { side: "Online", tenantId: u.contoso.entraTenantId },
      { cmdlet: "New-OnPremisesOrganization", kind: "latency", latencyMs: 75_000, times: 1 },
    );
    await client.confirmUpdate(runId, { version: plan.version, digest: plan.digest });

    await waitFor(
      async () => doomed.exitCode !== null || doomed.signalCode !== null,
      "the agent to die",
      120_000,
    );
    // It said nothing after the cmdlet began: no report reached the service.
    const [, afterCmdlet] = doomed.output().split("running New-HybridConfiguration");
    expect(afterCmdlet).toBeDefined();
    expect(afterCmdlet).not.toContain("reported");
    expect(await hybridConfigurations()).toHaveLength(1);
    // From here Entra wants the admin's MFA again before it redeems their refresh token.
    u.scenario.idp.refuseRefresh({ tenantId: u.contoso.entraTenantId, kind: "mfa-required", times: 1 });
    u.startAgent();

    const paused = await waitFor(
      async () => {
        const progress = await u.progressOf(runId);
        if (progress.status === "failed" || progress.status === "succeeded") {
          throw new Error(`the update ended ${progress.status} without waiting for its admin`);
        }
        return progress.status === "paused" ? progress : null;
      },
      "the update to wait for its admin",
      240_000,
    );
    expect(paused.pausedReason).toMatch(/^Sign in again to continue: .*multi-factor authentication/);
    // The admin signs in again (with MFA) and resumes.
    u.signInAgain();
    const resumed = await (await u.adele()).client.resumeUpdate(runId, { version: paused.version });
    expect(resumed.status).toBe("running");
    const done = await u.settled(runId).catch(async (error: Error) => {
      const { text } = await u.logOf(runId);
      const agents = u.agents.map((agent) => agent.output().slice(-3000)).join("\n----\n");
      throw new Error(`${error.message}\nlog:\n${text}\nagents:\n${agents}`);
    });
    expect(done.status).toBe("succeeded");

    // Written once: one object, one New-HybridConfiguration in Exchange's cmdlet log; the next
    // attempt read it, found it as planned and counted the operation done.
    expect(await hybridConfigurations()).toHaveLength(1);
    expect(await writesOf("New-HybridConfiguration")).toHaveLength(1);
    const operation = u.byCmdlet(done, "New-HybridConfiguration");
    expect(operation.status).toBe("succeeded");
    const { json } = await u.logOf(runId);
    const said = json.lines.filter((line) => line.operationId === operation.id).map((line) => line.message);
    expect(said).toContainEqual(expect.stringMatching(/not done yet, tried again shortly: .*lease ran out/));
    expect(said).toContainEqual(
      expect.stringMatching(/succeeded \(written by an earlier attempt; not written again\)/),
    );
    expect(json.lines.map((line) => line.message)).toContainEqual(
      expect.stringMatching(/^Paused: Sign in again to continue/),
    );

    // Validate ran by itself once the update succeeded, on the server, as the admin the run acts
    // as: nobody clicked anything. Its results are kept on the run for the Done page.
    const validation = await waitFor(
      async () => {
        const stored = (await (await u.adele()).client.getRunValidation(runId)).validation;
        return stored?.status === "done" || stored?.status === "failed" ? stored : null;
      },
      "the validation after the update",
      180_000,
    );
    expect(validation).toMatchObject({ status: "done", as: expect.stringMatching(/^adele@/), error: null });
    expect(validation.results.map((result) => [result.id, result.cmdlet, result.passed])).toEqual([
      ["oauthToExchangeOnline", "Test-OAuthConnectivity", true],
      ["oauthToOnPremises", "Test-OAuthConnectivity", true],
      ["freeBusyFromExchangeOnline", "Test-OrganizationRelationship", true],
      ["freeBusyFromOnPremises", "Test-OrganizationRelationship", true],
    ]);
    // Free/busy was looked up as the admin's own mailbox, which Exchange requires to be named.
    expect(validation.results.find((result) => result.id === "freeBusyFromOnPremises")?.detail).toMatch(
      /^Free\/busy information for adele@/,
    );
    const { text } = await u.logOf(runId);
    expect(text).toMatch(/Validate: all 4 checks passed\./);
  }, 600_000);
});
