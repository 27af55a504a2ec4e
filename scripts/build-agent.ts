/**
 * Bundles the on-premises agent into one Node ESM file that admins download from the service
 * (/downloads/hybrid-agent.mjs, served from DOWNLOADS_DIR: dist/downloads unless set), plus its
 * SHA-256 (sha256sum format) beside it. Not minified, so an admin can read what they run next to
 * Exchange. The simulated executor — and with it every simulator — stays out; the build fails if
 * any of it gets in.
 *
 * Run: npx tsx scripts/build-agent.ts [--out FILE]
 */
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { build, type Plugin } from "esbuild";
import { AGENT_VERSION } from "@/agent/version";
import { agentDownloadPath, agentVersionComment } from "@/lib/downloads/agent-download-file";

const ROOT = path.resolve(import.meta.dirname, "..");

/** Leaves `import("./simulated")` in create-executor.ts unresolved: at run time it fails with a clear message. */
const leaveOutSimulatedExecutor: Plugin = {
  name: "leave-out-simulated-executor",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^\.\/simulated$/ }, (args) =>
      args.importer.endsWith(path.join("agent", "executors", "create-executor.ts"))
        ? { path: args.path, external: true }
        : undefined,
    );
  },
};

// The version comment lets the downloads page say which agent it serves. undici is CommonJS and
// requires Node built-ins; an ESM bundle needs a `require` to give it.
const BANNER = [
  "#!/usr/bin/env node",
  agentVersionComment(AGENT_VERSION),
  'import { createRequire as __hybridAgentCreateRequire } from "node:module";',
  "const require = __hybridAgentCreateRequire(import.meta.url);",
].join("\n");

export async function buildAgentBundle(outFile: string = agentDownloadPath()) {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ["agent/cli.ts"],
    outfile: outFile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    banner: { js: BANNER },
    plugins: [leaveOutSimulatedExecutor],
    metafile: true,
    legalComments: "eof",
    logLevel: "warning",
  });

  const inputs = Object.keys(result.metafile.inputs);
  const leaked = inputs.filter(
    (input) => input.startsWith("simulators/") || input === "agent/executors/simulated.ts",
  );
  if (leaked.length > 0) {
    await fs.rm(outFile, { force: true });
    throw new Error(
      `the agent bundle must not contain simulator code, but it pulled in: ${leaked.join(", ")}`,
    );
  }

  await fs.chmod(outFile, 0o755);
  const sha256 = createHash("sha256")
    .update(await fs.readFile(outFile))
    .digest("hex");
  await fs.writeFile(`${outFile}.sha256`, `${sha256}  ${path.basename(outFile)}\n`);
  const { size } = await fs.stat(outFile);
  return { outFile, sha256, bytes: size, inputs };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { out: { type: "string" } } });
  const built = await buildAgentBundle(values.out ? path.resolve(values.out) : undefined);
  console.log(
    `${path.relative(ROOT, built.outFile)}: ${(built.bytes / 1024).toFixed(0)} KiB, sha256 ${built.sha256}`,
  );
}
