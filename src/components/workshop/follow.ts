/**
 * Follow-me on the participant's side: each time the instructor sends the class somewhere (a new
 * `follow.at`), go there once; a participant who then wanders off is not pulled back until the
 * instructor moves again. Only paths on this site are followed.
 */
import type { PublicState } from '../../workshop/protocol.ts';

export type FollowStep =
  | { readonly kind: 'stay' }
  | { readonly kind: 'navigate'; readonly url: string }
  | { readonly kind: 'scroll'; readonly hash: string };

export function followStep(
  follow: PublicState['follow'],
  seenAt: number,
  here: { readonly origin: string; readonly pathname: string; readonly hash: string },
): FollowStep {
  if (!follow || follow.at <= seenAt) return { kind: 'stay' };
  const target = URL.parse(follow.path, here.origin);
  if (!target || target.origin !== here.origin) return { kind: 'stay' };
  if (target.pathname !== here.pathname)
    return { kind: 'navigate', url: target.pathname + target.search + target.hash };
  if (target.hash && target.hash !== here.hash) return { kind: 'scroll', hash: target.hash };
  return { kind: 'stay' };
}

/** Whether the participant is where the class is (the same page; sections do not count). */
export function isAt(
  follow: PublicState['follow'],
  here: { readonly origin: string; readonly pathname: string },
): boolean {
  if (!follow) return true;
  return URL.parse(follow.path, here.origin)?.pathname === here.pathname;
}

const SEEN_KEY = 'mc-workshop-follow-seen';

export function followSeen(): number {
  try {
    return Number(localStorage.getItem(SEEN_KEY)) || 0;
  } catch {
    return 0;
  }
}

export function markFollowSeen(at: number): void {
  try {
    localStorage.setItem(SEEN_KEY, String(at));
  } catch {
    // Then follow-me may move this page again after a reload: harmless.
  }
}
