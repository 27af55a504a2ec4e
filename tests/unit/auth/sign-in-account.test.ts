import { describe, expect, it } from "vitest";
import { ZSignInAccountSchema } from "@/lib/contracts/sign-in-realm";

const messages = (input: string) =>
  ZSignInAccountSchema.safeParse(input).error?.issues.map((issue) => issue.message);

describe("the account typed at sign-in", () => {
  it("is found for ordinary work accounts, trimmed and in lower case", () => {
    expect(ZSignInAccountSchema.parse("  Admin@Contoso.onmicrosoft.com ")).toBe(
      "admin@contoso.onmicrosoft.com",
    );
    expect(ZSignInAccountSchema.parse("first.last@sub.fabrikam.co.uk")).toBe("first.last@sub.fabrikam.co.uk");
  });

  it("refuses what is not an account, saying what to type", () => {
    for (const input of [
      "admin",
      "admin@contoso",
      "@contoso.com",
      "admin@contoso.",
      "a b@contoso.com",
      "a@b@c.com",
    ]) {
      expect(messages(input), input).toEqual(["Enter your work account, e.g. admin@contoso.onmicrosoft.com"]);
    }
  });

  // The pattern that backtracked took 0.2–0.4 s on this input and stalled every other request.
  it("refuses the hostile 15 KB account by its length, before any pattern looks at it", () => {
    const hostile = `a@${"a.".repeat(7400)}@`;
    expect(messages(hostile)).toEqual([
      "An account is at most 254 characters; enter your work account, e.g. admin@contoso.onmicrosoft.com",
    ]);
  });

  it("refuses the same shape within the length limit as not an account", () => {
    const hostile = `a@${"a.".repeat(125)}@`;
    expect(hostile.length).toBeLessThanOrEqual(254);
    expect(messages(hostile)).toEqual(["Enter your work account, e.g. admin@contoso.onmicrosoft.com"]);
  });
});
