import { describe, expect, it } from "vitest";
import { isAllowedCmdlet } from "@/lib/agents/protocol";
import { type Plan, writesOf } from "@/lib/wizard/plan/plan-types";
import type { ExecutedOperation } from "@/lib/wizard/undo/executed-operation";
import { prepareUndo, type UndoAnswer } from "@/lib/wizard/undo/prepare-undo";
import { applyRecording, type RunCmdlet } from "@/tests/helpers/apply-recording";
import type { Pair } from "../exchange-sim/organization-harness";
import { gatherPair, planFixture, withTestCredentials } from "./gather-from-fixture";

// Undo against the in-process simulators: a fixture's plan applied as the update applies it (each
// object read before its write), then its inverse plan run the same way; a fresh gather must then
// be what it was before the run.

function runner(pair: Pair): RunCmdlet {
  return async (side, cmdlet, parameters) =>
    (side === "OnPremises"
      ? await pair.onPremises(cmdlet, parameters)
      : await pair.online(cmdlet, parameters)
    ).value;
}

async function appliedFixture(fixture: string) {
  const { pair, state: before, plan } = await planFixture(fixture);
  const executed = await applyRecording(runner(pair), plan, withTestCredentials);
  return { pair, before, plan, executed };
}

async function undoOf(pair: Pair, executed: ExecutedOperation[]): Promise<UndoAnswer> {
  const { state } = await gatherPair(pair);
  const moves = {
    requests: (await pair.online("Get-MoveRequest")).value as { Identity: string }[],
    batches: (await pair.online("Get-MigrationBatch")).value as { Identity: string }[],
  };
  return prepareUndo({ executed, gathered: state, moves });
}

function ready(answer: UndoAnswer) {
  if (answer.status !== "ready") throw new Error(`Undo refused: ${answer.reasons.join(" ")}`);
  return answer;
}

function cmdlets(plan: Plan): string[] {
  return plan.operations.map((operation) => `${operation.cmdlet} ${operation.identity}`);
}

