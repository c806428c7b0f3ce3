// Messages from design operations and the simulator, stacked over the canvas. Information and warnings fade
// after a while; errors, and notices that offer an action (download a document kept aside), stay until
// dismissed.
import { useEffect } from 'react';
import { type UiNotice, useAppStore } from '../store';

const LIFETIME = { info: 4000, warning: 9000 } as const;
/** A confirmation with actions (Edit, Undo) stays long enough to reach them. */
const WITH_ACTIONS = 10_000;

function NoticeItem({ notice }: { notice: UiNotice }) {
  useEffect(() => {
    if (notice.severity === 'error' || (notice.actions && !notice.fades)) return;
    const lifetime = notice.actions ? WITH_ACTIONS : LIFETIME[notice.severity];
    const t = setTimeout(() => useAppStore.getState().dismissNotice(notice.id), lifetime);
    return () => clearTimeout(t);
  }, [notice]);
  return (
    <div
      className={`notice ${notice.severity}`}
      role={notice.severity === 'error' ? 'alert' : 'status'}
      data-key={notice.key}
    >
      <p>{notice.message}</p>
      {notice.actions?.map((a) => (
        <button key={a.label} type="button" className="notice-action" onClick={() => a.run()}>
          {a.label}
        </button>
      ))}
      <button
        type="button"
        aria-label="Dismiss"
        onClick={() => useAppStore.getState().dismissNotice(notice.id)}
      >
        ×
      </button>
    </div>
  );
}

export function Notices() {
  const notices = useAppStore((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className="notices" data-testid="notices">
      {notices.map((n) => (
        <NoticeItem key={n.id} notice={n} />
      ))}
    </div>
  );
}
