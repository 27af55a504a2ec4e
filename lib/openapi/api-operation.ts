import type { z } from "zod";

/** Who may call an operation: a signed-in admin (bearer token for our API), a paired agent, anyone. */
export type ApiAuth = "user" | "agent" | "none";

export interface ApiOperation {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** OpenAPI's path template: `{runId}` where the route folder says `[runId]`. */
  path: string;
  summary: string;
  tag:
    | "Wizard runs"
    | "Update"
    | "Done"
    | "Agents"
    | "Agent wire"
    | "Account"
    | "Members"
    | "Audit"
    | "Partners"
    | "Service";
  auth: ApiAuth;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The success answer: JSON by default; `events` for server-sent events, `text` for plain text. */
  response: { status: number; schema?: z.ZodType; events?: z.ZodType; text?: boolean };
  /** It starts work (a run, a write, a job): it takes an `Idempotency-Key` (lib/http/idempotent.ts). */
  startsWork?: true;
}
