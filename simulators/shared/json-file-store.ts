import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";

/**
 * One simulated object's state in one JSON file. Writes are atomic (write aside, then rename), and
 * reads are cached until the file changes, so another process (the admin surface, a test) can seed,
 * reset or set faults while a simulator runs, and the simulator sees it on its next call.
 */
export class JsonFileStore<T> {
  private cached?: { state: T; stamp: string };
  private queue: Promise<unknown> = Promise.resolve();
  private pendingStamp?: Promise<string | undefined>;

  constructor(
    readonly file: string,
    private readonly schema: z.ZodType<T>,
    /** What the file holds, for the error when it is missing: "simulated Exchange organization". */
    private readonly what: string,
  ) {}

  async exists(): Promise<boolean> {
    return (await this.currentStamp()) !== undefined;
  }

  async read(): Promise<T> {
    const state = await this.readIfExists();
    if (!state) throw new Error(`No ${this.what} at ${this.file}`);
    return state;
  }

  async readIfExists(): Promise<T | undefined> {
    const stamp = await this.currentStamp();
    if (stamp === undefined) return undefined;
    if (this.cached?.stamp !== stamp) {
      const state = this.schema.parse(JSON.parse(await readFile(this.file, "utf8")));
      this.cached = { state, stamp };
    }
    return this.cached.state;
  }

  async write(state: T): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const aside = `${this.file}.${randomUUID()}.tmp`;
    await writeFile(aside, `${JSON.stringify(state, null, 2)}\n`);
    await rename(aside, this.file);
    this.cached = { state, stamp: (await this.stamp())! };
  }

  /** Runs read-modify-write steps one at a time within this process. */
  exclusive<R>(step: () => Promise<R>): Promise<R> {
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
