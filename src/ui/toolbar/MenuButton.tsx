// A toolbar button that opens a panel under itself (a form dialog or a menu) and closes it on Escape or a
// click elsewhere.
import { type ReactNode, useEffect, useRef, useState } from 'react';

const POPUP_STYLE = { top: 'calc(100% + 4px)', left: 0 } as const;

export function MenuButton({
  label,
  popupRole,
  children,
  disabled,
}: {
  label: string;
  popupRole: 'dialog' | 'menu';
  disabled?: boolean;
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', onDown);
    return () => window.removeEventListener('mousedown', onDown);
  }, [open]);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') setOpen(false);
  };
  return (
    <div className="menu-anchor" ref={ref}>
      <button
        type="button"
        aria-haspopup={popupRole}
        aria-expanded={open}
        disabled={disabled}
        onClick={() => setOpen((o) => !o)}
      >
        {label}
      </button>
      {open && popupRole === 'menu' && (
        <div className="menu nokey" role="menu" aria-label={label} style={POPUP_STYLE} onKeyDown={onKeyDown}>
          {children(() => setOpen(false))}
        </div>
      )}
      {open && popupRole === 'dialog' && (
        <div
          className="popover nokey"
          role="dialog"
          aria-label={label}
          style={POPUP_STYLE}
          onKeyDown={onKeyDown}
        >
          {children(() => setOpen(false))}
        </div>
      )}
    </div>
  );
}
