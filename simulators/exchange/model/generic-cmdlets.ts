import type { CmdletContext, CmdletDefinition, ParameterSpec } from "./cmdlet-definition";
import {
  applySettings,
  findObjects,
  insertObject,
  notFoundError,
  objectsOf,
  removeObject,
  requireObject,
} from "./directory-objects";
import type { ExchangeObject } from "./json";
import type { Side } from "./organization-state";

interface KindCmdlet {
  name: string;
  kind: string;
  sides: readonly Side[];
  parameters?: Record<string, ParameterSpec>;
}

const IDENTITY: ParameterSpec = { type: { kind: "string" } };
const REQUIRED_IDENTITY: ParameterSpec = { type: { kind: "string" }, required: true };

/** Results leave the model as copies, so a caller can never edit state behind a cmdlet's back. */
function copies(objects: ExchangeObject[]): ExchangeObject[] {
  return structuredClone(objects);
}

function singletonOf(context: CmdletContext, kind: string): ExchangeObject {
  const object = objectsOf(context.state, kind)[0];
  if (!object) throw notFoundError(context, kind);
  return object;
}

export function getCmdlet(
  spec: KindCmdlet & { select?: (context: CmdletContext, objects: ExchangeObject[]) => ExchangeObject[] },
): CmdletDefinition {
  return {
    name: spec.name,
    sides: spec.sides,
    identityParameter: "Identity",
    parameters: { Identity: IDENTITY, ...spec.parameters },
    run(context) {
      const identity = context.parameters.Identity;
      let objects = objectsOf(context.state, spec.kind);
      if (typeof identity === "string") {
        objects = findObjects(context, spec.kind, identity);
        if (objects.length === 0) throw notFoundError(context, identity);
      }
      return copies(spec.select ? spec.select(context, objects) : objects);
    },
  };
}

export function setCmdlet(
  spec: KindCmdlet & {
    /** Singletons (Set-HybridConfiguration) take no -Identity. */
    singleton?: boolean;
    validate?: (context: CmdletContext, object: ExchangeObject) => void;
    derive?: (context: CmdletContext, object: ExchangeObject) => void;
    rename?: Record<string, string>;
    skip?: string[];
  },
): CmdletDefinition {
  return {
    name: spec.name,
    sides: spec.sides,
    identityParameter: spec.singleton ? undefined : "Identity",
    parameters: spec.singleton ? { ...spec.parameters } : { Identity: REQUIRED_IDENTITY, ...spec.parameters },
    run(context) {
      const object = spec.singleton
        ? singletonOf(context, spec.kind)
        : requireObject(context, spec.kind, String(context.parameters.Identity));
      spec.validate?.(context, object);
      if (applySettings(context, object, { rename: spec.rename, skip: spec.skip }))
        spec.derive?.(context, object);
      return [];
    },
  };
}

export function newCmdlet(
  spec: KindCmdlet & {
    create: (context: CmdletContext) => ExchangeObject;
    validate?: (context: CmdletContext) => void;
  },
): CmdletDefinition {
  return {
    name: spec.name,
    sides: spec.sides,
    parameters: { ...spec.parameters },
    run(context) {
      spec.validate?.(context);
      return copies([insertObject(context, spec.kind, spec.create(context))]);
    },
  };
}

export function removeCmdlet(spec: KindCmdlet): CmdletDefinition {
  return {
    name: spec.name,
    sides: spec.sides,
    identityParameter: "Identity",
    parameters: { Identity: REQUIRED_IDENTITY, ...spec.parameters },
    run(context) {
      removeObject(
        context,
        spec.kind,
        requireObject(context, spec.kind, String(context.parameters.Identity)),
      );
      return [];
    },
  };
}

/** Reads a bound parameter that the catalog declares as multi-valued. */
export function listParameter(context: CmdletContext, name: string): string[] {
  const value = context.parameters[name];
  return Array.isArray(value) ? value.map(String) : [];
}

export function stringParameter(context: CmdletContext, name: string): string | null {
  const value = context.parameters[name];
  return typeof value === "string" ? value : null;
}

export function booleanParameter(context: CmdletContext, name: string, fallback: boolean): boolean {
  const value = context.parameters[name];
  return typeof value === "boolean" ? value : fallback;
}
