import { describe, expect, it } from "vitest";
import { computeUndoPlan } from "@/lib/wizard/undo/compute-undo-plan";
import type { ExecutedOperation } from "@/lib/wizard/undo/executed-operation";

// The inverse plan's rules on hand-made runs: what each kind of operation turns into, and what
// each inverse waits for.

function operation(
  fields: Partial<ExecutedOperation> & Pick<ExecutedOperation, "id" | "kind" | "cmdlet" | "identity">,
): ExecutedOperation {
  return {
    side: "Online",
    task: "MailFlow",
    action: fields.cmdlet.startsWith("New-") ? "new" : "update",
    parameters: {},
    before: {},
    after: {},
    dependsOn: [],
    status: "succeeded",
    observedBefore: null,
    ...fields,
  };
}

const inbound = operation({
  id: "in",
  kind: "InboundConnector",
  cmdlet: "New-InboundConnector",
  identity: "Inbound from o",
  parameters: { Name: "Inbound from o" },
});
const organization = operation({
  id: "org",
  kind: "OnPremisesOrganization",
  cmdlet: "New-OnPremisesOrganization",
  identity: "o",
  parameters: { Name: "o" },
  after: { InboundConnector: "Inbound from o" },
  dependsOn: ["in"],
});
const comment = operation({
  id: "comment",
  task: "Final",
  kind: "OnPremisesOrganization",
  cmdlet: "Set-OnPremisesOrganization",
  identity: "o",
  parameters: { Identity: "o", Comment: "hybrid-wizard v1" },
  after: { Comment: "hybrid-wizard v1" },
  dependsOn: ["org"],
});
const outbound = operation({
  id: "out",
  kind: "OutboundConnector",
  cmdlet: "Set-OutboundConnector",
  identity: "Outbound to o",
  parameters: { Identity: "Outbound to o", TLSDomain: "mail.contoso.com" },
  after: { TlsDomain: "mail.contoso.com" },
  observedBefore: { Name: "Outbound to o", TlsDomain: "smtp.contoso.com", Enabled: true },
  dependsOn: ["comment"],
});

describe("computeUndoPlan", () => {
  it("removes created objects, restores changed ones from observedBefore, and waits through subsumed operations", () => {
    const { plan, cannotUndo } = computeUndoPlan([inbound, organization, comment, outbound]);
    expect(
      plan.operations.map((entry) => [entry.id, entry.cmdlet, entry.parameters, entry.dependsOn]),
    ).toEqual([
      ["out", "Set-OutboundConnector", { Identity: "Outbound to o", TLSDomain: "smtp.contoso.com" }, []],
      // The comment's Set- is undone by the removal; what waited for it, the removal waits for.
      [
        "MailFlow:Online:Remove-OnPremisesOrganization:o",
        "Remove-OnPremisesOrganization",
        { Identity: "o" },
        ["out"],
      ],
      [
        "MailFlow:Online:Remove-InboundConnector:Inbound from o",
        "Remove-InboundConnector",
        { Identity: "Inbound from o" },
        ["MailFlow:Online:Remove-OnPremisesOrganization:o"],
      ],
    ]);
    expect(plan.operations[1]).toMatchObject({
      action: "remove",
      before: { InboundConnector: "Inbound from o", Comment: "hybrid-wizard v1" },
      after: { InboundConnector: null, Comment: null },
    });
    expect(cannotUndo).toEqual([]);
  });

  it("runs nothing for a failed, skipped or no-op operation, or a change that put back what was there", () => {
    const unchanged = { ...outbound, observedBefore: { TlsDomain: "MAIL.contoso.com" } };
    const { plan } = computeUndoPlan([
      { ...inbound, status: "failed" },
      { ...organization, status: "skipped" },
      { ...comment, action: "nop" },
      unchanged,
    ]);
    expect(plan.operations).toEqual([]);
  });

  it("says so when a change's earlier values were not recorded", () => {
    const { plan, cannotUndo } = computeUndoPlan([{ ...outbound, observedBefore: null }]);
    expect(plan.operations).toEqual([]);
    expect(cannotUndo).toEqual([
      {
        side: "Online",
        cmdlet: "Set-OutboundConnector",
        identity: "Outbound to o",
        why: "Set-OutboundConnector Outbound to o: its properties before the change were not recorded, so they cannot be restored.",
      },
    ]);
  });

  it("writes the account namespace back as -AccountNamespace takes it, without Exchange's label", () => {
    const identifier = operation({
      id: "fed",
      side: "OnPremises",
      task: "Federation",
      kind: "FederatedOrganizationIdentifier",
      cmdlet: "Set-FederatedOrganizationIdentifier",
      identity: "Federation",
      parameters: { AccountNamespace: "fabrikam.com", Enabled: true },
      after: { AccountNamespace: "fabrikam.com", Enabled: true },
      observedBefore: { AccountNamespace: "FYDIBOHF25SPDLT.fabrikam.net", Enabled: true },
    });
    expect(computeUndoPlan([identifier]).plan.operations[0]!.parameters).toEqual({
      AccountNamespace: "fabrikam.net",
    });
  });
});

