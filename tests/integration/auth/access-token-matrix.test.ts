import {
  decodeJwt,
  decodeProtectedHeader,
  exportSPKI,
  generateKeyPair,
  importJWK,
  type JWTPayload,
  SignJWT,
  UnsecuredJWT,
} from "jose";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { JWKS_REFETCH_COOLDOWN_MS } from "@/lib/auth/jwks-cache";
import { ZMeResponseSchema } from "@/lib/contracts/me";
import { createDb, type Db } from "@/lib/db";
import { seedDemo } from "@/scripts/lib/seed-demo";
import {
  serviceEnvFor,
  startTestIdentityProvider,
  type TestIdentityProvider,
} from "@/tests/helpers/identity";
import {
  createMigratedDatabase,
  openTestDatabaseServer,
  type TestDatabaseServer,
} from "@/tests/helpers/test-database";
import { startWebApp } from "@/tests/helpers/web-app";
import { ACCOUNTS, appFor, signInAs, tenantOf } from "@/tests/integration/identity/scenario";

// The production web app validating real tokens from the identity simulator, and tokens minted
// with the simulator's own signing key to try every way a token can be wrong.

let idp: TestIdentityProvider;
let databaseServer: TestDatabaseServer;
let db: Db;
let web: Awaited<ReturnType<typeof startWebApp>>;
let contosoId: string;
let adeleAccessToken: string;
let adeleIdToken: string;
/** Claims of Adele's real access token: minted tokens start from them. */
let adeleClaims: JWTPayload;

beforeAll(async () => {
  idp = await startTestIdentityProvider();
  databaseServer = await openTestDatabaseServer(inject("databaseServerUrl"));
  const databaseUrl = await createMigratedDatabase(databaseServer, "hw_auth");
  db = createDb(databaseUrl);
  await seedDemo(db, idp.directory);
  web = await startWebApp({ databaseUrl, env: serviceEnvFor(idp) });
  contosoId = tenantOf(idp, ACCOUNTS.adele.domain).tenantId;
  const adele = await signInAs(idp, ACCOUNTS.adele);
  adeleAccessToken = adele.access_token;
  adeleIdToken = adele.id_token ?? "";
  adeleClaims = decodeJwt(adeleAccessToken);
});

afterAll(async () => {
  await web?.stop();
  await db?.$disconnect();
  await databaseServer?.close();
  await idp?.stop();
});

