import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { fileURLToPath } from "node:url";
import type { InspectorSession } from "@/bench/lib/inspector";

// V8's sampling CPU profiler through the inspector, summarised as where the time went.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
export interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export async function startCpuProfile(inspector: InspectorSession): Promise<() => Promise<Profile>> {
  await inspector.send("Profiler.enable");
  await inspector.send("Profiler.start");
  return async () => (await inspector.send<{ profile: Profile }>("Profiler.stop")).profile;
}

const sourceMaps = new Map<string, SourceMap | undefined>();

/** The source a frame of Next's build came from (its chunks bundle Next's runtime, zod and our code together). */
function originalSource(frame: ProfileNode["callFrame"]): string | undefined {
  if (!sourceMaps.has(frame.url)) {
    const mapFile = `${fileURLToPath(frame.url)}.map`;
    sourceMaps.set(
      frame.url,
      existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, "utf8"))) : undefined,
    );
  }
  const entry = sourceMaps.get(frame.url)?.findEntry(frame.lineNumber, frame.columnNumber);
  return entry && "originalSource" in entry ? entry.originalSource : undefined;
}

/** Which package (or file of ours) a frame's script belongs to; in Next's build, the source it was built from. */
function ownerOf(frame: ProfileNode["callFrame"]): string {
  const { url } = frame;
  if (!url) return "(native / idle / gc)";
  const source = url.includes("/.next/server/") ? decodeURI(originalSource(frame) ?? url) : url;
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (modules?.[1]) return modules[1];
  if (source.startsWith("node:")) return "node core";
  const ours =
    /^(?:\.\.\/)+((?:app|lib|scripts)\/.*)$/.exec(source) ?? /\/((?:app|lib|scripts)\/[^:]*)$/.exec(source);
  return ours?.[1] ? `ours: ${ours[1]}` : source;
}

/** Self time per function and per package, largest first, in percent of the profile (charged: of its busy time). */
export function summariseProfile(profile: Profile, top = 25) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, index) => {
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  const total = [...selfMs.values()].reduce((sum, ms) => sum + ms, 0);
  const functions = new Map<string, number>();
  const owners = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const frame = byId.get(id)!.callFrame;
    const name = `${frame.functionName || "(anonymous)"} ${ownerOf(frame)}:${frame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + ms);
    owners.set(ownerOf(frame), (owners.get(ownerOf(frame)) ?? 0) + ms);
  }
  // Inclusive: a sample counts once for every package on its stack (where the time was spent *under*).
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const inclusive = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const owners = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (frame.url) owners.add(ownerOf(frame));
    }
    for (const owner of owners) inclusive.set(owner, (inclusive.get(owner) ?? 0) + ms);
  }
  // Charged: idle left out, and a native or Node-core frame's time (a socket write, a timer) given to
  // the nearest package on its stack, the one that asked for it: where the busy time goes by layer.
  const charged = new Map<string, number>();
  let busy = 0;
  for (const [id, ms] of selfMs) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === "(idle)") continue;
    busy += ms;
    let owner = frame.url ? ownerOf(frame) : `${frame.functionName} (native)`;
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const caller = byId.get(at)!.callFrame;
      if (caller.url && !caller.url.startsWith("node:")) {
        owner = ownerOf(caller);
        break;
      }
    }
    charged.set(owner, (charged.get(owner) ?? 0) + ms);
  }
  const rank = (map: Map<string, number>, of = total) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => `${((ms / of) * 100).toFixed(1).padStart(5)} %  ${name}`);
  return {
    totalMs: total,
    busyMs: busy,
    functions: rank(functions),
    owners: rank(owners),
    inclusive: rank(inclusive),
    charged: rank(charged, busy),
  };
}
