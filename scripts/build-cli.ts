/**
 * Bundles the `hybrid-wizard` command line into one Node ESM file that admins download from the
 * service (/downloads/hybrid-wizard.mjs, beside the agent in DOWNLOADS_DIR), plus its SHA-256.
 * No simulator or database code gets in.
 *
 * Run: npx tsx scripts/build-cli.ts [--out FILE]
 */
import { CLI_VERSION } from "@/cli/version";
import { cliDownloadPath } from "@/lib/downloads/agent-download-file";
import { bundleDownload, runAsScript } from "@/scripts/lib/bundle-download";

export function buildCliBundle(outFile: string = cliDownloadPath()) {
  return bundleDownload({
    entryPoint: "cli/hybrid-wizard.ts",
    outFile,
    versionComment: `// hybrid-wizard ${CLI_VERSION}`,
    mustLeaveOut: {
      what: "the command line must not contain simulator or database code",
      inputs: (input) => input.startsWith("simulators/") || input.includes("lib/generated/prisma/client"),
    },
  });
}

await runAsScript(import.meta.url, buildCliBundle);
