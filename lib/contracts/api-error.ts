import { z } from "zod";

/**
 * The error body every API route answers with (lib/http/handle-route.ts): a stable code to branch on, a
 * message that says what to fix, and what else the error carries (a reason, a claims challenge,
 * the fields to correct, the id that finds the log line).
 */
export const ZApiErrorBodySchema = z.object({
  error: z.looseObject({
    code: z.string(),
    message: z.string(),
    /** The API page's entry for the code: what it means and what to do (a path on this service). */
    docs: z.string().optional(),
    reason: z.string().optional(),
    claims: z.string().optional(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof ZApiErrorBodySchema>;
