// Remembers the last few renderings of a YAML view by their inputs (the document parts the text depends on,
// compared by identity). One typing pause asks for the text of the current and of the parsed document, and
// the commit's echo asks again: with hundreds of policies each rendering is a full YAML dump, so the repeats
// are served from here instead.

export function cachedRender<D>(
  render: (doc: D) => string,
  inputs: (doc: D) => readonly unknown[],
  size = 4,
): (doc: D) => string {
  const entries: { inputs: readonly unknown[]; text: string }[] = [];
  return (doc) => {
    const key = inputs(doc);
    const i = entries.findIndex((e) => sameInputs(e.inputs, key));
    if (i >= 0) {
      const [hit] = entries.splice(i, 1);
      entries.unshift(hit!);
      return hit!.text;
    }
    const text = render(doc);
    entries.unshift({ inputs: key, text });
    if (entries.length > size) entries.pop();
    return text;
  };
}

function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}
