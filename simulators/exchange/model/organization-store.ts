import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { type OrganizationState, ZOrganizationStateSchema } from "./organization-state";

/**
 * One organization's state in one JSON file. Writes are atomic (write aside, then rename), and
 * reads are cached until the file changes, so another process (the admin surface, a test) can seed,
 * reset or set faults while a simulator runs, and the simulator sees it on its next call.
 */
export class OrganizationStore {
  private cached?: { state: OrganizationState; stamp: string };
  private queue: Promise<unknown> = Promise.resolve();
  private pendingStamp?: Promise<string | undefined>;

  constructor(readonly file: string) {}

  async exists(): Promise<boolean> {
    return (await this.currentStamp()) !== undefined;
  }

  async read(): Promise<OrganizationState> {
    const state = await this.readIfExists();
    if (!state) throw new Error(`No simulated Exchange organization at ${this.file}`);
    return state;
  }

  async readIfExists(): Promise<OrganizationState | undefined> {
    const stamp = await this.currentStamp();
    if (stamp === undefined) return undefined;
    if (this.cached?.stamp !== stamp) {
      const state = ZOrganizationStateSchema.parse(JSON.parse(await readFile(this.file, "utf8")));
      this.cached = { state, stamp };
    }
    return this.cached.state;
  }

  async write(state: OrganizationState): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const aside = `${this.file}.${randomUUID()}.tmp`;
    await writeFile(aside, `${JSON.stringify(state, null, 2)}\n`);
    await rename(aside, this.file);
    this.cached = { state, stamp: (await this.stamp())! };
  }

  /** Runs read-modify-write steps one at a time within this process. */
  exclusive<T>(step: () => Promise<T>): Promise<T> {
    const next = this.queue.then(step, step);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Concurrent readers share one stat of the file rather than queueing one each. */
  private currentStamp(): Promise<string | undefined> {
    this.pendingStamp ??= this.stamp().finally(() => {
      this.pendingStamp = undefined;
    });
    return this.pendingStamp;
  }

  private async stamp(): Promise<string | undefined> {
    try {
      const info = await stat(this.file);
      return `${info.mtimeMs}:${info.size}:${info.ino}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }
}
