import { describe, expect, it } from "vitest";
import { EXCHANGE_ONLINE_APP_ID, FULL_ACCESS_AS_APP_ROLE_ID } from "@/lib/graph/graph-objects";
import type { Answers } from "@/lib/wizard/answers/answers";
import type { GatheredGraph, GatheredState } from "@/lib/wizard/gather/gathered-state";
import { computePlan } from "@/lib/wizard/plan/compute-plan";
import { type PlanOperation, writesOf } from "@/lib/wizard/plan/plan-types";
import { computeUndoPlan } from "@/lib/wizard/undo/compute-undo-plan";
import { judgeBeforeWrite, objectRead } from "@/lib/wizard/update/object-before-write";
import { gatherFixture, shippedAnswers, tenantFactsOf } from "./gather-from-fixture";

// The dedicated Exchange hybrid application over contoso (both servers on 2019 CU14 with the April
// 2025 hotfix), with Microsoft Graph's side as a gather would find it: nothing yet, or the app in
// some state of completion.

const G = "5b2de0bc-75c7-4d17-9f3c-7470d80b3c52";
const O = "4232ba78-e54f-47d0-b3de-fc1bde24904d";
const APP = `ExchangeServerApp-${O}`;
const TASK = "HybridApplication";
const OVERRIDE = "EnableExchangeHybrid3PAppFeature";
const EXO_PRINCIPAL = "9d8c7b6a-0000-4000-8000-00000000e0e0";

const keyOf = (thumbprint: string, keyId: string) => ({
  keyId,
  customKeyIdentifier: Buffer.from(thumbprint, "hex").toString("base64"),
  displayName: null,
  endDateTime: null,
});

function emptyGraph(): GatheredGraph {
  return {
    application: null,
    servicePrincipal: null,
    assignments: [],
    exchangeOnline: { id: EXO_PRINCIPAL, keyCredentials: [] },
  };
}

/** The app as a complete earlier run left it. */
function completeGraph(authThumbprint: string): GatheredGraph {
  return {
    application: {
      id: "a0000000-0000-4000-8000-000000000001",
      appId: "a0000000-0000-4000-8000-0000000000ap",
      displayName: APP,
      keyCredentials: [keyOf(authThumbprint, "k0000000-0000-4000-8000-000000000001")],
      requiredRoles: { [EXCHANGE_ONLINE_APP_ID]: [FULL_ACCESS_AS_APP_ROLE_ID] },
    },
    servicePrincipal: {
      id: "s0000000-0000-4000-8000-000000000001",
      appId: "a0000000-0000-4000-8000-0000000000ap",
    },
    assignments: [{ id: "consent", appRoleId: FULL_ACCESS_AS_APP_ROLE_ID, resourceId: EXO_PRINCIPAL }],
    exchangeOnline: { id: EXO_PRINCIPAL, keyCredentials: [] },
  };
}

async function plan(
  options: {
    graph?: (state: GatheredState) => GatheredGraph | null;
    state?: (state: GatheredState) => void;
    answers?: (answers: Answers) => void;
    /** contoso stages a next Auth certificate; most cases are about the current one alone. */
    withNext?: boolean;
  } = {},
) {
  const { pair, state } = await gatherFixture("contoso");
  // What the agent's ExSetup.exe probe reports for contoso (the in-process gather has no agent).
  for (const server of state.onPremises.exchangeServers) server.FileVersion = "15.02.1544.025";
  if (!options.withNext) state.onPremises.authConfig!.NextCertificateThumbprint = null;
  options.state?.(state);
  state.graph = options.graph ? options.graph(state) : emptyGraph();
  const answers = structuredClone(await shippedAnswers("contoso"));
  options.answers?.(answers);
  return { pair, state, plan: computePlan({ gathered: state, answers, tenant: tenantFactsOf(pair) }) };
}

function task(operations: readonly PlanOperation[]) {
  return operations.filter((operation) => operation.task === TASK);
}

const line = (operation: PlanOperation) =>
  `${operation.side} ${operation.action} ${operation.cmdlet} ${operation.identity}`;

