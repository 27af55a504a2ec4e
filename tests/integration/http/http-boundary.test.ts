import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPairingCode } from "@/lib/agents/create-pairing-code";
import { AGENT_API_PATHS } from "@/lib/agents/protocol";
import { createDb, type Db } from "@/lib/db";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { type ActingContext, actingAsService } from "@/lib/tenants/acting-context";
import { seedDemo } from "@/scripts/lib/seed-demo";
import { DEMO_APP_SECRETS } from "@/simulators/identity/demo-sign-in";
import {
  serviceEnvFor,
  startTestIdentityProvider,
  type TestIdentityProvider,
} from "@/tests/helpers/identity";
import { postPartially, trickleBody } from "@/tests/helpers/raw-http";
import {
  createMigratedDatabase,
  openTestDatabaseServer,
  type TestDatabaseServer,
} from "@/tests/helpers/test-database";
import { startWebApp } from "@/tests/helpers/web-app";
import { ACCOUNTS, signInAs } from "@/tests/integration/identity/scenario";

// The HTTP boundary of the production server, from outside as a browser, an agent or an attacker
// meets it: security headers, bounded bodies, JSON errors, request timeouts, and log lines that
// never carry a secret.

const TIMEOUTS = { HTTP_REQUEST_TIMEOUT_SECONDS: "3", HTTP_HEADERS_TIMEOUT_SECONDS: "2" };
/** Longer than the request timeout: a held poll must outlive it. */
const POLL_HOLD_SECONDS = 6;

let idp: TestIdentityProvider;
let databaseServer: TestDatabaseServer;
let databaseUrl: string;
let db: Db;
let web: Awaited<ReturnType<typeof startWebApp>>;
const output: string[] = [];
/** Every secret the flows below handle; none may appear in the web app's output. */
const secrets = new Set<string>();
let adeleToken: string;
/** The test acting in Contoso as the service does, to make pairing codes. */
let contoso: ActingContext;

beforeAll(async () => {
  idp = await startTestIdentityProvider();
  databaseServer = await openTestDatabaseServer(inject("databaseServerUrl"));
  databaseUrl = await createMigratedDatabase(databaseServer, "hw_http_boundary");
  db = createDb(databaseUrl);
  await seedDemo(db, idp.directory);
  web = await startWebApp({
    databaseUrl,
    env: {
      ...serviceEnvFor(idp),
      ...TIMEOUTS,
      AGENT_POLL_HOLD_SECONDS: String(POLL_HOLD_SECONDS),
      LOG_LEVEL: "debug",
    },
    onOutput: (line) => output.push(line),
  });
  adeleToken = (await signInAs(idp, ACCOUNTS.adele)).access_token;
  contoso = actingAsService(
    await db.tenant.findFirstOrThrow({ where: { displayName: "Contoso" } }),
    "HTTP boundary test",
  );
  secrets.add(adeleToken);
  for (const account of Object.values(ACCOUNTS)) secrets.add(account.password);
  for (const secret of Object.values(DEMO_APP_SECRETS)) secrets.add(secret);
  const databasePassword = new URL(databaseUrl).password;
  if (databasePassword) secrets.add(databasePassword);
});

afterAll(async () => {
  await web?.stop();
  await db?.$disconnect();
  await databaseServer?.close();
  await idp?.stop();
});

function publicJwk() {
  const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 3072 });
  return { ...publicKey.export({ format: "jwk" }), alg: "RSA-OAEP-256" };
}

