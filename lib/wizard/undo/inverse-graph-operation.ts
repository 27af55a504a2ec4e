import { operationId } from "@/lib/wizard/plan/plan-object";
import type { PlanOperation, PlanValue } from "@/lib/wizard/plan/plan-types";
import type { ExecutedOperation } from "./executed-operation";
import type { Inverse, InverseContext } from "./inverse-operation";
import { objectKey } from "./object-of-operation";

// The inverse of a Microsoft Graph operation of the dedicated hybrid application: the application
// the run created is deleted (Graph deletes its service principal and consent with it); a principal
// or consent the run added to an application that was there already is deleted alone; an
// application whose key credentials or permissions the run changed gets back exactly those it had
// (read just before the write); the Auth certificate taken off the shared principal is put back.

function created(operation: ExecutedOperation, kind: string, context: InverseContext): boolean {
  return context.created.has(objectKey({ side: "Graph", kind, identity: applicationNameOf(operation) }));
}

/** The consent's identity is `<application> full_access_as_app`; the others name the application. */
function applicationNameOf(operation: ExecutedOperation): string {
  return operation.identity.replace(/ full_access_as_app$/, "");
}

function nulls(values: Record<string, PlanValue>): Record<string, PlanValue> {
  return Object.fromEntries(Object.keys(values).map((property) => [property, null]));
}

function inverse(
  operation: ExecutedOperation,
  fields: Pick<PlanOperation, "action" | "cmdlet" | "parameters" | "before" | "after">,
): Inverse {
  return {
    operations: [
      {
        id: operationId(operation.task, "Graph", fields.cmdlet, operation.identity),
        side: "Graph",
        task: operation.task,
        kind: operation.kind,
        identity: operation.identity,
        dependsOn: [],
        ...fields,
      },
    ],
  };
}

function unknownId(operation: ExecutedOperation): Inverse {
  return {
    operations: [],
    cannotUndo: `${operation.cmdlet} ${operation.identity}: the id Microsoft Graph gave it was not recorded, so it cannot be deleted here (delete it in Entra ID).`,
  };
}

function strings(value: PlanValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

export function inverseOfGraph(operation: ExecutedOperation, context: InverseContext): Inverse {
  const leftAs = context.leftAs.get(objectKey(operation)) ?? operation.after;
  const id = operation.values?.id;
  switch (operation.cmdlet) {
    case "New-MgApplication":
      if (!id) return unknownId(operation);
      return inverse(operation, {
        action: "remove",
        cmdlet: "Remove-MgApplication",
        parameters: { Id: id },
        before: leftAs,
        after: nulls(leftAs),
      });
    case "New-MgServicePrincipal":
      if (created(operation, "GraphApplication", context)) return { operations: [] };
      if (!id) return unknownId(operation);
      return inverse(operation, {
        action: "remove",
        cmdlet: "Remove-MgServicePrincipal",
        parameters: { Id: id },
        before: leftAs,
        after: nulls(leftAs),
      });
    case "New-MgServicePrincipalAppRoleAssignment":
      if (created(operation, "GraphApplication", context)) return { operations: [] };
      if (!id) return unknownId(operation);
      return inverse(operation, {
        action: "remove",
        cmdlet: "Remove-MgServicePrincipalAppRoleAssignment",
        parameters: {
          ServicePrincipalId: operation.parameters.ServicePrincipalId ?? null,
          AppRoleAssignmentId: id,
        },
        before: leftAs,
        after: nulls(leftAs),
      });
    case "Update-MgApplication": {
      if (created(operation, "GraphApplication", context)) return { operations: [] };
      const observed = operation.observedBefore;
      if (!observed) {
        return {
          operations: [],
          cannotUndo: `${operation.cmdlet} ${operation.identity}: its key credentials before the change were not recorded, so they cannot be restored.`,
        };
      }
      const changed = Object.keys(operation.after);
      return inverse(operation, {
        action: "update",
        cmdlet: "Update-MgApplication",
        parameters: {
          Id: observed.Id ?? null,
          ...(changed.includes("KeyCredentials")
            ? { KeyCredentials: strings(observed.KeyIds).map((keyId) => ({ keep: keyId })) }
            : {}),
          ...(changed.includes("RequiredResourceAccess")
            ? { RequiredResourceAccess: observed.Resources ?? [] }
            : {}),
        },
        before: operation.after,
        after: Object.fromEntries(changed.map((property) => [property, observed[property] ?? null])),
      });
    }
    case "Update-MgServicePrincipal": {
      // The shared principal lost the on-premises Auth certificate: it gets it back from on-premises.
      const kept = Array.isArray(operation.parameters.KeyCredentials)
        ? operation.parameters.KeyCredentials
        : [];
      const taken = strings(operation.before.KeyCredentials).filter(
        (print) => !strings(operation.after.KeyCredentials).includes(print),
      );
      return inverse(operation, {
        action: "update",
        cmdlet: "Update-MgServicePrincipal",
        parameters: {
          Id: operation.parameters.Id ?? null,
          KeyCredentials: [
            ...kept,
            ...taken.map((thumbprint) => ({
              certificateThumbprint: thumbprint,
              type: "AsymmetricX509Cert",
              usage: "Verify",
            })),
          ],
        },
        before: { KeyCredentials: operation.after.KeyCredentials ?? [] },
        after: { KeyCredentials: operation.before.KeyCredentials ?? [] },
      });
    }
    default:
      return {
        operations: [],
        cannotUndo: `${operation.cmdlet} ${operation.identity} has no inverse the wizard knows.`,
      };
  }
}
