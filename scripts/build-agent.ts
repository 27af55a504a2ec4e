/**
 * Bundles the on-premises agent into one Node ESM file that admins download from the service
 * (/downloads/hybrid-agent.mjs, served from DOWNLOADS_DIR: dist/downloads unless set), plus its
 * SHA-256 beside it, readable next to Exchange. The simulated executor — and with it every
 * simulator — stays out; the build fails if any of it gets in.
 *
 * Run: npx tsx scripts/build-agent.ts [--out FILE]
 */
import path from "node:path";
import type { Plugin } from "esbuild";
import { AGENT_VERSION } from "@/agent/version";
import { agentDownloadPath, agentVersionComment } from "@/lib/downloads/agent-download-file";
import { bundleDownload, runAsScript } from "@/scripts/lib/bundle-download";

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

export function buildAgentBundle(outFile: string = agentDownloadPath()) {
  return bundleDownload({
    entryPoint: "agent/cli.ts",
    outFile,
    // Lets the downloads page say which agent it serves.
    versionComment: agentVersionComment(AGENT_VERSION),
    plugins: [leaveOutSimulatedExecutor],
    mustLeaveOut: {
      what: "the agent bundle must not contain simulator code",
      inputs: (input) => input.startsWith("simulators/") || input === "agent/executors/simulated.ts",
    },
  });
}

await runAsScript(import.meta.url, buildAgentBundle);