/** contoso as the earlier tasks leave it, with the app complete: the EvoSts server and the override in place. */
function completed(state: GatheredState, appId: string) {
  state.onPremises.authServers.push({
    Identity: `EvoSts - ${G}`,
    Name: `EvoSts - ${G}`,
    Type: "AzureAD",
    AuthMetadataUrl:
      "https://login.windows.net/contoso.onmicrosoft.com/federationmetadata/2007-06/federationmetadata.xml",
    DomainName: [],
    Enabled: true,
    ApplicationIdentifier: appId,
  });
  state.onPremises.settingOverrides.push({
    Identity: "EnableExchangeHybrid3PAppFeature",
    Name: "EnableExchangeHybrid3PAppFeature",
    ComponentName: "Global",
    SectionName: "ExchangeOnpremAsThirdPartyAppId",
    Parameters: ["Enabled=true"],
  });
}

describe("the dedicated Exchange hybrid application", () => {
  it("a first run creates the app, its principal and consent, then switches on-premises to it", async () => {
    const { state, plan: result } = await plan({ withNext: true });
    const thumbprint = state.onPremises.authConfig!.CurrentCertificateThumbprint!;
    const next = state.onPremises.authConfig!.NextCertificateThumbprint!;
    expect(next).not.toBe(thumbprint);
    const operations = task(result.operations);
    expect(operations.map(line)).toEqual([
      `Graph new New-MgApplication ${APP}`,
      `Graph new New-MgServicePrincipal ${APP}`,
      `Graph new New-MgServicePrincipalAppRoleAssignment ${APP} full_access_as_app`,
      `OnPremises update Set-AuthServer EvoSts - ${G}`,
      "OnPremises new New-SettingOverride EnableExchangeHybrid3PAppFeature",
      "OnPremises update Get-ExchangeDiagnosticInfo EnableExchangeHybrid3PAppFeature",
    ]);
    const [app, principal, consent, authServer, override, refresh] = operations;
    expect(app!.parameters).toEqual({
      DisplayName: APP,
      SignInAudience: "AzureADMyOrg",
      RequiredResourceAccess: [
        {
          resourceAppId: EXCHANGE_ONLINE_APP_ID,
          resourceAccess: [{ id: FULL_ACCESS_AS_APP_ROLE_ID, type: "Role" }],
        },
      ],
      // The current and the next Auth certificate, as Get-AuthConfig names them.
      KeyCredentials: [
        { certificateThumbprint: thumbprint, type: "AsymmetricX509Cert", usage: "Verify" },
        { certificateThumbprint: next, type: "AsymmetricX509Cert", usage: "Verify" },
      ],
    });
    // What Graph gives the new app is used where it is needed: the runner fills it in.
    expect(principal!.parameters).toEqual({ AppId: { fromOperation: app!.id, output: "appId" } });
    expect(consent!.parameters).toMatchObject({
      PrincipalId: { fromOperation: principal!.id, output: "id" },
      ResourceId: EXO_PRINCIPAL,
      AppRoleId: FULL_ACCESS_AS_APP_ROLE_ID,
    });
    expect(authServer!.parameters).toEqual({
      Identity: `EvoSts - ${G}`,
      ApplicationIdentifier: { fromOperation: app!.id, output: "appId" },
    });
    // The EvoSts server is created by IntraOrganization in this same plan.
    expect(authServer!.dependsOn).toContain(`IntraOrganization:OnPremises:New-AuthServer:EvoSts - ${G}`);
    expect(override!.parameters).toEqual({
      Name: "EnableExchangeHybrid3PAppFeature",
      Component: "Global",
      Section: "ExchangeOnpremAsThirdPartyAppId",
      Parameters: ["Enabled=true"],
      Reason: "Hybrid Wizard: use the dedicated Exchange hybrid application",
    });
    expect(refresh!.parameters).toEqual({
      Process: "Microsoft.Exchange.Directory.TopologyService",
      Component: "VariantConfiguration",
      Argument: "Refresh",
    });
    expect(refresh!.dependsOn).toEqual([override!.id]);
    expect(result.notes).toContainEqual(
      expect.stringMatching(/HCW8126 applies: grant admin consent to ExchangeServerApp-/),
    );
    const tasks = result.operations.map((operation) => operation.task);
    expect(tasks.indexOf(TASK)).toBeGreaterThan(tasks.lastIndexOf("IntraOrganization"));
    // Each operation waits only for ones planned before it, so the update can run them in order.
    const seen = new Set<string>();
    for (const entry of result.operations) {
      for (const dependency of entry.dependsOn)
        expect(seen, `${entry.id} → ${dependency}`).toContain(dependency);
      seen.add(entry.id);
    }
  });

  it("a complete app, auth server and override plan nothing", async () => {
    const { plan: result } = await plan({
      graph: (state) => completeGraph(state.onPremises.authConfig!.CurrentCertificateThumbprint!),
      state: (state) => completed(state, "a0000000-0000-4000-8000-0000000000ap"),
    });
    expect(task(result.operations).map(line)).toEqual([
      `Graph nop Update-MgApplication ${APP}`,
      `Graph nop New-MgServicePrincipalAppRoleAssignment ${APP} full_access_as_app`,
      `OnPremises nop Set-AuthServer EvoSts - ${G}`,
      "OnPremises nop New-SettingOverride EnableExchangeHybrid3PAppFeature",
    ]);
    expect(result.notes.join("\n")).not.toMatch(/HCW8126/);
  });

  it("the next Auth certificate is added to the app's key credentials, keeping the ones it has", async () => {
    const next = "ABCDEF0123456789ABCDEF0123456789ABCDEF01";
    const { state, plan: result } = await plan({
      state: (gathered) => {
        gathered.onPremises.authConfig!.NextCertificateThumbprint = next;
        completed(gathered, "a0000000-0000-4000-8000-0000000000ap");
      },
      graph: (gathered) => completeGraph(gathered.onPremises.authConfig!.CurrentCertificateThumbprint!),
    });
    const current = state.onPremises.authConfig!.CurrentCertificateThumbprint!;
    const writes = writesOf({ operations: task(result.operations) });
    expect(writes.map(line)).toEqual([`Graph update Update-MgApplication ${APP}`]);
    expect(writes[0]!.parameters).toEqual({
      Id: "a0000000-0000-4000-8000-000000000001",
      KeyCredentials: [
        { keep: "k0000000-0000-4000-8000-000000000001" },
        { certificateThumbprint: next, type: "AsymmetricX509Cert", usage: "Verify" },
      ],
    });
    expect(writes[0]!.before).toEqual({ KeyCredentials: [current] });
    expect(writes[0]!.after).toEqual({ KeyCredentials: [current, next] });
  });

  it("a server below the required build: the task is not planned, and the note names the server and the build", async () => {
    const { plan: result } = await plan({
      state: (state) => {
        state.onPremises.exchangeServers.find((server) => server.Name === "EX2")!.FileVersion =
          "15.02.1544.004";
      },
    });
    expect(task(result.operations)).toEqual([]);
    expect(result.notes).toContainEqual(
      expect.stringMatching(
        /not planned: .*Update EX2: Exchange 2019 15\.2\.1544\.4 needs 15\.2\.1544\.25 or later/,
      ),
    );
  });

  it("EwsAllowedAppIDs: the app's id is added to the ids already there, the list sent whole", async () => {
    const appId = "a0000000-0000-4000-8000-0000000000ap";
    const existing = ["11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"];
    const { plan: result } = await plan({
      graph: (state) => completeGraph(state.onPremises.authConfig!.CurrentCertificateThumbprint!),
      state: (state) => {
        completed(state, appId);
        state.online.organizationConfig.EwsAllowedAppIDs = existing;
      },
      answers: (answers) => {
        answers.features.allowHybridApplicationInEws = true;
      },
    });
    const [set] = writesOf({ operations: task(result.operations) });
    expect(line(set!)).toBe(`Online update Set-OrganizationConfig ${G}`);
    expect(set!.parameters).toEqual({ EwsAllowedAppIDs: [...existing, appId] });
    expect(set!.before).toEqual({ EwsAllowedAppIDs: existing });
  });

  it("the shared principal keeps other certificates and loses the on-premises one, only when asked", async () => {
    const other = "0123456789ABCDEF0123456789ABCDEF01234567";
    const withShared = (state: GatheredState) => {
      const graph = completeGraph(state.onPremises.authConfig!.CurrentCertificateThumbprint!);
      graph.exchangeOnline.keyCredentials = [
        keyOf(state.onPremises.authConfig!.CurrentCertificateThumbprint!, "shared-onprem"),
        keyOf(other, "shared-other"),
      ];
      return graph;
    };
    const state = (gathered: GatheredState) => completed(gathered, "a0000000-0000-4000-8000-0000000000ap");
    const off = await plan({ graph: withShared, state });
    expect(writesOf({ operations: task(off.plan.operations) })).toEqual([]);
    const on = await plan({
      graph: withShared,
      state,
      answers: (answers) => {
        answers.features.removeSharedPrincipalCertificate = true;
      },
    });
    const [cleanup] = writesOf({ operations: task(on.plan.operations) });
    expect(line(cleanup!)).toBe("Graph update Update-MgServicePrincipal Office 365 Exchange Online");
    expect(cleanup!.parameters).toEqual({ Id: EXO_PRINCIPAL, KeyCredentials: [{ keep: "shared-other" }] });
    expect(on.plan.notes).toContainEqual(expect.stringMatching(/loses free\/busy, MailTips and photos/));
  });

  it("without an Auth certificate on-premises, no app is planned and the note says how to make one", async () => {
    const { plan: result } = await plan({
      state: (state) => {
        state.onPremises.authConfig!.CurrentCertificateThumbprint = null;
      },
    });
    expect(task(result.operations)).toEqual([]);
    expect(result.notes).toContainEqual(
      expect.stringMatching(/names no Auth certificate.*New-ExchangeCertificate/),
    );
  });

  it("without Graph, declined, or in minimal hybrid, the task plans nothing", async () => {
    const unread = await plan({ graph: () => null });
    expect(task(unread.plan.operations)).toEqual([]);
    expect(unread.plan.notes).toContainEqual(expect.stringMatching(/Microsoft Graph was not read/));
    for (const change of [
      (answers: Answers) => {
        answers.features.dedicatedHybridApplication = false;
      },
      (answers: Answers) => {
        answers.features.hybrid = "minimal";
      },
    ]) {
      expect(task((await plan({ answers: change })).plan.operations)).toEqual([]);
    }
  });
});

