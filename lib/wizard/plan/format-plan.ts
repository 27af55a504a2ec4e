import type { Plan, PlanOperation } from "./plan-types";
import { showPlanValue as show } from "./show-plan-value";

// The two ways the dry run prints a plan: one JSON object a line for scripts and tests, and a table
// for a person at a terminal.

/** `{"side","task","action","cmdlet","parameters","identity","before","after"}`, in that order. */
export function formatPlanJsonLines(plan: Plan): string[] {
  return plan.operations.map((operation) =>
    JSON.stringify({
      side: operation.side,
      task: operation.task,
      action: operation.action,
      cmdlet: operation.cmdlet,
      parameters: operation.parameters,
      identity: operation.identity,
      before: operation.before,
      after: operation.after,
    }),
  );
}

function changeLines(operation: PlanOperation): string[] {
  return Object.keys(operation.after).map(
    (property) =>
      `      ${property}: ${show(operation.before[property])} → ${show(operation.after[property])}`,
  );
}

const SIDE = { OnPremises: "on-premises", Online: "Exchange Online", Graph: "Microsoft Graph" } as const;

/** A table for people: task, side, action, cmdlet and identity, then what changes under each write. */
export function formatPlanTable(plan: Plan): string {
  const rows = plan.operations.map((operation) => [
    operation.task,
    SIDE[operation.side],
    operation.action,
    operation.cmdlet,
    operation.identity,
  ]);
  const header = ["task", "side", "action", "cmdlet", "identity"];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join("  ");
  const out = [line(header), line(widths.map((width) => "-".repeat(width)))];
  plan.operations.forEach((operation, index) => {
    out.push(line(rows[index]!));
    if (operation.action !== "nop") out.push(...changeLines(operation));
  });
  const writes = plan.operations.filter((operation) => operation.action !== "nop").length;
  out.push(
    "",
    `${writes} write${writes === 1 ? "" : "s"}, ${plan.operations.length - writes} left as they are.`,
  );
  for (const note of plan.notes) out.push(`note: ${note}`);
  return out.join("\n");
}
