// A latest-wins request scheduler: at most one request in flight, at most one waiting, and a result is only
// delivered when it answers the newest request. Typing in the YAML pane or dragging on the canvas produces
// documents faster than a large analysis finishes; the ones in between are simply never computed.

export interface LatestWins<Req, Res> {
  /** Ask for `req`; replaces any request still waiting. */
  request(req: Req): void;
  /** Feed back the answer to the request with number `seq` (from `send`). */
  receive(seq: number, res: Res): void;
  /** Whether a request is in flight or waiting. */
  busy(): boolean;
}

export function createLatestWins<Req, Res>(
  send: (seq: number, req: Req) => void,
  deliver: (res: Res) => void,
): LatestWins<Req, Res> {
  let nextSeq = 1;
  let inFlight: number | null = null;
  let waiting: { seq: number; req: Req } | null = null;
  let newest = 0;

  const start = (seq: number, req: Req) => {
    inFlight = seq;
    send(seq, req);
  };

  return {
    request(req) {
      const seq = nextSeq++;
      newest = seq;
      if (inFlight === null) start(seq, req);
      else waiting = { seq, req };
    },
    receive(seq, res) {
      if (seq !== inFlight) return;
      inFlight = null;
      if (seq === newest) deliver(res);
      if (waiting) {
        const next = waiting;
        waiting = null;
        start(next.seq, next.req);
      }
    },
    busy() {
      return inFlight !== null || waiting !== null;
    },
  };
}
