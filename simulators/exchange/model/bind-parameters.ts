import type { BoundParameters, CmdletDefinition, ParameterType } from "./cmdlet-definition";
import { ExchangeError } from "./exchange-error";
import type { JsonValue } from "./json";
import type { Side } from "./organization-state";

/** PowerShell common parameters: accepted on every cmdlet and, here, without effect. */
const COMMON_PARAMETERS = new Set([
  "confirm",
  "erroraction",
  "warningaction",
  "verbose",
  "debug",
  "domaincontroller",
]);

const GUID_PATTERN = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;

function bindingError(
  cmdlet: string,
  bindingErrorId: string,
  message: string,
  category: "InvalidArgument" | "InvalidData",
) {
  return new ExchangeError({
    cmdlet,
    message,
    category,
    bindingErrorId,
    exceptionType: "System.Management.Automation.ParameterBindingException",
  });
}

function renderValue(value: unknown): string {
  if (Array.isArray(value)) return "System.Object[]";
  if (value !== null && typeof value === "object") return "System.Collections.Hashtable";
  return String(value);
}

function dotNetName(type: ParameterType): string {
  switch (type.kind) {
    case "string":
      return type.dotNet ?? "System.String";
    case "switch":
      return "System.Management.Automation.SwitchParameter";
    case "boolean":
      return "System.Boolean";
    case "int":
      return "System.Int32";
    case "guid":
      return "System.Guid";
    case "uri":
      return "System.Uri";
    case "credential":
      return "System.Management.Automation.PSCredential";
    case "enum":
    case "multi":
      return type.dotNet;
  }
}

class ConversionFailure extends Error {}

function matchEnum(value: string, values: readonly string[]): string {
  const match = values.find((candidate) => candidate.toLowerCase() === value.trim().toLowerCase());
  if (match) return match;
  throw new ConversionFailure(
    `Unable to match the identifier name ${value} to a valid enumerator name. Specify one of the following enumerator names and try again: ${values.join(", ")}`,
  );
}

function toStringList(value: unknown): string[] {
  if (typeof value === "string") {
    return value
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item.length > 0);
  }
  if (Array.isArray(value)) {
    return value.map((item) => {
      if (typeof item === "string" || typeof item === "number" || typeof item === "boolean")
        return String(item);
      throw new ConversionFailure("Only strings can be elements of this multi-valued parameter.");
    });
  }
  if (typeof value === "number" || typeof value === "boolean") return [String(value)];
  throw new ConversionFailure("The value must be a string, an array of strings, or @{Add=…; Remove=…}.");
}

/** `@{Add='x'; Remove='y'}` arrives as {"Add": …, "Remove": …}: Exchange's way to edit multi-valued properties. */
function isAddRemove(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const keys = Object.keys(value).map((key) => key.toLowerCase());
  return keys.length > 0 && keys.every((key) => key === "add" || key === "remove");
}

function convert(type: ParameterType, value: unknown): JsonValue {
  switch (type.kind) {
    case "string":
      if (typeof value === "string") return value;
      if (typeof value === "number" || typeof value === "boolean") return String(value);
      throw new ConversionFailure("Specified method is not supported.");
    case "switch":
    case "boolean":
      if (typeof value === "boolean") return value;
      if (typeof value === "number") return value !== 0;
      throw new ConversionFailure(
        "Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.",
      );
    case "int":
      if (typeof value === "number" && Number.isInteger(value)) return value;
      if (typeof value === "string" && /^-?\d+$/.test(value.trim())) return Number(value.trim());
      throw new ConversionFailure("Input string was not in a correct format.");
    case "guid":
      if (typeof value === "string" && GUID_PATTERN.test(value.trim())) {
        return value.trim().replace(/[{}]/g, "").toLowerCase();
      }
      throw new ConversionFailure(
        "Guid should contain 32 digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).",
      );
    case "uri":
      if (typeof value === "string" && URL.canParse(value)) return value;
      throw new ConversionFailure("Invalid URI: The format of the URI could not be determined.");
    case "enum":
      if (typeof value === "string") return matchEnum(value, type.values);
      throw new ConversionFailure("Only a single enumerator name is accepted here.");
    case "multi": {
      if (isAddRemove(value)) {
        const edit: Record<string, JsonValue> = {};
        for (const [key, items] of Object.entries(value)) {
          const list = toStringList(items);
          edit[key.toLowerCase() === "add" ? "Add" : "Remove"] = type.values
            ? list.map((item) => matchEnum(item, type.values!))
            : list;
        }
        return edit;
      }
      const list = toStringList(value);
      return type.values ? list.map((item) => matchEnum(item, type.values!)) : list;
    }
    case "credential":
      if (
        value !== null &&
        typeof value === "object" &&
        !Array.isArray(value) &&
        typeof (value as Record<string, unknown>).UserName === "string" &&
        typeof (value as Record<string, unknown>).Password === "string"
      ) {
        const credential = value as Record<string, string>;
        return { UserName: credential.UserName!, Password: credential.Password! };
      }
      throw new ConversionFailure('A credential is an object {"UserName": …, "Password": …}.');
  }
}

/** Binds raw JSON parameters to a cmdlet the way PowerShell does, failing with PowerShell's own errors. */
export function bindParameters(
  definition: CmdletDefinition,
  side: Side,
  raw: Record<string, unknown>,
): BoundParameters {
  const specs = Object.entries(definition.parameters).filter(
    ([, spec]) => !spec.sides || spec.sides.includes(side),
  );
  const byLowerName = new Map(specs.map(([name, spec]) => [name.toLowerCase(), { name, spec }]));
  const bound: BoundParameters = {};

  for (const [given, value] of Object.entries(raw)) {
    const lower = given.toLowerCase();
    if (COMMON_PARAMETERS.has(lower)) continue;
    const entry = byLowerName.get(lower);
    if (!entry) {
      throw bindingError(
        definition.name,
        "NamedParameterNotFound",
        `A parameter cannot be found that matches parameter name '${given}'.`,
        "InvalidArgument",
      );
    }
    if (value === null || value === undefined) {
      if (entry.spec.required || entry.spec.type.kind === "switch" || entry.spec.type.kind === "boolean") {
        throw bindingError(
          definition.name,
          "ParameterArgumentValidationErrorNullNotAllowed",
          `Cannot validate argument on parameter '${entry.name}'. The argument is null. Provide a valid value for the argument, and then try running the command again.`,
          "InvalidData",
        );
      }
      bound[entry.name] = null;
      continue;
    }
    try {
      bound[entry.name] = convert(entry.spec.type, value);
    } catch (error) {
      if (!(error instanceof ConversionFailure)) throw error;
      throw bindingError(
        definition.name,
        "ParameterArgumentTransformationError",
        `Cannot process argument transformation on parameter '${entry.name}'. Cannot convert value "${renderValue(value)}" to type "${dotNetName(entry.spec.type)}". Error: "${error.message}"`,
        "InvalidData",
      );
    }
  }

  const missing = specs.filter(([name, spec]) => spec.required && !(name in bound)).map(([name]) => name);
  if (missing.length > 0) {
    throw bindingError(
      definition.name,
      "MissingMandatoryParameter",
      `Cannot process command because of one or more missing mandatory parameters: ${missing.join(" ")}.`,
      "InvalidArgument",
    );
  }
  return bound;
}