describe("Undo of the run that switched on-premises to the app", () => {
  // The override is undone by Remove-SettingOverride, which first reads the override and compares it
  // with what the run left: under Get-'s names (SectionName, not -Section) and without the refresh's
  // "refreshed" (no property of it). Either mistake failed the removal as "changed since you
  // reviewed it", and the override stayed behind after an Undo that otherwise completed.
  it("removes the override as Exchange shows it, then refreshes the topology service", async () => {
    const { pair, plan: result } = await plan();
    const onPremises = task(result.operations).filter(
      (operation) => operation.side === "OnPremises" && operation.kind === "SettingOverride",
    );
    expect(onPremises.map((operation) => operation.cmdlet)).toEqual([
      "New-SettingOverride",
      "Get-ExchangeDiagnosticInfo",
    ]);
    for (const operation of onPremises) await pair.onPremises(operation.cmdlet, operation.parameters);

    const undo = computeUndoPlan(
      onPremises.map((operation) => ({ ...operation, status: "succeeded", observedBefore: null })),
    );
    const [removal, refresh] = undo.plan.operations;
    expect(removal).toMatchObject({ cmdlet: "Remove-SettingOverride", parameters: { Identity: OVERRIDE } });
    expect(refresh).toMatchObject({ cmdlet: "Get-ExchangeDiagnosticInfo", dependsOn: [removal!.id] });

    // The removal reads the override as the update does, and finds it as the run left it.
    const read = objectRead({ side: "OnPremises", kind: "SettingOverride", identity: OVERRIDE });
    const [current] = (await pair.onPremises(read!.cmdlet, read!.parameters)).value;
    expect(
      judgeBeforeWrite({
        action: "remove",
        before: removal!.before,
        after: removal!.after,
        current: current!,
        createdInThisRun: false,
        readBefore: false,
      }),
    ).toEqual({ verdict: "as-reviewed" });
    // The refresh after it has nothing to compare: its override is gone by then.
    expect(objectRead({ ...refresh!, side: "OnPremises" })).toBeNull();

    for (const operation of [removal!, refresh!])
      await pair.onPremises(operation.cmdlet, operation.parameters);
    expect((await pair.onPremises("Get-SettingOverride")).value).toEqual([]);
  });
});
