import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { loadFixture } from "@/simulators/exchange/fixtures/load-fixture";
import { seedOrganizationPair } from "@/simulators/exchange/fixtures/seed-organization-pair";
import { type LocalDnsServer, startLocalDnsServer } from "@/tests/helpers/dns-server";
import { ACCOUNTS } from "@/tests/integration/identity/scenario";
import { expectNoAxeViolations } from "./support/axe";
import { failOnContentSecurityPolicyViolations } from "./support/csp-violations";
import { signInWithPopup } from "./support/demo-accounts";
import { pairRunningAgent } from "./support/pair-agent";
import { next } from "./support/wizard-walk";

// Fabrikam still runs an Exchange 2010 server, so full hybrid needs a federation trust: the admin
// creates it on Domain Ownership, publishes each TXT proof (here, in a DNS server on loopback that
// the web app's DNS_RESOLVERS names) and Verify finds it. Its expired certificate is offered, disabled, with why.

failOnContentSecurityPolicyViolations();
test.setTimeout(240_000);

let dns: LocalDnsServer;
let workDir: string;
let agent: ChildProcess | undefined;

test.beforeAll(async () => {
  dns = await startLocalDnsServer(Number(process.env.HW_E2E_DNS_PORT));
  workDir = await mkdtemp(path.join(os.tmpdir(), "hw-e2e-federation-"));
});

test.afterAll(async () => {
  agent?.kill("SIGTERM");
  await dns?.close();
  await rm(workDir, { recursive: true, force: true });
});

test("Fabrikam's federation path: the TXT proof verified in DNS, the expired certificate disabled with its reason", async ({
  page,
  baseURL,
}) => {
  const { onPremisesFile } = await seedOrganizationPair(workDir, await loadFixture("fabrikam"));
  await signInWithPopup(page, ACCOUNTS.diego);
  agent = await pairRunningAgent(page, {
    baseURL: baseURL ?? "",
    name: "FAB-EX16 agent",
    config: path.join(workDir, "agent.json"),
    onPremisesFile,
  });

  await page.goto("/wizard");
  await page.getByRole("button", { name: "New run" }).click();
  await expect(page.getByText(/Detected through the agent: FAB-EX16/)).toBeVisible({ timeout: 60_000 });
  await next(page, "credentials");
  await expect(page.getByTestId("onprem-credential-card")).toContainText("FAB-EX16 agent");
  await next(page, "configuration");
  await expect(page.getByText(/^Gathered /)).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId("gather-checks")).toContainText("Exchange 2010");
  await next(page, "features");
  await page.getByLabel(/^Migration endpoint/).uncheck();
  await next(page, "topology");
  await next(page, "domains");
  await expect(page.getByLabel("fabrikam.com")).toBeChecked();
  await next(page, "domain-ownership");

  await page.getByRole("button", { name: "Create the federation trust" }).click();
  const proof = page.getByTestId("domain-proof").filter({ hasText: "fabrikam.com" });
  await expect(proof.locator("code")).toContainText(/^fabrikam\.com IN TXT \S+/, { timeout: 60_000 });
  await expect(proof.getByRole("button", { name: "Copy the proof for fabrikam.com" })).toBeVisible();
  await expectNoAxeViolations(page);

  await proof.getByRole("button", { name: "Verify fabrikam.com" }).click();
  await expect(proof).toContainText("Not verified: fabrikam.com publishes no TXT record yet.");
  const record = (await proof.locator("code").textContent()) ?? "";
  dns.txt.set("fabrikam.com", ["v=spf1 -all", record.replace(/^fabrikam\.com IN TXT /, "")]);
  await proof.getByRole("button", { name: "Verify fabrikam.com" }).click();
  await expect(proof).toContainText("Verified: fabrikam.com publishes its proof.");
  await next(page, "transport");
  await next(page, "receive-connectors");
  await next(page, "send-connectors");
  await page.getByLabel(/^FAB-EX16/).check();
  await next(page, "certificate");

  const expired = page
    .getByTestId("certificate-choice")
    .filter({ hasText: "9188CAF2594C5E55D87C6AC78FE1205BC5DEFA2A" });
  await expect(expired.getByRole("radio")).toBeDisabled();
  await expect(expired).toContainText(
    "Expired or not yet valid (valid 2024-06-01T00:00:00Z to 2025-06-30T23:59:59Z)",
  );
  const current = page
    .getByTestId("certificate-choice")
    .filter({ hasText: "A6184A66BBAB1DD3C221D109EBB670746258FCA0" });
  await expect(current.getByRole("radio")).toBeChecked();
  await expectNoAxeViolations(page);
  await next(page, "organization-fqdn");
});
