// npm install's last step: generate the Prisma client, then build the web app and the agent
// download so that the first `npm start` is quick. `npm start` rebuilds by itself when the code changes.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { buildAgentBundle } from "@/scripts/build-agent";

const resolve = createRequire(import.meta.url).resolve;

function run(label: string, args: string[], env: Record<string, string> = {}): void {
  console.log(`[postinstall] ${label}`);
  const result = spawnSync(process.execPath, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// The Prisma CLI insists on a schema-engine binary it would download from a host
// this project's machines can't reach; `generate` never runs it, so any existing file will do.
run("prisma generate", [resolve("prisma/build/index.js"), "generate"], {
  PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
});
run("next build", [path.resolve("node_modules/next/dist/bin/next"), "build"], {
  NEXT_TELEMETRY_DISABLED: "1",
});
console.log("[postinstall] agent download (scripts/build-agent.ts)");
const agent = await buildAgentBundle();
console.log(`[postinstall] ${path.relative(process.cwd(), agent.outFile)}: sha256 ${agent.sha256}`);
