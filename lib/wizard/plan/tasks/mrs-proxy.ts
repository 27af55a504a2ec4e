import { findServer } from "@/lib/wizard/gather/gathered-lookups";
import type { PlanContext } from "../plan-context";
import { findNamed, planObject } from "../plan-object";
import type { PlanTaskStep } from "../plan-task";
import type { PlanOperation } from "../plan-types";

// MRSProxy: mailbox moves reach on-premises through the MRS proxy of each EWS virtual directory;
// then, with the migration endpoint on, Exchange Online's endpoint for remote moves (HCW8078 when
// MRSProxy is off or EWS is not reachable from outside).

const ENDPOINT_NAME = "Hybrid Migration Endpoint - EWS (Default Web Site)";

function mrsProxies(context: PlanContext): PlanOperation[] {
  return context.gathered.onPremises.webServicesVirtualDirectories
    .filter(
      (directory) =>
        directory.Name === "EWS (Default Web Site)" &&
        !findServer(context.gathered, directory.Server)?.IsEdgeServer,
    )
    .flatMap((directory) =>
      planObject({
        task: "MRSProxy",
        side: "OnPremises",
        kind: "WebServicesVirtualDirectory",
        existing: directory,
        identity: directory.Identity,
        settingsAtCreation: true,
        wanted: { MRSProxyEnabled: true },
      }),
    );
}

function migrationEndpoint(context: PlanContext, dependsOn: string[]): PlanOperation[] {
  const credential = context.answers.migrationCredential;
  if (!context.answers.features.migrationEndpoint || !credential) return [];
  const endpoints = context.gathered.online.migrationEndpoints;
  // An endpoint already reaching this server serves the moves, whatever it is called.
  const existing =
    findNamed(endpoints, [ENDPOINT_NAME]) ??
    endpoints.find((endpoint) => endpoint.RemoteServer?.toLowerCase() === context.ewsHost.toLowerCase());
  return planObject({
    task: "MRSProxy",
    side: "Online",
    kind: "MigrationEndpoint",
    existing,
    identity: existing?.Name ?? ENDPOINT_NAME,
    creation: { Name: ENDPOINT_NAME, ExchangeRemoteMove: true },
    settingsAtCreation: true,
    wanted: { RemoteServer: context.ewsHost },
    dependsOn,
    credentials: {
      Credentials: { userName: credential.userName, secretReference: credential.secretReference },
    },
  });
}

export const planMrsProxy: PlanTaskStep = (context) => {
  const proxies = mrsProxies(context);
  return [
    ...proxies,
    ...migrationEndpoint(
      context,
      proxies.map((operation) => operation.id),
    ),
  ];
};
