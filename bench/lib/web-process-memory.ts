import { openInspector } from "@/bench/lib/inspector";
import { readRssKib } from "@/bench/lib/process-figures";

export interface ProcessMemory {
  /** Resident set size (VmRSS) after a full garbage collection, in KiB. */
  rssKib: number;
  /** V8 heap in use after that collection, in KiB. */
  heapUsedKib: number;
}

/**
 * The web process's memory with garbage collected first, so that what a figure compares is
 * what is still held (by open requests, caches), not garbage V8 has not yet reclaimed.
 */
export async function measureWebProcessMemory(pid: number, inspectorPort: number): Promise<ProcessMemory> {
  const inspector = await openInspector(inspectorPort);
  try {
    await inspector.send("HeapProfiler.collectGarbage");
    const { usedSize } = await inspector.send<{ usedSize: number }>("Runtime.getHeapUsage");
    return { rssKib: await readRssKib(pid), heapUsedKib: Math.round(usedSize / 1024) };
  } finally {
    inspector.close();
  }
}
