import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal dialog on the platform's <dialog>: showModal() puts it in the top layer and makes the
 * rest of the page inert, Escape closes it, and focus moves to its first control. Focus goes
 * back to what had it before (the button that opened it) on close. Radix's Dialog does the same
 * but locks scrolling with an injected <style> element, which the console's
 * Content-Security-Policy (style-src 'self') refuses.
 */
export function Modal({
  open,
  onClose,
  title,
  description,
  alert = false,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  /** A confirmation of a destructive action: announced as an alertdialog. */
  alert?: boolean;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    return () => {
      dialog.close();
      // The opener may be gone (a Disable button replaced by Enable): then the page's main region.
      (opener?.isConnected ? opener : document.getElementById('main'))?.focus();
    };
  }, [open]);
  if (!open) return null;
  return (
    <dialog
      ref={ref}
      className="dialog"
      role={alert ? 'alertdialog' : undefined}
      aria-labelledby={`${id}-title`}
      aria-describedby={description ? `${id}-description` : undefined}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      {description ? (
        <div id={`${id}-description`} className="dialog-description">
          {description}
        </div>
      ) : null}
      {children}
    </dialog>
  );
}
