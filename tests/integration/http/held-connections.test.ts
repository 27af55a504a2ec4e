import { EventSourceParserStream } from "eventsource-parser/stream";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { issueAgentCredential } from "@/lib/agents/agent-credential";
import { createDb, type Db } from "@/lib/db";
import { MAX_EVENT_STREAMS_PER_USER, MAX_POLLS_PER_AGENT } from "@/lib/http/held-connections";
import { seedDemo } from "@/scripts/lib/seed-demo";
import {
  serviceEnvFor,
  startTestIdentityProvider,
  type TestIdentityProvider,
} from "@/tests/helpers/identity";
import {
  createMigratedDatabase,
  openTestDatabaseServer,
  type TestDatabaseServer,
} from "@/tests/helpers/test-database";
import { startWebApp } from "@/tests/helpers/web-app";
import { ACCOUNTS, signInAs } from "@/tests/integration/identity/scenario";

// One credential holding many long requests at once, against the production build: the one past
// the cap is refused with 429, the ones already open keep working, and a closed one frees its place.
let idp: TestIdentityProvider;
let databaseServer: TestDatabaseServer;
let db: Db;
let web: Awaited<ReturnType<typeof startWebApp>>;
let userToken: string;
let agentCredential: string;

beforeAll(async () => {
  idp = await startTestIdentityProvider();
  databaseServer = await openTestDatabaseServer(inject("databaseServerUrl"));
  const databaseUrl = await createMigratedDatabase(databaseServer, "hw_held");
  db = createDb(databaseUrl);
  await seedDemo(db, idp.directory);
  // Polls held 20–40 s: longer than the test needs them open.
  web = await startWebApp({ databaseUrl, env: { ...serviceEnvFor(idp), AGENT_POLL_HOLD_SECONDS: "40" } });
  userToken = (await signInAs(idp, ACCOUNTS.adele)).access_token;
  const tenant = await db.tenant.findFirstOrThrow({ where: { initialDomain: "contoso.onmicrosoft.com" } });
  const agentId = crypto.randomUUID();
  const { credential, hash } = issueAgentCredential(agentId);
  await db.agent.create({
    data: {
      id: agentId,
      tenantId: tenant.id,
      name: "EX-HELD",
      host: "ex1",
      version: "test",
      runAs: "CONTOSO\\svc",
      publicKeyJwk: {},
      credentialHash: hash,
    },
  });
  agentCredential = credential;
});

afterAll(async () => {
  await web?.stop();
  await db?.$disconnect();
  await databaseServer?.close();
  await idp?.stop();
});

function openPoll() {
  const abort = new AbortController();
  const poll = {
    answered: false,
    response: fetch(`${web.url}/api/agent/v1/poll`, {
      method: "POST",
      headers: { authorization: `Bearer ${agentCredential}`, "content-type": "application/json" },
      body: JSON.stringify({ version: "test", runAs: "CONTOSO\\svc" }),
      signal: abort.signal,
    }).then(
      (response) => {
        poll.answered = true;
        return response;
      },
      (error: unknown) => error,
    ),
    close: () => abort.abort(),
  };
  return poll;
}

async function openEvents(): Promise<{ status: number; ready: boolean; close: () => void }> {
  const abort = new AbortController();
  const response = await fetch(`${web.url}/api/agents/events`, {
    headers: { authorization: `Bearer ${userToken}` },
    signal: abort.signal,
  });
  if (response.status !== 200 || !response.body) {
    await response.body?.cancel();
    return { status: response.status, ready: false, close: () => {} };
  }
  const reader = response.body
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream())
    .getReader();
  const first = await reader.read();
  return { status: 200, ready: first.value?.event === "ready", close: () => abort.abort() };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A poll still open: none is answered while no job is queued, unless it was refused. */
const isHeld = (poll: ReturnType<typeof openPoll>) => !poll.answered;

/** Opens polls until the server takes one in: a place freed by a closed poll is given back once its request ends. */
async function openHeldPoll(): Promise<ReturnType<typeof openPoll>> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const poll = openPoll();
    await pause(1000);
    if (isHeld(poll)) return poll;
    expect(((await poll.response) as Response).status).toBe(429);
  }
  throw new Error("no poll was taken in within 20 s");
}

describe("held connections per credential", () => {
  it("an agent holds at most its cap of polls; the next is refused with 429 and a closed one frees a place", async () => {
    const polls = Array.from({ length: MAX_POLLS_PER_AGENT + 1 }, openPoll);
    const refused = (await Promise.race(polls.map((poll) => poll.response))) as Response;
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("5");
    expect((await refused.json()).error.message).toContain(`at most ${MAX_POLLS_PER_AGENT}`);
    await pause(1000);
    const held = polls.filter(isHeld);
    expect(held).toHaveLength(MAX_POLLS_PER_AGENT);

    held[0]?.close();
    const replacement = await openHeldPoll();
    expect(((await openPoll().response) as Response).status).toBe(429);
    for (const poll of [...held, replacement]) poll.close();
  });

  it("a user holds at most their cap of event streams; the open ones keep going", async () => {
    const streams = [];
    for (let index = 0; index < MAX_EVENT_STREAMS_PER_USER; index++) streams.push(await openEvents());
    expect(streams.every((stream) => stream.status === 200 && stream.ready)).toBe(true);
    expect((await openEvents()).status).toBe(429);
    streams[0]?.close();
    await pause(1500);
    const replacement = await openEvents();
    expect(replacement).toMatchObject({ status: 200, ready: true });
    for (const stream of [...streams, replacement]) stream.close();
  });
});
