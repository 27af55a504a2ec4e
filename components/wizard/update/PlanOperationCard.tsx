import type { ReviewedOperation } from "@/lib/contracts/wizard-update";
import { showPlanValue as shown } from "@/lib/wizard/plan/show-plan-value";
import { CopyButton } from "./CopyButton";

const ACTION_WORDS = { new: "New", update: "Update", remove: "Remove", nop: "Unchanged" } as const;
const ACTION_STYLES = {
  new: "bg-emerald-100 text-emerald-800",
  update: "bg-amber-100 text-amber-900",
  remove: "bg-rose-100 text-rose-800",
  nop: "bg-slate-100 text-slate-600",
} as const;

/** One operation of the plan: what it does to which object, each property before → after, its PowerShell. */
export function PlanOperationCard({ operation }: { operation: ReviewedOperation }) {
  const properties = Object.keys(operation.after);
  return (
    <li data-testid="plan-operation" className="rounded border border-slate-200 p-3">
      <div className="flex flex-wrap items-baseline gap-2">
        <span className={`rounded px-2 py-0.5 text-xs font-semibold ${ACTION_STYLES[operation.action]}`}>
          {ACTION_WORDS[operation.action]}
        </span>
        <span data-testid="plan-cmdlet" className="font-mono text-sm text-slate-900">
          {operation.cmdlet}
        </span>
        <span data-testid="plan-identity" className="text-sm text-slate-700">
          {operation.identity}
        </span>
      </div>
      {operation.action !== "nop" && properties.length > 0 && (
        <table className="mt-2 w-full text-sm">
          <caption className="sr-only">
            {operation.identity}: each property before and after this change
          </caption>
          <thead>
            <tr className="text-left text-slate-500">
              <th scope="col" className="pr-4 font-medium">
                Property
              </th>
              <th scope="col" className="pr-4 font-medium">
                Now
              </th>
              <th scope="col" className="font-medium">
                After the update
              </th>
            </tr>
          </thead>
          <tbody>
            {properties.map((property) => (
              <tr key={property} className="align-top">
                <th scope="row" className="pr-4 font-normal text-slate-700">
                  {property}
                </th>
                <td className="pr-4 text-slate-500">{shown(operation.before[property])}</td>
                <td className="text-slate-900">{shown(operation.after[property])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {operation.action !== "nop" && (
        <div className="mt-2 flex items-start gap-2">
          {/* Wrapped, not scrolled: a scrolled box would need a keyboard stop of its own (axe's scrollable-region-focusable). */}
          <pre className="min-w-0 flex-1 whitespace-pre-wrap wrap-anywhere rounded bg-slate-900 px-3 py-2 text-xs text-slate-100">
            <code>{operation.powershell}</code>
          </pre>
          <CopyButton text={operation.powershell} label={`Copy the PowerShell for ${operation.identity}`} />
        </div>
      )}
    </li>
  );
}
