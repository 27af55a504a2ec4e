import type { OperationFailure } from "@/lib/contracts/wizard-update";
import { AppError } from "@/lib/errors";
import { grantAppRole, revokeAppRole } from "@/lib/graph/app-role-assignments";
import {
  createApplication,
  deleteApplication,
  getApplication,
  updateApplication,
} from "@/lib/graph/applications";
import type { GraphConnection } from "@/lib/graph/graph-client";
import type { RequiredResourceAccess } from "@/lib/graph/graph-objects";
import {
  createServicePrincipal,
  deleteServicePrincipal,
  getServicePrincipal,
  updateServicePrincipalKeys,
} from "@/lib/graph/service-principals";
import { describeFailure, isAppError } from "./describe-failure";
import { keyCredentialsOf } from "./graph-key-credentials";
import { ADMIN_CONSENT, graphObjectNow } from "./graph-object-now";
import type { OutputValues } from "./operation-output";
import type { OperationTransport, WriteOutcome } from "./operation-transports";

// Microsoft Graph operations, as the admin who confirmed (their delegated Graph token): a plan's
// Graph cmdlet is the Graph PowerShell name of one request (New-MgApplication is POST
// /applications…), its parameters that request's body. The object is read back as the plan spells
// it (graph-object-now.ts); Graph's 429 is waited out by the client (lib/graph/graph-client.ts).
// Graph's refusals are final (the job ends); its being away is the service's trouble (retried).

type Parameters = Record<string, unknown>;

const text = (parameters: Parameters, name: string): string => {
  const value = parameters[name];
  if (typeof value !== "string" || value.length === 0)
    throw new AppError("graph_error", `The plan's Graph operation has no ${name}.`);
  return value;
};
const list = (parameters: Parameters, name: string): unknown[] | undefined =>
  Array.isArray(parameters[name]) ? (parameters[name] as unknown[]) : undefined;

async function send(
  graph: GraphConnection,
  onPremises: () => Promise<OperationTransport>,
  cmdlet: string,
  parameters: Parameters,
): Promise<{ objects: unknown[]; values: OutputValues }> {
  switch (cmdlet) {
    case "New-MgApplication": {
      const app = await createApplication({
        graph,
        displayName: text(parameters, "DisplayName"),
        requiredResourceAccess: (list(parameters, "RequiredResourceAccess") ??
          []) as RequiredResourceAccess[],
        keyCredentials: await keyCredentialsOf({
          references: list(parameters, "KeyCredentials") ?? [],
          held: async () => [],
          onPremises,
        }),
      });
      return { objects: [app], values: { id: app.id, appId: app.appId } };
    }
    case "Update-MgApplication": {
      const id = text(parameters, "Id");
      const references = list(parameters, "KeyCredentials");
      const app = await getApplication({ graph, id, withKeys: references !== undefined });
      const requiredResourceAccess = list(parameters, "RequiredResourceAccess") as
        | RequiredResourceAccess[]
        | undefined;
      await updateApplication({
        graph,
        id,
        ...(requiredResourceAccess ? { requiredResourceAccess } : {}),
        ...(references
          ? {
              keyCredentials: await keyCredentialsOf({
                references,
                held: async () => app.keyCredentials,
                onPremises,
              }),
            }
          : {}),
      });
      return { objects: [], values: { id: app.id, appId: app.appId } };
    }
    case "Remove-MgApplication":
      await deleteApplication({ graph, id: text(parameters, "Id") });
      return { objects: [], values: {} };
    case "New-MgServicePrincipal": {
      const principal = await createServicePrincipal({ graph, appId: text(parameters, "AppId") });
      return { objects: [principal], values: { id: principal.id, appId: principal.appId } };
    }
    case "Update-MgServicePrincipal": {
      const id = text(parameters, "Id");
      const principal = await getServicePrincipal({ graph, id, withKeys: true });
      await updateServicePrincipalKeys({
        graph,
        id,
        keyCredentials: await keyCredentialsOf({
          references: list(parameters, "KeyCredentials") ?? [],
          held: async () => principal.keyCredentials,
          onPremises,
        }),
      });
      return { objects: [], values: { id } };
    }
    case "Remove-MgServicePrincipal":
      await deleteServicePrincipal({ graph, id: text(parameters, "Id") });
      return { objects: [], values: {} };
    case "New-MgServicePrincipalAppRoleAssignment": {
      const assignment = await grantAppRole({
        graph,
        principalId: text(parameters, "PrincipalId"),
        resourceId: text(parameters, "ResourceId"),
        appRoleId: text(parameters, "AppRoleId"),
        permissionName: ADMIN_CONSENT,
      });
      return { objects: [assignment], values: { id: assignment.id } };
    }
    case "Remove-MgServicePrincipalAppRoleAssignment":
      await revokeAppRole({
        graph,
        principalId: text(parameters, "ServicePrincipalId"),
        assignmentId: text(parameters, "AppRoleAssignmentId"),
      });
      return { objects: [], values: {} };
    default:
      throw new AppError("graph_error", `${cmdlet} is not a Microsoft Graph request the wizard makes.`);
  }
}

/** Graph's refusal in the Update page's words; refused consent is HCW8126's warning: the rest runs on. */
export function describeGraphFailure(error: AppError, cmdlet: string): OperationFailure {
  const graphCode = error.details?.graphCode;
  const failure = describeFailure({
    side: "graph",
    cmdlet,
    message: error.message,
    httpStatus: error.status,
    ...(typeof graphCode === "string" ? { exchangeCode: graphCode } : {}),
  });
  return failure.hcwCodes?.includes("HCW8126") ? { ...failure, warning: true } : failure;
}

export function graphTransport(options: {
  graph: GraphConnection;
  /** The run's agent, for the Auth certificates' public part. */
  onPremises: () => Promise<OperationTransport>;
}): OperationTransport {
  const { graph, onPremises } = options;
  return {
    async read() {
      throw new AppError("graph_error", "Microsoft Graph objects are read with current().");
    },
    current: (operation) => graphObjectNow(graph, operation),
    async write(cmdlet, parameters): Promise<WriteOutcome> {
      try {
        const { objects, values } = await send(graph, onPremises, cmdlet, parameters);
        return { ok: true, objects, warnings: [], values };
      } catch (error) {
        if (!isAppError(error, "graph_error", "forbidden", "not_found", "conflict")) throw error;
        return { ok: false, failure: describeGraphFailure(error, cmdlet) };
      }
    },
  };
}
