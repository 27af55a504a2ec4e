import { assertStorable } from "@/lib/http/storable-text";

/** A query parameter's value ("" when absent), refused (400) if the database could not take it. */
export function searchParam(request: Request, name: string): string {
  const value = new URL(request.url).searchParams.get(name) ?? "";
  assertStorable(value, `The ${name} parameter`);
  return value;
}
