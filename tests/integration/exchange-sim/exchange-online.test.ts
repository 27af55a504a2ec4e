import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Agent, fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFixture } from "@/simulators/exchange/fixtures/load-fixture";
import type { Cloud } from "@/simulators/exchange/model/organization-state";
import { EXCHANGE_CLOUDS } from "@/simulators/exchange/online/exchange-clouds";
import {
  type RunningExchangeOnline,
  startExchangeOnline,
} from "@/simulators/exchange/online/start-exchange-online";
import { ensureLocalCa } from "@/simulators/tls/local-ca";
import { startTestIdentityProvider, type TestIdentityProvider } from "@/tests/helpers/identity";
import { ACCOUNTS, appFor, CLIENT_SECRETS, signInAs, tenantOf } from "@/tests/integration/identity/scenario";

// The Exchange Online simulator over real HTTPS, with tokens from the identity simulator obtained
// the way the service obtains them (sign-in, then on-behalf-of for the Exchange resource).

const CONTOSO = "be02d50c-0ae5-4169-a670-583b92eb1181";
const TAILSPIN = "3198d6ce-70b1-48fa-8a3c-e2217493ce5e";

let idp: TestIdentityProvider;
let exchange: RunningExchangeOnline;
let dataDir: string;
let client: Agent;
const tokens: Record<string, string> = {};

async function startExchange(): Promise<RunningExchangeOnline> {
  const ca = await ensureLocalCa(path.join(dataDir, "tls"));
  const hosts = [
    "localhost",
    ...Object.values(EXCHANGE_CLOUDS).flatMap((cloud) => [cloud.host, cloud.loopbackAddress]),
  ];
  const certificate = await ca.issueServerCertificate(hosts);
  client ??= new Agent({ connect: { ca: ca.caCertPem } });
  return startExchangeOnline({
    dataDir,
    port: 0,
    tls: certificate,
    authorityBaseFor: (cloud) => `https://${idp.hostFor(cloud)}`,
    authorityCaPem: idp.caCertPem,
    fixtures: ["contoso", "fabrikam", "tailspin"],
  });
}

/** A v1 Exchange Online (or Security & Compliance) token for the account, by on-behalf-of from its API token. */
async function exchangeToken(
  account: (typeof ACCOUNTS)[keyof typeof ACCOUNTS],
  endpoint: "resource" | "complianceResource" = "resource",
): Promise<string> {
  const tenant = tenantOf(idp, account.domain);
  const apiToken = await signInAs(idp, account);
  const response = await idp.requestToken(tenant.tenantId, {
    grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
    requested_token_use: "on_behalf_of",
    assertion: apiToken.access_token,
    scope: `${EXCHANGE_CLOUDS[tenant.cloud][endpoint]}/.default`,
    client_id: appFor(idp, tenant.cloud).clientId,
    client_secret: CLIENT_SECRETS[tenant.cloud],
  });
  const body = response.body as { access_token?: string };
  if (!body.access_token) throw new Error(`on-behalf-of failed: ${JSON.stringify(response.body)}`);
  return body.access_token;
}

interface Call {
  cloud?: Cloud;
  tenantId?: string;
  token?: string;
  path?: string;
  body?: unknown;
  headers?: Record<string, string>;
  url?: string;
}

