import { CommandBlock } from "@/components/CommandBlock";
import { operationAsPowerShell } from "@/lib/wizard/plan/operation-as-powershell";
import type { Plan } from "@/lib/wizard/plan/plan-types";
import { showPlanValue as shown } from "@/lib/wizard/plan/show-plan-value";

const SIDE = { OnPremises: "On-premises", Online: "Exchange Online", Graph: "Microsoft Graph" } as const;

/** A plan's operations as the review shows them: what changes, before → after, and the exact cmdlet. */
export function PlanOperations({ plan }: { plan: Plan }) {
  if (plan.operations.length === 0) return <p className="text-slate-600">Nothing to change.</p>;
  return (
    <ol className="space-y-4">
      {plan.operations.map((operation) => (
        <li key={operation.id} className="rounded border border-slate-200 p-3">
          <p className="font-medium text-slate-800">
            {SIDE[operation.side]}: {operation.action} {operation.kind}{" "}
            <span className="font-mono">{operation.identity}</span>
          </p>
          <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 text-sm text-slate-700">
            {Object.keys(operation.after).map((property) => (
              <div key={property} className="contents">
                <dt className="text-slate-500">{property}</dt>
                <dd>
                  {shown(operation.before[property])} → {shown(operation.after[property])}
                </dd>
              </div>
            ))}
          </dl>
          <CommandBlock lines={[operationAsPowerShell(operation)]} />
        </li>
      ))}
    </ol>
  );
}
