import { useId, type ReactNode } from 'react';
import type { CombinedError } from '@urql/core';
import { describeError, errorsAt, type UserError } from '../lib/errors';
import { formatMoney, type Money as MoneyValue } from '../lib/format';

export function Money({ value }: { value: MoneyValue | null | undefined }) {
  return <span className="money">{formatMoney(value)}</span>;
}

export function Loading({ label = 'Loading' }: { label?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** A failed request: FORBIDDEN reads "Not allowed for your role". */
export function ErrorNotice({ error }: { error: CombinedError | Error | null | undefined }) {
  const described = describeError(error);
  if (!described) return null;
  return (
    <p
      className={`notice error ${described.code === 'FORBIDDEN' ? 'forbidden' : ''}`}
      role="alert"
      data-code={described.code ?? ''}
    >
      {described.message}
    </p>
  );
}

/** userErrors that name no field of the form. */
export function FormErrors({ errors }: { errors: readonly UserError[] }) {
  if (errors.length === 0) return null;
  return (
    <ul className="notice error" role="alert">
      {errors.map((e, i) => (
        <li key={i} data-code={e.code}>
          {e.message} <span className="code">({e.code})</span>
        </li>
      ))}
    </ul>
  );
}

export function FieldErrors({ id, errors }: { id: string; errors: readonly UserError[] }) {
  if (errors.length === 0) return null;
  return (
    <span id={id} className="field-error" role="alert">
      {errors.map((e) => e.message).join('; ')}
    </span>
  );
}

interface FieldProps {
  label: string;
  /** The userError key this control answers for (e.g. 'deliveryDate', 'changes.0.quantity'). */
  name: string;
  errors?: readonly UserError[];
  hint?: string;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}

/** A labelled control with its hint and the userErrors that name it right below. */
export function Field({ label, name, errors = [], hint, children }: FieldProps) {
  const id = useId();
  const mine = errorsAt(errors, name);
  const describedBy = [hint ? `${id}-hint` : '', mine.length ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${mine.length ? 'invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': describedBy, ...(mine.length ? { 'aria-invalid': true } : {}) })}
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      <FieldErrors id={`${id}-error`} errors={mine} />
    </div>
  );
}

export function Section({
  title,
  id,
  children,
  actions,
}: {
  title: string;
  id: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section className="card" aria-labelledby={`${id}-title`} id={id}>
      <header className="card-header">
        <h2 id={`${id}-title`}>{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  );
}

export function Badge({
  children,
  tone = 'neutral',
}: {
  children: ReactNode;
  tone?: 'neutral' | 'good' | 'warn' | 'bad' | 'info';
}) {
  return <span className={`badge ${tone}`}>{children}</span>;
}

const STATUS_TONES: Record<string, 'good' | 'warn' | 'bad' | 'info'> = {
  PLACED: 'info',
  OPEN: 'info',
  PENDING: 'info',
  PICKING: 'warn',
  PACKED: 'warn',
  IN_TRANSIT: 'warn',
  IN_PROGRESS: 'warn',
  REQUESTED: 'warn',
  READY_FOR_PICKUP: 'good',
  SHIPPED: 'good',
  DELIVERED: 'good',
  COLLECTED: 'good',
  COMPLETED: 'good',
  RECEIVED: 'good',
  RESOLVED: 'good',
  CANCELLED: 'bad',
  ABANDONED: 'bad',
  RETURNED: 'bad',
};

export function Status({ value }: { value: string }) {
  return <Badge tone={STATUS_TONES[value] ?? 'neutral'}>{value.toLowerCase().replace(/_/g, ' ')}</Badge>;
}
