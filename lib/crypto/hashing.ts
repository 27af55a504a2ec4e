import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export function sha256(value: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(createHash("sha256").update(value, "utf8").digest());
}

export function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

// Crockford's base32: no I, L, O, U, so a code read aloud or typed is hard to get wrong.
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** `length` characters from a CSPRNG, 5 bits each. */
export function randomCrockford(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const byte of bytes) out += CROCKFORD[byte & 31];
  return out;
}
