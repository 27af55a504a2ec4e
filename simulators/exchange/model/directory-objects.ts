import { randomUUID } from "node:crypto";
import type { CmdletContext } from "./cmdlet-definition";
import { ExchangeError } from "./exchange-error";
import type { ExchangeObject, JsonValue } from "./json";
import type { OrganizationState } from "./organization-state";

export interface ObjectFactoryContext {
  state: OrganizationState;
  now: Date;
}

export interface DirectoryObjectShape {
  name: string;
  /** Defaults to the name; server-scoped objects use `SERVER\Name`. */
  identity?: string;
  /** DN path between the object's own CN and the organization's configuration container ("" when directly under it). */
  container: string;
  /** The schema class in ObjectCategory, e.g. `ms-Exch-Accepted-Domain`. */
  schema: string;
  objectClass: string[];
  exchangeVersion: string;
  guid?: string;
}

/** The properties every Active Directory–backed Exchange object carries, in Exchange's formats. */
export function directoryObject(context: ObjectFactoryContext, shape: DirectoryObjectShape): ExchangeObject {
  const { directory, side } = context.state;
  const guid = shape.guid ?? randomUUID();
  const stamp = context.now.toISOString();
  const object: ExchangeObject = {
    AdminDisplayName: "",
    DistinguishedName: [`CN=${shape.name}`, shape.container, directory.configurationDn]
      .filter(Boolean)
      .join(","),
    ExchangeVersion: shape.exchangeVersion,
    Guid: guid,
    Id: shape.identity ?? shape.name,
    Identity: shape.identity ?? shape.name,
    IsValid: true,
    Name: shape.name,
    ObjectCategory: `${directory.schemaRoot}/${shape.schema}`,
    ObjectClass: shape.objectClass,
    ObjectState: "Unchanged",
    OrganizationId: directory.organizationId,
    OriginatingServer: directory.originatingServer,
    WhenChanged: stamp,
    WhenChangedUTC: stamp,
    WhenCreated: stamp,
    WhenCreatedUTC: stamp,
  };
  if (side === "Online") {
    object.ExchangeObjectId = guid;
    object.OrganizationalUnitRoot = directory.organizationalUnitRoot ?? "";
  }
  return object;
}

/** The objects of one kind, for reading: a kind never created reads as empty and stays absent. */
export function objectsOf(state: OrganizationState, kind: string): ExchangeObject[] {
  return state.objects[kind] ?? [];
}

/** The objects of one kind, for writing. */
export function collectionOf(state: OrganizationState, kind: string): ExchangeObject[] {
  state.objects[kind] ??= [];
  return state.objects[kind]!;
}

function text(value: JsonValue | undefined): string {
  return typeof value === "string" ? value.toLowerCase() : "";
}

/** Exchange resolves an identity against name, identity, GUID and DN; `SERVER\Name` objects also by bare name. */
export function matchesIdentity(object: ExchangeObject, identity: string): boolean {
  const wanted = identity.trim().toLowerCase();
  if (
    [object.Identity, object.Name, object.Guid, object.DistinguishedName].some(
      (value) => text(value) === wanted,
    )
  ) {
    return true;
  }
  const fullIdentity = text(object.Identity);
  return !wanted.includes("\\") && fullIdentity.includes("\\") && fullIdentity.endsWith(`\\${wanted}`);
}

export function notFoundError(context: CmdletContext, identity: string): ExchangeError {
  return new ExchangeError({
    cmdlet: context.cmdlet,
    category: "ObjectNotFound",
    exceptionType: "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException",
    message: `The operation couldn't be performed because object '${identity}' couldn't be found on '${context.state.directory.originatingServer}'.`,
    server: context.state.directory.originatingServer,
  });
}

export function alreadyExistsError(context: CmdletContext, object: ExchangeObject): ExchangeError {
  const server = context.state.directory.originatingServer;
  const message =
    context.side === "OnPremises"
      ? `Active Directory operation failed on ${server}. The object '${String(object.DistinguishedName)}' already exists.`
      : `An object with the name '${String(object.Name)}' already exists.`;
  return new ExchangeError({
    cmdlet: context.cmdlet,
    category: "ResourceExists",
    exceptionType: "Microsoft.Exchange.Data.Directory.ADObjectAlreadyExistsException",
    message,
    server,
  });
}

export function invalidValueError(context: CmdletContext, message: string): ExchangeError {
  return new ExchangeError({
    cmdlet: context.cmdlet,
    category: "InvalidArgument",
    exceptionType: "Microsoft.Exchange.Configuration.Tasks.TaskArgumentException",
    message,
    server: context.state.directory.originatingServer,
  });
}