async function call(options: Call) {
  const cloud = options.cloud ?? "Worldwide";
  const url =
    options.url ??
    `${exchange.baseUrlFor(cloud)}/adminapi/beta/${options.tenantId ?? CONTOSO}/${options.path ?? "InvokeCommand"}`;
  const response = await fetch(url, {
    method: "POST",
    dispatcher: client,
    headers: {
      "content-type": "application/json",
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

function invoke(cmdletName: string, parameters: Record<string, unknown> = {}, extra: Call = {}) {
  return call({
    token: tokens.adele,
    body: { CmdletInput: { CmdletName: cmdletName, Parameters: parameters } },
    ...extra,
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "exchange-online-"));
  idp = await startTestIdentityProvider();
  exchange = await startExchange();
  tokens.adele = await exchangeToken(ACCOUNTS.adele);
  tokens.alex = await exchangeToken(ACCOUNTS.alex);
  tokens.lynne = await exchangeToken(ACCOUNTS.lynne);
  tokens.diego = await exchangeToken(ACCOUNTS.diego);
  tokens.wei = await exchangeToken(ACCOUNTS.wei);
  tokens.alexApi = (await signInAs(idp, ACCOUNTS.alex)).access_token;
  tokens.adeleCompliance = await exchangeToken(ACCOUNTS.adele, "complianceResource");
  tokens.weiCompliance = await exchangeToken(ACCOUNTS.wei, "complianceResource");
});

afterAll(async () => {
  await exchange?.close();
  await idp?.stop();
  await client?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe("authentication", () => {
  it("serves a Global Administrator and an Exchange Administrator", async () => {
    for (const token of [tokens.adele, tokens.alex]) {
      const response = await invoke("Get-OrganizationConfig", {}, { token });
      expect(response.status).toBe(200);
      expect((response.body.value as { Guid: string }[])[0]!.Guid).toBe(
        "5b2de0bc-75c7-4d17-9f3c-7470d80b3c52",
      );
    }
  });

  it("answers 401 with a Bearer challenge without a token", async () => {
    const response = await invoke("Get-AcceptedDomain", {}, { token: undefined });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer /);
    expect(response.body).toMatchObject({ error: { code: "InvalidAuthenticationToken" } });
  });

  it("answers 401 to a token for another audience (the wizard's own API)", async () => {
    const response = await invoke("Get-AcceptedDomain", {}, { token: tokens.alexApi });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ error: { code: "InvalidAudience" } });
  });

  it("answers 401 to a token that is not signed by the identity provider", async () => {
    const [header, payload] = tokens.adele!.split(".");
    const response = await invoke("Get-AcceptedDomain", {}, { token: `${header}.${payload}.c2lnbmF0dXJl` });
    expect(response.status).toBe(401);
  });

  it("answers 403 to another tenant's administrator", async () => {
    const response = await invoke("Get-AcceptedDomain", {}, { token: tokens.diego });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ error: { code: "TenantMismatch" } });
  });

  it("answers 403 to a user who is not an Exchange administrator", async () => {
    const response = await invoke("Get-AcceptedDomain", {}, { token: tokens.lynne });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ error: { code: "Forbidden" } });
  });

  it("serves a 21Vianet tenant on its own host only, with that cloud's issuer and audience", async () => {
    const china = await invoke(
      "Get-AcceptedDomain",
      {},
      { cloud: "China21Vianet", tenantId: TAILSPIN, token: tokens.wei },
    );
    expect(china.status).toBe(200);
    expect((china.body.value as { DomainName: string }[]).map((domain) => domain.DomainName)).toContain(
      "tailspincn.partner.onmschina.cn",
    );
    const worldwideToken = await invoke(
      "Get-AcceptedDomain",
      {},
      { cloud: "China21Vianet", token: tokens.adele },
    );
    expect(worldwideToken.status).toBe(401);
    const wrongHost = await invoke(
      "Get-AcceptedDomain",
      {},
      { cloud: "Worldwide", tenantId: TAILSPIN, token: tokens.wei },
    );
    expect(wrongHost.status).toBe(401);
  });
});

describe("Security & Compliance", () => {
  const getLabel = (cloud: Cloud, tenantId: string, token: string | undefined) =>
    call({
      url: `${exchange.complianceUrlFor(cloud)}/adminapi/beta/${tenantId}/InvokeCommand`,
      token,
      body: { CmdletInput: { CmdletName: "Get-Label", Parameters: {} } },
    });

  it("answers Get-Label in each cloud to a token for that cloud's compliance endpoint", async () => {
    for (const [cloud, tenantId, token] of [
      ["Worldwide", CONTOSO, tokens.adeleCompliance],
      ["China21Vianet", TAILSPIN, tokens.weiCompliance],
    ] as const) {
      const answer = await getLabel(cloud, tenantId, token);
      expect(answer.status).toBe(200);
      expect((answer.body.value as { Name: string }[]).map((label) => label.Name)).toEqual([
        "Personal",
        "Public",
        "General",
        "Confidential",
        "Highly Confidential",
      ]);
    }
  });

  it("refuses an Exchange Online token there, and a compliance token at Exchange Online", async () => {
    const exchangeTokenAtCompliance = await getLabel("Worldwide", CONTOSO, tokens.adele);
    expect(exchangeTokenAtCompliance.status).toBe(401);
    expect(exchangeTokenAtCompliance.body).toMatchObject({ error: { code: "InvalidAudience" } });
    const complianceTokenAtExchange = await invoke(
      "Get-OrganizationConfig",
      {},
      { token: tokens.adeleCompliance },
    );
    expect(complianceTokenAtExchange.status).toBe(401);
  });

  it("knows only the cmdlets the service reads", async () => {
    const answer = await call({
      url: `${exchange.complianceUrlFor("Worldwide")}/adminapi/beta/${CONTOSO}/InvokeCommand`,
      token: tokens.adeleCompliance,
      body: { CmdletInput: { CmdletName: "New-Label", Parameters: {} } },
    });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain("CommandNotFoundException");
  });
});

