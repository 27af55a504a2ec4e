import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { randomCrockford, sha256 } from "@/lib/crypto/hashing";
import { createDb, type Db } from "@/lib/db";
import {
  createMigratedDatabase,
  openTestDatabaseServer,
  type TestDatabaseServer,
} from "@/tests/helpers/test-database";
import { startWebApp } from "@/tests/helpers/web-app";

// Forged X-Forwarded-For against the production server, on a database of its own (the per-source
// pairing limit it fills would otherwise refuse other tests' pairings from loopback).
let databaseServer: TestDatabaseServer;
let db: Db;
let tenantId: string;
let direct: Awaited<ReturnType<typeof startWebApp>>;
let behindProxy: Awaited<ReturnType<typeof startWebApp>>;

beforeAll(async () => {
  databaseServer = await openTestDatabaseServer(inject("databaseServerUrl"));
  const databaseUrl = await createMigratedDatabase(databaseServer, "hw_client_address");
  db = createDb(databaseUrl);
  tenantId = (
    await db.tenant.create({
      data: {
        entraTenantId: crypto.randomUUID(),
        cloud: "Worldwide",
        displayName: "Contoso (addresses)",
        initialDomain: "contoso.onmicrosoft.com",
      },
    })
  ).id;
  [direct, behindProxy] = await Promise.all([
    startWebApp({ databaseUrl }),
    startWebApp({ databaseUrl, env: { TRUSTED_PROXY_HOPS: "1" } }),
  ]);
});

afterAll(async () => {
  await Promise.all([direct?.stop(), behindProxy?.stop()]);
  await db?.$disconnect();
  await databaseServer?.close();
});

async function newCode(): Promise<string> {
  const publicId = randomCrockford(6);
  const secret = randomCrockford(10);
  await db.pairingCode.create({
    data: { tenantId, publicId, secretHash: sha256(secret), expiresAt: new Date(Date.now() + 600_000) },
  });
  return `${publicId}-${secret}`;
}

const publicKeyJwk = { kty: "RSA", n: "AQAB".repeat(128), e: "AQAB" };

async function pair(web: { url: string }, code: string, forwardedFor?: string) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (forwardedFor !== undefined) headers["x-forwarded-for"] = forwardedFor;
  const response = await fetch(`${web.url}/api/agent/v1/pair`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      code,
      name: "EX1",
      host: "ex1",
      version: "test",
      runAs: "CONTOSO\\svc",
      publicKeyJwk,
    }),
  });
  const body = (await response.json()) as { agentId?: string; error?: { code: string } };
  return { status: response.status, body };
}

async function recordedAddress(web: { url: string }, forwardedFor?: string): Promise<string | null> {
  const paired = await pair(web, await newCode(), forwardedFor);
  expect(paired.status).toBe(200);
  const agent = await db.agent.findUniqueOrThrow({ where: { id: paired.body.agentId } });
  const audit = await db.auditEvent.findFirstOrThrow({
    where: { targetId: agent.id, action: "agent.paired" },
  });
  expect(audit.ipAddress).toBe(agent.lastSeenFrom);
  return agent.lastSeenFrom;
}

describe("the address a request comes from", () => {
  it("is the connection's, not what the caller wrote in X-Forwarded-For", async () => {
    expect(await recordedAddress(direct)).toBe("127.0.0.1");
    expect(await recordedAddress(direct, "203.0.113.9")).toBe("127.0.0.1");
    expect(await recordedAddress(direct, "203.0.113.9, 198.51.100.4")).toBe("127.0.0.1");
  });

  it("cannot be changed per request to slip past the per-source pairing limit", async () => {
    const answers: number[] = [];
    for (let index = 0; index < 11; index++) {
      answers.push((await pair(direct, "ZZZZZZ-ZZZZZZZZZZ", `198.51.100.${index}`)).status);
    }
    expect(answers.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(answers[10]).toBe(429);
  });

  it("behind one trusted proxy, is the entry that proxy appended, and never a value that is not an IP", async () => {
    await db.rateLimitCounter.deleteMany(); // the test before filled loopback's
    // The web server appends the connection's address (the proxy's, 127.0.0.1 here) itself.
    expect(await recordedAddress(behindProxy, "203.0.113.9")).toBe("203.0.113.9");
    expect(await recordedAddress(behindProxy, "1.1.1.1, 203.0.113.10")).toBe("203.0.113.10");
    expect(await recordedAddress(behindProxy, "not-an-address")).toBe("unknown");
    // Straight to the app, past the proxy: the connection's own address.
    expect(await recordedAddress(behindProxy)).toBe("127.0.0.1");
  });
});
