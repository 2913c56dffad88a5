import type { ReactNode } from 'react';

interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  /** The API's message for this field, shown beside it. */
  error?: string;
  /** A warning that does not block saving (e.g. a secret about to expire). */
  warning?: ReactNode;
  children: (control: ControlProps) => ReactNode;
  className?: string;
}

/** A labelled input with its hint and its error, wired for screen readers (aria-describedby, aria-invalid). */
export function Field({ id, label, hint, error, warning, children, className }: FieldProps) {
  const described = [hint ? `${id}-hint` : null, warning ? `${id}-warning` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children({ id, 'aria-describedby': described || undefined, 'aria-invalid': error ? true : undefined })}
      {warning && (
        <p className="field-warning" id={`${id}-warning`}>
          <span aria-hidden="true">! </span>
          {warning}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          <span aria-hidden="true">× </span>
          {error}
        </p>
      )}
    </div>
  );
}

/** The error line for a group of controls that is not one input (radio groups, checklists). */
export function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p className="field-error" id={id}>
      <span aria-hidden="true">× </span>
      {error}
    </p>
  );
}
