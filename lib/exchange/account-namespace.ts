// Exchange stores the federated organization identifier's account namespace with a fixed label in
// front (FYDIBOHF25SPDLT.contoso.com) and is given the bare domain (-AccountNamespace contoso.com).

const NAMESPACE_PREFIX = "FYDIBOHF25SPDLT.";

/** The domain an account namespace stands for, as -AccountNamespace takes it. */
export function accountDomainOf(namespace: string | null | undefined): string | null {
  if (typeof namespace !== "string") return null;
  return namespace.startsWith(NAMESPACE_PREFIX) ? namespace.slice(NAMESPACE_PREFIX.length) : namespace;
}
