import path from "node:path";
import { EventSourceParserStream } from "eventsource-parser/stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError, createApiClient } from "@/components/api/api-client";
import { type GatherEvent, ZGatherEventSchema } from "@/lib/contracts/wizard-gather";
import type { Tenant } from "@/lib/generated/prisma/client";
import { spawnAgent } from "@/tests/helpers/agent-cli";
import { type AgentTestBed, startAgentTestBed } from "@/tests/helpers/agent-test-bed";
import { type LocalDnsServer, startLocalDnsServer } from "@/tests/helpers/dns-server";
import { serviceEnvFor } from "@/tests/helpers/identity";
import { type ExchangeScenario, startExchangeScenario } from "@/tests/integration/exchange/exchange-scenario";
import { ACCOUNTS } from "@/tests/integration/identity/scenario";

// A run's Environment, Gathering configuration and Domain Ownership through the production build,
// every part real: Fabrikam's admin with a real token, a paired agent (simulated executor) on
// Fabrikam's on-premises organization, the Exchange Online simulator on the admin's behalf, and a
// DNS server on loopback that the web app's DNS_RESOLVERS names.

let scenario: ExchangeScenario;
let bed: AgentTestBed;
let dns: LocalDnsServer;
let fabrikam: Tenant;
let agent: ReturnType<typeof spawnAgent>;
let api: ReturnType<typeof createApiClient>;