export function invalidOperationError(context: CmdletContext, message: string): ExchangeError {
  return new ExchangeError({
    cmdlet: context.cmdlet,
    category: "InvalidOperation",
    exceptionType: "Microsoft.Exchange.Configuration.Tasks.TaskInvalidOperationException",
    message,
    server: context.state.directory.originatingServer,
  });
}

export function findObjects(context: CmdletContext, kind: string, identity: string): ExchangeObject[] {
  return objectsOf(context.state, kind).filter((object) => matchesIdentity(object, identity));
}

/** Resolves exactly one object, failing as Exchange does when none or several match. */
export function requireObject(context: CmdletContext, kind: string, identity: string): ExchangeObject {
  const found = findObjects(context, kind, identity);
  if (found.length === 0) throw notFoundError(context, identity);
  if (found.length > 1) {
    throw new ExchangeError({
      cmdlet: context.cmdlet,
      category: "InvalidArgument",
      exceptionType: "Microsoft.Exchange.Configuration.Tasks.ManagementObjectAmbiguousException",
      message: `The operation couldn't be performed because '${identity}' matches multiple entries.`,
      server: context.state.directory.originatingServer,
    });
  }
  return found[0]!;
}

export function insertObject(context: CmdletContext, kind: string, object: ExchangeObject): ExchangeObject {
  const list = collectionOf(context.state, kind);
  if (list.some((existing) => text(existing.Identity) === text(object.Identity))) {
    throw alreadyExistsError(context, object);
  }
  list.push(object);
  return object;
}

export function removeObject(context: CmdletContext, kind: string, object: ExchangeObject): void {
  const list = collectionOf(context.state, kind);
  list.splice(list.indexOf(object), 1);
}

function propertyKey(object: ExchangeObject, parameter: string): string {
  return Object.keys(object).find((key) => key.toLowerCase() === parameter.toLowerCase()) ?? parameter;
}

function applyAddRemove(current: JsonValue | undefined, edit: Record<string, JsonValue>): JsonValue {
  const list = Array.isArray(current) ? [...current] : [];
  const added = Array.isArray(edit.Add) ? edit.Add : [];
  const removed = new Set(
    (Array.isArray(edit.Remove) ? edit.Remove : []).map((item) => String(item).toLowerCase()),
  );
  const kept = list.filter((item) => !removed.has(String(item).toLowerCase()));
  for (const item of added) {
    if (!kept.some((existing) => String(existing).toLowerCase() === String(item).toLowerCase()))
      kept.push(item);
  }
  return kept;
}

/**
 * Applies Set- parameters to an object's properties (matched case-insensitively, as PowerShell does:
 * -TLSCertificateName sets TlsCertificateName). Warns as Exchange does when nothing changed.
 */
export function applySettings(
  context: CmdletContext,
  object: ExchangeObject,
  options: { skip?: string[]; rename?: Record<string, string> } = {},
): boolean {
  const skip = new Set(["identity", ...(options.skip ?? []).map((name) => name.toLowerCase())]);
  let changed = false;
  for (const [parameter, value] of Object.entries(context.parameters)) {
    if (skip.has(parameter.toLowerCase())) continue;
    const key = propertyKey(object, options.rename?.[parameter] ?? parameter);
    const isEdit = value !== null && typeof value === "object" && !Array.isArray(value);
    const next = isEdit
      ? applyAddRemove(object[key], value)
      : (value ?? (Array.isArray(object[key]) ? [] : null));
    if (JSON.stringify(object[key]) !== JSON.stringify(next)) {
      if (key === "Name") rename(object, String(next));
      object[key] = next;
      changed = true;
    }
  }
  if (changed) touch(context, object);
  else {
    context.warnings.push(
      `The command completed successfully but no settings of '${String(object.Identity)}' have been modified.`,
    );
  }
  return changed;
}

/** A new -Name renames the object: its identity and DN follow, unless the identity is server-scoped. */
function rename(object: ExchangeObject, name: string): void {
  const previous = String(object.Name);
  if (object.Identity === previous) {
    object.Identity = name;
    object.Id = name;
  }
  if (typeof object.DistinguishedName === "string") {
    object.DistinguishedName = object.DistinguishedName.replace(`CN=${previous},`, `CN=${name},`);
  }
}

export function touch(context: { now: Date }, object: ExchangeObject): void {
  const stamp = context.now.toISOString();
  object.WhenChanged = stamp;
  object.WhenChangedUTC = stamp;
}
