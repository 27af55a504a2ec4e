import { EXCHANGE_ONLINE_APP_ID, FULL_ACCESS_AS_APP_ROLE_ID } from "@/lib/graph/graph-objects";
import { type GatheredGraph, thumbprintOf } from "@/lib/wizard/gather/gathered-graph";
import { operationId } from "../plan-object";
import { outputOf, type PlanOperation, type PlanValue } from "../plan-types";

// The Graph half of the dedicated hybrid application: the app (asking for full_access_as_app on
// Office 365 Exchange Online, with the on-premises Auth certificates as key credentials), its service
// principal, and admin consent. Each is created or completed, never duplicated; a complete app is
// `nop`. Key credentials are named by certificate thumbprint: the runner exports each certificate's
// public part through the agent and re-sends the ones kept (Graph replaces the collection whole).

const TASK = "HybridApplication";

export interface GraphSide {
  operations: PlanOperation[];
  /** The app's appId, or where the runner finds it once the app is created. */
  appId: PlanValue;
  /** The ids of the operations later ones wait for. */
  applicationIds: string[];
  consentIds: string[];
}

function operation(
  fields: Omit<PlanOperation, "id" | "side" | "task" | "dependsOn"> & { dependsOn?: string[] },
): PlanOperation {
  return {
    id: operationId(TASK, "Graph", fields.cmdlet, fields.identity),
    side: "Graph",
    task: TASK,
    dependsOn: [],
    ...fields,
  };
}

const FULL_ACCESS = {
  resourceAppId: EXCHANGE_ONLINE_APP_ID,
  resourceAccess: [{ id: FULL_ACCESS_AS_APP_ROLE_ID, type: "Role" }],
};

function certificateKey(thumbprint: string): PlanValue {
  return { certificateThumbprint: thumbprint, type: "AsymmetricX509Cert", usage: "Verify" };
}

function application(graph: GatheredGraph, name: string, thumbprints: string[]): PlanOperation[] {
  const app = graph.application;
  if (!app) {
    return [
      operation({
        action: "new",
        kind: "GraphApplication",
        cmdlet: "New-MgApplication",
        identity: name,
        parameters: {
          DisplayName: name,
          SignInAudience: "AzureADMyOrg",
          RequiredResourceAccess: [FULL_ACCESS],
          KeyCredentials: thumbprints.map(certificateKey),
        },
        before: { DisplayName: null, RequiredResourceAccess: null, KeyCredentials: null },
        after: {
          DisplayName: name,
          RequiredResourceAccess: ["full_access_as_app"],
          KeyCredentials: thumbprints,
        },
      }),
    ];
  }
  const held = app.keyCredentials.map((key) => thumbprintOf(key)).filter((print): print is string => !!print);
  const missing = thumbprints.filter((print) => !held.includes(print));
  const asksFullAccess = (app.requiredRoles[EXCHANGE_ONLINE_APP_ID] ?? []).includes(
    FULL_ACCESS_AS_APP_ROLE_ID,
  );
  const parameters: Record<string, PlanValue> = {};
  const before: Record<string, PlanValue> = {};
  const after: Record<string, PlanValue> = {};
  if (!asksFullAccess) {
    const others = Object.entries(app.requiredRoles)
      .filter(([resource]) => resource !== EXCHANGE_ONLINE_APP_ID)
      .map(([resourceAppId, roles]) => ({
        resourceAppId,
        resourceAccess: roles.map((id) => ({ id, type: "Role" })),
      }));
    parameters.RequiredResourceAccess = [...others, FULL_ACCESS];
    before.RequiredResourceAccess = app.requiredRoles[EXCHANGE_ONLINE_APP_ID] ?? [];
    after.RequiredResourceAccess = [
      ...(app.requiredRoles[EXCHANGE_ONLINE_APP_ID] ?? []),
      "full_access_as_app",
    ];
  }
  if (missing.length > 0) {
    // Every credential the app has is kept: a certificate an admin added stays.
    parameters.KeyCredentials = [
      ...app.keyCredentials.map((key) => ({ keep: key.keyId })),
      ...missing.map(certificateKey),
    ];
    before.KeyCredentials = held;
    after.KeyCredentials = [...held, ...missing];
  }
  const changes = Object.keys(parameters).length > 0;
  return [
    operation({
      action: changes ? "update" : "nop",
      kind: "GraphApplication",
      cmdlet: "Update-MgApplication",
      identity: name,
      parameters: changes ? { Id: app.id, ...parameters } : {},
      before,
      after,
    }),
  ];
}

export function planGraphSide(graph: GatheredGraph, name: string, thumbprints: string[]): GraphSide {
  const [app] = application(graph, name, thumbprints);
  const created = graph.application === null;
  const appId: PlanValue = graph.application ? graph.application.appId : outputOf(app!.id, "appId");
  const principal = graph.servicePrincipal;
  const principalOperation = principal
    ? undefined
    : operation({
        action: "new",
        kind: "GraphServicePrincipal",
        cmdlet: "New-MgServicePrincipal",
        identity: name,
        parameters: { AppId: appId },
        before: { AppId: null },
        after: { AppId: appId },
        dependsOn: created ? [app!.id] : [],
      });
  const principalId: PlanValue = principal ? principal.id : outputOf(principalOperation!.id, "id");
  const consented = graph.assignments.some(
    (assignment) =>
      assignment.appRoleId === FULL_ACCESS_AS_APP_ROLE_ID &&
      assignment.resourceId === graph.exchangeOnline.id,
  );
  const consent = operation({
    action: consented ? "nop" : "new",
    kind: "GraphAppRoleAssignment",
    cmdlet: "New-MgServicePrincipalAppRoleAssignment",
    identity: `${name} full_access_as_app`,
    parameters: consented
      ? {}
      : {
          ServicePrincipalId: principalId,
          PrincipalId: principalId,
          ResourceId: graph.exchangeOnline.id,
          AppRoleId: FULL_ACCESS_AS_APP_ROLE_ID,
        },
    before: consented ? {} : { AdminConsent: null },
    after: consented ? {} : { AdminConsent: "full_access_as_app on Office 365 Exchange Online" },
    dependsOn: principalOperation ? [principalOperation.id] : [],
  });
  const operations = [app!, ...(principalOperation ? [principalOperation] : []), consent];
  return { operations, appId, applicationIds: [app!.id], consentIds: [consent.id] };
}

/**
 * Optional: the on-premises Auth certificates taken off the shared Office 365 Exchange Online
 * principal, as Microsoft's script does once every server uses the dedicated app.
 */
export function sharedPrincipalCleanup(
  graph: GatheredGraph,
  thumbprints: string[],
  dependsOn: string[],
): PlanOperation[] {
  const keys = graph.exchangeOnline.keyCredentials;
  const ours = keys.filter((key) => thumbprints.includes(thumbprintOf(key) ?? ""));
  if (ours.length === 0) return [];
  const kept = keys.filter((key) => !ours.includes(key));
  const shown = (list: typeof keys) => list.map((key) => thumbprintOf(key) ?? key.keyId);
  return [
    operation({
      action: "update",
      kind: "GraphServicePrincipal",
      cmdlet: "Update-MgServicePrincipal",
      identity: "Office 365 Exchange Online",
      parameters: { Id: graph.exchangeOnline.id, KeyCredentials: kept.map((key) => ({ keep: key.keyId })) },
      before: { KeyCredentials: shown(keys) },
      after: { KeyCredentials: shown(kept) },
      dependsOn,
    }),
  ];
}
