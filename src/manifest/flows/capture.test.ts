import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FlowRecord } from '../../engine/flows/types';
import { CaptureParser, type LineResult, MAX_LINE_LENGTH, splitCsv } from './capture';

function parseAll(file: string, text: string): LineResult[] {
  const parser = new CaptureParser(file);
  return text.split('\n').map((line, i) => parser.line(line, i + 1));
}

function records(results: readonly LineResult[]): FlowRecord[] {
  return results.flatMap((r) => (r.kind === 'record' ? [r.record] : []));
}

const fixture = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');

describe('Hubble `-o json` (a bare Flow per line)', () => {
  const results = parseAll('hubble-json.jsonl', fixture('hubble-json.jsonl'));
  const recs = records(results);

  it('reads the endpoints, L4 protocol and destination port, verdict and is_reply of each flow', () => {
    const first = recs[0];
    expect(first).toMatchObject({
      protocol: 'TCP',
      port: 8080,
      verdict: 'FORWARDED',
      reply: false,
      line: 1,
      src: {
        namespace: 'app',
        podName: 'frontend-7d4b9c8f5-x2x9z',
        ip: '10.0.1.15',
        workloads: [{ name: 'frontend', kind: 'Deployment' }],
      },
      dst: { namespace: 'app', podName: 'backend-5f6d8b7c9-abcde', ip: '10.0.2.20' },
    });
  });

  it("keeps the pod's own k8s: labels and leaves out Cilium's bookkeeping labels", () => {
    expect({ ...recs[0].src.labels }).toEqual({ tier: 'frontend', 'pod-template-hash': '7d4b9c8f5' });
  });

  it('marks replies, reads UDP and IPv6, and keeps reserved identities apart from labels', () => {
    expect(recs[1].reply).toBe(true);
    const dns = recs.find((r) => r.protocol === 'UDP');
    expect(dns).toMatchObject({ port: 53, dst: { namespace: 'kube-system' } });
    const world = recs.find((r) => r.src.reserved?.includes('world'));
    expect(world).toMatchObject({ src: { ip: '203.0.113.9', namespace: undefined }, port: 80 });
    expect(world?.src.labels).toBeUndefined();
    const v6 = recs.find((r) => r.dst.ip === '2001:db8::1');
    expect(v6).toMatchObject({ port: 443, dst: { reserved: ['world-ipv6'] } });
  });

  it('reads the DROPPED verdict, and skips ICMP (NetworkPolicy has no ICMP) without an error', () => {
    expect(recs.find((r) => r.port === 5432)?.verdict).toBe('DROPPED');
    expect(results[6]).toEqual({ kind: 'skip', reason: 'ICMP' });
    expect(results.filter((r) => r.kind === 'error')).toEqual([]);
  });
});

describe('Hubble `-o jsonpb` ({"flow": …, "node_name", "time"})', () => {
  const results = parseAll('hubble-jsonpb.jsonl', fixture('hubble-jsonpb.jsonl'));

  it('unwraps the flow and skips node status and lost-event messages', () => {
    expect(results.map((r) => r.kind)).toEqual(['record', 'skip', 'skip', 'record', 'record', 'skip']);
    expect(records(results)[0]).toMatchObject({
      protocol: 'TCP',
      port: 5432,
      src: { podName: 'backend-5f6d8b7c9-abcde' },
    });
  });

  it('reads L7 flows like the L3/L4 flow they ride on', () => {
    expect(records(results)[2]).toMatchObject({
      protocol: 'UDP',
      port: 53,
      dst: { namespace: 'kube-system' },
    });
  });
});

