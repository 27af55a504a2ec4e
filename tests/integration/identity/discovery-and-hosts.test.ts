import { calculateJwkThumbprint, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestIdentityProvider, type TestIdentityProvider } from "@/tests/helpers/identity";
import { tenantOf } from "./scenario";

let idp: TestIdentityProvider;
beforeAll(async () => {
  idp = await startTestIdentityProvider();
});
afterAll(async () => {
  await idp?.stop();
});

const discoveryOf = async (authority: string) => {
  const response = await idp.get(`${authority}/v2.0/.well-known/openid-configuration`);
  return { status: response.status, body: JSON.parse(response.text) };
};

describe("discovery", () => {
  it("serves each tenant's OpenID configuration with the issuer on the authority's host", async () => {
    const contoso = tenantOf(idp, "contoso.onmicrosoft.com");
    const authority = idp.authorityFor("Worldwide", contoso.tenantId);
    const { status, body } = await discoveryOf(authority);
    expect(status).toBe(200);
    expect(body.issuer).toBe(`${authority}/v2.0`);
    expect(new URL(body.issuer).host).toBe(idp.hostFor("Worldwide"));
    expect(body.jwks_uri).toBe(`${authority}/discovery/v2.0/keys`);
    expect(body.code_challenge_methods_supported).toContain("S256");
    expect(body.grant_types_supported).toContain("urn:ietf:params:oauth:grant-type:jwt-bearer");
    expect(new URL(body.authorization_endpoint).host).toBe(idp.hostFor("Worldwide"));
  });

  it("accepts the initial domain in place of the tenant id and still names the tenant id as issuer", async () => {
    const contoso = tenantOf(idp, "contoso.onmicrosoft.com");
    const { body } = await discoveryOf(`https://${idp.hostFor("Worldwide")}/contoso.onmicrosoft.com`);
    expect(body.issuer).toBe(`${idp.authorityFor("Worldwide", contoso.tenantId)}/v2.0`);
  });

  it("publishes RS256 signing keys whose kid is their RFC 7638 thumbprint", async () => {
    const contoso = tenantOf(idp, "contoso.onmicrosoft.com");
    const response = await idp.get(`${idp.authorityFor("Worldwide", contoso.tenantId)}/discovery/v2.0/keys`);
    const { keys } = JSON.parse(response.text) as { keys: JWK[] };
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
      expect(key.d).toBeUndefined();
      expect(key.kid).toBe(await calculateJwkThumbprint(key, "sha256"));
    }
  });
});

describe("clouds", () => {
  it("serves each tenant on its own cloud's host only", async () => {
    for (const tenant of idp.directory.tenants) {
      const own = await discoveryOf(idp.authorityFor(tenant.cloud, tenant.tenantId));
      expect(own.status, `${tenant.displayName} on its own host`).toBe(200);
      for (const cloud of ["Worldwide", "China21Vianet", "UsGovGccHigh"] as const) {
        if (idp.hostFor(cloud) === idp.hostFor(tenant.cloud)) continue;
        const elsewhere = await discoveryOf(idp.authorityFor(cloud, tenant.tenantId));
        expect(elsewhere.status, `${tenant.displayName} on the ${cloud} host`).toBe(400);
        expect(elsewhere.body.error_codes).toEqual([90002]);
        expect(elsewhere.body.error_description).toMatch(/^AADSTS90002: Tenant '.+' not found/);
      }
    }
  });

  it("uses a loopback address per authority host, GCC High and DoD sharing one", () => {
    expect(idp.hostFor("Worldwide")).toBe(`127.0.0.1:${idp.port}`);
    expect(idp.hostFor("China21Vianet")).toBe(`127.0.0.2:${idp.port}`);
    expect(idp.hostFor("UsGovGccHigh")).toBe(`127.0.0.3:${idp.port}`);
    expect(idp.hostFor("UsGovDod")).toBe(idp.hostFor("UsGovGccHigh"));
  });

  it("answers an unknown tenant with AADSTS90002", async () => {
    const { status, body } = await discoveryOf(
      idp.authorityFor("Worldwide", "00000000-0000-0000-0000-000000000000"),
    );
    expect(status).toBe(400);
    expect(body.error).toBe("invalid_tenant");
  });
});
