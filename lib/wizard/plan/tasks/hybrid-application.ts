import { buildOf, dedicatedAppSupport, formatBuild, productOf } from "@/lib/wizard/gather/exchange-builds";
import { hybridApplicationName } from "@/lib/wizard/gather/gathered-graph";
import type { PlanContext } from "../plan-context";
import { operationId, planObject } from "../plan-object";
import { idsOf, type PlanTaskStep } from "../plan-task";
import type { PlanOperation, PlanValue } from "../plan-types";
import { planGraphSide, sharedPrincipalCleanup } from "./hybrid-application-graph";

// HybridApplication: the dedicated Exchange hybrid application, after IntraOrganization's OAuth.
// Since 31 October 2025 Exchange Online refuses on-premises EWS calls made through the shared
// first-party principal, so free/busy, MailTips and photos from on-premises need an app of the
// tenant's own. Microsoft's HCW creates the app; its script does the rest, which this task also
// plans: the EvoSts auth server learns the app's id, a setting override switches Exchange to it
// (then the topology service refreshes), optionally the app's id joins Exchange Online's EWS
// allow-list and the shared principal loses the on-premises certificate.

const TASK = "HybridApplication";
export const OVERRIDE_NAME = "EnableExchangeHybrid3PAppFeature";
const OVERRIDE_SECTION = "ExchangeOnpremAsThirdPartyAppId";

/** Each non-Edge server on a build with the April 2025 hotfix, else what to install, per server. */
function serversBehind(context: PlanContext): string[] {
  return context.gathered.onPremises.exchangeServers
    .filter((server) => !server.IsEdgeServer)
    .flatMap((server) => {
      const { build, fromFile } = buildOf(server);
      if (!build) return [`${server.Name} (its version could not be read)`];
      const support = dedicatedAppSupport(build);
      if (support.supported && fromFile) return [];
      if (support.supported)
        return [`${server.Name} (ExSetup.exe's version was not read, so its security update is unknown)`];
      const needed = support.minimum
        ? ` needs ${formatBuild(support.minimum)} or later`
        : " has no supported build";
      return [`${server.Name}: ${productOf(build)} ${formatBuild(build)}${needed}`];
    });
}

function authServer(
  context: PlanContext,
  earlier: readonly PlanOperation[],
  appId: PlanValue,
  dependsOn: string[],
) {
  const name = `EvoSts - ${context.tenantGuid}`;
  const gathered = context.gathered.onPremises.authServers.find(
    (server) => server.Name.toLowerCase() === name.toLowerCase(),
  );
  const created = earlier.find(
    (operation) => operation.cmdlet === "New-AuthServer" && operation.identity === name,
  );
  if (!gathered && !created) return [];
  return planObject({
    task: TASK,
    side: "OnPremises",
    kind: "AuthServer",
    existing: gathered ?? { Name: name, ApplicationIdentifier: null },
    identity: name,
    settingsAtCreation: true,
    wanted: { ApplicationIdentifier: appId },
    dependsOn: [...dependsOn, ...(created ? [created.id] : [])],
  });
}

function settingOverride(context: PlanContext, dependsOn: string[]): PlanOperation[] {
  const existing = context.gathered.onPremises.settingOverrides.find(
    (override) => override.SectionName?.toLowerCase() === OVERRIDE_SECTION.toLowerCase(),
  );
  if (existing) {
    const enabled = existing.Parameters.some(
      (parameter) => parameter.replace(/\s/g, "").toLowerCase() === "enabled=true",
    );
    if (!enabled) {
      context.notes.push(
        `The setting override ${existing.Name} (section ${OVERRIDE_SECTION}) does not say Enabled=true, so Exchange keeps using the shared principal: remove it (Remove-SettingOverride) and plan again.`,
      );
    }
    return planObject({
      task: TASK,
      side: "OnPremises",
      kind: "SettingOverride",
      existing,
      identity: existing.Name,
      settingsAtCreation: true,
      wanted: {},
      dependsOn,
    });
  }
  const [created] = planObject({
    task: TASK,
    side: "OnPremises",
    kind: "SettingOverride",
    existing: undefined,
    identity: OVERRIDE_NAME,
    creation: {
      Name: OVERRIDE_NAME,
      Component: "Global",
      Section: OVERRIDE_SECTION,
      Parameters: ["Enabled=true"],
      Reason: "Hybrid Wizard: use the dedicated Exchange hybrid application",
    },
    settingsAtCreation: true,
    wanted: {},
    dependsOn,
  });
  // Exchange reads overrides at its topology service's next refresh: ask for it now.
  const refresh: PlanOperation = {
    id: operationId(TASK, "OnPremises", "Get-ExchangeDiagnosticInfo", OVERRIDE_NAME),
    side: "OnPremises",
    task: TASK,
    action: "update",
    kind: "SettingOverride",
    cmdlet: "Get-ExchangeDiagnosticInfo",
    parameters: {
      Process: "Microsoft.Exchange.Directory.TopologyService",
      Component: "VariantConfiguration",
      Argument: "Refresh",
    },
    identity: OVERRIDE_NAME,
    before: { VariantConfiguration: "without the override" },
    after: { VariantConfiguration: "refreshed" },
    dependsOn: [created!.id],
  };
  return [created!, refresh];
}

