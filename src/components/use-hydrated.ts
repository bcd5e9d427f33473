import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False in the server HTML and during hydration, true once React has attached its handlers. A page streamed with
 * its data is visible before that; a drag or a change made in that moment would be lost silently, so controls
 * that need React stay inert (and say so with data-hydrated) until this is true.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}
