import { decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startTestIdentityProvider,
  type TestIdentityProvider,
  trustIdentityProviderCa,
} from "@/tests/helpers/identity";
import { ACCOUNTS, appFor, signInAs, tenantOf, verifyAccessToken } from "./scenario";

let idp: TestIdentityProvider;
beforeAll(async () => {
  idp = await startTestIdentityProvider();
  trustIdentityProviderCa(idp);
});
afterAll(async () => {
  await idp?.stop();
});

describe("signing key rotation", () => {
  it("signs with the new key while tokens signed with the old one stay verifiable", async () => {
    const contoso = tenantOf(idp, "contoso.onmicrosoft.com");
    const audience = `api://${appFor(idp, "Worldwide").clientId}`;
    const before = await signInAs(idp, ACCOUNTS.alex);
    const oldKid = decodeProtectedHeader(before.access_token).kid;

    const response = await fetch(`https://${idp.hostFor("Worldwide")}/admin/rotate-signing-key`, {
      method: "POST",
    });
    expect(response.status).toBe(200);
    const { kid: newKid } = (await response.json()) as { kid: string };
    expect(newKid).not.toBe(oldKid);

    const after = await signInAs(idp, ACCOUNTS.alex);
    expect(decodeProtectedHeader(after.access_token).kid).toBe(newKid);
    expect(decodeProtectedHeader(after.id_token ?? "").kid).toBe(newKid);

    const keys = JSON.parse(
      (await idp.get(`${idp.authorityFor("Worldwide", contoso.tenantId)}/discovery/v2.0/keys`)).text,
    );
    expect(keys.keys.map((key: { kid: string }) => key.kid)).toEqual([newKid, oldKid]);
    await expect(
      verifyAccessToken(idp, contoso.tenantId, before.access_token, audience),
    ).resolves.toBeDefined();
    await expect(
      verifyAccessToken(idp, contoso.tenantId, after.access_token, audience),
    ).resolves.toBeDefined();
  });

  it("keeps refresh tokens issued before the rotation working", async () => {
    const contoso = tenantOf(idp, "contoso.onmicrosoft.com");
    const app = appFor(idp, "Worldwide");
    const before = await signInAs(idp, ACCOUNTS.alex);
    await idp.rotateSigningKey();
    const refreshed = await idp.requestToken(contoso.tenantId, {
      grant_type: "refresh_token",
      client_id: app.clientId,
      refresh_token: before.refresh_token ?? "",
    });
    expect(refreshed.status).toBe(200);
  });
});
