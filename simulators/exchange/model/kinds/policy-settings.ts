import type { CmdletContext, ParameterSpec } from "../cmdlet-definition";
import type { ExchangeObject, JsonValue } from "../json";

// Organization policies (Outlook on the web, mobile devices, retention) are settings objects: every
// setting has a default that New- fills in and a parameter of the same name that New- and Set- take.

export interface PolicySetting {
  parameter: ParameterSpec;
  /** What a new policy holds when New- was not given the setting. */
  initial: JsonValue;
}

export type PolicySettings = Record<string, PolicySetting>;

export function settingParameters(settings: PolicySettings): Record<string, ParameterSpec> {
  return Object.fromEntries(Object.entries(settings).map(([name, setting]) => [name, setting.parameter]));
}

/** The settings of a new policy: each one given to New-, else its default. */
export function initialSettings(settings: PolicySettings, context: CmdletContext): ExchangeObject {
  return Object.fromEntries(
    Object.entries(settings).map(([name, setting]) => [
      name,
      name in context.parameters ? context.parameters[name]! : setting.initial,
    ]),
  );
}

/** The defaults alone, for the policies Exchange setup and tenant provisioning create. */
export function defaultSettings(settings: PolicySettings): ExchangeObject {
  return Object.fromEntries(Object.entries(settings).map(([name, setting]) => [name, setting.initial]));
}
