import { z } from "zod";

/** GET /api/health (200 when ok, 503 when degraded): for a load balancer or a person. */
export const ZHealthResponseSchema = z.object({
  status: z.enum(["ok", "degraded"]),
  db: z.enum(["ok", "unreachable"]),
  migrations: z.object({
    applied: z.number().int(),
    expected: z.number().int(),
    status: z.enum(["up-to-date", "pending", "unknown"]),
  }),
  version: z.string(),
});
export type HealthResponse = z.infer<typeof ZHealthResponseSchema>;
