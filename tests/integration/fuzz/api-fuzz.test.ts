import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import type { z } from "zod";
import { type AuthenticatedAgent, authenticateAgent } from "@/lib/agents/authenticate-agent";
import { createPairingCode } from "@/lib/agents/create-pairing-code";
import { pairAgent } from "@/lib/agents/pair-agent";
import {
  ZAgentCredentialSchema,
  ZCompleteJobRequestSchema,
  ZFailJobRequestSchema,
  ZHeartbeatRequestSchema,
  ZPairRequestSchema,
  ZPollRequestSchema,
} from "@/lib/agents/protocol";
import {
  ZStoreMigrationCredentialRequestSchema,
  ZStoreOnPremisesAccountRequestSchema,
} from "@/lib/contracts/run-credentials";
import { ZSignInAccountSchema } from "@/lib/contracts/sign-in-realm";
import { ZTenantSettingsSchema } from "@/lib/contracts/tenant-settings";
import {
  ZReadDomainProofsRequestSchema,
  ZVerifyDomainProofRequestSchema,
} from "@/lib/contracts/wizard-domain-proofs";
import {
  ZGoToPageRequestSchema,
  ZSavePageAnswersRequestSchema,
  ZWizardRunListQuerySchema,
  ZWizardRunSchema,
} from "@/lib/contracts/wizard-runs";
import { createDb, type Db, getSql } from "@/lib/db";
import { getQueue } from "@/lib/jobs/get-queue";
import { type ActingContext, actingAsService } from "@/lib/tenants/acting-context";
import { PAGE_ANSWER_SCHEMAS } from "@/lib/wizard/runs/page-answer-schemas";
import { ANSWER_PAGE_IDS } from "@/lib/wizard/wizard-pages";
import { seedDemo } from "@/scripts/lib/seed-demo";
import { openFingerprinter } from "@/tests/helpers/database-fingerprint";
import { type BodyCase, bodiesFor, jsonValuesFor, pathParameters } from "@/tests/helpers/fuzz-inputs";
import {
  serviceEnvFor,
  startTestIdentityProvider,
  type TestIdentityProvider,
  trustIdentityProviderCa,
} from "@/tests/helpers/identity";
import {
  createMigratedDatabase,
  openTestDatabaseServer,
  type TestDatabaseServer,
} from "@/tests/helpers/test-database";
import { arbitraryOf } from "@/tests/helpers/zod-arbitrary";
import { ACCOUNTS, signInAs } from "@/tests/integration/identity/scenario";

// Every JSON body and path parameter the API reads, generated from its own schema and mutated
// beyond it, sent to the route handlers in-process against a real database: never a 5xx, and no
// row changed by a request that was refused. `npm test` runs FUZZ_RUNS cases per route (default
// below) with a new seed each run; `npm run fuzz` runs 10,000. A failure prints its seed: replay
// it with FUZZ_SEED=<seed>.

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
/** Per route: room for each case's database round trips, and for the poll route's hold. */
const TIMEOUT_MS = 60_000 + RUNS * 250;

let idp: TestIdentityProvider;
let databaseServer: TestDatabaseServer;
let db: Db;
let fingerprinter: Awaited<ReturnType<typeof openFingerprinter>>;
let userToken: string;
let agentCredential: string;
let leasedJob: { id: string; leaseToken: string };
let spareAgentId: string;
let pairingCodeId: string;
/** A draft wizard run of Contoso's, which the wizard and run-credential routes' cases reach when they name it. */
let runId: string;
/** The suite service acting in Contoso (seeding codes and jobs), and its fuzzed agent. */
let service: ActingContext;
let fuzzedAgent: AuthenticatedAgent;