describe("InvokeCommand", () => {
  it("runs a Set- whose change the next Get- shows, and reports warnings", async () => {
    const set = await invoke("Set-RemoteDomain", { Identity: "Default", AutoForwardEnabled: false });
    expect(set.status).toBe(200);
    expect(set.body.value).toEqual([]);
    const [domain] = (await invoke("Get-RemoteDomain", { Identity: "Default" })).body.value as {
      AutoForwardEnabled: boolean;
    }[];
    expect(domain!.AutoForwardEnabled).toBe(false);
    const again = await invoke("Set-RemoteDomain", { Identity: "Default", AutoForwardEnabled: false });
    expect(again.body["@adminapi.warnings"]).toEqual([
      "The command completed successfully but no settings of 'Default' have been modified.",
    ]);
  });

  it("returns cmdlet errors in Exchange's error shape", async () => {
    const response = await invoke("Get-InboundConnector", { Identity: "Nope" });
    expect(response.status).toBe(400);
    const error = response.body.error as {
      code: string;
      message: string;
      details: { message: string; code: string }[];
    };
    expect(error.details[0]!.code).toBe("ObjectNotFound");
    expect(error.details[0]!.message).toMatch(
      /^[0-9A-F]{8}\|Microsoft\.Exchange\.Configuration\.Tasks\.ManagementObjectNotFoundException\|The operation couldn't be performed because object 'Nope' couldn't be found on '[^']+\.PROD\.OUTLOOK\.COM'\.$/,
    );
    const binding = await invoke("Set-RemoteDomain", { Identity: "Default", Colour: "blue" });
    expect((binding.body.error as { details: { message: string }[] }).details[0]!.message).toMatch(
      /A parameter cannot be found that matches parameter name 'Colour'\./,
    );
    expect((await call({ token: tokens.adele, body: { Cmdlet: "x" } })).status).toBe(400);
  });

  it("pages a large result by Prefer: odata.maxpagesize and @odata.nextLink", async () => {
    const fixture = await loadFixture("contoso");
    const domains = Array.from({ length: 2500 }, (_, index) => `d${index}.contoso.com`);
    await exchange.admin.seed({ ...fixture, tenant: { ...fixture.tenant, verifiedDomains: domains } });
    const seen: string[] = [];
    let response = await invoke("Get-AcceptedDomain", {}, { headers: { prefer: "odata.maxpagesize=1000" } });
    let pages = 1;
    seen.push(...(response.body.value as { DomainName: string }[]).map((domain) => domain.DomainName));
    while (typeof response.body["@odata.nextLink"] === "string") {
      response = await call({ token: tokens.adele, url: response.body["@odata.nextLink"] });
      expect(response.status).toBe(200);
      seen.push(...(response.body.value as { DomainName: string }[]).map((domain) => domain.DomainName));
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(2502);
    expect(new Set(seen).size).toBe(2502);
    await exchange.admin.seed("contoso");
  });

  it("runs a $batch, each request answered in its own slot", async () => {
    const response = await call({
      token: tokens.adele,
      path: "$batch",
      body: {
        requests: [
          {
            id: "1",
            method: "POST",
            url: "InvokeCommand",
            body: { CmdletInput: { CmdletName: "Get-AcceptedDomain" } },
          },
          {
            id: "2",
            method: "POST",
            url: `/adminapi/beta/${CONTOSO}/InvokeCommand`,
            body: {
              CmdletInput: {
                CmdletName: "Set-RemoteDomain",
                Parameters: { Identity: "Nope", NDREnabled: true },
              },
            },
          },
          {
            id: "3",
            method: "POST",
            url: `/adminapi/beta/b2497432-578a-4106-99bb-d25e34f060c6/InvokeCommand`,
            body: { CmdletInput: { CmdletName: "Get-AcceptedDomain" } },
          },
        ],
      },
    });
    expect(response.status).toBe(200);
    const responses = response.body.responses as {
      id: string;
      status: number;
      body: { value?: unknown[] };
    }[];
    expect(responses.map((item) => [item.id, item.status])).toEqual([
      ["1", 200],
      ["2", 400],
      ["3", 403],
    ]);
    expect(responses[0]!.body.value).toHaveLength(3);
  });
});