beforeAll(async () => {
  scenario = await startExchangeScenario(["fabrikam"]);
  fabrikam = await scenario.tenantRow(ACCOUNTS.diego);
  dns = await startLocalDnsServer();
  bed = await startAgentTestBed({
    tenantName: fabrikam.displayName,
    databaseUrl: scenario.env.DATABASE_URL,
    tenantId: fabrikam.id,
    simulatorState: path.join(scenario.dataDir, "on-premises", "fabrikam.json"),
    webEnv: { ...serviceEnvFor(scenario.idp), ...scenario.env, DNS_RESOLVERS: dns.address },
  });
  agent = spawnAgent(["run", "--config", await bed.pairAgent("FAB-EX16")]);
  const token = await scenario.assertionOf(ACCOUNTS.diego);
  api = createApiClient((pathname, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${token}`);
    return fetch(`${bed.web.url}${pathname}`, { ...init, headers });
  });
});

afterAll(async () => {
  agent?.kill("SIGINT");
  await bed?.stop();
  await (await (await import("@/lib/jobs/get-queue")).getQueue()).stop({ graceful: false });
  await dns?.close();
  await scenario?.stop();
});

async function gatherEvents(runId: string): Promise<GatherEvent[]> {
  const reader = (await api.gatherRun(runId, new AbortController().signal))
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream())
    .getReader();
  const events: GatherEvent[] = [];
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    events.push(ZGatherEventSchema.parse({ event: next.value.event, data: JSON.parse(next.value.data) }));
  }
  return events;
}

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe("a run's gather through the API", () => {
  it("detects the servers, streams each read, keeps the result with the run and offers what may be chosen", async () => {
    const run = await api.createWizardRun();
    const detected = await api.detectExchangeServers(run.id);
    expect(detected.best).toBe("FAB-EX16");
    expect(detected.servers.map((server) => server.name).sort()).toEqual(["FAB-EX10", "FAB-EX16"]);

    expect((await refusal(api.getRunGathered(run.id))).reason).toBe("not_gathered");
    const events = await gatherEvents(run.id);
    const reads = events.filter((event) => event.event === "read");
    expect(reads.length).toBeGreaterThan(20);
    expect(reads.map((event) => event.data.cmdlet)).toContain("Get-OnPremisesOrganization");
    const last = events.at(-1);
    expect(last?.event).toBe("gathered");
    if (last?.event !== "gathered") return;
    expect(last.data.records).toHaveLength(reads.length);
    expect(last.data.exchange2010).toBe(true);

    // Kept with the run: what a second tab, another admin or a restarted server reads.
    const gathered = await api.getRunGathered(run.id);
    expect(gathered.records).toEqual(last.data.records);
    expect(gathered.domains).toEqual([{ domain: "fabrikam.com", unavailable: null }]);
    const expired = gathered.certificates.find(
      (certificate) => certificate.thumbprint === "9188CAF2594C5E55D87C6AC78FE1205BC5DEFA2A",
    );
    expect(expired?.invalid).toMatch(/^Expired or not yet valid/);
    const current = gathered.certificates.find(
      (certificate) => certificate.thumbprint === "A6184A66BBAB1DD3C221D109EBB670746258FCA0",
    );
    expect(current?.invalid).toBeNull();

    // Next names the page it leads to; one the new answers leave out is refused, nothing written.
    const skipped = await refusal(
      api.saveWizardPageAnswers(run.id, "features", {
        version: run.version,
        answers: { hybrid: "full", migrationEndpoint: false },
        next: "migration-credential",
      }),
    );
    expect(skipped.status).toBe(400);
    expect(skipped.message).toContain("This run skips Migration Credential");
    expect((await api.getWizardRun(run.id)).answers).toEqual({});
    // With Exchange 2010 gathered, full hybrid keeps Domain Ownership; minimal hybrid skips it.
    let now = await api.saveWizardPageAnswers(run.id, "features", {
      version: run.version,
      answers: { hybrid: "full", migrationEndpoint: false },
      next: "topology",
    });
    expect(now.currentPage).toBe("topology");
    now = await api.goToWizardPage(run.id, { version: now.version, page: "domain-ownership" });
    expect(now.currentPage).toBe("domain-ownership");
    now = await api.saveWizardPageAnswers(run.id, "features", {
      version: now.version,
      answers: { hybrid: "minimal", migrationEndpoint: false },
    });
    const gone = await refusal(
      api.goToWizardPage(run.id, { version: now.version, page: "domain-ownership" }),
    );
    expect(gone.message).toContain("minimal hybrid needs no federation trust");
  });

  it("Domain Ownership: no proof before the trust; the trust made on request; Verify looks the proof up in DNS", async () => {
    const run = await api.createWizardRun();
    await gatherEvents(run.id);
    const saved = await api.saveWizardPageAnswers(run.id, "domains", {
      version: run.version,
      answers: { hybridDomains: ["fabrikam.com"], autodiscoverDomain: "fabrikam.com" },
    });
    expect((await api.readDomainProofs(run.id, false)).proofs).toEqual([]);
    const [proof] = (await api.readDomainProofs(run.id, true)).proofs;
    expect(proof?.record).toBe(`fabrikam.com IN TXT ${proof?.proof}`);
    expect(proof?.proof).toMatch(/^\S{20,}$/);
    expect((await api.getRunGathered(run.id)).federationTrust).toBe(true);
    // A second read finds the trust made, and gives the same proof.
    expect((await api.readDomainProofs(run.id, false)).proofs).toEqual([proof]);

    const before = await api.verifyDomainProof(run.id, "fabrikam.com");
    expect(before).toMatchObject({ verified: false, published: [] });
    expect(before.message).toContain(`Publish "fabrikam.com IN TXT ${proof?.proof}"`);
    dns.txt.set("fabrikam.com", ["an older proof"]);
    expect(await api.verifyDomainProof(run.id, "fabrikam.com")).toMatchObject({
      verified: false,
      published: ["an older proof"],
    });
    dns.txt.set("fabrikam.com", ["an older proof", proof?.proof ?? ""]);
    expect(await api.verifyDomainProof(run.id, "fabrikam.com")).toMatchObject({ verified: true });

    const unknown = await refusal(api.verifyDomainProof(run.id, "contoso.com"));
    expect(unknown.status).toBe(400);
    expect(unknown.message).toContain("There is no proof for contoso.com in this run");
    // Reading proofs and verifying them are not answers: the run's version is where the save left it.
    expect((await api.getWizardRun(run.id)).version).toBe(saved.version);
  });
});
