import { Writable } from "node:stream";
import { decodeJwt } from "jose";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { tokenCachePartitionKey } from "@/lib/auth/token-cache-plugin";
import { openTokenCache } from "@/lib/crypto/token-cache-cipher";
import { AppError } from "@/lib/errors";
import { checkExchangeOnlineConnection } from "@/lib/exchange/check-exchange-online-connection";
import { acquireExchangeOnlineToken } from "@/lib/exchange/exchange-online-token";
import type { Tenant, User } from "@/lib/generated/prisma/client";
import { spawnTsx } from "@/tests/helpers/spawn-tsx";
import { userActing } from "@/tests/helpers/user-acting";
import { ACCOUNTS } from "@/tests/integration/identity/scenario";
import { type ExchangeScenario, startExchangeScenario, tokenCacheKey } from "./exchange-scenario";

// The admin's Exchange Online access: on-behalf-of through msal-node against the identity
// simulator, the token cache encrypted in Postgres, and Exchange Online (simulated) accepting it.

const EXCHANGE_RESOURCE = "https://outlook.office365.com";

let scenario: ExchangeScenario;
let contoso: Tenant;
let adele: User;
let adeleAssertion: string;
let adeleToken: string;

beforeAll(async () => {
  // 21Vianet set up for sign-in only (no client secret), before the cloud settings are first read.
  vi.stubEnv("CLOUD_CHINA_CLIENT_ID", "6f1c3e2a-9b7d-4c58-8e21-3a4b5c6d7e8f");
  scenario = await startExchangeScenario(["contoso", "fabrikam"]);
  contoso = await scenario.tenantRow(ACCOUNTS.adele);
  adele = await scenario.userRow(ACCOUNTS.adele);
  adeleAssertion = await scenario.assertionOf(ACCOUNTS.adele);
});

afterAll(async () => {
  await scenario?.stop();
});

const cacheEntry = (tenant: Tenant, user: User) =>
  scenario.db.tokenCacheEntry.findUnique({
    where: { partitionKey: tokenCachePartitionKey({ tenantId: tenant.id, userId: user.id }) },
  });

function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino({ level: "info" }, sink), lines };
}

