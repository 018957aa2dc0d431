/**
 * Spacing of scale-downs: a policy's target is lowered only when its last change (up or down) is at least a
 * window old. A scale-down right after a scale-up (flapping) and a run of one-step scale-downs in consecutive
 * cycles are both held back, while scale-ups always go through at once. The rule still runs every cycle and
 * its decision is logged as held, so nothing is lost: the next cycle after the window applies what the rule
 * then decides.
 *
 * Rules that keep their own time (they read m_time_since_node_count_changed or m_time_when_node_count_changed,
 * as MiCADO's node rules do to wait for new machines) keep MiCADO's semantics: no window unless one is set for
 * them explicitly.
 */

export interface StabilisationOptions {
  /** Scale-down window for rules that do not keep their own time. */
  readonly windowS: number;
  /** Window for rules that keep their own time; MiCADO applies their decisions as they come (0). */
  readonly timedRuleWindowS: number;
}

/**
 * 120 s: long enough that the demos' rules, which step down one unit per cycle, step at most once per two
 * minutes, short enough that a drained app gives its machines back within minutes (the HPA's 300 s suits its
 * noisier per-pod metrics; set --scale-down-window 300 for the same).
 */
export const DEFAULT_STABILISATION: StabilisationOptions = { windowS: 120, timedRuleWindowS: 0 };

const OWN_TIMING = /m_time_(since|when)_node_count_changed/;

/** Whether a rule keeps its own time; judged from the compiled module's text. */
export function keepsOwnTime(moduleText: string): boolean {
  return OWN_TIMING.test(moduleText);
}

/** Seconds a scale-down must still wait, or 0 when it may go now. */
export function scaleDownWait(lastChangeAt: number | undefined, nowS: number, windowS: number): number {
  if (windowS <= 0 || lastChangeAt === undefined) return 0;
  return Math.max(0, lastChangeAt + windowS - nowS);
}
