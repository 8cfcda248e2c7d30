let lastTurn: Promise<void> = Promise.resolve();

/**
 * Resolves in an event-loop turn of its own, after every earlier caller's turn, first come first served.
 * Interactions arrive in bursts (the gateway delivers many in one read); each waits for its turn before its
 * answer is computed, so the replies already computed are sent, and the stand-in or Discord hears them,
 * between one answer and the next, instead of after the whole burst has been answered.
 */
export function takeTurn(): Promise<void> {
  const turn = lastTurn.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
  lastTurn = turn;
  return turn;
}
