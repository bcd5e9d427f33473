/** `{ value }` when the promise resolves within `ms`; null when it is slower or fails (the caller then leaves it to React). */
export async function settledWithin<T>(promise: Promise<T>, ms: number): Promise<{ value: T } | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    return await Promise.race([promise.then((value) => ({ value }), () => null), late]);
  } finally {
    clearTimeout(timer);
  }
}
