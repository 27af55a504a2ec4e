import type { OperationProgress } from "@/lib/contracts/wizard-update";

const STATUS_WORDS: Record<OperationProgress["status"], string> = {
  pending: "Waiting",
  running: "Running",
  succeeded: "Done",
  failed: "Failed",
  skipped: "Unchanged",
  blocked: "Waits on a failed step",
};

const SIDE_WORDS = {
  OnPremises: "on-premises",
  Online: "Exchange Online",
  Graph: "Microsoft Graph",
} as const;

/** Each operation's status and time; a failure with Exchange's words, its HCW code and the fix. */
export function OperationStatusList({ operations }: { operations: readonly OperationProgress[] }) {
  return (
    <ol className="space-y-1">
      {operations
        .filter((operation) => operation.action !== "nop")
        .map((operation) => (
          <li key={operation.id} className="rounded border border-slate-200 px-3 py-2 text-sm">
            <div className="flex flex-wrap gap-2">
              <span className="w-40 font-semibold">
                {operation.error?.warning ? "Warning" : STATUS_WORDS[operation.status]}
              </span>
              <span className="font-mono">{operation.cmdlet}</span>
              <span>{operation.identity}</span>
              <span className="text-slate-500">({SIDE_WORDS[operation.side]})</span>
              {operation.durationMs !== null && (
                <span className="text-slate-500">{(operation.durationMs / 1000).toFixed(1)} s</span>
              )}
            </div>
            {operation.output && operation.status === "succeeded" && (
              <p className="text-slate-600">{operation.output}</p>
            )}
            {operation.error && (
              <div
                role="alert"
                className={`mt-1 rounded p-2 ${operation.error.warning ? "bg-amber-50 text-amber-900" : "bg-red-50 text-red-900"}`}
              >
                <p>{operation.error.message}</p>
                {operation.error.title && (
                  <p className="font-semibold">
                    {operation.error.hcwCodes && `${operation.error.hcwCodes.join(" / ")}: `}
                    {operation.error.title}
                  </p>
                )}
                {operation.error.fix && <p>Fix: {operation.error.fix}</p>}
              </div>
            )}
            {operation.blockedBy.length > 0 && (
              <p className="text-slate-600">Runs after a retry of: {operation.blockedBy.join(", ")}</p>
            )}
          </li>
        ))}
    </ol>
  );
}
