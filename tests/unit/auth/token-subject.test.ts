import { describe, expect, it } from "vitest";
import type { CloudConfig } from "@/lib/auth/clouds";
import {
  CLOUD_SERVICE_PROVIDER_ROLE_TEMPLATE_ID,
  readTokenSubject,
  ZSubjectClaims,
} from "@/lib/auth/token-subject";
import { AppError } from "@/lib/errors";

// Who a token is about: a person of its tenant by `oid`, or a partner's technician by the
// delegated (GDAP) shape, and nothing in between.

const config = { accessTokenIssuerHost: "sts.windows.net" } as CloudConfig;
const CUSTOMER = "be02d50c-0ae5-4169-a670-583b92eb1181";
const PARTNER = "b6e6f5ab-ee97-4a96-8905-dc78715d61d7";
const EXCHANGE_ADMINISTRATOR = "29232cdf-9323-42fd-ade2-1d097af3e4de";

const delegated = {
  idp: `https://sts.windows.net/${PARTNER}/`,
  aai: "c2hhcmVkLWdyYW50",
  home_puid: "10032001A2B3C4D5",
  wids: [EXCHANGE_ADMINISTRATOR, CLOUD_SERVICE_PROVIDER_ROLE_TEMPLATE_ID],
};

function subjectOf(claims: Record<string, unknown>) {
  return readTokenSubject(ZSubjectClaims.parse(claims), config, CUSTOMER);
}

function refusalOf(claims: Record<string, unknown>): string {
  try {
    subjectOf(claims);
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
  throw new Error("the token was accepted");
}

describe("readTokenSubject", () => {
  it("reads a person of the tenant by their object id, with their account id when the token has it", () => {
    expect(subjectOf({ oid: "957D5B24-43EA-4FD5-B908-38DFF7CD0D7D", puid: "1003ABCD" })).toEqual({
      kind: "member",
      objectId: "957d5b24-43ea-4fd5-b908-38dff7cd0d7d",
      puid: "1003ABCD",
    });
  });

  it("reads a guest (idp and an object here) as a person of the tenant", () => {
    expect(
      subjectOf({ oid: "957d5b24-43ea-4fd5-b908-38dff7cd0d7d", idp: "https://sts.windows.net/x/" }),
    ).toMatchObject({ kind: "member" });
  });

  it("reads a partner's delegated token as its home tenant and home account", () => {
    expect(subjectOf(delegated)).toEqual({
      kind: "partner",
      homeEntraTenantId: PARTNER,
      homePuid: "10032001A2B3C4D5",
    });
  });

  it("refuses what is neither, saying which part is wrong", () => {
    expect(refusalOf({})).toContain('no "oid" claim');
    expect(refusalOf({ ...delegated, upn: "patti@woodgrovepartners.onmicrosoft.com" })).toContain('"upn"');
    expect(refusalOf({ ...delegated, aai: undefined })).toContain("not a delegated (GDAP) token");
    expect(refusalOf({ ...delegated, wids: [EXCHANGE_ADMINISTRATOR] })).toContain(
      "not a delegated (GDAP) token",
    );
    expect(refusalOf({ ...delegated, idp: `https://evil.example/${PARTNER}/` })).toContain(
      "not an issuer of this cloud",
    );
    expect(refusalOf({ ...delegated, idp: "https://sts.windows.net/contoso.onmicrosoft.com/" })).toContain(
      "not an issuer of this cloud",
    );
    expect(refusalOf({ ...delegated, idp: `https://sts.windows.net/${CUSTOMER}/` })).toContain(
      "names the token's own tenant",
    );
    expect(refusalOf({ ...delegated, home_puid: undefined })).toContain('"home_puid"');
  });
});
