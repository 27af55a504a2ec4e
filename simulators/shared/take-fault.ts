/**
 * Takes the first fault that applies to a call and counts it down, so "fail N times then succeed"
 * holds across calls. `times` unset: the fault stays until cleared. Returns the faults that remain.
 */
export function takeFault<F extends { times?: number }>(
  faults: readonly F[],
  applies: (fault: F) => boolean,
): { fault?: F; remaining: F[] } {
  const index = faults.findIndex(applies);
  if (index < 0) return { remaining: [...faults] };
  const fault = faults[index]!;
  if (fault.times === undefined) return { fault, remaining: [...faults] };
  const remaining = [...faults];
  if (fault.times <= 1) remaining.splice(index, 1);
  else remaining[index] = { ...fault, times: fault.times - 1 };
  return { fault, remaining };
}