describe('replies when is_reply is absent', () => {
  const rec = (l4: string) => {
    const [r] = records(parseAll('f', `{"verdict":"FORWARDED","l4":${l4}}`));
    return r.reply;
  };
  it('a TCP SYN is a request, a SYN+ACK its reply', () => {
    expect(rec('{"TCP":{"source_port":51234,"destination_port":8080,"flags":{"SYN":true}}}')).toBe(false);
    expect(rec('{"TCP":{"source_port":8080,"destination_port":51234,"flags":{"SYN":true,"ACK":true}}}')).toBe(
      true,
    );
  });
  it('else a packet to an ephemeral port from a lower port is a reply', () => {
    expect(rec('{"UDP":{"source_port":53,"destination_port":40001}}')).toBe(true);
    expect(rec('{"UDP":{"source_port":40001,"destination_port":53}}')).toBe(false);
    expect(rec('{"TCP":{"source_port":40001,"destination_port":40002,"flags":{"ACK":true}}}')).toBe(false);
  });
  it('an explicit is_reply wins, and nothing is guessed without a source port', () => {
    const [r] = records(
      parseAll('f', '{"is_reply":false,"l4":{"UDP":{"source_port":53,"destination_port":40001}}}'),
    );
    expect(r.reply).toBe(false);
    expect(rec('{"UDP":{"destination_port":40001}}')).toBeUndefined();
  });
});

describe('the plain format', () => {
  it('reads CSV with a header, namespace/name[Kind] and IP sides, any protocol case', () => {
    const recs = records(
      parseAll(
        'f.csv',
        'src,dst,protocol,port\napp/web,app/db[StatefulSet],tcp,5432\n10.1.2.3,app/web,UDP,53',
      ),
    );
    expect(recs).toEqual([
      {
        src: { ref: 'app/web' },
        dst: { ref: 'app/db[StatefulSet]' },
        protocol: 'TCP',
        port: 5432,
        verdict: 'UNKNOWN',
        line: 2,
      },
      {
        src: { ip: '10.1.2.3' },
        dst: { ref: 'app/web' },
        protocol: 'UDP',
        port: 53,
        verdict: 'UNKNOWN',
        line: 3,
      },
    ]);
  });

  it('reads JSON lines, with TCP as the default protocol', () => {
    const recs = records(parseAll('f.jsonl', '{"src":"a/x","dst":"b/y","port":"8080"}'));
    expect(recs[0]).toMatchObject({ protocol: 'TCP', port: 8080, src: { ref: 'a/x' } });
  });

  it('splits quoted CSV cells', () => {
    expect(splitCsv('"a/x", "b/y" ,TCP,"80"')).toEqual(['a/x', 'b/y', 'TCP', '80']);
    expect(splitCsv('"say ""hi""",b')).toEqual(['say "hi"', 'b']);
  });
});

