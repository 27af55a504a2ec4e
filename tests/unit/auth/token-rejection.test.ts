import { errors } from "jose";
import { describe, expect, it } from "vitest";
import { rejectionForJoseError, rejectToken } from "@/lib/auth/token-rejection";
import { AppError } from "@/lib/errors";

const TENANT = "be02d50c-0ae5-4169-a670-583b92eb1181";
const expected = {
  issuer: `https://sts.windows.net/${TENANT}/`,
  audience: "api://00ae3106-3a11-4e99-abf7-6501762e0df0",
  clientId: "00ae3106-3a11-4e99-abf7-6501762e0df0",
};
const accessClaims = { iss: expected.issuer, aud: expected.audience, scp: "access_as_user", tid: TENANT };
const idTokenClaims = {
  iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
  aud: expected.clientId,
  tid: TENANT,
};

function reasonFor(error: unknown) {
  const rejection = rejectionForJoseError(error, expected);
  return rejection && { code: rejection.code, reason: rejection.details?.reason, status: rejection.status };
}

describe("jose errors → rejection reasons", () => {
  it.each([
    [new errors.JWKSNoMatchingKey(), "unknown_key"],
    [new errors.JWSSignatureVerificationFailed(), "signature_invalid"],
    [
      new errors.JOSEAlgNotAllowed('"alg" (Algorithm) Header Parameter value not allowed'),
      "algorithm_not_allowed",
    ],
    [new errors.JWSInvalid("Invalid Compact JWS"), "malformed"],
    [new errors.JWTExpired("exp", { ...accessClaims, exp: 1 }, "exp", "check_failed"), "expired"],
    [
      new errors.JWTClaimValidationFailed("iss", { ...accessClaims, iss: "x" }, "iss", "check_failed"),
      "issuer_mismatch",
    ],
    [
      new errors.JWTClaimValidationFailed("aud", { ...accessClaims, aud: "x" }, "aud", "check_failed"),
      "audience_mismatch",
    ],
    [
      new errors.JWTClaimValidationFailed("nbf", { ...accessClaims, nbf: 9e9 }, "nbf", "check_failed"),
      "not_yet_valid",
    ],
    [new errors.JWTClaimValidationFailed("missing", accessClaims, "oid", "missing"), "malformed"],
  ])("%s → %s", (error, reason) => {
    expect(reasonFor(error)).toEqual({ code: "unauthenticated", reason, status: 401 });
  });

  it("names an ID token as such, whichever claim check it failed first", () => {
    for (const claim of ["iss", "aud"]) {
      expect(
        reasonFor(new errors.JWTClaimValidationFailed(claim, idTokenClaims, claim, "check_failed"))?.reason,
      ).toBe("id_token_not_accepted");
    }
    expect(
      reasonFor(new errors.JWTExpired("exp", { ...idTokenClaims, exp: 1 }, "exp", "check_failed"))?.reason,
    ).toBe("id_token_not_accepted");
  });

  it("leaves errors that are not about the token to the caller", () => {
    expect(rejectionForJoseError(new TypeError("fetch failed"), expected)).toBeUndefined();
  });

  it("says which issuer was expected and which the token had", () => {
    const rejection = rejectionForJoseError(
      new errors.JWTClaimValidationFailed(
        "iss",
        { ...accessClaims, iss: "https://sts.windows.net/other/" },
        "iss",
      ),
      expected,
    );
    expect(rejection?.message).toContain("https://sts.windows.net/other/");
    expect(rejection?.message).toContain(expected.issuer);
  });
});

describe("rejectToken", () => {
  it("answers mfa_required with its own code and a step-up challenge", () => {
    const error = rejectToken("mfa_required", 'Contoso requires "MFA".');
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("mfa_required");
    expect(error.status).toBe(401);
    expect(error.headers?.["www-authenticate"]).toBe(
      `Bearer realm="Hybrid Wizard", error="insufficient_user_authentication", error_description="Contoso requires 'MFA'."`,
    );
  });

  it("keeps the challenge to characters RFC 6750 allows", () => {
    const header = rejectToken("expired", "Expired\\ at “noon” \n").headers?.["www-authenticate"] ?? "";
    const description = /error_description="(.*)"$/.exec(header)?.[1] ?? "";
    expect(description).toMatch(/^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/);
    expect(description).toContain("Expired at noon");
  });
});