beforeAll(async () => {
  idp = await startTestIdentityProvider();
  trustIdentityProviderCa(idp);
  databaseServer = await openTestDatabaseServer(inject("databaseServerUrl"));
  const databaseUrl = await createMigratedDatabase(databaseServer, "hw_fuzz");
  // NODE_EXTRA_CA_CERTS is read only at start-up: trustIdentityProviderCa does its work here.
  const { NODE_EXTRA_CA_CERTS: _startUpOnly, ...cloudEnv } = serviceEnvFor(idp);
  for (const [name, value] of Object.entries({
    ...cloudEnv,
    DATABASE_URL: databaseUrl,
    AGENT_POLL_HOLD_SECONDS: "0.1",
    // No lease may lapse during a run: the queue's own clock must not change a row mid-case.
    AGENT_LEASE_SECONDS: "86400",
    LOG_LEVEL: "silent",
    TOKEN_CACHE_KEYS: `fuzz:${randomBytes(32).toString("base64")}`,
  }))
    vi.stubEnv(name, value);
  db = createDb(databaseUrl);
  await seedDemo(db, idp.directory);
  // The queue makes its tables as it starts; they are fingerprinted with the rest.
  await (await import("@/lib/jobs/get-queue")).getQueue();
  fingerprinter = await openFingerprinter(databaseUrl);
  userToken = (await signInAs(idp, ACCOUNTS.adele)).access_token;
  const contoso = await db.tenant.findFirstOrThrow({ where: { displayName: "Contoso" } });
  service = actingAsService(contoso, "fuzz suite");
  const pair = async (name: string) => {
    const { code } = await createPairingCode({ db, acting: service });
    return pairAgent({
      db,
      sourceAddress: "127.0.0.1",
      request: {
        code,
        name,
        host: "ex01.contoso.com",
        version: "1.0.0",
        runAs: "svc",
        publicKeyJwk: fakeJwk(),
      },
    });
  };
  const paired = await pair("fuzzed agent");
  agentCredential = paired.credential;
  fuzzedAgent = await authenticateAgent({
    sql: getSql(),
    authorization: `Bearer ${paired.credential}`,
    sourceAddress: "127.0.0.1",
    userAgent: null,
    provedByRoute: false,
  });
  spareAgentId = (await pair("spare agent")).agentId;
  pairingCodeId = (await createPairingCode({ db, acting: service })).id;
  const { POST } = await import("@/app/api/wizard/runs/route");
  const created = await send(POST, "POST", { params: {} }, `Bearer ${userToken}`);
  runId = ZWizardRunSchema.parse(await created.json()).id;
});

/** Each job route gets a job of its own, leased to the suite's agent, that some reports will reach. */
async function leaseFreshJob() {
  const jobs = await import("@/lib/jobs/agent-jobs");
  const idempotencyKey = crypto.randomUUID();
  const queue = await getQueue();
  await jobs.enqueueAgentJob({
    queue,
    acting: service,
    data: { cmdlet: "Get-AcceptedDomain", parameters: {}, idempotencyKey },
  });
  const { leaseNextAgentJob } = await import("@/lib/jobs/agent-job-hand-out");
  const job = await leaseNextAgentJob({ queue, ...fuzzedAgent, capabilities: [], holdMs: 1000 });
  if (!job) throw new Error("the job queued for the fuzz suite was not handed out");
  leasedJob = { id: job.id, leaseToken: job.leaseToken };
}

afterAll(async () => {
  await fingerprinter?.close();
  await db?.$disconnect();
  const { getQueue } = await import("@/lib/jobs/get-queue");
  await (await getQueue()).stop({ graceful: false });
  await databaseServer?.close();
  await idp?.stop();
  vi.unstubAllEnvs();
});

/** A public key of the accepted shape; pairing stores it and nothing here uses it. */
function fakeJwk() {
  return { kty: "RSA" as const, n: "A".repeat(512), e: "AQAB" };
}

type RouteHandler = (request: Request, route: { params: Promise<unknown> }) => Promise<Response>;

interface FuzzCase {
  params: Record<string, string>;
  body?: BodyCase;
  /** The URL's query parameters (the realm lookup's `account`, the run list's `cursor`…). */
  query?: Record<string, string>;
  /** An Authorization header of the case's own, instead of the suite's credential. */
  authorization?: string;
  /** A wizard save sent with the run's version as it is when the case is sent. */
  atCurrentVersion?: boolean;
}

