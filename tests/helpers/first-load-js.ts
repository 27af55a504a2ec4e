import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { gzip } from "node:zlib";

// First-load JavaScript of a page, as ../shared/tools/first-load-js measures it: the <script src>
// files its HTML names (noModule ones left out: module-capable browsers skip them), each gzip -9'd.
// Split by the production build's own manifests into the framework's (Next.js and React: the root
// main files, and the chunks of Next's built-in global-error page, which holds no code of ours) and
// the app's (everything else). `later` is what those scripts name to fetch on demand (dynamic
// imports): fetched after the page is up, and only when it asks.

const gzipped = promisify(gzip);

export interface FirstLoad {
  path: string;
  /** The page's HTTP status; the figures are zero unless it is 200. */
  status: number;
  scripts: number;
  /** gzip bytes. */
  framework: number;
  app: number;
  later: number;
}

const SCRIPT_TAG = /<script[^>]+src="([^"]+)"[^>]*>/g;
/** How a Turbopack chunk names the chunks a dynamic import of it fetches. */
const CHUNK_NAME = /"(static\/chunks\/[^"]+\.js)"/g;

/** The build's framework chunks (Next.js and React), as `static/chunks/…` paths. */
export async function frameworkChunks(buildDir = path.resolve(".next")): Promise<Set<string>> {
  const build = JSON.parse(await readFile(path.join(buildDir, "build-manifest.json"), "utf8")) as {
    rootMainFiles: string[];
  };
  const manifestFile = path.join(buildDir, "server/app/_global-error/page_client-reference-manifest.js");
  const manifestScript = await readFile(manifestFile, "utf8");
  // `globalThis.__RSC_MANIFEST["/_global-error/page"] = {…};`
  const manifest = JSON.parse(
    manifestScript.slice(manifestScript.lastIndexOf("] = ") + 4).replace(/;\s*$/, ""),
  ) as {
    entryJSFiles: Record<string, string[]>;
  };
  return new Set([...build.rootMainFiles, ...Object.values(manifest.entryJSFiles).flat()]);
}

/** Measures each page of the web app at `baseUrl`, which must serve the build in `buildDir`. */
export async function measureFirstLoad(
  baseUrl: string,
  paths: string[],
  buildDir = path.resolve(".next"),
): Promise<FirstLoad[]> {
  const framework = await frameworkChunks(buildDir);
  const sizes = new Map<string, Promise<{ gzip: number; text: string }>>();
  const fetchChunk = (chunk: string) => {
    let size = sizes.get(chunk);
    if (!size) {
      size = (async () => {
        const response = await fetch(new URL(`/_next/${chunk}`, baseUrl));
        if (!response.ok) throw new Error(`/_next/${chunk} answered ${response.status}`);
        const text = await response.text();
        return { gzip: (await gzipped(text, { level: 9 })).length, text };
      })();
      sizes.set(chunk, size);
    }
    return size;
  };

  const results: FirstLoad[] = [];
  for (const page of paths) {
    const response = await fetch(new URL(page, baseUrl));
    const html = await response.text();
    const result: FirstLoad = {
      path: page,
      status: response.status,
      scripts: 0,
      framework: 0,
      app: 0,
      later: 0,
    };
    results.push(result);
    if (response.status !== 200) continue;
    const chunks = new Set(
      [...html.matchAll(SCRIPT_TAG)]
        .filter(([tag]) => !/nomodule/i.test(tag))
        .map(([, src]) => src!.replace(/^\/_next\//, "").replace(/\?.*$/, "")),
    );
    const named = new Set<string>();
    for (const chunk of chunks) {
      const { gzip: bytes, text } = await fetchChunk(chunk);
      result.scripts += 1;
      if (framework.has(chunk)) result.framework += bytes;
      else result.app += bytes;
      for (const [, later] of text.matchAll(CHUNK_NAME)) if (!chunks.has(later!)) named.add(later!);
    }
    for (const chunk of named) result.later += (await fetchChunk(chunk)).gzip;
  }
  return results;
}
