import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { loadFixture } from "@/simulators/exchange/fixtures/load-fixture";
import { seedOrganizationPair } from "@/simulators/exchange/fixtures/seed-organization-pair";
import { runAgent, spawnAgent } from "@/tests/helpers/agent-cli";
import { ACCOUNTS } from "@/tests/integration/identity/scenario";
import { failOnContentSecurityPolicyViolations } from "./support/csp-violations";
import { signInWithPopup } from "./support/demo-accounts";

// Pairing an agent as an admin does it: a code on the Agents page, the command on the server,
// and the page turning green by itself.

failOnContentSecurityPolicyViolations();

test("a code created on the Agents page pairs an agent, and the card turns green without a reload", async ({
  page,
  baseURL,
}) => {
  const workDir = await mkdtemp(path.join(os.tmpdir(), "hw-e2e-agent-"));
  const { onPremisesFile } = await seedOrganizationPair(workDir, await loadFixture("fabrikam"));
  const config = path.join(workDir, "agent.json");
  try {
    await signInWithPopup(page, ACCOUNTS.diego);
    await expect(page.getByTestId("onprem-credential-card")).toContainText("No agent paired yet.");
    await expect(page.getByRole("button", { name: "Next" })).toBeDisabled();
    await page.getByRole("link", { name: "Pair an agent" }).click();
    await expect(page.getByText("No agent paired yet.")).toBeVisible();
    await page.getByRole("button", { name: "Add agent" }).click();
    await expect(page.getByTestId("pairing-countdown")).toContainText(/Expires in (10:00|9:\d\d)/);
    const command = (await page.getByTestId("pair-command").textContent()) ?? "";
    expect(command).toContain(`--server ${baseURL}`);
    const code = (await page.getByTestId("pairing-code").textContent()) ?? "";

    const paired = await runAgent([
      "pair",
      code,
      "--server",
      baseURL ?? "",
      "--name",
      "EX01 agent",
      "--config",
      config,
      "--executor",
      "simulated",
      "--simulator-state",
      onPremisesFile,
    ]);
    expect(paired.code, paired.output).toBe(0);

    const card = page.getByTestId("add-agent-card");
    await expect(card).toContainText(`Connected: ${os.hostname()}`);
    await expect(page.getByTestId("agent-row")).toContainText("EX01 agent");

    const agent = spawnAgent(["run", "--config", config]);
    try {
      await expect(page.getByTestId("agent-row")).toContainText("Online");
      await page.goto("/wizard/credentials");
      await expect(page.getByTestId("onprem-credential-card")).toContainText(
        `EX01 agent on ${os.hostname()}`,
      );
      await expect(page.getByRole("button", { name: "Next" })).toBeEnabled();
    } finally {
      agent.kill("SIGTERM");
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
});
