import type { ChildProcess } from "node:child_process";
import { expect, type Page } from "@playwright/test";
import { runAgent, spawnAgent } from "@/tests/helpers/agent-cli";

/**
 * Pairs an agent as an admin does (a code on the Agents page, `hybrid-agent pair` on the server)
 * with the simulated executor on `onPremisesFile`, and starts it; resolves once the page shows it online.
 */
export async function pairRunningAgent(
  page: Page,
  options: { baseURL: string; name: string; config: string; onPremisesFile: string },
): Promise<ChildProcess> {
  await page.goto("/agents");
  await page.getByRole("button", { name: "Add agent" }).click();
  const code = (await page.getByTestId("pairing-code").textContent()) ?? "";
  const paired = await runAgent([
    "pair",
    code,
    "--server",
    options.baseURL,
    "--name",
    options.name,
    "--config",
    options.config,
    "--executor",
    "simulated",
    "--simulator-state",
    options.onPremisesFile,
  ]);
  expect(paired.code, paired.output).toBe(0);
  const agent = spawnAgent(["run", "--config", options.config]);
  await expect(page.getByTestId("agent-row").filter({ hasText: options.name })).toContainText("Online");
  return agent;
}
