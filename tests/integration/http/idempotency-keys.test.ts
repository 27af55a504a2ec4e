import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { ZWizardRunSchema } from "@/lib/contracts/wizard-runs";
import { createDb, type Db } from "@/lib/db";
import { seedDemo } from "@/scripts/lib/seed-demo";
import {
  serviceEnvFor,
  startTestIdentityProvider,
  type TestIdentityProvider,
  trustIdentityProviderCa,
} from "@/tests/helpers/identity";
import {
  createMigratedDatabase,
  openTestDatabaseServer,
  type TestDatabaseServer,
} from "@/tests/helpers/test-database";
import { ACCOUNTS, signInAs } from "@/tests/integration/identity/scenario";

// A script that sends a request again (a dropped connection, a timeout) with its Idempotency-Key
// gets the first answer and starts nothing twice; the route handlers run in-process as Next calls
// them, against a real database and real access tokens.

type RouteHandler = (request: Request, route: { params: Promise<unknown> }) => Promise<Response>;

let idp: TestIdentityProvider;
let databaseServer: TestDatabaseServer;
let db: Db;
let adele: string;
let diego: string;

beforeAll(async () => {
  idp = await startTestIdentityProvider();
  trustIdentityProviderCa(idp);
  databaseServer = await openTestDatabaseServer(inject("databaseServerUrl"));
  const databaseUrl = await createMigratedDatabase(databaseServer, "hw_idempotency");
  const { NODE_EXTRA_CA_CERTS: _startUpOnly, ...cloudEnv } = serviceEnvFor(idp);
  for (const [name, value] of Object.entries({
    ...cloudEnv,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: "silent",
    TOKEN_CACHE_KEYS: `idempotency:${randomBytes(32).toString("base64")}`,
  }))
    vi.stubEnv(name, value);
  db = createDb(databaseUrl);
  await seedDemo(db, idp.directory);
  adele = (await signInAs(idp, ACCOUNTS.adele)).access_token;
  diego = (await signInAs(idp, ACCOUNTS.diego)).access_token;
});

afterAll(async () => {
  await db?.$disconnect();
  await databaseServer?.close();
  await idp?.stop();
  vi.unstubAllEnvs();
});

async function post(handler: RouteHandler, path: string, token: string, key?: string) {
  const headers = new Headers({ authorization: `Bearer ${token}` });
  if (key) headers.set("idempotency-key", key);
  return handler(new Request(`http://localhost${path}`, { method: "POST", headers }), {
    params: Promise.resolve({}),
  });
}

describe("Idempotency-Key", () => {
  it("answers a repeated new run with the first run, and makes one", async () => {
    const { POST } = await import("@/app/api/wizard/runs/route");
    const before = await db.wizardRun.count();
    const key = randomUUID();
    const first = await post(POST, "/api/wizard/runs", adele, key);
    const again = await post(POST, "/api/wizard/runs", adele, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(ZWizardRunSchema.parse(await again.json()).id).toBe(ZWizardRunSchema.parse(await first.json()).id);
    expect(await db.wizardRun.count()).toBe(before + 1);

    // Without a key, or with a new one, a request is a new request.
    expect((await post(POST, "/api/wizard/runs", adele)).status).toBe(201);
    expect((await post(POST, "/api/wizard/runs", adele, randomUUID())).status).toBe(201);
    expect(await db.wizardRun.count()).toBe(before + 3);
  });

  it("keeps a pairing code's answer encrypted, and one person's key is not another's", async () => {
    const { POST } = await import("@/app/api/agents/pairing-codes/route");
    const key = randomUUID();
    const first = await (await post(POST, "/api/agents/pairing-codes", adele, key)).json();
    const again = await (await post(POST, "/api/agents/pairing-codes", adele, key)).json();
    expect(again.code).toBe(first.code);
    const rows = await db.idempotentRequest.findMany({ where: { key } });
    expect(rows).toHaveLength(1);
    expect(Buffer.from(rows[0]?.ciphertext ?? []).toString("latin1")).not.toContain(first.code);

    // Another admin (Fabrikam's) sending the same key starts their own request.
    const theirs = await (await post(POST, "/api/agents/pairing-codes", diego, key)).json();
    expect(theirs.code).not.toBe(first.code);
  });

  it("refuses the key sent with another request, saying why", async () => {
    const runs = await import("@/app/api/wizard/runs/route");
    const codes = await import("@/app/api/agents/pairing-codes/route");
    const key = randomUUID();
    expect((await post(runs.POST, "/api/wizard/runs", adele, key)).status).toBe(201);
    const reused = await post(codes.POST, "/api/agents/pairing-codes", adele, key);
    expect(reused.status).toBe(422);
    expect((await reused.json()).error).toMatchObject({
      code: "idempotency_key_reused",
      docs: "/docs/api#error-idempotency_key_reused",
    });
  });

  it("lets a failed request's key go, so the retry runs", async () => {
    const { POST } = await import("@/app/api/wizard/runs/[runId]/undo-run/route");
    const key = randomUUID();
    const missing = randomUUID();
    const send = () =>
      POST(
        new Request(`http://localhost/api/wizard/runs/${missing}/undo-run`, {
          method: "POST",
          headers: { authorization: `Bearer ${adele}`, "idempotency-key": key },
        }),
        { params: Promise.resolve({ runId: missing }) },
      );
    expect((await send()).status).toBe(404);
    expect(await db.idempotentRequest.count({ where: { key } })).toBe(0);
    expect((await send()).status).toBe(404);
  });
});
