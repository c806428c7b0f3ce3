import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLatestWins } from './latestWins';

function harness() {
  const sent: { seq: number; req: string }[] = [];
  const delivered: string[] = [];
  const lw = createLatestWins<string, string>(
    (seq, req) => sent.push({ seq, req }),
    (res) => delivered.push(res),
  );
  return { sent, delivered, lw };
}

describe('latest-wins scheduling', () => {
  it('sends the first request at once and delivers its answer', () => {
    const { sent, delivered, lw } = harness();
    lw.request('a');
    expect(sent.map((s) => s.req)).toEqual(['a']);
    lw.receive(sent[0].seq, 'A');
    expect(delivered).toEqual(['A']);
    expect(lw.busy()).toBe(false);
  });

  it('skips requests superseded while another is in flight and drops the stale answer', () => {
    const { sent, delivered, lw } = harness();
    lw.request('a');
    lw.request('b');
    lw.request('c');
    expect(sent.map((s) => s.req)).toEqual(['a']);
    lw.receive(sent[0].seq, 'A');
    expect(delivered).toEqual([]);
    expect(sent.map((s) => s.req)).toEqual(['a', 'c']);
    lw.receive(sent[1].seq, 'C');
    expect(delivered).toEqual(['C']);
  });

  it('ignores answers to requests it never sent', () => {
    const { delivered, lw } = harness();
    lw.request('a');
    lw.receive(999, 'X');
    expect(delivered).toEqual([]);
    expect(lw.busy()).toBe(true);
  });

  it('always ends by delivering the answer to the last request, and nothing older after it', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }), (steps) => {
        // true: a new request; false: the worker answers what is in flight.
        const { sent, delivered, lw } = harness();
        let n = 0;
        let answered = 0;
        lw.request(`r${n++}`);
        for (const isRequest of steps) {
          if (isRequest) lw.request(`r${n++}`);
          else if (answered < sent.length) {
            const s = sent[answered++];
            lw.receive(s.seq, s.req.toUpperCase());
          }
        }
        while (answered < sent.length) {
          const s = sent[answered++];
          lw.receive(s.seq, s.req.toUpperCase());
        }
        const last = `R${n - 1}`;
        expect(delivered[delivered.length - 1]).toBe(last);
        expect(delivered.indexOf(last)).toBe(delivered.length - 1);
        expect(lw.busy()).toBe(false);
      }),
    );
  });
});
