import { useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import { useClient } from 'urql';
import { Empty, ErrorNotice, Field } from '../components/ui';
import { FindCustomerDocument, FindOrderDocument } from '../generated/graphql';
import { navigate } from '../router';

type By = 'email' | 'phone' | 'loyaltyCardNumber' | 'orderNumber';

const BY: { value: By; label: string; placeholder: string; type: string }[] = [
  { value: 'email', label: 'Email', placeholder: 'ada.lovelace@example.com', type: 'email' },
  { value: 'phone', label: 'Phone', placeholder: '+1 555 010 2000', type: 'tel' },
  { value: 'loyaltyCardNumber', label: 'Loyalty card', placeholder: 'card number', type: 'text' },
  { value: 'orderNumber', label: 'Order number', placeholder: 'order number from the receipt', type: 'text' },
];

export function SearchPage() {
  const client = useClient();
  const [by, setBy] = useState<By>('email');
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CombinedError | null>(null);
  const [notFound, setNotFound] = useState<string | null>(null);
  const current = BY.find((b) => b.value === by)!;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const term = value.trim();
    if (!term) return;
    setBusy(true);
    setError(null);
    setNotFound(null);
    let customerId: string | null;
    if (by === 'orderNumber') {
      const result = await client.query(FindOrderDocument, { number: term }, { requestPolicy: 'network-only' }).toPromise();
      setError(result.error ?? null);
      customerId = result.data?.orderByNumber?.customer?.id ?? null;
      if (!result.error && result.data?.orderByNumber && !customerId) setNotFound(`Order ${term} was placed by a guest.`);
    } else {
      const result = await client.query(FindCustomerDocument, { [by]: term }, { requestPolicy: 'network-only' }).toPromise();
      setError(result.error ?? null);
      customerId = result.data?.customerLookup?.id ?? null;
    }
    setBusy(false);
    if (customerId) navigate(`customers/${encodeURIComponent(customerId)}`);
    else setNotFound((n) => n ?? `No customer found for ${current.label.toLowerCase()} “${term}”.`);
  };

  return (
    <div className="page narrow">
      <h1>Find a customer</h1>
      <form className="card search" onSubmit={submit} role="search" aria-label="Find a customer">
        <Field label="Search by" name="by">
          {(props) => (
            <select {...props} value={by} onChange={(e) => setBy(e.target.value as By)}>
              {BY.map((b) => (
                <option key={b.value} value={b.value}>
                  {b.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={current.label} name="value">
          {(props) => (
            <input
              {...props}
              type={current.type}
              value={value}
              placeholder={current.placeholder}
              onChange={(e) => setValue(e.target.value)}
              autoFocus
              required
            />
          )}
        </Field>
        <button type="submit" disabled={busy}>
          {busy ? 'Searching…' : 'Find'}
        </button>
      </form>
      <div aria-live="polite">
        <ErrorNotice error={error} />
        {notFound && !error && <Empty>{notFound}</Empty>}
      </div>
    </div>
  );
}
