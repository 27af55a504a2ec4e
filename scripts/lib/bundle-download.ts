import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { build, type Plugin } from "esbuild";

// What the agent and the command line downloads have in common: one Node ESM file an admin can
// read (not minified), executable, with its SHA-256 (sha256sum format) beside it, and a build that
// fails rather than ship code that must stay out (the simulators).

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface DownloadBundle {
  outFile: string;
  sha256: string;
  bytes: number;
  /** The source files bundled, relative to the project. */
  inputs: string[];
}

export async function bundleDownload(options: {
  entryPoint: string;
  outFile: string;
  /** The version comment the downloads page reads, after the shebang. */
  versionComment: string;
  plugins?: Plugin[];
  /** Refuses the build naming these inputs, and says what it is: "the agent bundle must not contain …". */
  mustLeaveOut: { what: string; inputs: (input: string) => boolean };
}): Promise<DownloadBundle> {
  const { outFile } = options;
  // undici and msal-node are CommonJS and require Node built-ins; an ESM bundle needs a `require`.
  const banner = [
    "#!/usr/bin/env node",
    options.versionComment,
    'import { createRequire as __hybridDownloadCreateRequire } from "node:module";',
    "const require = __hybridDownloadCreateRequire(import.meta.url);",
  ].join("\n");
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [options.entryPoint],
    outfile: outFile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    banner: { js: banner },
    plugins: options.plugins ?? [],
    metafile: true,
    legalComments: "eof",
    logLevel: "warning",
  });
  const inputs = Object.keys(result.metafile.inputs);
  const leaked = inputs.filter(options.mustLeaveOut.inputs);
  if (leaked.length > 0) {
    await fs.rm(outFile, { force: true });
    throw new Error(`${options.mustLeaveOut.what}, but it pulled in: ${leaked.join(", ")}`);
  }
  await fs.chmod(outFile, 0o755);
  const sha256 = createHash("sha256")
    .update(await fs.readFile(outFile))
    .digest("hex");
  await fs.writeFile(`${outFile}.sha256`, `${sha256}  ${path.basename(outFile)}\n`);
  return { outFile, sha256, bytes: (await fs.stat(outFile)).size, inputs };
}

/** `npx tsx scripts/build-….ts [--out FILE]`, when `moduleUrl` is the script run. */
export async function runAsScript(
  moduleUrl: string,
  bundle: (outFile?: string) => Promise<DownloadBundle>,
): Promise<void> {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(path.resolve(process.argv[1])).href) return;
  const { values } = parseArgs({ options: { out: { type: "string" } } });
  const built = await bundle(values.out ? path.resolve(values.out) : undefined);
  console.log(
    `${path.relative(ROOT, built.outFile)}: ${(built.bytes / 1024).toFixed(0)} KiB, sha256 ${built.sha256}`,
  );
}
