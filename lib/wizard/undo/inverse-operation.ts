import { accountDomainOf } from "@/lib/exchange/account-namespace";
import { objectKind } from "@/lib/exchange/object-catalog";
import { sidesOf } from "@/lib/exchange/object-kind";
import { sameValue } from "@/lib/wizard/plan/compare-values";
import { asParameters, operationId } from "@/lib/wizard/plan/plan-object";
import type { PlanOperation, PlanValue } from "@/lib/wizard/plan/plan-types";
import { type ExchangeOperation, type ExecutedOperation, onExchange } from "./executed-operation";
import { inverseOfGraph } from "./inverse-graph-operation";
import { isSingletonWrite, objectKey, verbOf } from "./object-of-operation";

// The inverse of one applied operation: a New- is undone by the kind's Remove-, a Set- by a Set- of
// the properties it changed back to what was read just before it, Add-FederatedDomain by
// Remove-FederatedDomain. A Set- of an object the same run created needs nothing: removing the
// object undoes it. Some effects have no inverse at all; those are said, in the admin's words.

export interface InverseContext {
  /** Objects (objectKey) the run created. */
  created: ReadonlySet<string>;
  /** Each object's properties as the run left them: its operations' `after`, merged in order. */
  leftAs: ReadonlyMap<string, Record<string, PlanValue>>;
  /** Every applied operation of the run, in the order it ran. */
  applied: readonly ExecutedOperation[];
}

export interface Inverse {
  operations: PlanOperation[];
  /** Why part of what the operation did stays after Undo. */
  cannotUndo?: string;
  /** Something the admin may want to tidy by hand, though Undo has nothing to run for it. */
  note?: string;
}

const NOTHING: Inverse = { operations: [] };

/** A property as Get- returned it, spelt as its Set- parameter takes it. */
function asWritten(kind: string, property: string, value: PlanValue | undefined): PlanValue {
  if (value === undefined) return null;
  if (kind === "FederatedOrganizationIdentifier" && property === "AccountNamespace") {
    return accountDomainOf(typeof value === "string" ? value : null);
  }
  return value;
}

function nulls(values: Record<string, PlanValue>): Record<string, PlanValue> {
  return Object.fromEntries(Object.keys(values).map((property) => [property, null]));
}

function removal(operation: ExchangeOperation, context: InverseContext): Inverse {
  const entry = objectKind(operation.kind);
  const remove = entry.cmdlets.find(
    (cmdlet) =>
      cmdlet.verb === "remove" &&
      sidesOf(entry, cmdlet).includes(operation.side) &&
      cmdlet.parameters.every((parameter) => parameter === "Identity"),
  );
  if (!remove) {
    return {
      operations: [],
      cannotUndo: `Exchange has no cmdlet that removes a ${operation.kind}, so ${operation.identity} stays.`,
    };
  }
  // As Get- names the properties (SectionName), not as New- took them (-Section): what is compared.
  const asProperty = new Map(
    Object.entries(entry.parameterOf ?? {}).map(([property, parameter]) => [parameter, property]),
  );
  const leftAs = Object.fromEntries(
    Object.entries(context.leftAs.get(objectKey(operation)) ?? operation.after)
      .filter(([name]) => !entry.creationOnly?.includes(name))
      .map(([name, value]) => [asProperty.get(name) ?? name, value]),
  );
  return {
    operations: [
      {
        id: operationId(operation.task, operation.side, remove.name, operation.identity),
        side: operation.side,
        task: operation.task,
        action: "remove",
        kind: operation.kind,
        cmdlet: remove.name,
        parameters: remove.parameters.includes("Identity") ? { Identity: operation.identity } : {},
        identity: operation.identity,
        before: leftAs,
        after: nulls(leftAs),
        dependsOn: [],
      },
    ],
  };
}

/** Update-EmailAddressPolicy applied the policy; it is applied again once its templates are back. */
function reapplyPolicy(operation: ExecutedOperation, restore: PlanOperation, context: InverseContext) {
  const applied = context.applied.some(
    (other) => other.cmdlet === "Update-EmailAddressPolicy" && objectKey(other) === objectKey(operation),
  );
  if (!applied || operation.observedBefore?.RecipientFilterApplied === false) return [];
  return [
    {
      ...restore,
      id: operationId(operation.task, operation.side, "Update-EmailAddressPolicy", operation.identity),
      cmdlet: "Update-EmailAddressPolicy",
      parameters: { Identity: operation.identity, UpdateSecondaryAddressesOnly: true },
      before: { RecipientFilterApplied: false },
      after: { RecipientFilterApplied: true },
      dependsOn: [restore.id],
    },
  ];
}

