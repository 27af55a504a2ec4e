/** The id a field's aria-describedby names for its message. */
export const fieldMessageId = (path: string) => `field-${path.replace(/[^A-Za-z0-9-]/g, "-")}`;

/** A refused save's message for one field, next to it (and announced: it is linked by aria-describedby). */
export function FieldMessage({ errors, path }: { errors: Record<string, string>; path: string }) {
  const message = errors[path];
  if (!message) return null;
  return (
    <p id={fieldMessageId(path)} className="mt-1 text-sm text-red-700">
      {message}
    </p>
  );
}

/** aria props for a field that may carry a message. */
export function describedBy(errors: Record<string, string>, path: string) {
  return errors[path] ? { "aria-invalid": true, "aria-describedby": fieldMessageId(path) } : {};
}
