import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import * as agentProtocol from "@/lib/agents/protocol";
import { API_OPERATIONS } from "@/lib/openapi/api-operations";
import { buildOpenApiDocument } from "@/lib/openapi/build-openapi-document";

// The document is generated from API_OPERATIONS; these tests hold that list to the route files, so
// a route added, removed or changed without it fails here.

const root = path.resolve(import.meta.dirname, "../../..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

interface RouteFile {
  file: string;
  path: string;
  methods: string[];
  source: string;
}

async function routeFiles(): Promise<RouteFile[]> {
  const files = (await readdir(path.join(root, "app/api"), { recursive: true })).filter(
    (file) => path.basename(file) === "route.ts",
  );
  return Promise.all(
    files.map(async (file) => {
      const source = await readFile(path.join(root, "app/api", file), "utf8");
      const folder = path.dirname(file).split(path.sep).join("/");
      return {
        file: `app/api/${file}`,
        path: `/api/${folder}`.replace(/\[(\w+)\]/g, "{$1}"),
        methods: METHODS.filter((method) => new RegExp(`export const ${method}\\b`).test(source)),
        source,
      };
    }),
  );
}

/** Each exported schema of the contracts, by identity, so an operation's schema has a name to look for. */
async function schemaNames(): Promise<Map<unknown, string>> {
  const modules = await Promise.all(
    (await readdir(path.join(root, "lib/contracts")))
      .filter((file) => file.endsWith(".ts"))
      .map((file) => import(pathToFileURL(path.join(root, "lib/contracts", file)).href)),
  );
  const names = new Map<unknown, string>();
  for (const exports of [...modules, agentProtocol]) {
    for (const [name, value] of Object.entries(exports as Record<string, unknown>)) {
      if (name.startsWith("Z")) names.set(value, name);
    }
  }
  return names;
}

describe("the OpenAPI document", () => {
  it("has every route file's every method, and nothing else", async () => {
    const fromFiles = (await routeFiles()).flatMap((route) => route.methods.map((m) => `${m} ${route.path}`));
    const documented = API_OPERATIONS.map((operation) => `${operation.method} ${operation.path}`);
    expect([...documented].sort()).toEqual([...fromFiles].sort());
    const paths = buildOpenApiDocument().paths as Record<string, Record<string, unknown>>;
    for (const key of fromFiles) {
      const [method, routePath] = key.split(" ") as [string, string];
      expect(paths[routePath]?.[method.toLowerCase()], key).toBeDefined();
    }
  });

  it("names for each route the very schemas its file parses with", async () => {
    const names = await schemaNames();
    const routes = new Map((await routeFiles()).map((route) => [route.path, route]));
    let checked = 0;
    for (const operation of API_OPERATIONS) {
      const route = routes.get(operation.path);
      for (const schema of [operation.params, operation.body, operation.query] as z.ZodType[]) {
        const name = schema && names.get(schema);
        if (!name) continue;
        expect(route?.source, `${operation.method} ${operation.path} uses ${name}`).toContain(name);
        checked += 1;
      }
    }
    // Most operations' schemas are found by name; the few left are written in the operation itself.
    expect(checked).toBeGreaterThan(40);
  });

  it("says which requests take an Idempotency-Key: exactly the routes that honour one", async () => {
    const routes = await routeFiles();
    for (const operation of API_OPERATIONS) {
      const source = routes.find((route) => route.path === operation.path)?.source ?? "";
      const handler = source.split("export const ").find((part) => part.startsWith(`${operation.method} =`));
      expect(handler?.includes("idempotent("), `${operation.method} ${operation.path}`).toBe(
        operation.startsWork === true,
      );
    }
  });

  it("is valid OpenAPI 3.1", async () => {
    await expect(
      SwaggerParser.validate(structuredClone(buildOpenApiDocument()) as never),
    ).resolves.toBeDefined();
  });
});
