import type { CmdletContext } from "./cmdlet-definition";
import { invalidValueError, objectsOf } from "./directory-objects";
import { ExchangeError } from "./exchange-error";
import type { ExchangeObject } from "./json";

const DOMAIN_PATTERN = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** The error Exchange writes when a parameter names an object that isn't there. */
export function referenceNotFoundError(context: CmdletContext, name: string): ExchangeError {
  return new ExchangeError({
    cmdlet: context.cmdlet,
    category: "ObjectNotFound",
    exceptionType: "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException",
    message: `Couldn't find object "${name}". Please make sure that it was spelled correctly or specify a different object.`,
    server: context.state.directory.originatingServer,
  });
}

export function findServer(context: CmdletContext, name: string): ExchangeObject | undefined {
  const wanted = name.toLowerCase();
  return objectsOf(context.state, "ExchangeServer").find(
    (server) => String(server.Name).toLowerCase() === wanted || String(server.Fqdn).toLowerCase() === wanted,
  );
}

/** Resolves server names to their canonical Name, as Exchange stores ADObjectId references. */
export function requireServers(context: CmdletContext, names: string[]): string[] {
  return names.map((name) => {
    const server = findServer(context, name);
    if (!server) throw referenceNotFoundError(context, name);
    return String(server.Name);
  });
}

export function requireDomainNames(context: CmdletContext, parameter: string, domains: string[]): void {
  for (const domain of domains) {
    if (!DOMAIN_PATTERN.test(domain)) {
      throw invalidValueError(
        context,
        `The value '${domain}' of parameter ${parameter} isn't a valid domain name.`,
      );
    }
  }
}

export function acceptedDomainNames(context: CmdletContext): string[] {
  return objectsOf(context.state, "AcceptedDomain").map((domain) => String(domain.DomainName).toLowerCase());
}

export function requireAcceptedDomains(context: CmdletContext, parameter: string, domains: string[]): void {
  requireDomainNames(context, parameter, domains);
  const accepted = acceptedDomainNames(context);
  for (const domain of domains) {
    if (!accepted.includes(domain.toLowerCase())) {
      throw invalidValueError(
        context,
        `The domain '${domain}' in ${parameter} isn't an accepted domain of this organization. Add it as an accepted domain and try again.`,
      );
    }
  }
}

/** `<I>issuer<S>subject` is how Exchange names a transport certificate. */
export function parseTlsCertificateName(value: string): { issuer: string; subject: string } | undefined {
  const match = /^<I>(.+)<S>(.+)$/.exec(value);
  return match ? { issuer: match[1]!, subject: match[2]! } : undefined;
}

export function requireTlsCertificate(context: CmdletContext, value: string, onServers?: string[]): void {
  const parsed = parseTlsCertificateName(value);
  if (!parsed) {
    throw invalidValueError(
      context,
      `The TLS certificate name '${value}' isn't valid. Use the format '<I>issuer<S>subject'.`,
    );
  }
  const servers = onServers?.map((server) => server.toLowerCase());
  const found = objectsOf(context.state, "ExchangeCertificate").some((certificate) => {
    const server = String(certificate.Identity).split("\\")[0]!.toLowerCase();
    return (
      certificate.Issuer === parsed.issuer &&
      certificate.Subject === parsed.subject &&
      (!servers || servers.includes(server))
    );
  });
  if (!found) {
    const where = onServers ? ` on server ${onServers.join(", ")}` : "";
    throw invalidValueError(
      context,
      `Couldn't find a certificate that matches the TLS certificate name '${value}'${where}.`,
    );
  }
}

/** Exchange address spaces are `type:address;cost`; a bare domain means SMTP with cost 1. */
export function normalizeAddressSpaces(spaces: string[]): string[] {
  return spaces.map((space) => {
    const withType = space.includes(":") ? space : `smtp:${space}`;
    return withType.includes(";") ? withType : `${withType};1`;
  });
}
