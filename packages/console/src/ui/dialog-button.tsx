import { useState, type ReactNode } from 'react';
import { Modal } from './dialog';

/**
 * A button that opens a form in a modal dialog (create, edit). `children` gets `close`, to call
 * once the form has done its work; Escape and Cancel close it without saving.
 */
export function DialogButton({
  label,
  title,
  description,
  primary = false,
  children,
}: {
  label: string;
  title: ReactNode;
  description?: ReactNode;
  primary?: boolean;
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);
  return (
    <>
      <button type="button" className={primary ? 'button button-primary' : 'button'} onClick={() => setOpen(true)}>
        {label}
      </button>
      <Modal open={open} onClose={close} title={title} description={description}>
        {open ? children(close) : null}
      </Modal>
    </>
  );
}