/** The app's id joins Exchange Online's EWS allow-list; Set-OrganizationConfig replaces the list, so it is sent whole. */
function ewsAllowList(context: PlanContext, appId: PlanValue, dependsOn: string[]): PlanOperation[] {
  if (!context.answers.features.allowHybridApplicationInEws) return [];
  const config = context.gathered.online.organizationConfig;
  const current = config.EwsAllowedAppIDs;
  const present = typeof appId === "string" && current.some((id) => id.toLowerCase() === appId.toLowerCase());
  return planObject({
    task: TASK,
    side: "Online",
    kind: "OrganizationConfig",
    existing: config,
    identity: config.Guid,
    singleton: true,
    settingsAtCreation: true,
    wanted: { EwsAllowedAppIDs: present ? current : [...current, appId] },
    dependsOn,
  });
}

export const planHybridApplication: PlanTaskStep = (context, earlier) => {
  if (!context.oauth || !context.answers.features.dedicatedHybridApplication) return [];
  const graph = context.gathered.graph;
  if (!graph) {
    context.notes.push(
      "Microsoft Graph was not read (the Gathering page says why), so the dedicated Exchange hybrid application is not planned: gather again signed in, so the wizard can read the tenant's applications.",
    );
    return [];
  }
  const behind = serversBehind(context);
  if (behind.length > 0) {
    context.notes.push(
      `The dedicated Exchange hybrid application is not planned: every Exchange server needs a build with the April 2025 hotfix (2016 CU23 15.1.2507.55, 2019 CU14 15.2.1544.25, 2019 CU15 15.2.1748.24, SE RTM 15.2.2562.17). Update ${behind.join("; ")}; then gather again.`,
    );
    return [];
  }
  const auth = context.gathered.onPremises.authConfig;
  const thumbprints = [auth?.CurrentCertificateThumbprint, auth?.NextCertificateThumbprint]
    .filter((print): print is string => !!print)
    .map((print) => print.toUpperCase());
  if (thumbprints.length === 0) {
    context.notes.push(
      "Get-AuthConfig names no Auth certificate, so the dedicated Exchange hybrid application (which signs in with it) is not planned: create one with New-ExchangeCertificate and Set-AuthConfig (or run the HCW's OAuth step), then gather again.",
    );
    return [];
  }
  const name = hybridApplicationName(context.onPremisesGuid);
  const side = planGraphSide(graph, name, thumbprints);
  if (
    side.consentIds.length > 0 &&
    side.operations.some(
      (operation) => operation.kind === "GraphAppRoleAssignment" && operation.action === "new",
    )
  ) {
    context.notes.push(
      `Admin consent to full_access_as_app for ${name} needs a Global or Privileged Role Administrator. If it is refused, the rest still runs and the HCW's warning HCW8126 applies: grant admin consent to ${name} in Entra ID (Enterprise applications → Permissions), then run the wizard again.`,
    );
  }
  const onPremises = [
    ...authServer(context, earlier, side.appId, [
      ...side.applicationIds,
      ...idsOf(earlier, "AuthServer", "OnPremises"),
    ]),
  ];
  // Not after the consent: refused, it is HCW8126's warning and the rest still runs, as in the HCW.
  const override = settingOverride(context, [
    ...side.applicationIds,
    ...onPremises.map((operation) => operation.id),
  ]);
  const ews = ewsAllowList(context, side.appId, side.applicationIds);
  const cleanup = context.answers.features.removeSharedPrincipalCertificate
    ? sharedPrincipalCleanup(
        graph,
        thumbprints,
        override.map((operation) => operation.id),
      )
    : [];
  if (cleanup.length > 0) {
    context.notes.push(
      "The on-premises Auth certificate is taken off the shared Office 365 Exchange Online principal: from then on only the dedicated application carries on-premises calls to Exchange Online, so an Exchange server not yet switched to it (the override not yet refreshed there) loses free/busy, MailTips and photos to the cloud until it is.",
    );
  }
  return [...side.operations, ...onPremises, ...override, ...ews, ...cleanup];
};