async function me(token: string | undefined) {
  const response = await fetch(`${web.url}/api/me`, {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
  return {
    status: response.status,
    body: (await response.json()) as { error?: { code: string; reason?: string; message: string } },
    challenge: response.headers.get("www-authenticate"),
  };
}

async function expectRejected(token: string | undefined, reason: string, code = "unauthenticated") {
  const answer = await me(token);
  expect(answer.status, JSON.stringify(answer.body)).toBe(401);
  expect(answer.body.error).toMatchObject({ code, reason });
  return answer;
}

const now = () => Math.floor(Date.now() / 1000);

/** A token with Adele's claims changed as given, signed RS256 by the provider's current key unless told otherwise. */
async function mint(
  changes: JWTPayload,
  signer: { key?: CryptoKey | Uint8Array; kid?: string; alg?: string } = {},
): Promise<string> {
  const current = await idp.currentSigningKey();
  const key = signer.key ?? (await importJWK(current, "RS256"));
  return new SignJWT({ ...adeleClaims, ...changes })
    .setProtectedHeader({ alg: signer.alg ?? "RS256", typ: "JWT", kid: signer.kid ?? current.kid })
    .sign(key);
}

describe("a valid access token", () => {
  it("gets the signed-in admin, their tenant and cloud, and records the sign-in once per token", async () => {
    const signIns = () =>
      db.auditEvent.count({
        where: { action: "user.signed_in", actorUpn: ACCOUNTS.adele.username },
      });
    const first = await me(adeleAccessToken);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(ZMeResponseSchema.parse(first.body)).toEqual({
      user: {
        objectId: adeleClaims.oid,
        upn: ACCOUNTS.adele.username,
        displayName: "Adele Vance",
      },
      tenant: {
        id: expect.any(String),
        entraTenantId: contosoId,
        displayName: "Contoso",
        initialDomain: "contoso.onmicrosoft.com",
        cloud: "Worldwide",
        cloudDisplayName: "Worldwide (Office 365)",
        mfaPolicy: "Required",
      },
      mfa: true,
      directoryRoles: ["GlobalAdministrator"],
      role: "owner",
      partner: null,
    });
    expect((await me(adeleAccessToken)).status).toBe(200);
    expect(await signIns()).toBe(1);

    // A renewed token (issued later) is a new sign-in.
    const renewed = await mint({ iat: (adeleClaims.iat ?? 0) + 5, nbf: (adeleClaims.iat ?? 0) + 5 });
    expect((await me(renewed)).status).toBe(200);
    expect(await signIns()).toBe(2);
  });

  it("is accepted for a minute past its expiry, for clock skew, and not after", async () => {
    expect((await me(await mint({ exp: now() - 30 }))).status).toBe(200);
    await expectRejected(await mint({ exp: now() - 120 }), "expired");
  });
});

describe("refused tokens, each with its reason", () => {
  it("no token, or not a JWT at all", async () => {
    const missing = await expectRejected(undefined, "missing_token");
    expect(missing.challenge).toBe('Bearer realm="Hybrid Wizard"');
    await expectRejected("not-a-token", "malformed");
  });

  it("a bad signature: payload altered after signing, or signed by another key under the real kid", async () => {
    const [header, , signature] = adeleAccessToken.split(".");
    const altered = Buffer.from(JSON.stringify({ ...adeleClaims, name: "Mallory" })).toString("base64url");
    const answer = await expectRejected(`${header}.${altered}.${signature}`, "signature_invalid");
    expect(answer.challenge).toMatch(
      /^Bearer realm="Hybrid Wizard", error="invalid_token", error_description="The access token's signature is not valid/,
    );

    const { privateKey } = await generateKeyPair("RS256");
    await expectRejected(await mint({}, { key: privateKey }), "signature_invalid");
  });

  it("a key the tenant's authority does not publish", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    await expectRejected(await mint({}, { key: privateKey, kid: "not-a-published-key" }), "unknown_key");
  });

  it("another issuer, and another tenant's issuer", async () => {
    await expectRejected(
      await mint({ iss: `https://login.microsoftonline.com/${contosoId}/v2.0` }),
      "issuer_mismatch",
    );
    const fabrikam = tenantOf(idp, ACCOUNTS.diego.domain).tenantId;
    const answer = await expectRejected(
      await mint({ iss: `https://sts.windows.net/${fabrikam}/` }),
      "issuer_mismatch",
    );
    expect(answer.body.error?.message).toContain(`https://sts.windows.net/${contosoId}/`);
  });

  it("another audience: the 21Vianet registration's API", async () => {
    await expectRejected(
      await mint({ aud: `api://${appFor(idp, "China21Vianet").clientId}` }),
      "audience_mismatch",
    );
  });

  it("an unregistered tenant", async () => {
    const stranger = crypto.randomUUID();
    await expectRejected(
      await mint({ tid: stranger, iss: `https://sts.windows.net/${stranger}/` }),
      "unknown_tenant",
    );
  });

  it("expired, and not yet valid", async () => {
    await expectRejected(await mint({ iat: now() - 4000, nbf: now() - 4000, exp: now() - 600 }), "expired");
    await expectRejected(await mint({ iat: now(), nbf: now() + 600, exp: now() + 4000 }), "not_yet_valid");
  });

  it("alg none, and HS256 keyed with the provider's public key", async () => {
    await expectRejected(new UnsecuredJWT({ ...adeleClaims }).encode(), "algorithm_not_allowed");
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = await idp.currentSigningKey();
    const publicPem = await exportSPKI(
      (await importJWK(publicJwk, "RS256", { extractable: true })) as CryptoKey,
    );
    await expectRejected(
      await mint({}, { alg: "HS256", key: new TextEncoder().encode(publicPem) }),
      "algorithm_not_allowed",
    );
  });

  it("an ID token", async () => {
    expect(decodeJwt(adeleIdToken).aud).toBe(appFor(idp, "Worldwide").clientId);
    await expectRejected(adeleIdToken, "id_token_not_accepted");
  });

  it("a token without the access_as_user scope", async () => {
    await expectRejected(await mint({ scp: "User.Read" }), "scope_missing");
  });
});

describe("signing key rotation", () => {
  it("accepts tokens signed with the new key and still-valid ones signed with the old key", async () => {
    const before = (await signInAs(idp, ACCOUNTS.diego)).access_token;
    expect((await me(before)).status).toBe(200);
    const keysLastRead = Date.now();

    const { kid } = await idp.rotateSigningKey();
    const after = (await signInAs(idp, ACCOUNTS.diego)).access_token;
    expect(decodeProtectedHeader(after).kid).toBe(kid);
    // The service re-reads a key set on an unknown kid, at most once per cooldown.
    await new Promise((resolve) => setTimeout(resolve, keysLastRead + JWKS_REFETCH_COOLDOWN_MS - Date.now()));

    expect((await me(after)).status).toBe(200);
    expect((await me(before)).status).toBe(200);
  });
});

describe("MFA policy and directory roles", () => {
  it("refuses a sign-in without MFA where the tenant requires it, and accepts it once the tenant allows it", async () => {
    const alex = (await signInAs(idp, ACCOUNTS.alex)).access_token;
    const refused = await expectRejected(alex, "mfa_required", "mfa_required");
    expect(refused.body.error?.message).toContain(
      "Contoso requires multi-factor authentication (MFA) for Hybrid Wizard",
    );
    expect(refused.body.error?.message).toContain("ask a Global Administrator of Contoso");
    expect(refused.challenge).toContain('error="insufficient_user_authentication"');

    await db.tenant.update({ where: { entraTenantId: contosoId }, data: { mfaPolicy: "Optional" } });
    try {
      const allowed = await me(alex);
      expect(allowed.status).toBe(200);
      expect(ZMeResponseSchema.parse(allowed.body)).toMatchObject({
        user: { upn: ACCOUNTS.alex.username },
        tenant: { mfaPolicy: "Optional" },
        mfa: false,
        directoryRoles: ["ExchangeAdministrator"],
        role: "operator",
      });

      const lynne = await me((await signInAs(idp, ACCOUNTS.lynne)).access_token);
      expect(lynne.status).toBe(403);
      expect(lynne.body.error).toEqual({
        code: "forbidden",
        reason: "admin_role_required",
        requiredRoles: ["GlobalAdministrator", "ExchangeAdministrator", "GlobalReader"],
        message:
          "Lynne Robbins is not a Global Administrator, Exchange Administrator or Global Reader of Contoso. Hybrid Wizard needs one of these roles: ask a Global Administrator to assign one, then sign in again.",
        docs: "/docs/api#error-forbidden",
      });
    } finally {
      await db.tenant.update({ where: { entraTenantId: contosoId }, data: { mfaPolicy: "Required" } });
    }
  });
});

describe("national clouds", () => {
  it.each([
    ["Worldwide", ACCOUNTS.adele, "Worldwide (Office 365)"],
    ["China21Vianet", ACCOUNTS.wei, "Office 365 operated by 21Vianet"],
    ["UsGovGccHigh", ACCOUNTS.nestor, "US Government GCC High"],
    ["UsGovDod", ACCOUNTS.grady, "US Government DoD"],
  ] as const)("signs in a %s admin at that cloud's authority", async (cloud, account, cloudDisplayName) => {
    const tenant = tenantOf(idp, account.domain);
    const token = (await signInAs(idp, account)).access_token;
    const answer = await me(token);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(ZMeResponseSchema.parse(answer.body).tenant).toMatchObject({
      entraTenantId: tenant.tenantId,
      cloud,
      cloudDisplayName,
    });
  });
});
