export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };

/** An Exchange object as ConvertTo-Json would render it: property name → JSON value. */
export type ExchangeObject = Record<string, JsonValue>;
