import type { ParameterSpec, ParameterType } from "./cmdlet-definition";
import type { Side } from "./organization-state";

/** Shorthands for catalog declarations; each is a real Exchange parameter type. */
export const ON_PREMISES: readonly Side[] = ["OnPremises"];
export const ONLINE: readonly Side[] = ["Online"];
export const BOTH_SIDES: readonly Side[] = ["OnPremises", "Online"];

export const STRING: ParameterSpec = { type: { kind: "string" } };
export const REQUIRED_STRING: ParameterSpec = { type: { kind: "string" }, required: true };
export const SWITCH: ParameterSpec = { type: { kind: "switch" } };
export const BOOLEAN: ParameterSpec = { type: { kind: "boolean" } };
export const INT: ParameterSpec = { type: { kind: "int" } };
export const GUID: ParameterSpec = { type: { kind: "guid" } };
export const URI: ParameterSpec = { type: { kind: "uri" } };
export const CREDENTIAL: ParameterSpec = { type: { kind: "credential" } };

export function multi(
  dotNet: string,
  options: { required?: boolean; values?: readonly string[] } = {},
): ParameterSpec {
  const type: ParameterType = {
    kind: "multi",
    dotNet: `Microsoft.Exchange.Data.MultiValuedProperty\`1[${dotNet}]`,
  };
  if (options.values) type.values = options.values;
  return { type, required: options.required };
}

export function oneOf(
  dotNet: string,
  values: readonly string[],
  options: { required?: boolean } = {},
): ParameterSpec {
  return { type: { kind: "enum", dotNet, values }, required: options.required };
}

export function required(spec: ParameterSpec): ParameterSpec {
  return { ...spec, required: true };
}

export function onlyOn(sides: readonly Side[], spec: ParameterSpec): ParameterSpec {
  return { ...spec, sides };
}