async function pairAgent(): Promise<string> {
  const { code } = await createPairingCode({ db, acting: contoso });
  secrets.add(code);
  const response = await fetch(`${web.url}${AGENT_API_PATHS.pair}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      code,
      name: "EX01 agent",
      host: "ex01.contoso.com",
      version: "1.0.0",
      runAs: "CONTOSO\\svc-hybrid",
      publicKeyJwk: publicJwk(),
    }),
  });
  expect(response.status).toBe(200);
  const { credential } = await response.json();
  secrets.add(credential);
  return credential;
}

describe("security headers", () => {
  it("gives every page a strict policy with a fresh nonce that MSAL's sign-in can live with", async () => {
    const [first, second] = await Promise.all([fetch(`${web.url}/sign-in`), fetch(`${web.url}/sign-in`)]);
    const policy = first.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    expect(second.headers.get("content-security-policy")).not.toContain(`'nonce-${nonce}'`);
    const html = await first.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);

    const directives = Object.fromEntries(
      policy.split(";").map((directive) => {
        const [name = "", ...values] = directive.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives["script-src"]).toEqual(
      expect.arrayContaining([`'nonce-${nonce}'`, "'strict-dynamic'"]),
    );
    expect(directives["script-src"]).not.toContain("'unsafe-inline'");
    expect(directives["object-src"]).toEqual(["'none'"]);
    expect(directives["frame-ancestors"]).toEqual(["'self'"]);
    // Each configured cloud's identity provider: token calls, and the silent renewal's iframe.
    const identityOrigin = new URL(serviceEnvFor(idp).CLOUD_WORLDWIDE_AUTHORITY_URL ?? "").origin;
    expect(directives["connect-src"]).toContain(identityOrigin);
    expect(directives["frame-src"]).toEqual(expect.arrayContaining(["'self'", identityOrigin]));
    expect(first.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("marks API answers, refusals included, as not to be stored, framed or sniffed", async () => {
    for (const response of [
      await fetch(`${web.url}/api/health`),
      await fetch(`${web.url}/api/me`),
      await fetch(`${web.url}/api/me`, { headers: { authorization: `Bearer ${adeleToken}` } }),
    ]) {
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("content-security-policy")).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("gives the agent API's answers, which the web server makes before Next, the headers Next gave them", async () => {
    const credential = await pairAgent();
    // Headers about the connection or this one answer, not the service's rules; and Next's Vary,
    // which names its own page requests' headers and its gzip, for answers no cache may keep anyway.
    const perAnswer = new Set([
      "date",
      "content-length",
      "transfer-encoding",
      "connection",
      "keep-alive",
      "x-request-id",
      "vary",
    ]);
    const rules = (response: Response) =>
      Object.fromEntries([...response.headers].filter(([name]) => !perAnswer.has(name)));
    const overHttps: Record<string, string> = { "x-forwarded-proto": "https" };
    for (const proto of [{}, overHttps]) {
      const asAgent = { ...proto, authorization: `Bearer ${credential}`, "content-type": "application/json" };
      // HEAD is left to Next, which answers it with the same route's GET handler: the same answer as before.
      for (const headers of [asAgent, proto]) {
        const throughNext = await fetch(`${web.url}${AGENT_API_PATHS.whoami}`, { method: "HEAD", headers });
        const direct = await fetch(`${web.url}${AGENT_API_PATHS.whoami}`, { headers });
        expect(direct.status).toBe(throughNext.status);
        expect(rules(direct)).toEqual(rules(throughNext));
      }
      const expected = rules(
        await fetch(`${web.url}${AGENT_API_PATHS.whoami}`, { method: "HEAD", headers: asAgent }),
      );
      expect("strict-transport-security" in expected).toBe("x-forwarded-proto" in proto);
      // The other routes, answered, refused or failed: the same security and caching headers.
      const answers = [
        await fetch(`${web.url}${AGENT_API_PATHS.poll}`, { method: "POST", headers: asAgent, body: "{}" }),
        await fetch(`${web.url}${AGENT_API_PATHS.heartbeat("not-a-uuid")}`, {
          method: "POST",
          headers: asAgent,
          body: JSON.stringify({ leaseToken: "0" }),
        }),
        await fetch(`${web.url}${AGENT_API_PATHS.pair}`, { method: "POST", headers: proto, body: "{" }),
      ];
      expect(answers.map((answer) => answer.status)).toEqual([422, 404, 400]);
      for (const answer of answers) expect(rules(answer)).toEqual(expected);
    }
  });

  it("names each agent API answer by the caller's request id, or by a new one", async () => {
    const named = await fetch(`${web.url}${AGENT_API_PATHS.whoami}`, {
      headers: { "x-request-id": "agent-req-42" },
    });
    expect(named.headers.get("x-request-id")).toBe("agent-req-42");
    const unnamed = await fetch(`${web.url}${AGENT_API_PATHS.whoami}`);
    expect(unnamed.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect((await unnamed.json()).error.code).toBe("unauthenticated");
  });

  it("asks for HTTPS from then on only when the request came over HTTPS", async () => {
    expect((await fetch(`${web.url}/api/health`)).headers.get("strict-transport-security")).toBeNull();
    expect((await fetch(`${web.url}/sign-in`)).headers.get("strict-transport-security")).toBeNull();
    const overHttps = await fetch(`${web.url}/sign-in`, { headers: { "x-forwarded-proto": "https" } });
    expect(overHttps.headers.get("strict-transport-security")).toMatch(/^max-age=\d{7,}/);
    expect(overHttps.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });
});

describe("request bodies", () => {
  it("answers 413 to an oversized body on the unauthenticated pair route before it is sent", async () => {
    const answer = await postPartially(`${web.url}${AGENT_API_PATHS.pair}`, {
      declared: 50 * 1024 * 1024,
      sent: 64 * 1024,
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.code).toBe("payload_too_large");
  });

  it("bounds a job result by the one job-result limit", async () => {
    const credential = await pairAgent();
    const answer = await postPartially(`${web.url}${AGENT_API_PATHS.complete(crypto.randomUUID())}`, {
      declared: BODY_LIMITS.jobReport + 1,
      sent: 64 * 1024,
      headers: { authorization: `Bearer ${credential}` },
    });
    expect(answer.status).toBe(413);
  });

  it("answers JSON that does not parse with 400, and logs no error quoting it", async () => {
    const { code } = await createPairingCode({ db, acting: contoso });
    secrets.add(code);
    const response = await fetch(`${web.url}${AGENT_API_PATHS.pair}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: `{"code": "${code}", "name": `,
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toContain("not valid JSON");
    const settings = await fetch(`${web.url}/api/tenant/settings`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${adeleToken}`, "content-type": "multipart/form-data; boundary=x" },
      body: '--x\r\nContent-Disposition: form-data; name="mfaPolicy"\r\n\r\nOptional\r\n--x--',
    });
    expect(settings.status).toBe(400);
    expect(output.filter((line) => line.includes('"level":50'))).toEqual([]);
  });

  it("answers a job id that is not a UUID with 404", async () => {
    const response = await fetch(`${web.url}/api/agent/v1/jobs/1%27%20or%201=1/heartbeat`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ leaseToken: "0" }),
    });
    expect(response.status).toBe(404);
    expect((await response.json()).error.message).toContain("job ids are UUIDs");
  });
});

describe("request timeouts", () => {
  it("drops a client that sends its body a byte at a time", async () => {
    const { answer, bytesSent } = await trickleBody(web.url, {
      path: AGENT_API_PATHS.pair,
      bodyBytes: 1000,
      intervalMs: 100,
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(bytesSent).toBeLessThan(1000);
  });

  it("keeps a held poll open past the request timeout, since its request has all arrived", async () => {
    const credential = await pairAgent();
    const started = Date.now();
    const response = await fetch(`${web.url}${AGENT_API_PATHS.poll}`, {
      method: "POST",
      headers: { authorization: `Bearer ${credential}`, "content-type": "application/json" },
      body: JSON.stringify({ version: "1.0.0", runAs: "CONTOSO\\svc-hybrid" }),
    });
    expect(response.status).toBe(204);
    expect(Date.now() - started).toBeGreaterThan(Number(TIMEOUTS.HTTP_REQUEST_TIMEOUT_SECONDS) * 1000);
  });
});

describe("log lines", () => {
  it("carry no token, password, pairing code, credential or client secret after all of the above", async () => {
    // A few more flows that log: refusals with real secrets in hand, and a rotation.
    const credential = await pairAgent();
    const rotated = await fetch(`${web.url}${AGENT_API_PATHS.rotateCredential}`, {
      method: "POST",
      headers: { authorization: `Bearer ${credential}` },
    });
    secrets.add((await rotated.json()).credential);
    await fetch(`${web.url}${AGENT_API_PATHS.whoami}`, {
      headers: { authorization: `Bearer ${credential}` },
    });
    await fetch(`${web.url}/api/agents`, { headers: { authorization: `Bearer ${adeleToken}x` } });
    const created = await fetch(`${web.url}/api/agents/pairing-codes`, {
      method: "POST",
      headers: { authorization: `Bearer ${adeleToken}` },
    });
    secrets.add((await created.json()).code);
    expect(output.length).toBeGreaterThan(10);
    const log = output.join("\n");
    for (const secret of secrets) expect(log).not.toContain(secret);
    // A token's signature alone would do as much harm as the whole token.
    expect(log).not.toContain(adeleToken.split(".")[2]);
  });
});
