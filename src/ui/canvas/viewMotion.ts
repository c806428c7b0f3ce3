// Moves of the view that the app starts by itself (zooming out after a node was added where there was no room)
// make the canvas busy, as a placement does: nodes aimed at meanwhile move under the pointer, and the canvas
// says so (`aria-busy`) until the move is over.
type Listener = (moving: boolean) => void;

let moving = 0;
const listeners = new Set<Listener>();

function notify() {
  for (const l of listeners) l(moving > 0);
}

/** Starts a move of the view; call the returned function when it is over (twice is harmless). */
export function beginViewMove(): () => void {
  moving += 1;
  notify();
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    moving -= 1;
    notify();
  };
}

export function viewMoving(): boolean {
  return moving > 0;
}

export function onViewMoving(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
