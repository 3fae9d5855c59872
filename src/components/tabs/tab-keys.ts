/**
 * The keys of an ARIA tab list (WAI-ARIA Authoring Practices, "Tabs"): ← and → move to the
 * previous and next tab, wrapping around; Home and End to the first and last. Pure, so every tab
 * list in the project moves the same way.
 */

/** The index a key moves to from `current` among `count` tabs, or undefined for any other key. */
export function tabKeyTarget(key: string, current: number, count: number): number | undefined {
  if (count === 0) return undefined;
  const last = count - 1;
  switch (key) {
    case 'ArrowRight':
      return current >= last ? 0 : current + 1;
    case 'ArrowLeft':
      return current <= 0 ? last : current - 1;
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return undefined;
  }
}