function restoration(operation: ExchangeOperation, context: InverseContext): Inverse {
  if (context.created.has(objectKey(operation))) return NOTHING;
  const observed = operation.observedBefore;
  if (!observed) {
    return {
      operations: [],
      cannotUndo: `${operation.cmdlet} ${operation.identity}: its properties before the change were not recorded, so they cannot be restored.`,
    };
  }
  const restored = Object.fromEntries(
    Object.keys(operation.after).map((property) => [
      property,
      asWritten(operation.kind, property, observed[property]),
    ]),
  );
  const changed = Object.keys(restored).filter(
    (property) => !sameValue(property, restored[property], operation.after[property]!),
  );
  if (changed.length === 0) return NOTHING;
  const back = Object.fromEntries(changed.map((property) => [property, restored[property]!]));
  const restore: PlanOperation = {
    id: operation.id,
    side: operation.side,
    task: operation.task,
    action: "update",
    kind: operation.kind,
    cmdlet: operation.cmdlet,
    parameters: {
      ...(isSingletonWrite(operation) ? {} : { Identity: operation.identity }),
      ...asParameters(operation.kind, back),
    },
    identity: operation.identity,
    before: Object.fromEntries(changed.map((property) => [property, operation.after[property]!])),
    after: back,
    dependsOn: [],
  };
  return { operations: [restore, ...reapplyPolicy(operation, restore, context)] };
}

/** Exchange reads setting overrides at the topology service's refresh: once more after a removal. */
function refreshOf(operation: ExchangeOperation): PlanOperation {
  return {
    id: operationId(operation.task, operation.side, "Get-ExchangeDiagnosticInfo", operation.identity),
    side: operation.side,
    task: operation.task,
    action: "update",
    kind: operation.kind,
    cmdlet: "Get-ExchangeDiagnosticInfo",
    parameters: {
      Process: "Microsoft.Exchange.Directory.TopologyService",
      Component: "VariantConfiguration",
      Argument: "Refresh",
    },
    identity: operation.identity,
    before: { VariantConfiguration: "with the override" },
    after: { VariantConfiguration: "refreshed" },
    dependsOn: [],
  };
}

function application(operation: ExchangeOperation, context: InverseContext): Inverse {
  switch (operation.cmdlet) {
    case "Add-FederatedDomain": {
      const domain = String(operation.parameters.DomainName);
      return {
        operations: [
          {
            id: operationId(operation.task, operation.side, "Remove-FederatedDomain", domain),
            side: operation.side,
            task: operation.task,
            action: "remove",
            kind: operation.kind,
            cmdlet: "Remove-FederatedDomain",
            parameters: { DomainName: domain },
            identity: domain,
            before: { FederatedDomain: domain },
            after: { FederatedDomain: null },
            dependsOn: [],
          },
        ],
      };
    }
    case "Get-ExchangeDiagnosticInfo":
      // An override the run created: its removal refreshes once more (removal, below). Else now.
      return context.created.has(objectKey(operation))
        ? NOTHING
        : { operations: [{ ...refreshOf(operation), dependsOn: [] }] };
    case "Update-EmailAddressPolicy":
      return {
        operations: [],
        cannotUndo: `Update-EmailAddressPolicy gave the recipients of '${operation.identity}' their secondary address in the coexistence domain. Exchange keeps addresses a policy has stamped, so they stay; they do no harm without the hybrid.`,
      };
    default:
      return {
        operations: [],
        cannotUndo: `${operation.cmdlet} ${operation.identity} has no inverse the wizard knows.`,
      };
  }
}

export function inverseOf(executed: ExecutedOperation, context: InverseContext): Inverse {
  if (!onExchange(executed)) return inverseOfGraph(executed, context);
  const operation = executed;
  switch (verbOf(operation)) {
    case "new": {
      const inverse = removal(operation, context);
      const [removed] = inverse.operations;
      if (operation.kind === "SettingOverride" && removed) {
        return { operations: [removed, { ...refreshOf(operation), dependsOn: [removed.id] }] };
      }
      return operation.cmdlet === "New-FederationTrust"
        ? {
            ...inverse,
            note: "The self-signed federation certificate (CN=Federation) stays on the Exchange server; remove it with Remove-ExchangeCertificate once no trust uses it.",
          }
        : inverse;
    }
    case "set":
      return restoration(operation, context);
    case "apply":
      return application(operation, context);
    case "read":
      return operation.cmdlet === "Get-FederatedDomainProof"
        ? {
            operations: [],
            note: `The TXT record you published for ${operation.identity} stays in DNS: remove it at your DNS host if you no longer want it.`,
          }
        : NOTHING;
    default:
      return {
        operations: [],
        cannotUndo: `${operation.cmdlet} ${operation.identity} has no inverse the wizard knows.`,
      };
  }
}
