// A text input that applies its value when the user is done (Enter or leaving the field), not on every
// keystroke: one undo step per edit, and no operation runs on a half-typed name. Escape restores the value.
import { useEffect, useRef, useState } from 'react';

export function CommitInput({
  value,
  label,
  onCommit,
  focusNonce,
  placeholder,
}: {
  value: string;
  label: string;
  onCommit(value: string): void;
  focusNonce?: number;
  placeholder?: string;
}) {
  const [draft, setDraft] = useState(value);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => setDraft(value), [value]);
  useEffect(() => {
    if (focusNonce !== undefined) {
      ref.current?.focus();
      ref.current?.select();
    }
  }, [focusNonce]);
  const commit = () => {
    const v = draft.trim();
    if (v !== value) onCommit(v);
  };
  return (
    <input
      ref={ref}
      aria-label={label}
      value={draft}
      placeholder={placeholder}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setDraft(value);
      }}
    />
  );
}
