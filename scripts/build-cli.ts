/**
 * Bundles the `hybrid-wizard` command line into one Node ESM file that admins download from the
 * service (/downloads/hybrid-wizard.mjs, beside the agent in DOWNLOADS_DIR), plus its SHA-256.
 * Not minified, so an admin can read what they run; no simulator code gets in.
 *
 * Run: npx tsx scripts/build-cli.ts [--out FILE]
 */
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { CLI_VERSION } from "@/cli/version";
import { cliDownloadPath } from "@/lib/downloads/agent-download-file";

const ROOT = path.resolve(import.meta.dirname, "..");

// msal-node and undici are CommonJS and require Node built-ins; an ESM bundle needs a `require`.
const BANNER = [
  "#!/usr/bin/env node",
  `// hybrid-wizard ${CLI_VERSION}`,
  'import { createRequire as __hybridWizardCreateRequire } from "node:module";',
  "const require = __hybridWizardCreateRequire(import.meta.url);",
].join("\n");

export async function buildCliBundle(outFile: string = cliDownloadPath()) {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ["cli/hybrid-wizard.ts"],
    outfile: outFile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    banner: { js: BANNER },
    metafile: true,
    legalComments: "eof",
    logLevel: "warning",
  });
  const leaked = Object.keys(result.metafile.inputs).filter(
    (input) => input.startsWith("simulators/") || input.includes("lib/generated/prisma/client"),
  );
  if (leaked.length > 0) {
    await fs.rm(outFile, { force: true });
    throw new Error(
      `the command line must not contain simulator or database code, but pulled in: ${leaked.join(", ")}`,
    );
  }
  await fs.chmod(outFile, 0o755);
  const sha256 = createHash("sha256")
    .update(await fs.readFile(outFile))
    .digest("hex");
  await fs.writeFile(`${outFile}.sha256`, `${sha256}  ${path.basename(outFile)}\n`);
  return { outFile, sha256, bytes: (await fs.stat(outFile)).size };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { out: { type: "string" } } });
  const built = await buildCliBundle(values.out ? path.resolve(values.out) : undefined);
  console.log(
    `${path.relative(ROOT, built.outFile)}: ${(built.bytes / 1024).toFixed(0)} KiB, sha256 ${built.sha256}`,
  );
}
