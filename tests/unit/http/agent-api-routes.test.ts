import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AGENT_API_PREFIX } from "@/lib/agents/protocol";
import { AGENT_API_ROUTES } from "@/scripts/lib/agent-api-routes";

// The web server answers the agent API before Next (scripts/serve-web.ts), from this list: a route
// added under app/api/agent/v1 and not listed would still work, through Next, but at Next's cost.

const ROUTES_FOLDER = path.resolve("app", AGENT_API_PREFIX.slice(1));

describe("the agent API the web server answers itself", () => {
  it("is every route under app/api/agent/v1, each answering GET or POST", async () => {
    const files = (await readdir(ROUTES_FOLDER, { recursive: true }))
      .filter((file) => path.basename(file) === "route.ts")
      .map((file) => path.dirname(file).split(path.sep).join("/"))
      .sort();
    expect(AGENT_API_ROUTES.map((route) => route.path).sort()).toEqual(files);
    // The web server calls GET and POST handlers; any other method would be left to Next.
    const methods = AGENT_API_ROUTES.flatMap((route) =>
      Object.keys(route.module).filter((name) => /^[A-Z]+$/.test(name)),
    );
    expect(new Set(methods)).toEqual(new Set(["GET", "POST"]));
  });
});