describe('broken lines: one positioned error each, the rest still read', () => {
  const cases: [string, string, RegExp][] = [
    ['port 0', 'a/x,b/y,TCP,0', /port number from 1 to 65535/],
    ['port 70000', '{"src":"a/x","dst":"b/y","port":70000}', /port number from 1 to 65535/],
    ['ICMP in CSV', 'a/x,b/y,ICMP,1', /TCP, UDP or SCTP/],
    ['three fields', 'a/x,b/y,80', /expected 4 comma-separated fields/],
    ['bad side', 'A B,b/y,TCP,80', /must be namespace\/name/],
    ['bad JSON', '{"src": ', /not valid JSON/],
    ['a JSON array', '[1,2]', /expected 4 comma-separated fields/],
    [
      'bad address',
      '{"IP":{"source":"10.0.0.999"},"l4":{"TCP":{"destination_port":80}}}',
      /not an IP address/,
    ],
    ['unknown verdict', '{"verdict":"MAYBE","l4":{"TCP":{"destination_port":80}}}', /unknown verdict/],
    [
      'labels not a list',
      '{"source":{"namespace":"a","labels":"x=y"},"l4":{"UDP":{"destination_port":53}}}',
      /labels must be a list/,
    ],
    [
      'is_reply a string',
      '{"is_reply":"yes","l4":{"TCP":{"destination_port":80}}}',
      /is_reply must be true or false/,
    ],
    ['unterminated quote', '"a/x,b/y,TCP,80', /unterminated quoted cell/],
  ];
  for (const [name, line, message] of cases) {
    it(name, () => {
      const [ok, bad, after] = parseAll('cap.txt', `a/x,b/y,TCP,80\n  ${line}\nc/z,d/w,UDP,53`);
      expect(ok.kind).toBe('record');
      expect(bad).toMatchObject({
        kind: 'error',
        diagnostic: { file: 'cap.txt', line: 2, column: 3, severity: 'error' },
      });
      expect(bad.kind === 'error' && bad.diagnostic.message).toMatch(message);
      expect(after.kind).toBe('record');
    });
  }

  it('refuses an over-long line unread', () => {
    const r = new CaptureParser('big').line(`{"src":"${'a'.repeat(MAX_LINE_LENGTH)}"}`, 1);
    expect(r.kind === 'error' && r.diagnostic.message).toMatch(/longer than/);
  });

  it('keeps a label named constructor as a label, in an object without a prototype; __proto__ is no label key', () => {
    const on = (labels: string) =>
      parseAll(
        'p',
        `{"source":{"namespace":"a","labels":${labels}},"l4":{"TCP":{"destination_port":80}}}`,
      )[0];
    const ok = on('["k8s:constructor=x","k8s:toString=y"]');
    const labels = (ok.kind === 'record' ? ok.record.src.labels : {}) as Record<string, string>;
    expect(Object.getPrototypeOf(labels)).toBe(null);
    expect(Object.keys(labels).sort()).toEqual(['constructor', 'toString']);
    const bad = on('["k8s:__proto__=db"]');
    expect(bad.kind === 'error' && bad.diagnostic.message).toMatch(/label key "__proto__" is not valid/);
  });

  it('validates names and labels as the API server does, and quotes control characters in messages', () => {
    const msg = (src: string) => {
      const [r] = parseAll('p', `{"source":${src},"l4":{"TCP":{"destination_port":80}}}`);
      return r.kind === 'error' ? r.diagnostic.message : r.kind;
    };
    expect(msg('{"namespace":"Bad_NS"}')).toMatch(/namespace name "Bad_NS" is not valid/);
    expect(msg('{"namespace":"a","pod_name":"x\\u001b[31m"}')).toMatch(
      /Pod name "x\\u001b\[31m" is not valid/,
    );
    expect(msg(`{"namespace":"a","labels":["k8s:app=${'v'.repeat(64)}"]}`)).toMatch(
      /label value .* longer than 63/,
    );
    expect(msg('{"namespace":"a","workloads":[{"name":"web","kind":"deploy ment"}]}')).toMatch(
      /not a Kubernetes kind/,
    );
    const [r] = parseAll('p', 'a/x,\u001b[2Jb,TCP,80');
    expect(r.kind === 'error' && r.diagnostic.message).toMatch(/"\\u001b\[2Jb" must be namespace\/name/);
  });
});

describe('fuzz: any line gives a record, a skip or a positioned error, never an exception', () => {
  const fixtureLines = [
    ...fixture('hubble-json.jsonl').split('\n'),
    ...fixture('hubble-jsonpb.jsonl').split('\n'),
  ];
  it('random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (line) => {
        const r = new CaptureParser('f').line(line, 7);
        if (r.kind === 'error') expect(r.diagnostic.line).toBe(7);
      }),
      { numRuns: 2000 },
    );
  }, 60_000);
  it('random JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (v) => {
        new CaptureParser('f').line(JSON.stringify(v), 1);
      }),
      { numRuns: 2000 },
    );
  }, 60_000);
  it('fixture lines with characters deleted, replaced or inserted', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...fixtureLines.filter((l) => l.length > 0)),
        fc.nat(),
        fc.nat({ max: 40 }),
        fc.string({ maxLength: 5 }),
        (line, at, cut, insert) => {
          const i = at % line.length;
          new CaptureParser('f').line(line.slice(0, i) + insert + line.slice(i + cut), 1);
        },
      ),
      { numRuns: 3000 },
    );
  }, 60_000);
});
