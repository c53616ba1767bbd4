import { useState, type ReactNode } from 'react';
import { describeError } from '../api';
import { absoluteTime, relativeTime } from '../format';
import { Modal } from './dialog';

/** An error announced to screen readers as it appears. */
export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <div role="alert" className="alert alert-error">
      {describeError(error)}
    </div>
  );
}

/** A time as "3 hours ago", the exact time on hover and for assistive technology. */
export function RelativeTime({ time, empty = '—' }: { time?: string | null; empty?: string }) {
  if (!time) return <span className="muted">{empty}</span>;
  return (
    <time dateTime={time} title={absoluteTime(time)}>
      {relativeTime(time)}
    </time>
  );
}

export function CopyButton({ value, label = 'Copy' }: { value: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="button"
      onClick={() => {
        void navigator.clipboard?.writeText(value).then(() => setCopied(true), () => setCopied(false));
      }}
    >
      {copied ? 'Copied' : label}
      <span className="visually-hidden" aria-live="polite">
        {copied ? ' to the clipboard' : ''}
      </span>
    </button>
  );
}

/** A secret shown once: its value, a copy button and the plain statement that it will not be shown again. */
export function SecretOnce({
  label,
  value,
  children,
  ifLost = 'It is stored only as a hash; if it is lost, add a new secret.',
}: {
  label: string;
  value: string;
  children?: ReactNode;
  /** How the secret is kept and what to do if it is lost: kinds of secret differ. */
  ifLost?: string;
}) {
  return (
    <section className="secret-once" aria-label={label}>
      <h3>{label}</h3>
      <p>
        <strong>Copy it now: Keyward will not show it again.</strong> {ifLost}
      </p>
      <div className="secret-row">
        <code className="secret-value" data-testid="secret-value">
          {value}
        </code>
        <CopyButton value={value} />
      </div>
      {children}
    </section>
  );
}

/** A destructive action asks first and names what it will do. */
export function ConfirmButton({
  label,
  title,
  description,
  confirmLabel,
  onConfirm,
  danger = true,
  disabled,
}: {
  label: string;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
  danger?: boolean;
  disabled?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const close = () => {
    setOpen(false);
    setError(null);
  };
  return (
    <>
      <button type="button" className={danger ? 'button button-danger' : 'button'} disabled={disabled} onClick={() => setOpen(true)}>
        {label}
      </button>
      <Modal open={open} onClose={close} title={title} description={description} alert>
        <ErrorAlert error={error} />
        <div className="actions">
          <button type="button" className="button" onClick={close} autoFocus>
            Cancel
          </button>
          <button
            type="button"
            className={danger ? 'button button-danger' : 'button button-primary'}
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              setError(null);
              try {
                await onConfirm();
                close();
              } catch (e) {
                setError(e);
              } finally {
                setBusy(false);
              }
            }}
          >
            {busy ? 'Working…' : confirmLabel}
          </button>
        </div>
      </Modal>
    </>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status">
      Loading {what}…
    </p>
  );
}

export function PageHeader({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <header className="page-header">
      <h1>{title}</h1>
      {children ? <div className="actions">{children}</div> : null}
    </header>
  );
}
