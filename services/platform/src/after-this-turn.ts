/**
 * `run` once after the current turn of the event loop, however often it is asked for during it:
 * what arrives in one turn (requests, an event's deliveries) is then handled together.
 */
export function afterThisTurn(run: () => void): () => void {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    setImmediate(() => {
      pending = false;
      run();
    });
  };
}
