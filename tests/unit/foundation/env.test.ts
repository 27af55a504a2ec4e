import { afterEach, describe, expect, it, vi } from "vitest";
import { EnvError, getStartEnv } from "@/lib/env";

describe("getStartEnv", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("defaults to port 3000 and the embedded database under .data", () => {
    vi.stubEnv("PORT", undefined);
    vi.stubEnv("DATABASE_URL", undefined);
    vi.stubEnv("DATA_DIR", undefined);
    const env = getStartEnv();
    expect(env).toMatchObject({ PORT: 3000, DATA_DIR: ".data" });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("says which variable is wrong and what a right value looks like", () => {
    vi.stubEnv("PORT", "eighty");
    expect(() => getStartEnv()).toThrow(EnvError);
    expect(() => getStartEnv()).toThrow("PORT: PORT must be a port number, e.g. PORT=3000");
  });

  it("refuses a port out of range and a DATABASE_URL that is not a URL", () => {
    vi.stubEnv("PORT", "70000");
    vi.stubEnv("DATABASE_URL", "localhost:5432");
    const message = (() => {
      try {
        getStartEnv();
        return "";
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain("PORT must be between 1 and 65535");
    expect(message).toContain("DATABASE_URL must be a postgresql:// URL");
  });
});
