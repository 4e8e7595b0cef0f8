/**
 * A symbolic expression that cannot be evaluated on a concrete instance: an unbound size, an index out of range,
 * sizes that disagree once instantiated, a singular inverse. The derivation checker reports these per instance
 * (they are facts about the instance, not malformed input).
 */
export class InstanceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InstanceError';
  }
}
