import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { z } from "zod";
import { onPremisesStateFile } from "../fixtures/seed-organization-pair";
import { ExchangeError } from "../model/exchange-error";
import { ZFaultInputSchema } from "../model/faults";
import { openOnPremisesOrganization } from "../on-premises/open-on-premises-organization";
import { createExchangeAdmin, type OrganizationTarget } from "./exchange-admin";

// The simulators' admin surface over HTTP, for the demo and for tests in other processes.
// Loopback only and unauthenticated: it exists to break things on purpose.

const ZSeedSchema = z.object({ fixture: z.union([z.string(), z.record(z.string(), z.unknown())]) });
const ZRateLimitSchema = z.object({
  limit: z.number().int().positive(),
  windowSeconds: z.number().int().positive(),
});
const ZInvokeSchema = z.object({
  cmdletName: z.string(),
  parameters: z.record(z.string(), z.unknown()).default({}),
});

type Reply = { status: number; body: unknown };

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? JSON.parse(text) : {};
}

function targetOf(side: string, id: string): OrganizationTarget {
  return side === "on-premises" ? { side: "OnPremises", organization: id } : { side: "Online", tenantId: id };
}

export async function startExchangeAdminServer(options: { dataDir: string; port: number; host?: string }) {
  const admin = createExchangeAdmin(options.dataDir);

  async function route(method: string, path: string, request: IncomingMessage): Promise<Reply> {
    const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
    if (method === "GET" && path === "/fixtures")
      return { status: 200, body: { fixtures: await admin.listShippedFixtures() } };
    if (method === "POST" && path === "/pairs") {
      return { status: 201, body: await admin.seed(ZSeedSchema.parse(await readBody(request)).fixture) };
    }
    const [side, id, action, faultId] = parts;
    if ((side !== "on-premises" && side !== "online") || !id)
      return { status: 404, body: { error: "No such route" } };
    const target = targetOf(side, id);
    if (method === "GET" && !action) return { status: 200, body: await admin.read(target) };
    if (method === "POST" && action === "reset") return { status: 200, body: await admin.reset(target) };
    if (method === "POST" && action === "faults") {
      return {
        status: 201,
        body: await admin.setFault(target, ZFaultInputSchema.parse(await readBody(request))),
      };
    }
    if (method === "DELETE" && action === "faults") {
      await admin.clearFaults(target, faultId);
      return { status: 204, body: null };
    }
    if (side === "online" && action === "rate-limit") {
      const limit = method === "DELETE" ? null : ZRateLimitSchema.parse(await readBody(request));
      await admin.setRateLimit(id, limit);
      return { status: method === "DELETE" ? 204 : 200, body: limit };
    }
    if (side === "on-premises" && method === "POST" && action === "invoke") {
      const { cmdletName, parameters } = ZInvokeSchema.parse(await readBody(request));
      const organization = await openOnPremisesOrganization({
        stateFile: onPremisesStateFile(options.dataDir, id),
      });
      return { status: 200, body: await organization.invoke(cmdletName, parameters) };
    }
    return { status: 404, body: { error: "No such route" } };
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    route(request.method ?? "GET", url.pathname, request)
      .catch((error: unknown): Reply => {
        if (error instanceof ExchangeError) return { status: 400, body: { error: error.data } };
        if (error instanceof z.ZodError || error instanceof SyntaxError) {
          return { status: 400, body: { error: error.message } };
        }
        const message = error instanceof Error ? error.message : String(error);
        return {
          status: /No simulated Exchange organization/.test(message) ? 404 : 500,
          body: { error: message },
        };
      })
      .then(({ status, body }) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(body === null ? undefined : JSON.stringify(body));
      });
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
