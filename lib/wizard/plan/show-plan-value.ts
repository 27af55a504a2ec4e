import { type PlanValue, ZOperationOutputSchema } from "./plan-types";

// A plan value in words, for the Review plan page, Done's undo plan and the dry run's table. A value
// known only once an earlier operation ran is said as what it will be ("appId of New-MgApplication
// ExchangeServerApp-…"); a key credential named by its certificate, as that certificate.

/** `<task>:<side>:<cmdlet>:<identity>` → "<cmdlet> <identity>". */
function operationWords(operationId: string): string {
  const [, , cmdlet, ...identity] = operationId.split(":");
  return cmdlet ? `${cmdlet} ${identity.join(":")}` : operationId;
}

export function showPlanValue(value: PlanValue | undefined): string {
  if (value === null || value === undefined) return "(none)";
  if (Array.isArray(value))
    return value.length === 0 ? "(empty)" : value.map((item) => showPlanValue(item)).join(", ");
  const output = ZOperationOutputSchema.safeParse(value);
  if (output.success)
    return `(${output.data.output} of ${operationWords(output.data.fromOperation)}, once it has run)`;
  if (typeof value === "object") {
    if (typeof value.certificateThumbprint === "string")
      return `the on-premises certificate ${value.certificateThumbprint}`;
    if (typeof value.keep === "string") return `the key credential ${value.keep}, kept`;
    return JSON.stringify(value);
  }
  return String(value);
}