describe("on-behalf-of for Exchange Online", () => {
  it("trades adele's sign-in for an Exchange Online token that reaches her organization", async () => {
    const token = await acquireExchangeOnlineToken({
      db: scenario.db,
      acting: userActing({ tenant: contoso, user: adele, accessToken: adeleAssertion }),
    });
    adeleToken = token.accessToken;
    expect(decodeJwt(token.accessToken)).toMatchObject({
      aud: EXCHANGE_RESOURCE,
      tid: contoso.entraTenantId,
      oid: adele.objectId,
      amr: ["pwd", "mfa"],
    });
    expect(token.expiresOn.getTime()).toBeGreaterThan(Date.now());

    const connection = await checkExchangeOnlineConnection({
      acting: userActing({ tenant: contoso, user: adele, accessToken: adeleAssertion }),
      accessToken: token.accessToken,
    });
    expect(connection).toEqual({
      organizationName: "contoso.onmicrosoft.com",
      displayName: "Contoso",
      identity: "contoso.onmicrosoft.com",
      organizationGuid: "5b2de0bc-75c7-4d17-9f3c-7470d80b3c52",
    });
  });

  it("keeps the cache in Postgres as ciphertext only, on adele's own row", async () => {
    const entry = await cacheEntry(contoso, adele);
    expect(entry).toMatchObject({ tenantId: contoso.id, userId: adele.id, keyId: "k1" });
    const stored = Buffer.concat([Buffer.from(entry!.iv), Buffer.from(entry!.ciphertext)]).toString("latin1");

    // What the row would give away if it were not encrypted: every token msal-node cached.
    const ring = [{ id: "k1", key: Buffer.from(scenario.env.TOKEN_CACHE_KEYS!.split(":")[1]!, "base64") }];
    const cache = JSON.parse(openTokenCache(entry!, entry!.partitionKey, ring)) as Record<
      string,
      Record<string, { secret: string }>
    >;
    const secrets = Object.values({ ...cache.AccessToken, ...cache.RefreshToken }).map((item) => item.secret);
    expect(secrets).toContain(adeleToken);
    expect(Object.keys(cache.RefreshToken ?? {})).toHaveLength(1);
    for (const text of [
      ...secrets,
      adeleAssertion,
      "AccessToken",
      "RefreshToken",
      "secret",
      "homeAccountId",
    ]) {
      expect(stored.includes(text), `the stored row contains ${text.slice(0, 20)}…`).toBe(false);
    }
  });

  it("gives a second process the same token from the cache, without a new exchange", async () => {
    const before = await cacheEntry(contoso, adele);
    const child = spawnTsx(
      "tests/integration/exchange/acquire-token-process.ts",
      [contoso.id, adele.id, adeleAssertion],
      {
        ...process.env,
        ...scenario.env,
        NODE_EXTRA_CA_CERTS: scenario.idp.caCertPath,
        LOG_LEVEL: "warn",
      },
    );
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code, child.output()).toBe(0);
    const token = JSON.parse(child.output().trim().split("\n").at(-1)!) as { accessToken: string };
    expect(token.accessToken).toBe(adeleToken);
    // Every token msal-node gets from Entra is written back; an untouched row means none was fetched.
    const after = await cacheEntry(contoso, adele);
    expect(after!.updatedAt).toEqual(before!.updatedAt);
  });

  it("asks isaiah to sign in again with MFA, passing Entra's claims challenge", async () => {
    const fabrikam = await scenario.tenantRow(ACCOUNTS.isaiah);
    const isaiah = await scenario.userRow(ACCOUNTS.isaiah);
    const failure = await acquireExchangeOnlineToken({
      db: scenario.db,
      acting: userActing({
        tenant: fabrikam,
        user: isaiah,
        accessToken: await scenario.assertionOf(ACCOUNTS.isaiah),
      }),
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    const error = failure as AppError;
    expect(error).toMatchObject({
      code: "interaction_required",
      status: 401,
      message: "Sign in again: Exchange Online requires multi-factor authentication (MFA) for this account.",
    });
    expect(JSON.parse(String(error.details?.claims))).toHaveProperty("access_token.capolids.essential", true);
    expect(await cacheEntry(fabrikam, isaiah)).toBeNull();
  });
});

describe("a cloud the service cannot act in", () => {
  const attempt = async (account: { domain: string; username: string }) =>
    acquireExchangeOnlineToken({
      db: scenario.db,
      acting: userActing({
        tenant: await scenario.tenantRow(account),
        user: await scenario.userRow(account),
        accessToken: "not needed: the service gives up before asking Entra",
      }),
    }).catch((error: unknown) => error);

  it("says the client secret is missing, or that the cloud is not set up at all", async () => {
    expect(await attempt(ACCOUNTS.wei)).toMatchObject({
      code: "unavailable",
      message:
        "This service cannot act in Exchange Online in Office 365 operated by 21Vianet: its client secret for that cloud is not configured.",
    });
    const nestor = { domain: "northwindgov.onmicrosoft.us", username: "nestor@northwindgov.onmicrosoft.us" };
    expect(await attempt(nestor)).toMatchObject({
      code: "unavailable",
      message: "This service is not set up for US Government GCC High.",
    });
  });
});

describe("token cache keys", () => {
  it("after a rotation reads the entry with the old key and seals it again with the new one", async () => {
    const k2 = tokenCacheKey("k2");
    vi.stubEnv("TOKEN_CACHE_KEYS", `${k2.setting},${scenario.env.TOKEN_CACHE_KEYS}`);
    const token = await acquireExchangeOnlineToken({
      db: scenario.db,
      acting: userActing({ tenant: contoso, user: adele, accessToken: adeleAssertion }),
    });
    expect(token.accessToken).toBe(adeleToken);
    const entry = await cacheEntry(contoso, adele);
    expect(entry!.keyId).toBe("k2");
    expect(openTokenCache(entry!, entry!.partitionKey, [k2])).toContain(adeleToken);
  });

  it("treats an entry whose key left the ring as absent, says so in the log, and replaces it", async () => {
    const k3 = tokenCacheKey("k3");
    vi.stubEnv("TOKEN_CACHE_KEYS", k3.setting);
    const { logger, lines } = capturedLogger();
    const token = await acquireExchangeOnlineToken({
      db: scenario.db,
      acting: userActing({ tenant: contoso, user: adele, accessToken: adeleAssertion }),
      logger,
    });
    expect(token.accessToken).not.toBe(adeleToken);
    expect(decodeJwt(token.accessToken).aud).toBe(EXCHANGE_RESOURCE);
    expect(lines.filter((line) => line.reason === "unknown_key")).toEqual([
      expect.objectContaining({
        level: 40,
        keyId: "k2",
        reason: "unknown_key",
        msg: 'The token cache entry was encrypted with key "k2", which is not in TOKEN_CACHE_KEYS. Treating it as absent.',
      }),
    ]);
    const entry = await cacheEntry(contoso, adele);
    expect(entry!.keyId).toBe("k3");
    expect(openTokenCache(entry!, entry!.partitionKey, [k3])).toContain(token.accessToken);
  });

  it("does not decrypt an entry copied onto another user's row, and replaces it", async () => {
    const alex = await scenario.userRow(ACCOUNTS.alex);
    const adeles = await cacheEntry(contoso, adele);
    const alexKey = tokenCachePartitionKey({ tenantId: contoso.id, userId: alex.id });
    await scenario.db.tokenCacheEntry.create({
      data: {
        partitionKey: alexKey,
        tenantId: contoso.id,
        userId: alex.id,
        keyId: adeles!.keyId,
        iv: adeles!.iv,
        ciphertext: adeles!.ciphertext,
      },
    });
    const { logger, lines } = capturedLogger();
    const token = await acquireExchangeOnlineToken({
      db: scenario.db,
      acting: userActing({
        tenant: contoso,
        user: alex,
        accessToken: await scenario.assertionOf(ACCOUNTS.alex),
      }),
      logger,
    });
    expect(decodeJwt(token.accessToken).oid).toBe(alex.objectId);
    expect(lines.filter((line) => line.reason === "not_authentic")).toEqual([
      expect.objectContaining({ level: 50, partitionKey: alexKey }),
    ]);
    const entry = await cacheEntry(contoso, alex);
    expect(Buffer.from(entry!.ciphertext).equals(Buffer.from(adeles!.ciphertext))).toBe(false);
  });
});
