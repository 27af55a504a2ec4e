import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  currentTotp,
  SignInRejected,
  startTestIdentityProvider,
  type TestIdentityProvider,
} from "@/tests/helpers/identity";
import { ACCOUNTS, apiScopes, appFor, REDIRECT_URI, tenantOf } from "./scenario";

let idp: TestIdentityProvider;
beforeAll(async () => {
  idp = await startTestIdentityProvider();
});
afterAll(async () => {
  await idp?.stop();
});

function attempt(
  account: (typeof ACCOUNTS)[keyof typeof ACCOUNTS],
  entered: { password?: string; totpCode?: string },
) {
  const tenant = tenantOf(idp, account.domain);
  const app = appFor(idp, tenant.cloud);
  return idp.signIn({
    tenantId: tenant.tenantId,
    username: account.username,
    password: entered.password ?? account.password,
    totpCode: entered.totpCode,
    clientId: app.clientId,
    redirectUri: REDIRECT_URI,
    scopes: apiScopes(app.clientId),
  });
}

async function rejection(promise: Promise<unknown>): Promise<SignInRejected> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof SignInRejected))
    throw new Error(`expected a rejected sign-in, got ${String(error)}`);
  return error;
}

describe("sign-in failures", () => {
  it("says the password is wrong and lets the user try again", async () => {
    const rejected = await rejection(attempt(ACCOUNTS.alex, { password: "not-the-password" }));
    expect(rejected.errorText).toMatch(/user name or password is not right/);
    expect(rejected.html).toContain(`value="${ACCOUNTS.alex.username}"`);
    await expect(attempt(ACCOUNTS.alex, {})).resolves.toMatchObject({ token_type: "Bearer" });
  });

  it("says the code is wrong", async () => {
    const secret = tenantOf(idp, ACCOUNTS.diego.domain).users.find((u) => u.totpSecret)?.totpSecret ?? "";
    const right = await currentTotp(secret);
    const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, "0");
    const rejected = await rejection(attempt(ACCOUNTS.diego, { totpCode: wrong }));
    expect(rejected.errorText).toMatch(/code is not right/);
  });

  it("refuses a code that already signed someone in", async () => {
    const secret = tenantOf(idp, ACCOUNTS.adele.domain).users.find((u) => u.totpSecret)?.totpSecret ?? "";
    const code = await currentTotp(secret);
    await attempt(ACCOUNTS.adele, { totpCode: code });
    const rejected = await rejection(attempt(ACCOUNTS.adele, { totpCode: code }));
    expect(rejected.errorText).toMatch(/code was already used/);
  });

  it("locks the account after five failures in a row, even against the right password", async () => {
    for (let failure = 1; failure <= 4; failure++) {
      const rejected = await rejection(attempt(ACCOUNTS.lynne, { password: `wrong-${failure}` }));
      expect(rejected.errorText).toMatch(/not right/);
    }
    const fifth = await rejection(attempt(ACCOUNTS.lynne, { password: "wrong-5" }));
    expect(fifth.errorText).toMatch(/locked/);
    const withRightPassword = await rejection(attempt(ACCOUNTS.lynne, {}));
    expect(withRightPassword.errorText).toMatch(/locked/);
    expect(withRightPassword.html).toContain("AADSTS50053");
  });
});
