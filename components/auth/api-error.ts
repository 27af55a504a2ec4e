import { z } from "zod";

// The error body every API route answers with (lib/http/handle-route.ts), read in the browser.
const ZApiErrorBody = z.object({
  error: z.looseObject({
    code: z.string(),
    message: z.string(),
    reason: z.string().optional(),
    claims: z.string().optional(),
  }),
});

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly reason?: string,
    /** Whatever else the error carried, e.g. a claims challenge. */
    readonly details: { claims?: string } = {},
  ) {
    super(message);
  }
}

/** The response's JSON when it is OK; otherwise an ApiError carrying the server's message. */
export async function readApiResponse<T>(response: Response, schema: z.ZodType<T>): Promise<T> {
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) return schema.parse(body);
  const parsed = ZApiErrorBody.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(response.status, "unexpected", `The service answered ${response.status}. Try again.`);
  }
  const { code, message, reason, claims } = parsed.data.error;
  throw new ApiError(response.status, code, message, reason, { claims });
}
