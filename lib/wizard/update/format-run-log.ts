import { type RunLogDocument, ZOperationFailureSchema } from "@/lib/contracts/wizard-update";
import type { PlanValue } from "@/lib/wizard/plan/plan-types";
import { powerShellLine } from "@/lib/wizard/plan/powershell-line";

// The run's log as a person reads it: one line per event, and under each cmdlet the PowerShell it
// ran (secrets already redacted when the line was written), its duration, output or error with the
// HCW code and the fix.

export function formatRunLogText(log: RunLogDocument): string {
  const out = [`Hybrid Wizard update log: run ${log.runId} (${log.tenant}), ${log.status}`, ""];
  for (const line of log.lines) {
    out.push(`${line.at}  ${line.level.toUpperCase().padEnd(5)}  ${line.message}`);
    const details = line.details ?? {};
    if (typeof details.cmdlet === "string" && details.parameters && details.status === undefined) {
      const parameters = details.parameters as Record<string, PlanValue>;
      out.push(`    PS> ${powerShellLine({ cmdlet: details.cmdlet, parameters })}`);
    }
    if (typeof details.durationMs === "number") out.push(`    took ${details.durationMs} ms`);
    const failure = ZOperationFailureSchema.safeParse(details.error);
    if (failure.success) {
      if (failure.data.title) {
        const codes = failure.data.hcwCodes ? `${failure.data.hcwCodes.join("/")}: ` : "";
        out.push(`    ${codes}${failure.data.title}`);
      }
      if (failure.data.fix) out.push(`    Fix: ${failure.data.fix}`);
    }
  }
  return `${out.join("\n")}\n`;
}