describe("the inverse plan of a run", () => {
  it("contoso: removes what the run created, restores what it changed, last first; after it, a gather is the fixture's", async () => {
    const { pair, before, plan, executed } = await appliedFixture("contoso");
    const undo = ready(await undoOf(pair, executed));
    const order = cmdlets(undo.plan);
    const guid = before.onPremises.organizationConfig.Guid;

    // Everything the run created goes, and nothing the fixture had.
    expect(order).toEqual(
      expect.arrayContaining([
        `Remove-OnPremisesOrganization ${guid}`,
        `Remove-InboundConnector Inbound from ${guid}`,
        `Remove-SendConnector Outbound to Office 365 - ${before.online.organizationConfig.Guid}`,
        "Remove-MigrationEndpoint Hybrid Migration Endpoint - EWS (Default Web Site)",
        "Remove-HybridConfiguration Hybrid Configuration",
        "Remove-AcceptedDomain contoso.mail.onmicrosoft.com",
      ]),
    );
    expect(order.filter((entry) => entry.startsWith("Remove-SendConnector"))).toHaveLength(1);
    // The connectors the OnPremisesOrganization names go after it; the accepted domain after the policy that stamps it.
    expect(order.indexOf(`Remove-OnPremisesOrganization ${guid}`)).toBeLessThan(
      order.indexOf(`Remove-InboundConnector Inbound from ${guid}`),
    );
    expect(order.indexOf("Set-EmailAddressPolicy Default Policy")).toBeLessThan(
      order.indexOf("Remove-AcceptedDomain contoso.mail.onmicrosoft.com"),
    );
    // Changed objects get their own values back, parameter by parameter.
    const receive = undo.plan.operations.find((operation) => operation.cmdlet === "Set-ReceiveConnector")!;
    expect(receive.parameters).toMatchObject({ Identity: receive.identity, TLSCertificateName: null });
    expect(receive.action).toBe("update");
    const mrs = undo.plan.operations.find(
      (operation) => operation.cmdlet === "Set-WebServicesVirtualDirectory",
    )!;
    expect(mrs.parameters).toEqual({ Identity: mrs.identity, MRSProxyEnabled: false });
    // What stays is said.
    expect(undo.cannotUndo).toEqual([
      expect.objectContaining({
        cmdlet: "Update-EmailAddressPolicy",
        why: expect.stringMatching(/secondary address .* stay/),
      }),
    ]);
    // Every on-premises inverse is one the agent will run.
    for (const operation of undo.plan.operations.filter((entry) => entry.side === "OnPremises")) {
      expect(isAllowedCmdlet(operation.cmdlet), operation.cmdlet).toBe(true);
    }
    // Each inverse waits only for inverses listed before it.
    const seen = new Set<string>();
    for (const operation of undo.plan.operations) {
      for (const dependency of operation.dependsOn)
        expect(seen.has(dependency), `${operation.id} → ${dependency}`).toBe(true);
      seen.add(operation.id);
    }

    await applyRecording(runner(pair), undo.plan);
    expect((await gatherPair(pair)).state).toEqual(before);
    // And planning again gives the first run's writes again.
    const { plan: again } = await planFixture("contoso");
    expect(writesOf(again).map((operation) => operation.id)).toEqual(
      writesOf(plan).map((operation) => operation.id),
    );
  });

  it("fabrikam: the federation trust and identifiers are undone; the federation certificate and the TXT record are said to stay", async () => {
    const { pair, before, executed } = await appliedFixture("fabrikam");
    const undo = ready(await undoOf(pair, executed));
    const order = cmdlets(undo.plan);
    expect(order.indexOf("Set-FederatedOrganizationIdentifier Federation")).toBeLessThan(
      order.indexOf("Remove-FederationTrust Microsoft Federation Gateway"),
    );
    expect(undo.plan.notes.join("\n")).toMatch(/CN=Federation\) stays/);
    expect(undo.plan.notes.join("\n")).toMatch(/TXT record you published for fabrikam\.com stays in DNS/);

    await applyRecording(runner(pair), undo.plan);
    const after = (await gatherPair(pair)).state;
    expect({ ...after, onPremises: { ...after.onPremises, certificates: [] } }).toEqual({
      ...before,
      onPremises: { ...before.onPremises, certificates: [] },
    });
    const subjects = (certificates: typeof before.onPremises.certificates) =>
      certificates.map((certificate) => certificate.Subject).sort();
    expect(subjects(after.onPremises.certificates)).toEqual(
      subjects(before.onPremises.certificates).concat("CN=Federation").sort(),
    );
  });

  it("leaves failed and skipped operations alone, and an object someone already removed drops out", async () => {
    const { pair, executed } = await appliedFixture("contoso");
    const send = executed.find((operation) => operation.cmdlet === "New-SendConnector")!;
    const failedIds = new Set([
      executed.find((operation) => operation.cmdlet === "New-OutboundConnector")!.id,
    ]);
    const marked = executed.map((operation) =>
      failedIds.has(operation.id) ? { ...operation, status: "failed" as const } : operation,
    );
    await pair.onPremises("Remove-SendConnector", { Identity: send.identity });
    const undo = ready(await undoOf(pair, marked));
    expect(undo.plan.operations.map((operation) => operation.cmdlet)).not.toContain(
      "Remove-OutboundConnector",
    );
    expect(undo.plan.operations.map((operation) => operation.cmdlet)).not.toContain("Remove-SendConnector");
    expect(undo.plan.operations.length).toBeGreaterThan(10);
  });
});

describe("Undo is refused, with why", () => {
  it("when someone changed an object of the run after it", async () => {
    const { pair, executed } = await appliedFixture("contoso");
    const send = executed.find((operation) => operation.cmdlet === "New-SendConnector")!;
    await pair.onPremises("Set-SendConnector", { Identity: send.identity, Fqdn: "smtp.contoso.com" });
    await pair.onPremises("Set-ReceiveConnector", {
      Identity: "EX1\\Default Frontend EX1",
      TLSCertificateName: null,
    });
    const answer = await undoOf(pair, executed);
    expect(answer).toEqual({
      status: "refused",
      reasons: [
        `SendConnector '${send.identity}' (on-premises) was changed after the run: Fqdn is smtp.contoso.com, the run left mail.contoso.com.`,
        expect.stringMatching(
          /^ReceiveConnector 'EX1\\Default Frontend EX1' \(on-premises\) was changed after the run: TlsCertificateName is \(none\), the run left <I>/,
        ),
      ],
    });
  });

  it("once mailboxes have moved through the run's migration endpoint", async () => {
    const { pair, executed } = await appliedFixture("contoso");
    await pair.online("New-MigrationBatch", {
      Name: "Wave 1",
      SourceEndpoint: "Hybrid Migration Endpoint - EWS (Default Web Site)",
      TargetDeliveryDomain: "contoso.mail.onmicrosoft.com",
      CSVData: "EmailAddress\nalex@contoso.com\n",
    });
    const answer = await undoOf(pair, executed);
    expect(answer.status).toBe("refused");
    expect(answer.status === "refused" && answer.reasons).toEqual([
      expect.stringMatching(
        /^1 mailbox has moved \(or is moving\) through the migration endpoint 'Hybrid Migration Endpoint - EWS \(Default Web Site\)' \(alex@contoso\.com\)\. .*cut them off/,
      ),
    ]);
  });
});
