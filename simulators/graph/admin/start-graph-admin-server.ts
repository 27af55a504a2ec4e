import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { z } from "zod";
import type { Directory } from "../../identity/directory/load-directory";
import { ZGraphFaultInputSchema } from "../model/graph-faults";
import { GraphTenants } from "../model/graph-tenants";
import { createGraphAdmin } from "./graph-admin";

// The Graph simulator's admin surface over HTTP, for the demo and for tests in other processes:
//   GET /tenants/{id}                     the tenant's state
//   POST /tenants/{id}/reset              back to what the directory gives it
//   POST /tenants/{id}/faults             a fault (docs/GRAPH-SIMULATOR.md); DELETE …/faults[/{faultId}]
//   PUT /tenants/{id}/rate-limit          {limit, windowSeconds}; DELETE to lift it
// Loopback only and unauthenticated: it exists to break things on purpose.

const ZRateLimitSchema = z.object({
  limit: z.number().int().positive(),
  windowSeconds: z.number().int().positive(),
});

type Reply = { status: number; body: unknown };

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? JSON.parse(text) : {};
}

export async function startGraphAdminServer(options: {
  dataDir: string;
  directory: Directory;
  port: number;
}) {
  const admin = createGraphAdmin(new GraphTenants(options.dataDir, options.directory));

  async function route(method: string, path: string, request: IncomingMessage): Promise<Reply> {
    const [collection, tenantId, action, faultId] = path.split("/").filter(Boolean).map(decodeURIComponent);
    if (collection !== "tenants" || !tenantId) return { status: 404, body: { error: "No such route" } };
    if (method === "GET" && !action) return { status: 200, body: await admin.read(tenantId) };
    if (method === "POST" && action === "reset") {
      await admin.reset(tenantId);
      return { status: 200, body: await admin.read(tenantId) };
    }
    if (method === "POST" && action === "faults") {
      return {
        status: 201,
        body: await admin.setFault(tenantId, ZGraphFaultInputSchema.parse(await readBody(request))),
      };
    }
    if (method === "DELETE" && action === "faults") {
      await admin.clearFaults(tenantId, faultId);
      return { status: 204, body: null };
    }
    if (action === "rate-limit" && (method === "PUT" || method === "DELETE")) {
      const limit = method === "DELETE" ? null : ZRateLimitSchema.parse(await readBody(request));
      await admin.setRateLimit(tenantId, limit);
      return { status: method === "DELETE" ? 204 : 200, body: limit };
    }
    return { status: 404, body: { error: "No such route" } };
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    route(request.method ?? "GET", url.pathname, request)
      .catch((error: unknown): Reply => {
        if (error instanceof z.ZodError || error instanceof SyntaxError)
          return { status: 400, body: { error: error.message } };
        const message = error instanceof Error ? error.message : String(error);
        return { status: /^No tenant /.test(message) ? 404 : 500, body: { error: message } };
      })
      .then(({ status, body }) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(body === null ? undefined : JSON.stringify(body));
      });
  });
  await new Promise<void>((resolve) => server.listen(options.port, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