/** Sends one case to a route handler as Next would call it. */
async function send(handler: RouteHandler, method: string, fuzzCase: FuzzCase, authorization?: string) {
  const headers = new Headers();
  const sentAuthorization = fuzzCase.authorization ?? authorization;
  if (sentAuthorization) headers.set("authorization", sentAuthorization);
  if (fuzzCase.body?.contentType) headers.set("content-type", fuzzCase.body.contentType);
  const url = new URL("http://localhost/api/fuzzed");
  for (const [name, value] of Object.entries(fuzzCase.query ?? {})) url.searchParams.set(name, value);
  const request = new Request(url, { method, headers, body: fuzzCase.body?.body });
  return handler(request, { params: Promise.resolve(fuzzCase.params) });
}

/** The property every route keeps: no 5xx, and a refusal leaves every row as it was. */
async function fuzz(cases: fc.Arbitrary<FuzzCase>, call: (fuzzCase: FuzzCase) => Promise<Response>) {
  await fc.assert(
    fc.asyncProperty(cases, async (fuzzCase) => {
      const before = await fingerprinter.fingerprint();
      const response = await call(fuzzCase);
      const text = await response.text();
      expect(response.status, text).toBeLessThan(500);
      if (response.status >= 400) expect(await fingerprinter.fingerprint()).toEqual(before);
    }),
    { numRuns: RUNS, seed: SEED },
  );
}

const withBody = (schema: z.ZodType, params: fc.Arbitrary<Record<string, string>> = fc.constant({})) =>
  fc.record({ params, body: bodiesFor(schema) });
const jobParams = () => fc.record({ jobId: pathParameters([leasedJob.id]) });
/** Lease tokens are opaque: put the leased job's own into some reports, so that they reach it. */
const withLeaseToken = (cases: fc.Arbitrary<FuzzCase>) =>
  fc.tuple(cases, fc.boolean()).map(([fuzzCase, useRealToken]) => {
    const body = fuzzCase.body;
    if (!useRealToken || typeof body?.body !== "string") return fuzzCase;
    const real = body.body.replace(/"leaseToken":"[^"]*"/, `"leaseToken":"${leasedJob.leaseToken}"`);
    return { ...fuzzCase, body: { ...body, body: real } };
  });
const headerCharacter = fc
  .integer({ min: 0x20, max: 0xff })
  .filter((code) => code !== 0x7f)
  .map((code) => String.fromCharCode(code));
/** An Authorization header as an agent (or someone posing as one) might send it. */
const credentials = (includeReal: boolean) =>
  fc.oneof(
    arbitraryOf(ZAgentCredentialSchema).map((credential) => `Bearer ${String(credential)}`),
    // What HTTP can carry in a header: no newlines, nothing past Latin-1.
    fc.string({ unit: headerCharacter, maxLength: 200 }),
    fc.constantFrom("Bearer", "Bearer ", "Basic dXNlcjpwYXNz", `Bearer ${"hwa1.".repeat(2000)}`),
    ...(includeReal ? [fc.constant(`Bearer ${agentCredential}`)] : []),
  );
const asAgent = (handler: RouteHandler) => (fuzzCase: FuzzCase) =>
  send(handler, "POST", fuzzCase, `Bearer ${agentCredential}`);