describe("the dedicated hybrid application's Microsoft Graph operations", () => {
  const APP = "ExchangeServerApp-o";
  const graph = (fields: Parameters<typeof operation>[0]) =>
    operation({ side: "Graph", task: "HybridApplication", ...fields });

  it("deletes the app the run created, and nothing more for its principal and consent (Graph deletes them with it)", () => {
    const app = graph({
      id: "app",
      kind: "GraphApplication",
      cmdlet: "New-MgApplication",
      identity: APP,
      after: { DisplayName: APP, KeyCredentials: ["AA", "BB"] },
      values: { id: "object-id", appId: "client-id" },
    });
    const principal = graph({
      id: "sp",
      kind: "GraphServicePrincipal",
      cmdlet: "New-MgServicePrincipal",
      identity: APP,
      dependsOn: ["app"],
      values: { id: "sp-id" },
    });
    const consent = graph({
      id: "consent",
      kind: "GraphAppRoleAssignment",
      cmdlet: "New-MgServicePrincipalAppRoleAssignment",
      identity: `${APP} full_access_as_app`,
      dependsOn: ["sp"],
      values: { id: "grant-id" },
    });
    const { plan, cannotUndo } = computeUndoPlan([app, principal, consent]);
    expect(cannotUndo).toEqual([]);
    expect(plan.operations.map((entry) => [entry.cmdlet, entry.parameters])).toEqual([
      ["Remove-MgApplication", { Id: "object-id" }],
    ]);
  });

  it("puts back the key credentials an existing app had, by their ids, and removes a consent it added", () => {
    const update = graph({
      id: "update",
      kind: "GraphApplication",
      cmdlet: "Update-MgApplication",
      identity: APP,
      parameters: { Id: "object-id", KeyCredentials: [{ keep: "k1" }, { certificateThumbprint: "BB" }] },
      before: { KeyCredentials: ["AA"] },
      after: { KeyCredentials: ["AA", "BB"] },
      observedBefore: { Id: "object-id", KeyCredentials: ["AA"], KeyIds: ["k1"] },
    });
    const consent = graph({
      id: "consent",
      kind: "GraphAppRoleAssignment",
      cmdlet: "New-MgServicePrincipalAppRoleAssignment",
      identity: `${APP} full_access_as_app`,
      parameters: { ServicePrincipalId: "sp-id" },
      after: { AdminConsent: "full_access_as_app on Office 365 Exchange Online" },
      values: { id: "grant-id" },
    });
    const { plan } = computeUndoPlan([update, consent]);
    expect(plan.operations.map((entry) => [entry.cmdlet, entry.parameters, entry.after])).toEqual([
      [
        "Remove-MgServicePrincipalAppRoleAssignment",
        { ServicePrincipalId: "sp-id", AppRoleAssignmentId: "grant-id" },
        { AdminConsent: null },
      ],
      [
        "Update-MgApplication",
        { Id: "object-id", KeyCredentials: [{ keep: "k1" }] },
        { KeyCredentials: ["AA"] },
      ],
    ]);
  });
});
