import { describe, expect, it } from "vitest";
import type { Answers } from "@/lib/wizard/answers/answers";
import type { GatheredState } from "@/lib/wizard/gather/gathered-state";
import { computePlan } from "@/lib/wizard/plan/compute-plan";
import { type PlanOperation, writesOf } from "@/lib/wizard/plan/plan-types";
import { prepareUndo } from "@/lib/wizard/undo/prepare-undo";
import { applyRecording } from "@/tests/helpers/apply-recording";
import {
  applyPlan,
  gatherFixture,
  gatherPair,
  shippedAnswers,
  tenantFactsOf,
  withTestCredentials,
} from "./gather-from-fixture";

// Organization Configuration Transfer over contoso: two policies of its own on-premises
// (Contractors for Outlook on the web, the Finance retention policy and its tag), a mobile device
// policy Executives that the tenant already has by that name with other settings, and Exchange's
// defaults on both sides.

const TASK = "OrganizationConfigurationTransfer";

function withTransfer(answers: Answers): Answers {
  return { ...answers, features: { ...answers.features, organizationConfigurationTransfer: true } };
}

async function planContoso(change?: (state: GatheredState) => void) {
  const { pair, state } = await gatherFixture("contoso");
  change?.(state);
  const answers = withTransfer(await shippedAnswers("contoso"));
  return { pair, answers, plan: computePlan({ gathered: state, answers, tenant: tenantFactsOf(pair) }) };
}

function transferOf(operations: readonly PlanOperation[]) {
  return operations.filter((operation) => operation.task === TASK);
}

function line(operation: PlanOperation): string {
  return `${operation.side} ${operation.action} ${operation.cmdlet} ${operation.identity}`;
}

