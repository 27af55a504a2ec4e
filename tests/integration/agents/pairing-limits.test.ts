import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createPairingCode } from "@/lib/agents/create-pairing-code";
import { pairAgent } from "@/lib/agents/pair-agent";
import { randomCrockford, sha256 } from "@/lib/crypto/hashing";
import { createDb, type Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Tenant } from "@/lib/generated/prisma/client";
import { actingAsService, actingTenant } from "@/lib/tenants/acting-context";

// The pairing route's two limits, raced as an attacker would: many guesses at once.
let db: Db;
let tenantId: string;
let tenantRow: Tenant;

beforeAll(async () => {
  // A successful pairing announces the new agent over NOTIFY, on the database the env names.
  vi.stubEnv("DATABASE_URL", inject("databaseUrl"));
  db = createDb(inject("databaseUrl"));
  const tenant = await db.tenant.create({
    data: {
      entraTenantId: crypto.randomUUID(),
      cloud: "Worldwide",
      displayName: "Contoso (pairing limits)",
      initialDomain: "contoso.onmicrosoft.com",
    },
  });
  tenantId = tenant.id;
  tenantRow = tenant;
});

afterAll(async () => {
  await db?.$disconnect();
});

async function newCode(): Promise<{ id: string; publicId: string; secret: string }> {
  const publicId = randomCrockford(6);
  const secret = randomCrockford(10);
  const row = await db.pairingCode.create({
    data: { tenantId, publicId, secretHash: sha256(secret), expiresAt: new Date(Date.now() + 600_000) },
  });
  return { id: row.id, publicId, secret };
}

const publicKeyJwk = { kty: "RSA", n: "AQAB".repeat(128), e: "AQAB", alg: "RSA-OAEP-256" } as const;

function guess(code: string, sourceAddress: string) {
  return pairAgent({
    db,
    request: {
      code,
      name: "EX1",
      host: "ex1.contoso.com",
      version: "1.0.0",
      runAs: "CONTOSO\\svc",
      publicKeyJwk,
    },
    sourceAddress,
  }).then(
    () => "paired",
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );
}

/** A different address per guess, so only the per-code limit applies. */
let addressCounter = 0;
const freshAddress = () => `198.51.100.${++addressCounter % 250}:${addressCounter}`;

describe("pairing limits under concurrent guesses", () => {
  it("compares at most 5 wrong secrets against one code, however many arrive at once", async () => {
    const code = await newCode();
    const wrong = (index: number) => `${code.publicId}-${randomCrockford(10).slice(0, 9)}${index % 10}`;
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, index) => guess(wrong(index), freshAddress())),
    );
    expect(new Set(answers)).toEqual(new Set(["pairing_code_invalid"]));
    const row = await db.pairingCode.findUniqueOrThrow({ where: { id: code.id } });
    expect(row.attempts).toBeLessThanOrEqual(5);
    // The code is burnt: even its right secret no longer pairs.
    expect(await guess(`${code.publicId}-${code.secret}`, freshAddress())).toBe("pairing_code_invalid");
  });

  it("lets one address try at most 10 codes in its window, however many arrive at once", async () => {
    const source = `203.0.113.${Math.floor(Math.random() * 250)}`;
    const codes = await Promise.all(Array.from({ length: 40 }, () => newCode()));
    const answers = await Promise.all(codes.map((code) => guess(`${code.publicId}-ZZZZZZZZZZ`, source)));
    expect(answers.filter((answer) => answer === "pairing_code_invalid")).toHaveLength(10);
    expect(answers.filter((answer) => answer === "rate_limited")).toHaveLength(30);
    const compared = await db.pairingCode.count({
      where: { id: { in: codes.map((code) => code.id) }, attempts: { gt: 0 } },
    });
    expect(compared).toBe(10);
  });

  it("does not count a successful pairing against its address", async () => {
    const source = `192.0.2.${Math.floor(Math.random() * 250)}`;
    for (let index = 0; index < 9; index++)
      expect(await guess("ZZZZZZ-ZZZZZZZZZZ", source)).toBe("pairing_code_invalid");
    const code = await newCode();
    expect(await guess(`${code.publicId}-${code.secret}`, source)).toBe("paired");
    expect(await guess("ZZZZZZ-ZZZZZZZZZZ", source)).toBe("pairing_code_invalid");
    expect(await guess("ZZZZZZ-ZZZZZZZZZZ", source)).toBe("rate_limited");
  });
});

describe("a new code", () => {
  it("takes a fresh public id when its first is already another code's (30 bits: a large fleet's codes meet)", async () => {
    const taken = await newCode();
    const ids = [taken.publicId, randomCrockford(6)];
    const created = await createPairingCode({
      db,
      acting: actingAsService(actingTenant(tenantRow), "pairing code test"),
      newPublicId: () => ids.shift() ?? randomCrockford(6),
    });
    expect(created.code.split("-")[0]).not.toBe(taken.publicId);
    expect(ids).toEqual([]);
    expect(await db.pairingCode.count({ where: { tenantId, publicId: taken.publicId } })).toBe(1);
  });
});