describe("the agent API", () => {
  it("pair (unauthenticated)", { timeout: TIMEOUT_MS }, async () => {
    const { POST } = await import("@/app/api/agent/v1/pair/route");
    await fuzz(withBody(ZPairRequestSchema), (fuzzCase) => send(POST, "POST", fuzzCase));
  });

  it("poll", { timeout: TIMEOUT_MS }, async () => {
    const { POST } = await import("@/app/api/agent/v1/poll/route");
    await fuzz(withBody(ZPollRequestSchema), asAgent(POST));
  });

  it("job heartbeat", { timeout: TIMEOUT_MS }, async () => {
    const { POST } = await import("@/app/api/agent/v1/jobs/[jobId]/heartbeat/route");
    await leaseFreshJob();
    await fuzz(withLeaseToken(withBody(ZHeartbeatRequestSchema, jobParams())), asAgent(POST));
  });

  it("job failure", { timeout: TIMEOUT_MS }, async () => {
    const { POST } = await import("@/app/api/agent/v1/jobs/[jobId]/fail/route");
    await leaseFreshJob();
    await fuzz(withLeaseToken(withBody(ZFailJobRequestSchema, jobParams())), asAgent(POST));
  });

  it("job completion", { timeout: TIMEOUT_MS }, async () => {
    const { POST } = await import("@/app/api/agent/v1/jobs/[jobId]/complete/route");
    await leaseFreshJob();
    await fuzz(withLeaseToken(withBody(ZCompleteJobRequestSchema, jobParams())), asAgent(POST));
  });

  // These two read no body and no parameter: what a caller controls is the credential.
  it("whoami", { timeout: TIMEOUT_MS }, async () => {
    const { GET } = await import("@/app/api/agent/v1/whoami/route");
    await fuzz(fc.record({ params: fc.constant({}), authorization: credentials(true) }), (fuzzCase) =>
      send(GET, "GET", fuzzCase),
    );
  });

  it("credential rotation", { timeout: TIMEOUT_MS }, async () => {
    const { POST } = await import("@/app/api/agent/v1/credential/rotate/route");
    // Never the agent's own credential: rotating it would lock the suite's agent out.
    await fuzz(fc.record({ params: fc.constant({}), authorization: credentials(false) }), (fuzzCase) =>
      send(POST, "POST", fuzzCase),
    );
  });
});

describe("the browser's API", () => {
  it("home realm discovery (unauthenticated)", { timeout: TIMEOUT_MS }, async () => {
    const { GET } = await import("@/app/api/auth/realm/route");
    const accounts = fc.oneof(
      arbitraryOf(ZSignInAccountSchema).map(String),
      fc.constantFrom(...Object.values(ACCOUNTS).map((account) => account.username)),
      fc.constantFrom("adele\u0000@contoso.onmicrosoft.com", "adele@contoso\u0000.onmicrosoft.com"),
      fc.string({ unit: "binary", maxLength: 300 }),
    );
    await fuzz(fc.record({ params: fc.constant({}), query: fc.record({ account: accounts }) }), (fuzzCase) =>
      send(GET, "GET", fuzzCase),
    );
  });

  it("tenant settings", { timeout: TIMEOUT_MS }, async () => {
    const { PATCH } = await import("@/app/api/tenant/settings/route");
    // The route's own schema is private to it; this is its shape.
    await fuzz(withBody(ZTenantSettingsSchema), (fuzzCase) =>
      send(PATCH, "PATCH", fuzzCase, `Bearer ${userToken}`),
    );
  });

  it("agent revocation", { timeout: TIMEOUT_MS }, async () => {
    const { DELETE } = await import("@/app/api/agents/[agentId]/route");
    const cases = fc.record({ params: fc.record({ agentId: pathParameters([spareAgentId]) }) });
    await fuzz(cases, (fuzzCase) => send(DELETE, "DELETE", fuzzCase, `Bearer ${userToken}`));
  });

  it("a run's on-premises account (sealed for an agent)", { timeout: TIMEOUT_MS }, async () => {
    const { PUT } = await import("@/app/api/wizard/runs/[runId]/on-premises-account/route");
    const cases = withBody(
      ZStoreOnPremisesAccountRequestSchema,
      fc.record({ runId: pathParameters([runId]) }),
    );
    await fuzz(cases, (fuzzCase) => send(PUT, "PUT", fuzzCase, `Bearer ${userToken}`));
  });

  it("a run's migration credential", { timeout: TIMEOUT_MS }, async () => {
    const { PUT } = await import("@/app/api/wizard/runs/[runId]/migration-credential/route");
    const cases = withBody(
      ZStoreMigrationCredentialRequestSchema,
      fc.record({ runId: pathParameters([runId]) }),
    );
    await fuzz(cases, (fuzzCase) => send(PUT, "PUT", fuzzCase, `Bearer ${userToken}`));
  });

  it("pairing code withdrawal", { timeout: TIMEOUT_MS }, async () => {
    const { DELETE } = await import("@/app/api/agents/pairing-codes/[codeId]/route");
    const cases = fc.record({ params: fc.record({ codeId: pathParameters([pairingCodeId]) }) });
    await fuzz(cases, (fuzzCase) => send(DELETE, "DELETE", fuzzCase, `Bearer ${userToken}`));
  });
});

