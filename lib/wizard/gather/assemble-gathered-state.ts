import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { type GatheredState, ZGatheredStateSchema } from "./gathered-state";
import { GATHER_READS, type GatherRead, type ReadInvocation, type ReadOutcome } from "./read-list";

// Raw cmdlet output → gathered state. Pure: the transports (agent jobs, the admin API) hand over
// what each read returned, and this decides whether it can be planned on. A read whose output does
// not parse is refused, naming the cmdlet, the object and the property: planning on a guess would
// plan existing objects as new.

const SIDE_WORDS = { OnPremises: "on-premises", Online: "Exchange Online" } as const;

function describeRead(invocation: ReadInvocation): string {
  const server = invocation.server ? ` -Server ${invocation.server}` : "";
  return `${invocation.cmdlet}${server} (${SIDE_WORDS[invocation.side]})`;
}

/** Each gathered value's objects, and which invocation returned each one, so an error can name it. */
interface Collected {
  value: unknown;
  sources: ReadInvocation[];
}

function collect(read: GatherRead, outcomes: readonly ReadOutcome[]): Collected | undefined {
  const mine = outcomes.filter((outcome) => outcome.invocation.readId === read.id);
  if (mine.length === 0) {
    if (read.optional) return undefined;
    throw new AppError(
      "unavailable",
      `${read.cmdlet} (${SIDE_WORDS[read.side]}) was not read, so the wizard cannot plan yet. Gather again.`,
      { cmdlet: read.cmdlet, side: read.side },
    );
  }
  const objects = mine.flatMap((outcome) => [...outcome.objects]);
  const sources = mine.flatMap((outcome) => outcome.objects.map(() => outcome.invocation));
  if (!read.single) return { value: objects, sources };
  if (objects.length > 1) {
    throw new AppError(
      "unavailable",
      `${describeRead(mine[0]!.invocation)} returned ${objects.length} objects where Exchange keeps one. Check the organization with the cmdlet yourself, then gather again.`,
      { cmdlet: read.cmdlet, side: read.side },
    );
  }
  return { value: objects[0] ?? null, sources };
}

/** ExSetup.exe's version per server joins the server's own object. */
function withFileVersions(servers: unknown, probes: readonly ReadOutcome[]): unknown {
  if (!Array.isArray(servers)) return servers;
  const versions = new Map<string, unknown>();
  for (const probe of probes) {
    const answer = probe.objects[0];
    if (probe.invocation.server && answer && typeof answer === "object" && "FileVersion" in answer) {
      versions.set(probe.invocation.server.toLowerCase(), answer.FileVersion);
    }
  }
  return servers.map((server: unknown) => {
    if (!server || typeof server !== "object" || !("Name" in server)) return server;
    const version = versions.get(String(server.Name).toLowerCase());
    return version === undefined ? server : { ...server, FileVersion: version };
  });
}

function refusal(issue: z.core.$ZodIssue, sourcesOf: Map<string, ReadInvocation[]>): AppError {
  const [side, key, index, ...property] = issue.path.map(String);
  const sources = sourcesOf.get(`${side}.${key}`) ?? [];
  const single = typeof index !== "string" || !/^\d+$/.test(index);
  const source = sources[single ? 0 : Number(index)];
  const where = source ? describeRead(source) : `the ${side} ${key} read`;
  const what = single
    ? `its object, property ${[index, ...property].filter(Boolean).join(".") || "(the object itself)"}`
    : `object ${Number(index) + 1}, property ${property.join(".") || "(the object itself)"}`;
  return new AppError(
    "unavailable",
    `${where} returned output the wizard cannot read (${what}: ${issue.message}). Nothing was planned; check that the agent and Exchange are up to date, then gather again.`,
    { cmdlet: source?.cmdlet, side, path: issue.path.map(String) },
  );
}

export function assembleGatheredState(
  outcomes: readonly ReadOutcome[],
  reads: readonly GatherRead[] = GATHER_READS,
): GatheredState {
  const raw: Record<"OnPremises" | "Online", Record<string, unknown>> = { OnPremises: {}, Online: {} };
  const sourcesOf = new Map<string, ReadInvocation[]>();
  const probes: ReadOutcome[] = [];
  for (const read of reads) {
    if (read.fills.key === "exchangeServerFileVersions") {
      probes.push(...outcomes.filter((outcome) => outcome.invocation.readId === read.id));
      continue;
    }
    const collected = collect(read, outcomes);
    if (!collected) continue;
    raw[read.side][read.fills.key] = collected.value;
    sourcesOf.set(
      `${read.side === "OnPremises" ? "onPremises" : "online"}.${read.fills.key}`,
      collected.sources,
    );
  }
  raw.OnPremises.exchangeServers = withFileVersions(raw.OnPremises.exchangeServers, probes);
  const parsed = ZGatheredStateSchema.safeParse({ onPremises: raw.OnPremises, online: raw.Online });
  if (!parsed.success) throw refusal(parsed.error.issues[0]!, sourcesOf);
  return parsed.data;
}