describe("organization configuration transfer", () => {
  it("creates in Exchange Online the policies it lacks, tags before the policy that links them", async () => {
    const { plan } = await planContoso();
    expect(writesOf({ operations: transferOf(plan.operations) }).map(line)).toEqual([
      "Online new New-OwaMailboxPolicy Default",
      "Online update Set-OwaMailboxPolicy Default",
      "Online new New-OwaMailboxPolicy Contractors",
      "Online update Set-OwaMailboxPolicy Contractors",
      "Online new New-RetentionPolicyTag Finance - 7 years",
      "Online new New-RetentionPolicy Finance",
    ]);
    const set = plan.operations.find(
      (operation) => operation.cmdlet === "Set-OwaMailboxPolicy" && operation.identity === "Contractors",
    )!;
    expect(set.parameters).toMatchObject({
      Identity: "Contractors",
      CalendarEnabled: false,
      AllowOfflineOn: "NoComputers",
      ActionForUnknownFileAndMIMETypes: "Block",
      DirectFileAccessOnPublicComputersEnabled: false,
    });
    expect(set.before.CalendarEnabled).toBeNull();
    expect(set.dependsOn).toEqual([`${TASK}:Online:New-OwaMailboxPolicy:Contractors`]);

    const tag = plan.operations.find((operation) => operation.cmdlet === "New-RetentionPolicyTag")!;
    expect(tag.parameters).toEqual({
      Name: "Finance - 7 years",
      Type: "All",
      RetentionEnabled: true,
      AgeLimitForRetention: "2555.00:00:00",
      RetentionAction: "DeleteAndAllowRecovery",
      Comment: "Finance records are kept seven years.",
      MessageClass: "*",
      MustDisplayCommentEnabled: false,
      // The on-premises id, so items already tagged keep their tag once their mailbox moves.
      RetentionId: "7f3c2a10-5d4e-4b6f-9a81-0c2d3e4f5a6b",
    });
    const policy = plan.operations.find((operation) => operation.cmdlet === "New-RetentionPolicy")!;
    expect(policy.parameters).toEqual({
      Name: "Finance",
      RetentionPolicyTagLinks: ["Finance - 7 years", "Deleted Items", "Never Delete"],
      RetentionId: "1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5061",
    });
    // The tag it creates, and the tags both sides already have (nop, but planned before it).
    expect(policy.dependsOn).toEqual([
      tag.id,
      `${TASK}:Online:Set-RetentionPolicyTag:Deleted Items`,
      `${TASK}:Online:Set-RetentionPolicyTag:Never Delete`,
    ]);
    expect(
      plan.operations.some((operation) => operation.task === TASK && operation.side === "OnPremises"),
    ).toBe(false);
  });

  it("never overwrites a policy the tenant has by that name, and says which settings differ", async () => {
    const { plan } = await planContoso();
    const executives = transferOf(plan.operations).filter((operation) => operation.identity === "Executives");
    expect(executives.map(line)).toEqual(["Online nop Set-MobileDeviceMailboxPolicy Executives"]);
    expect(plan.notes).toContainEqual(
      expect.stringMatching(
        /mobile device policy Executives already exists in Exchange Online with other values \(.*MinPasswordLength.*RequireDeviceEncryption\): Organization Configuration Transfer leaves it as it is/,
      ),
    );
    // Exchange's defaults match on both sides: nothing to say about them.
    expect(plan.notes.join("\n")).not.toMatch(/Default MRM Policy|Never Delete/);
  });

  it("a differing setting on a policy both sides have stays a nop: the transfer creates, never updates", async () => {
    const { plan } = await planContoso((state) => {
      state.online.retentionPolicyTags.find((tag) => tag.Name === "Never Delete")!.RetentionAction =
        "PermanentlyDelete";
    });
    const tag = transferOf(plan.operations).find((operation) => operation.identity === "Never Delete")!;
    expect(line(tag)).toBe("Online nop Set-RetentionPolicyTag Never Delete");
    expect(plan.notes).toContainEqual(
      expect.stringMatching(/retention tag Never Delete .*\(RetentionAction\)/),
    );
  });

  it("a copy of the on-premises default is not made the cloud's default, and the plan says so", async () => {
    const { plan } = await planContoso();
    const created = transferOf(plan.operations).filter((operation) => operation.identity === "Default");
    for (const operation of created) expect(operation.parameters).not.toHaveProperty("IsDefault");
    expect(plan.notes).toContainEqual(
      expect.stringMatching(
        /Outlook on the web policy Default is the default on-premises; .* not made the default/,
      ),
    );
  });

  it("a setting unset on-premises is left to Exchange Online's default, not written as null", async () => {
    const { plan } = await planContoso((state) => {
      state.onPremises.mobileDeviceMailboxPolicies.push({
        ...state.onPremises.mobileDeviceMailboxPolicies.find((policy) => policy.Name === "Default")!,
        Identity: "Kiosk phones",
        Name: "Kiosk phones",
        IsDefault: false,
        MinPasswordLength: null,
        PasswordHistory: 3,
      });
    });
    const created = plan.operations.find((operation) => operation.identity === "Kiosk phones")!;
    expect(line(created)).toBe("Online new New-MobileDeviceMailboxPolicy Kiosk phones");
    expect(created.parameters).not.toHaveProperty("MinPasswordLength");
    expect(created.parameters.PasswordHistory).toBe(3);
  });

  it("after the plan ran, planning again writes nothing", async () => {
    const { pair, answers, plan } = await planContoso();
    await applyPlan(pair, plan);
    const again = computePlan({
      gathered: (await gatherPair(pair)).state,
      answers,
      tenant: tenantFactsOf(pair),
    });
    expect(writesOf(again).map(line)).toEqual([]);
    expect(transferOf(again.operations).map((operation) => operation.identity)).toContain("Contractors");
    const copied = (await pair.online("Get-OwaMailboxPolicy", { Identity: "Contractors" })).value[0];
    expect(copied).toMatchObject({ CalendarEnabled: false, AllowOfflineOn: "NoComputers", IsDefault: false });
    // The tenant's own Executives policy kept its settings.
    expect(
      (await pair.online("Get-MobileDeviceMailboxPolicy", { Identity: "Executives" })).value[0],
    ).toMatchObject({ MinPasswordLength: 6 });
  });

  it("Undo removes the copied policies, the retention policy before its tag, and leaves the tenant's own", async () => {
    const { pair, plan } = await planContoso();
    const before = (await gatherPair(pair)).state;
    const run = async (side: "OnPremises" | "Online", cmdlet: string, parameters: Record<string, unknown>) =>
      (side === "OnPremises"
        ? await pair.onPremises(cmdlet, parameters)
        : await pair.online(cmdlet, parameters)
      ).value;
    const executed = await applyRecording(run, plan, withTestCredentials);
    const undo = prepareUndo({
      executed,
      gathered: (await gatherPair(pair)).state,
      moves: { requests: [], batches: [] },
    });
    if (undo.status !== "ready") throw new Error(undo.reasons.join(" "));
    const removals = undo.plan.operations
      .filter((operation) => operation.task === TASK)
      .map((operation) => `${operation.cmdlet} ${operation.identity}`);
    expect(removals).toEqual([
      "Remove-RetentionPolicy Finance",
      "Remove-RetentionPolicyTag Finance - 7 years",
      "Remove-OwaMailboxPolicy Contractors",
      "Remove-OwaMailboxPolicy Default",
    ]);
    await applyRecording(run, undo.plan);
    const after = (await gatherPair(pair)).state;
    expect(after.online.owaMailboxPolicies).toEqual(before.online.owaMailboxPolicies);
    expect(after.online.retentionPolicies).toEqual(before.online.retentionPolicies);
    expect(after.online.mobileDeviceMailboxPolicies).toEqual(before.online.mobileDeviceMailboxPolicies);
  });
});
