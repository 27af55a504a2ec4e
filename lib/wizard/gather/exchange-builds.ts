import type { ExchangeServer } from "./gathered-state";

// Exchange builds and what each feature needs of them. AdminDisplayVersion ("Version 15.2 (Build
// 1544.4)") stops at the cumulative update; ExSetup.exe's file version ("15.02.1544.025") also shows
// the security update, which the dedicated hybrid application's minimum builds require.

export interface ExchangeBuild {
  major: number;
  minor: number;
  build: number;
  revision: number;
}

export function parseAdminDisplayVersion(text: string): ExchangeBuild | undefined {
  const match = /Version (\d+)\.(\d+) \(Build (\d+)\.(\d+)\)/.exec(text);
  return match ? toBuild(match.slice(1)) : undefined;
}

export function parseFileVersion(text: string): ExchangeBuild | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text.trim());
  return match ? toBuild(match.slice(1)) : undefined;
}

function toBuild(parts: string[]): ExchangeBuild {
  const [major, minor, build, revision] = parts.map(Number);
  return { major: major!, minor: minor!, build: build!, revision: revision! };
}

export function formatBuild(build: ExchangeBuild): string {
  return `${build.major}.${build.minor}.${build.build}.${build.revision}`;
}

/** The product a build is: 2010 (14.x), 2013 (15.0), 2016 (15.1), 2019 (15.2 before SE) or SE. */
export function productOf(build: ExchangeBuild): string {
  if (build.major === 14) return "Exchange 2010";
  if (build.minor === 0) return "Exchange 2013";
  if (build.minor === 1) return "Exchange 2016";
  return build.build >= 2562 ? "Exchange Server SE" : "Exchange 2019";
}

/**
 * The dedicated Exchange hybrid application's minimum builds, each with the April 2025 hotfix
 * (EXCHANGE.md): 2016 CU23, 2019 CU14, 2019 CU15, SE RTM. A later CU of the same line qualifies.
 */
const DEDICATED_APP_MINIMUMS: ExchangeBuild[] = [
  { major: 15, minor: 1, build: 2507, revision: 55 },
  { major: 15, minor: 2, build: 1544, revision: 25 },
  { major: 15, minor: 2, build: 1748, revision: 24 },
  { major: 15, minor: 2, build: 2562, revision: 17 },
];

/** Whether a build carries the dedicated hybrid application's support; the minimum it falls short of, if not. */
export function dedicatedAppSupport(build: ExchangeBuild): { supported: boolean; minimum?: ExchangeBuild } {
  const sameLine = DEDICATED_APP_MINIMUMS.filter(
    (minimum) => minimum.major === build.major && minimum.minor === build.minor,
  );
  const reached = sameLine.filter((minimum) => minimum.build <= build.build).at(-1);
  if (!reached) return { supported: false, minimum: sameLine[0] };
  // Same cumulative update: the hotfix decides. A later one than the minimum's includes the fix.
  if (build.build === reached.build && build.revision < reached.revision) {
    return { supported: false, minimum: reached };
  }
  return { supported: true };
}

/** The server's best-known build: ExSetup.exe's when the agent read it, else AdminDisplayVersion's. */
export function buildOf(server: Pick<ExchangeServer, "AdminDisplayVersion" | "FileVersion">): {
  build: ExchangeBuild | undefined;
  fromFile: boolean;
} {
  const file = server.FileVersion ? parseFileVersion(server.FileVersion) : undefined;
  return file
    ? { build: file, fromFile: true }
    : { build: parseAdminDisplayVersion(server.AdminDisplayVersion), fromFile: false };
}
