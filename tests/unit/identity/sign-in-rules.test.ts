import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import { AccountLockout } from "@/simulators/identity/sign-in/account-lockout";
import { TotpVerifier } from "@/simulators/identity/sign-in/totp-verifier";

const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

function clock(start = Date.UTC(2026, 0, 1, 12, 0, 10)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const codeAt = (ms: number) => generate({ secret: SECRET, epoch: Math.floor(ms / 1000) });

describe("account lockout", () => {
  it("locks the account on the fifth failure in a row, for five minutes", () => {
    const time = clock();
    const lockout = new AccountLockout({ now: time.now });
    for (let i = 1; i <= 4; i++) expect(lockout.recordFailure("u")).toBe(false);
    expect(lockout.lockedUntil("u")).toBeUndefined();
    expect(lockout.recordFailure("u")).toBe(true);
    expect(lockout.lockedUntil("u")?.getTime()).toBe(time.now() + 300_000);
    time.advance(299_000);
    expect(lockout.lockedUntil("u")).toBeDefined();
    time.advance(1_000);
    expect(lockout.lockedUntil("u")).toBeUndefined();
  });

  it("starts counting again after a successful sign-in", () => {
    const lockout = new AccountLockout();
    for (let i = 0; i < 4; i++) lockout.recordFailure("u");
    lockout.recordSuccess("u");
    for (let i = 0; i < 4; i++) expect(lockout.recordFailure("u")).toBe(false);
  });

  it("counts each account on its own", () => {
    const lockout = new AccountLockout({ maxConsecutiveFailures: 2 });
    lockout.recordFailure("a");
    lockout.recordFailure("b");
    expect(lockout.lockedUntil("a")).toBeUndefined();
    expect(lockout.recordFailure("a")).toBe(true);
    expect(lockout.lockedUntil("b")).toBeUndefined();
  });
});

describe("authenticator codes", () => {
  it("accepts the current code once, then calls it reused", async () => {
    const time = clock();
    const verifier = new TotpVerifier({ now: time.now });
    const code = await codeAt(time.now());
    expect(await verifier.check("u", SECRET, code)).toBe("accepted");
    expect(await verifier.check("u", SECRET, code)).toBe("reused");
  });

  it("refuses an older code after a newer one was used", async () => {
    const time = clock();
    const verifier = new TotpVerifier({ now: time.now });
    const older = await codeAt(time.now());
    time.advance(30_000);
    expect(await verifier.check("u", SECRET, await codeAt(time.now()))).toBe("accepted");
    expect(await verifier.check("u", SECRET, older)).toBe("reused");
  });

  it("tolerates one step of clock drift either way, not two", async () => {
    const time = clock();
    const verifier = new TotpVerifier({ now: time.now });
    expect(await verifier.check("a", SECRET, await codeAt(time.now() - 30_000))).toBe("accepted");
    expect(await verifier.check("b", SECRET, await codeAt(time.now() + 30_000))).toBe("accepted");
    expect(await verifier.check("c", SECRET, await codeAt(time.now() - 90_000))).toBe("wrong");
  });

  it("calls a code of another secret, or no number at all, wrong", async () => {
    const time = clock();
    const verifier = new TotpVerifier({ now: time.now });
    const other = await generate({ secret: "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU", epoch: time.now() / 1000 });
    expect(await verifier.check("u", SECRET, other)).toBe("wrong");
    expect(await verifier.check("u", SECRET, "abc123")).toBe("wrong");
  });

  it("keeps the used codes of each account apart", async () => {
    const time = clock();
    const verifier = new TotpVerifier({ now: time.now });
    const code = await codeAt(time.now());
    expect(await verifier.check("a", SECRET, code)).toBe("accepted");
    expect(await verifier.check("b", SECRET, code)).toBe("accepted");
  });

  it("ignores spaces in the code", async () => {
    const time = clock();
    const verifier = new TotpVerifier({ now: time.now });
    const code = await codeAt(time.now());
    expect(await verifier.check("u", SECRET, `${code.slice(0, 3)} ${code.slice(3)}`)).toBe("accepted");
  });
});