describe("throttling and faults", () => {
  it("answers 429 with Rate-Limit headers past the tenant's budget", async () => {
    await exchange.admin.setRateLimit(CONTOSO, { limit: 2, windowSeconds: 60 });
    const first = await invoke("Get-AcceptedDomain");
    expect(first.headers.get("rate-limit-remaining")).toBe("1");
    await invoke("Get-AcceptedDomain");
    const throttled = await invoke("Get-AcceptedDomain");
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("rate-limit-remaining")).toBe("0");
    expect(Date.parse(throttled.headers.get("rate-limit-reset") ?? "")).toBeGreaterThan(Date.now());
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
    await exchange.admin.setRateLimit(CONTOSO, null);
    expect((await invoke("Get-AcceptedDomain")).status).toBe(200);
  });

  it("throttles, fails and drops the session on demand, then recovers", async () => {
    const tenant = { side: "Online", tenantId: CONTOSO } as const;
    await exchange.admin.setFault(tenant, {
      cmdlet: "Get-AcceptedDomain",
      kind: "throttle",
      retryAfterSeconds: 7,
      times: 1,
    });
    const throttled = await invoke("Get-AcceptedDomain");
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toBe("7");
    expect((await invoke("Get-AcceptedDomain")).status).toBe(200);

    await exchange.admin.setFault(tenant, {
      cmdlet: "New-MigrationEndpoint",
      kind: "error",
      times: 1,
      error: {
        message: "The connection to the server 'mail.contoso.com' could not be completed.",
        category: "InvalidArgument",
        exceptionType: "Microsoft.Exchange.Migration.MigrationServerConnectionFailedException",
      },
    });
    const failed = await invoke("New-MigrationEndpoint", {
      Name: "x",
      ExchangeRemoteMove: true,
      RemoteServer: "mail.contoso.com",
    });
    expect(failed.status).toBe(400);
    expect((failed.body.error as { message: string }).message).toMatch(
      /\|Microsoft\.Exchange\.Migration\.MigrationServerConnectionFailedException\|The connection to the server/,
    );

    await exchange.admin.setFault(tenant, { cmdlet: "*", kind: "drop-session", times: 1 });
    await expect(invoke("Get-OrganizationConfig")).rejects.toThrow();
    expect((await invoke("Get-OrganizationConfig")).status).toBe(200);

    // The worst moment: the change is made, and the connection drops before the answer.
    await exchange.admin.setFault(tenant, {
      cmdlet: "New-RemoteDomain",
      kind: "crash-after-write",
      times: 1,
    });
    await expect(
      invoke("New-RemoteDomain", { Name: "Unanswered", DomainName: "unanswered.example.com" }),
    ).rejects.toThrow();
    const made = await invoke("Get-RemoteDomain", { Identity: "Unanswered" });
    expect(made.body.value).toEqual([expect.objectContaining({ DomainName: "unanswered.example.com" })]);
  });
});

describe("state", () => {
  it("keeps a tenant's configuration across a restart of the simulator", async () => {
    await invoke("New-RemoteDomain", { Name: "Kept", DomainName: "kept.example.com" });
    await exchange.close();
    exchange = await startExchange();
    const response = await invoke("Get-RemoteDomain", { Identity: "Kept" });
    expect(response.status).toBe(200);
    expect(response.body.value).toHaveLength(1);
  });
});
