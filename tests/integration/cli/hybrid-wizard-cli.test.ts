import { mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, chromium, type Page } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDirectory } from "@/simulators/identity/directory/load-directory";
import { ensureLocalCa } from "@/simulators/tls/local-ca";
import { waitFor } from "@/tests/helpers/agent-cli";
import { freshTotp } from "@/tests/helpers/identity";
import { spawnTsx } from "@/tests/helpers/spawn-tsx";
import { makeDataDir, type RunningProduct, startProduct } from "@/tests/helpers/start-product";
import { ACCOUNTS } from "@/tests/integration/identity/scenario";
import { shippedAnswers } from "@/tests/integration/wizard/expected-operations";

// `hybrid-wizard` as an admin's script runs it: real processes against `npm start` (embedded
// Postgres, the simulators, the web app, Contoso's demo agent), signed in through a real Chromium
// with password and authenticator code — on the loopback redirect.

type Account = (typeof ACCOUNTS)[keyof typeof ACCOUNTS];

let product: RunningProduct;
let browser: Browser;
let caCertPath: string;
let answersFile: string;

beforeAll(async () => {
  const dataDir = await makeDataDir();
  product = await startProduct({ DATA_DIR: dataDir });
  caCertPath = (await ensureLocalCa(path.join(dataDir, "tls"))).caCertPath;
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
  // Contoso's shipped answers, without the migration endpoint (its password is entered on a page).
  const answers: Record<string, unknown> = { ...(await shippedAnswers("contoso")) };
  answers.features = { ...(answers.features as object), migrationEndpoint: false };
  delete answers.migrationCredential;
  answersFile = path.join(await mkdtemp(path.join(tmpdir(), "hw-cli-")), "contoso.json");
  await writeFile(answersFile, JSON.stringify(answers));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

function cli(home: string, args: string[]) {
  const child = spawnTsx("cli/hybrid-wizard.ts", args, {
    ...process.env,
    HYBRID_WIZARD_HOME: home,
    HYBRID_WIZARD_BROWSER: "none",
    NODE_EXTRA_CA_CERTS: caCertPath,
  });
  let stdout = "";
  child.stdout?.on("data", (chunk) => {
    stdout += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return {
    child,
    output: child.output,
    async result() {
      const code = await exited;
      return { code, stdout, output: child.output() };
    },
  };
}

const run = (home: string, args: string[]) => cli(home, args).result();

async function totpOf(account: Account): Promise<string | undefined> {
  const directory = await loadDirectory();
  const tenant = directory.findTenant(account.domain);
  const secret =
    tenant && directory.findIdentity(tenant, { userPrincipalName: account.username })?.user.totpSecret;
  return secret ? freshTotp(secret) : undefined;
}

/** The identity provider's pages, as a person fills them: password, then the authenticator's code. */
async function signInAt(page: Page, account: Account) {
  const user = page.getByLabel("Email or user name");
  if (await user.isVisible()) await user.fill(account.username);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  const code = await totpOf(account);
  if (code) {
    await page.getByLabel("Code").fill(code);
    await page.getByRole("button", { name: "Verify" }).click();
  }
}

async function newPage(): Promise<Page> {
  return (await browser.newContext({ ignoreHTTPSErrors: true })).newPage();
}

async function loginWithBrowser(home: string, account: Account) {
  const login = cli(home, ["login", "--server", product.url, "--account", account.username]);
  const url = await waitFor(
    async () => login.output().match(/^(https:\/\/\S+)$/m)?.[1] ?? null,
    "the sign-in address",
    90_000,
  );
  const page = await newPage();
  await page.goto(url);
  await signInAt(page, account);
  await page.getByRole("heading", { name: "You are signed in to Hybrid Wizard" }).waitFor();
  await page.context().close();
  return login.result();
}

/** Where no browser is at hand: the CLI prints an address and a code, which a person enters on any device. */
async function loginWithDeviceCode(home: string, account: Account) {
  const login = cli(home, ["login", "--device-code", "--server", product.url, "--account", account.username]);
  const [, url, code] = await waitFor(
    async () => login.output().match(/open (https:\/\/\S+) and enter the code (\S+)\./) ?? null,
    "the device code",
    90_000,
  );
  const page = await newPage();
  await page.goto(url as string);
  await page.getByLabel("Code").fill(code as string);
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await signInAt(page, account);
  await page.getByRole("heading", { name: "You have signed in" }).waitFor();
  await page.context().close();
  return login.result();
}

/** The cached access tokens expired and the refresh token one Entra never issued (or has revoked). */
async function revokeRefreshTokens(home: string) {
  const file = path.join(home, "msal-token-cache.json");
  const cache = JSON.parse(await readFile(file, "utf8")) as Record<
    string,
    Record<string, Record<string, string>>
  >;
  for (const token of Object.values(cache.AccessToken ?? {})) {
    token.expires_on = token.extended_expires_on = "1";
  }
  for (const token of Object.values(cache.RefreshToken ?? {})) token.secret = "revoked-refresh-token";
  await writeFile(file, JSON.stringify(cache), { mode: 0o600 });
}

describe("hybrid-wizard", () => {
  let home: string;

  it("signs in on the loopback redirect in the browser (password and authenticator code), keeping its tokens for this user only", async () => {
    home = await mkdtemp(path.join(tmpdir(), "hw-cli-home-"));
    const login = await loginWithBrowser(home, ACCOUNTS.adele);
    expect(login.code, login.output).toBe(0);
    expect(login.stdout).toContain("Signed in as adele@contoso.onmicrosoft.com (Contoso)");
    expect((await stat(path.join(home, "msal-token-cache.json"))).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(home, "sign-in.json"))).mode & 0o777).toBe(0o600);

    const whoami = await run(home, ["whoami", "--json"]);
    expect(whoami.code, whoami.output).toBe(0);
    expect(JSON.parse(whoami.stdout)).toMatchObject({
      user: { upn: "adele@contoso.onmicrosoft.com" },
      mfa: true,
    });
  }, 120_000);

  it("signs in with a device code entered in a browser elsewhere (password and authenticator code)", async () => {
    const deviceHome = await mkdtemp(path.join(tmpdir(), "hw-cli-device-"));
    const login = await loginWithDeviceCode(deviceHome, ACCOUNTS.adele);
    expect(login.code, login.output).toBe(0);
    expect(login.stdout).toContain("Signed in as adele@contoso.onmicrosoft.com (Contoso)");

    const whoami = await run(deviceHome, ["whoami"]);
    expect(whoami.code, whoami.output).toBe(0);
    expect(whoami.stdout).toContain("<adele@contoso.onmicrosoft.com>");
    expect(whoami.stdout).toContain("MFA in this sign-in: yes");

    const health = await run(deviceHome, ["health"]);
    expect(health.code, health.output).toBe(0);
    expect(health.stdout).toContain("ok    Exchange Online: Contoso (contoso.onmicrosoft.com)");
    expect(health.stdout).toContain(
      "ok    Security & Compliance: ps.compliance.protection.outlook.com, 5 sensitivity labels",
    );

    // As after an admin revoked the sessions: the access token has run out and Entra refuses the
    // refresh token, so the scheduled script is told to sign in again instead of failing obscurely.
    await revokeRefreshTokens(deviceHome);
    const refused = await run(deviceHome, ["whoami", "--json"]);
    expect(refused.code, refused.output).toBe(3);
    expect(refused.output).toContain("Entra wants you to sign in again");
    expect(refused.output).toContain("Run hybrid-wizard login");
    expect(JSON.parse(refused.stdout).error).toMatchObject({ code: "interaction_required" });
  }, 120_000);

  it("exits 3 with the reason when the tenant requires MFA and the sign-in had none", async () => {
    const noMfaHome = await mkdtemp(path.join(tmpdir(), "hw-cli-no-mfa-"));
    // Alex has no authenticator: the sign-in ends after the password.
    const login = await loginWithBrowser(noMfaHome, ACCOUNTS.alex);
    expect(login.code, login.output).toBe(0);

    const refused = await run(noMfaHome, ["runs", "list", "--json"]);
    expect(refused.code, refused.output).toBe(3);
    expect(refused.output).toContain("Contoso requires multi-factor authentication (MFA)");
    expect(refused.output).toContain("Run hybrid-wizard login");
    expect(JSON.parse(refused.stdout).error).toMatchObject({ code: "mfa_required" });
  }, 120_000);

  it("runs Contoso's hybrid from answers to done, plans nothing the second time, and undoes it", async () => {
    const made = await run(home, ["runs", "new", "--answers", answersFile, "--json"]);
    expect(made.code, made.output).toBe(0);
    const runId = JSON.parse(made.stdout).id as string;

    const plan = await run(home, ["plan", runId, "--json"]);
    expect(plan.code, plan.output).toBe(0);
    const operations = plan.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(
      operations.filter((operation) => operation.action !== "nop").map((operation) => operation.cmdlet),
    ).toEqual(
      expect.arrayContaining([
        "New-HybridConfiguration",
        "New-SendConnector",
        "New-InboundConnector",
        "New-OrganizationRelationship",
      ]),
    );

    // A script must say --yes: without a terminal to ask at, nothing is applied.
    const refused = await run(home, ["apply", runId]);
    expect(refused.code).toBe(2);
    expect(refused.output).toContain("pass --yes");

    expect((await run(home, ["apply", runId, "--yes"])).code).toBe(0);
    const followed = await run(home, ["status", runId, "--follow"]);
    expect(followed.code, followed.output).toBe(0);
    expect(followed.stdout).toContain("New-HybridConfiguration");
    expect(followed.output).toMatch(/\[#{30}\] (\d+)\/\1 succeeded/);

    const again = await run(home, ["runs", "new", "--answers", answersFile, "--json"]);
    const secondPlan = await run(home, ["plan", JSON.parse(again.stdout).id]);
    expect(secondPlan.code, secondPlan.output).toBe(0);
    expect(secondPlan.stdout).toContain("Nothing to change");

    const undone = await run(home, ["undo", runId, "--yes", "--json"]);
    expect(undone.code, undone.output).toBe(0);
    const undoRunId = JSON.parse(undone.stdout).run.id as string;
    expect((await run(home, ["status", undoRunId, "--follow"])).code).toBe(0);

    // Restored: a fresh run plans the hybrid's objects as new again.
    const restored = await run(home, ["runs", "new", "--answers", answersFile, "--json"]);
    const thirdPlan = await run(home, ["plan", JSON.parse(restored.stdout).id, "--json"]);
    expect(thirdPlan.stdout).toContain('"cmdlet":"New-HybridConfiguration"');

    const log = await run(home, ["log", runId, "--format", "text"]);
    expect(log.code).toBe(0);
    expect(log.stdout).toContain("New-HybridConfiguration");
  }, 600_000);

  it("lets a partner's technician list their customers, check them all, and plan for one with --tenant", async () => {
    const partnerHome = await mkdtemp(path.join(tmpdir(), "hw-cli-partner-"));
    const login = await loginWithBrowser(partnerHome, ACCOUNTS.patti);
    expect(login.code, login.output).toBe(0);

    const listed = await run(partnerHome, ["tenants", "--json"]);
    expect(listed.code, listed.output).toBe(0);
    expect(JSON.parse(listed.stdout).tenants.map((tenant: { domain: string }) => tenant.domain)).toEqual([
      "woodgrovepartners.onmicrosoft.com",
      "contoso.onmicrosoft.com",
      "fabrikam.onmicrosoft.com",
    ]);

    // Each customer with a token from its own authority: no other sign-in.
    const health = await run(partnerHome, ["health", "--all"]);
    expect(health.output).toContain("ok    Exchange Online: Contoso (contoso.onmicrosoft.com)");
    expect(health.output).toContain("ok    Exchange Online: Fabrikam (fabrikam.onmicrosoft.com)");

    const whoami = await run(partnerHome, ["whoami", "--tenant", "contoso.onmicrosoft.com", "--json"]);
    expect(JSON.parse(whoami.stdout)).toMatchObject({
      tenant: { initialDomain: "contoso.onmicrosoft.com" },
      user: { upn: ACCOUNTS.patti.username },
      partner: { name: "Woodgrove Partners", actingInCustomer: true },
    });
    const made = await run(partnerHome, [
      "--tenant",
      "contoso.onmicrosoft.com",
      "runs",
      "new",
      "--answers",
      answersFile,
      "--json",
    ]);
    expect(made.code, made.output).toBe(0);
    const plan = await run(partnerHome, [
      "--tenant",
      "contoso.onmicrosoft.com",
      "plan",
      JSON.parse(made.stdout).id,
      "--json",
    ]);
    expect(plan.code, plan.output).toBe(0);
    expect(plan.stdout).toContain('"cmdlet":"New-HybridConfiguration"');
    // Her run is Contoso's, not Woodgrove's.
    const own = JSON.parse((await run(partnerHome, ["runs", "list", "--json"])).stdout).runs;
    expect(own).toHaveLength(0);
  }, 300_000);

  it("refuses an answers file that does not parse, naming each field, and starts nothing", async () => {
    const bad = path.join(path.dirname(answersFile), "bad.json");
    await writeFile(
      bad,
      JSON.stringify({ ...JSON.parse(await readFile(answersFile, "utf8")), features: { hybrid: "maximal" } }),
    );
    const before = JSON.parse((await run(home, ["runs", "list", "--json"])).stdout).runs.length;
    const refused = await run(home, ["runs", "new", "--answers", bad]);
    expect(refused.code).toBe(2);
    expect(refused.output).toContain("features.hybrid");
    expect(JSON.parse((await run(home, ["runs", "list", "--json"])).stdout).runs).toHaveLength(before);
  }, 180_000);
});
