import { expect, test } from "@playwright/test";

/**
 * Fails each test of the file in which a page of the app (its popups and frames included) had
 * something refused by the app's Content Security Policy: the policy must let sign-in work whole.
 */
export function failOnContentSecurityPolicyViolations(): void {
  const violations: string[] = [];
  test.beforeEach(({ context, baseURL }) => {
    violations.length = 0;
    context.on("console", (message) => {
      const fromApp = baseURL !== undefined && message.location().url.startsWith(baseURL);
      if (fromApp && /Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
  });
  test.afterEach(() => {
    expect(violations).toEqual([]);
  });
}
