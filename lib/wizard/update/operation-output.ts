import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";

// What an operation's write left in `Operation.output`: a short summary for the Update page, and
// for a Microsoft Graph write the ids Graph gave (the new application's `appId` and `id`), which a
// later operation's `{ fromOperation, output }` parameter takes at run time. Never a secret.

const ZOutputSchema = z.union([
  z.string(),
  z.object({ summary: z.string(), values: z.record(z.string(), z.string()) }),
]);

export type OutputValues = Record<string, string>;

export function storedOutput(summary: string, values?: OutputValues): Prisma.InputJsonValue {
  return values && Object.keys(values).length > 0 ? { summary, values } : summary;
}

export function summaryOf(output: Prisma.JsonValue): string | null {
  const parsed = ZOutputSchema.safeParse(output);
  if (!parsed.success) return null;
  return typeof parsed.data === "string" ? parsed.data : parsed.data.summary;
}

export function valuesOf(output: Prisma.JsonValue): OutputValues {
  const parsed = ZOutputSchema.safeParse(output);
  return parsed.success && typeof parsed.data !== "string" ? parsed.data.values : {};
}
