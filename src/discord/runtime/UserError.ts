/**
 * An expected failure whose message is written for the person using the bot: a bad option, a missing
 * permission, an expired button. It is shown to them as is, ephemerally, and changes nothing.
 */
export class UserError extends Error {
  override name = 'UserError';
}
