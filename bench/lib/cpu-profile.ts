import type { InspectorSession } from "@/bench/lib/inspector";

// V8's sampling CPU profiler through the inspector, summarised as where the time went.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
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

/** Which package (or file of ours) a frame's script belongs to. */
function ownerOf(url: string): string {
  if (!url) return "(native / idle / gc)";
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules?.[1]) return modules[1];
  if (url.startsWith("node:")) return "node core";
  const chunk = /\.next\/server\/(.*)$/.exec(url);
  return chunk ? `.next/server/${chunk[1]}` : url;
}

/** Self time per function and per package, largest first, in percent of the profile. */
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
    const name = `${frame.functionName || "(anonymous)"} ${ownerOf(frame.url)}:${frame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + ms);
    owners.set(ownerOf(frame.url), (owners.get(ownerOf(frame.url)) ?? 0) + ms);
  }
  // Inclusive: a sample counts once for every package on its stack (where the time was spent *under*).
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const inclusive = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const owners = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const url = byId.get(at)!.callFrame.url;
      if (url) owners.add(ownerOf(url));
    }
    for (const owner of owners) inclusive.set(owner, (inclusive.get(owner) ?? 0) + ms);
  }
  const rank = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => `${((ms / total) * 100).toFixed(1).padStart(5)} %  ${name}`);
  return { totalMs: total, functions: rank(functions), owners: rank(owners), inclusive: rank(inclusive) };
}