describe("the wizard's API", () => {
  const asUser = (handler: RouteHandler, method: string) => (fuzzCase: FuzzCase) =>
    send(handler, method, fuzzCase, `Bearer ${userToken}`);
  const runParams = () => fc.record({ runId: pathParameters([runId]) });
  /** Saves must name the version they read: some cases carry the run's current one, so they land. */
  const sometimesAtCurrentVersion = (cases: fc.Arbitrary<FuzzCase>) =>
    fc.tuple(cases, fc.boolean()).map(([fuzzCase, atCurrentVersion]) => ({ ...fuzzCase, atCurrentVersion }));
  const withVersionRead =
    (call: (fuzzCase: FuzzCase) => Promise<Response>) =>
    async (fuzzCase: FuzzCase): Promise<Response> => {
      const body = fuzzCase.body;
      if (!fuzzCase.atCurrentVersion || typeof body?.body !== "string") return call(fuzzCase);
      const { version } = await db.wizardRun.findUniqueOrThrow({ where: { id: runId } });
      const current = body.body.replace(/"version":[^,}]*/, `"version":${version}`);
      return call({ ...fuzzCase, body: { ...body, body: current } });
    };

  it("run list", { timeout: TIMEOUT_MS }, async () => {
    const { GET } = await import("@/app/api/wizard/runs/route");
    const query = jsonValuesFor(ZWizardRunListQuerySchema).map((value) =>
      Object.fromEntries(
        Object.entries(typeof value === "object" && value && !Array.isArray(value) ? value : {}).map(
          ([name, field]) => [name, typeof field === "string" ? field : JSON.stringify(field)],
        ),
      ),
    );
    await fuzz(fc.record({ params: fc.constant({}), query }), asUser(GET, "GET"));
  });

  it("one run", { timeout: TIMEOUT_MS }, async () => {
    const { GET } = await import("@/app/api/wizard/runs/[runId]/route");
    await fuzz(fc.record({ params: runParams() }), asUser(GET, "GET"));
  });

  it("page answers", { timeout: TIMEOUT_MS }, async () => {
    const { PUT } = await import("@/app/api/wizard/runs/[runId]/answers/[page]/route");
    // Each page's answers from its own schema, and anything at all under any page's name.
    const cases = fc.oneof(
      ...ANSWER_PAGE_IDS.map((page) =>
        fc.record({
          params: fc.record({ runId: pathParameters([runId]), page: fc.constant(page) }),
          body: bodiesFor(ZSavePageAnswersRequestSchema.extend({ answers: PAGE_ANSWER_SCHEMAS[page] })),
        }),
      ),
      withBody(
        ZSavePageAnswersRequestSchema,
        fc.record({ runId: pathParameters([runId]), page: pathParameters([...ANSWER_PAGE_IDS]) }),
      ),
    );
    await fuzz(sometimesAtCurrentVersion(cases), withVersionRead(asUser(PUT, "PUT")));
  });

  it("the run's gather", { timeout: TIMEOUT_MS }, async () => {
    const { GET } = await import("@/app/api/wizard/runs/[runId]/gathered/route");
    await fuzz(fc.record({ params: runParams() }), asUser(GET, "GET"));
  });

  it("domain proofs and their Verify", { timeout: TIMEOUT_MS }, async () => {
    const proofs = await import("@/app/api/wizard/runs/[runId]/domain-proofs/route");
    await fuzz(withBody(ZReadDomainProofsRequestSchema, runParams()), asUser(proofs.POST, "POST"));
    const verify = await import("@/app/api/wizard/runs/[runId]/domain-proofs/verify/route");
    await fuzz(withBody(ZVerifyDomainProofRequestSchema, runParams()), asUser(verify.POST, "POST"));
  });

  it("going to a page", { timeout: TIMEOUT_MS }, async () => {
    const { PUT } = await import("@/app/api/wizard/runs/[runId]/page/route");
    await fuzz(
      sometimesAtCurrentVersion(withBody(ZGoToPageRequestSchema, runParams())),
      withVersionRead(asUser(PUT, "PUT")),
    );
  });
});
