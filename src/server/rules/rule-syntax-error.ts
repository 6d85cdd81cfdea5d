/**
 * Thrown when a variant rule cannot be parsed, as AppConfig refuses it when a version is created.
 * `position` is the 0-based character offset of the part at fault in `rule`.
 */
export class RuleSyntaxError extends Error {
  override readonly name = 'RuleSyntaxError' as const;
  /** The rule text as given. */
  readonly rule: string;
  /** 0-based character offset where the problem starts (the rule's length for "ended too early"). */
  readonly position: number;
  /** What is wrong, without the position, e.g. `unknown operator "equals"`. */
  readonly reason: string;

  constructor(rule: string, position: number, reason: string) {
    super(`Invalid rule at position ${position}: ${reason}`);
    this.rule = rule;
    this.position = position;
    this.reason = reason;
  }
}
