// A lesson's text as React elements: paragraphs (blank-line separated), `- ` list items and `code` spans.
// Everything is rendered as text nodes; a lesson file can never inject HTML.
import { Fragment } from 'react';

function Inline({ text }: { text: string }) {
  // Odd pieces of a backtick split are code spans.
  const parts = text.split('`');
  return (
    <>
      {parts.map((p, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one fixed string, in order
        i % 2 === 1 ? <code key={i}>{p}</code> : <Fragment key={i}>{p}</Fragment>,
      )}
    </>
  );
}

export interface TextBlock {
  readonly kind: 'p' | 'ul';
  readonly lines: readonly string[];
}

/** Paragraphs join their lines; consecutive `- ` lines form one list. */
export function textBlocks(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  for (const chunk of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = chunk
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    let para: string[] = [];
    let items: string[] = [];
    const flush = () => {
      if (para.length > 0) blocks.push({ kind: 'p', lines: [para.join(' ')] });
      if (items.length > 0) blocks.push({ kind: 'ul', lines: items });
      para = [];
      items = [];
    };
    for (const line of lines) {
      if (line.startsWith('- ')) {
        if (para.length > 0) flush();
        items.push(line.slice(2));
      } else if (items.length > 0 && para.length === 0) {
        // A continuation line of the last list item.
        items[items.length - 1] = `${items[items.length - 1]} ${line}`;
      } else {
        para.push(line);
      }
    }
    flush();
  }
  return blocks;
}

export function LessonText({ text }: { text: string }) {
  return (
    <div className="lesson-text">
      {textBlocks(text).map((b, i) =>
        b.kind === 'p' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: blocks of one fixed text, in order
          <p key={i}>
            <Inline text={b.lines[0]} />
          </p>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: blocks of one fixed text, in order
          <ul key={i}>
            {b.lines.map((l, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: items of one fixed list, in order
              <li key={j}>
                <Inline text={l} />
              </li>
            ))}
          </ul>
        ),
      )}
    </div>
  );
}
