import { useState, type FormEvent } from 'react';
import { useClient, useMutation, useQuery, type CombinedError } from 'urql';
import { Badge, Empty, ErrorNotice, Field, FormErrors, Loading, Section, Status } from '../components/ui';
import {
  ConsoleAdvanceFulfillmentDocument,
  ConsoleReceiveTransferDocument,
  StoreOrderDocument,
  StoreQueueDocument,
  type QueueFulfillmentFragment,
  type StoreOrderQuery,
} from '../generated/graphql';
import { otherErrors, type UserError } from '../lib/errors';
import { ACTION_LABELS, availableActions, type Action } from '../lib/fulfillment';
import { formatDate, formatDateTime, humanize } from '../lib/format';
import { navigate } from '../router';
import { StockLookup } from './StockPage';

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Store mode: the location's pickups ("I'm here" first), its work queue, transfers on their way in, stock. */
export function StorePage({ locationId }: { locationId: string }) {
  const [{ data, fetching, error }, refresh] = useQuery({ query: StoreQueueDocument, variables: { locationId } });
  const location = data?.location;
  const reload = () => refresh({ requestPolicy: 'network-only' });
  if (!location) {
    if (fetching) return <Loading label="Loading the store queue" />;
    return (
      <div className="page">
        <ErrorNotice error={error} />
        {!error && <Empty>No location {locationId}.</Empty>}
      </div>
    );
  }
  const pickups = location.pickupsWaiting ?? [];
  const pickupIds = new Set(pickups.map((f) => f.id));
  const work = (location.workQueue ?? []).filter((f) => !pickupIds.has(f.id));
  return (
    <div className="page store" data-testid="store-queue">
      <header className="customer-header">
        <h1>{location.name}</h1>
        <p className="muted">
          {count(pickups.filter((p) => p.arrivedAt).length, 'shopper', 'shoppers')} here ·{' '}
          {count(pickups.length, 'pickup', 'pickups')} · {work.length} to work ·{' '}
          {count(location.incomingTransfers.length, 'transfer', 'transfers')} on their way{' '}
          <button type="button" className="secondary small" onClick={reload}>
            Refresh
          </button>
        </p>
      </header>
      <ErrorNotice error={error} />
      <div className="grid">
        <div className="col">
          <Section title="Pickups waiting" id="pickups">
            {pickups.length === 0 ? (
              <Empty>No pickups waiting.</Empty>
            ) : (
              <ol className="queue" data-testid="pickups">
                {pickups.map((f) => (
                  <QueueItem key={f.id} fulfillment={f} locationId={locationId} onChanged={reload} />
                ))}
              </ol>
            )}
          </Section>
          <Section title="Work queue" id="work">
            {work.length === 0 ? (
              <Empty>Nothing to pick, pack or ship.</Empty>
            ) : (
              <ol className="queue" data-testid="work-queue">
                {work.map((f) => (
                  <QueueItem key={f.id} fulfillment={f} locationId={locationId} onChanged={reload} />
                ))}
              </ol>
            )}
          </Section>
        </div>
        <div className="col side">
          <OrderAtCounter locationId={locationId} />
          <Transfers transfers={location.incomingTransfers} onChanged={reload} />
          <Section title="Stock" id="stock">
            <StockLookup />
          </Section>
        </div>
      </div>
    </div>
  );
}

function QueueItem({
  fulfillment: f,
  locationId,
  onChanged,
}: {
  fulfillment: QueueFulfillmentFragment;
  locationId: string;
  onChanged(): void;
}) {
  const customer = f.order?.customer;
  return (
    <li className={`queue-item ${f.arrivedAt ? 'arrived' : ''}`} data-testid={`queue-${f.order?.number ?? f.id}`}>
      <div>
        <strong>
          {f.order ? `Order ${f.order.number}` : 'Order'} · {humanize(f.type)}
        </strong>{' '}
        <Status value={f.status} />
        {f.arrivedAt && <Badge tone="warn">I'm here · {formatDateTime(f.arrivedAt)}</Badge>}
      </div>
      <div className="muted">
        {customer ? (
          <a
            href={`/console/customers/${customer.id}`}
            onClick={(e) => {
              e.preventDefault();
              navigate(`customers/${encodeURIComponent(customer.id)}`);
            }}
          >
            {customer.firstName} {customer.lastName}
          </a>
        ) : (
          'Guest'
        )}
        {f.promisedDate && ` · promised ${formatDate(f.promisedDate)}`}
        {f.sourceLocation &&
          f.location &&
          f.sourceLocation.id !== f.location.id &&
          ` · from ${f.sourceLocation.name} to ${f.location.name}`}
      </div>
      <div>{f.lines.map((l) => `${l.quantity}× ${l.sku}`).join(', ')}</div>
      <AdvanceButtons fulfillment={f} locationId={locationId} onChanged={onChanged} label={f.order?.number ?? f.id} />
    </li>
  );
}

/** The next steps of a fulfillment; what the API refuses is said next to them. */
function AdvanceButtons({
  fulfillment,
  locationId,
  onChanged,
  label,
  offerAll = false,
}: {
  fulfillment: Parameters<typeof availableActions>[0] & { id: string };
  locationId: string;
  onChanged(): void;
  label: string;
  /** Offer the status's actions even when this store is not the one that acts (the API decides). */
  offerAll?: boolean;
}) {
  const [, advance] = useMutation(ConsoleAdvanceFulfillmentDocument);
  const [tracking, setTracking] = useState('');
  const [errors, setErrors] = useState<UserError[]>([]);
  const [failure, setFailure] = useState<CombinedError | null>(null);
  const [busy, setBusy] = useState<Action | null>(null);
  const actions = availableActions(fulfillment, offerAll ? null : locationId);
  if (actions.length === 0) return null;
  const act = async (action: Action) => {
    setBusy(action);
    const result = await advance({
      input: { fulfillmentId: fulfillment.id, action, ...(action === 'SHIP' && tracking ? { trackingNumber: tracking } : {}) },
    });
    setBusy(null);
    setFailure(result.error ?? null);
    const userErrors = result.data?.advanceFulfillment.userErrors ?? [];
    setErrors(userErrors);
    if (!result.error && userErrors.length === 0) onChanged();
  };
  return (
    <div className="actions" role="group" aria-label={`Next steps for ${label}`}>
      {actions.includes('SHIP') && fulfillment.type === 'SHIP' && (
        <Field label="Tracking number" name="trackingNumber" errors={errors}>
          {(props) => <input {...props} value={tracking} onChange={(e) => setTracking(e.target.value)} maxLength={60} />}
        </Field>
      )}
      {actions.map((action) => (
        <button key={action} type="button" onClick={() => void act(action)} disabled={busy !== null}>
          {busy === action ? 'Saving…' : ACTION_LABELS[action]}
        </button>
      ))}
      <FormErrors errors={otherErrors(errors, ['trackingNumber'])} />
      <ErrorNotice error={failure} />
    </div>
  );
}

/** The shopper at the counter gives an order number: its fulfillments and what can be done here. */
function OrderAtCounter({ locationId }: { locationId: string }) {
  const client = useClient();
  const [number, setNumber] = useState('');
  const [order, setOrder] = useState<StoreOrderQuery['orderByNumber'] | undefined>(undefined);
  const [error, setError] = useState<CombinedError | null>(null);
  const [busy, setBusy] = useState(false);
  const find = async (event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    const result = await client
      .query(StoreOrderDocument, { number: number.trim() }, { requestPolicy: 'network-only' })
      .toPromise();
    setBusy(false);
    setError(result.error ?? null);
    setOrder(result.data ? result.data.orderByNumber : undefined);
  };
  return (
    <Section title="Order at the counter" id="counter">
      <form className="inline" onSubmit={find} role="search" aria-label="Find an order by number">
        <Field label="Order number" name="number">
          {(props) => <input {...props} value={number} onChange={(e) => setNumber(e.target.value)} required />}
        </Field>
        <button type="submit" disabled={busy}>
          {busy ? 'Finding…' : 'Find order'}
        </button>
      </form>
      <ErrorNotice error={error} />
      {order === null && <Empty>No order with this number.</Empty>}
      <p className="hint">
        A return comes back at the counter: open the shopper's page from the order and receive it under Returns.
      </p>
      {order && (
        <div data-testid="counter-order">
          <p>
            <strong>Order {order.number}</strong> <Status value={order.status} /> ·{' '}
            {order.customer ? (
              <a
                href={`/console/customers/${order.customer.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(`customers/${encodeURIComponent(order.customer!.id)}`);
                }}
              >
                {order.customer.firstName} {order.customer.lastName}
              </a>
            ) : (
              'guest'
            )}
          </p>
          <ul className="plain">
            {order.fulfillments.map((f) => (
              <li key={f.id}>
                {humanize(f.type)} <Status value={f.status} /> {f.location ? `at ${f.location.name}` : ''}
                {f.arrivedAt && <Badge tone="warn">I'm here</Badge>}
                <AdvanceButtons
                  fulfillment={{ ...f, sourceLocation: null }}
                  locationId={locationId}
                  onChanged={() => void find()}
                  label={`order ${order.number}`}
                  offerAll
                />
              </li>
            ))}
          </ul>
        </div>
      )}
    </Section>
  );
}

function Transfers({
  transfers,
  onChanged,
}: {
  transfers: NonNullable<import('../generated/graphql').StoreQueueQuery['location']>['incomingTransfers'];
  onChanged(): void;
}) {
  const [, receive] = useMutation(ConsoleReceiveTransferDocument);
  const [errors, setErrors] = useState<Record<string, UserError[]>>({});
  const [failure, setFailure] = useState<CombinedError | null>(null);
  return (
    <Section title="Transfers on their way" id="transfers">
      {transfers.length === 0 ? (
        <Empty>No transfer on its way here.</Empty>
      ) : (
        <ul className="plain">
          {transfers.map((t) => (
            <li key={t.id}>
              {t.quantity}× {t.sku} from {t.from.name} <span className="muted">since {formatDateTime(t.createdAt)}</span>{' '}
              <button
                type="button"
                className="secondary small"
                onClick={async () => {
                  const result = await receive({ id: t.id });
                  setFailure(result.error ?? null);
                  const userErrors = result.data?.receiveTransfer.userErrors ?? [];
                  setErrors({ ...errors, [t.id]: userErrors });
                  if (!result.error && userErrors.length === 0) onChanged();
                }}
              >
                Receive {t.sku}
              </button>
              <FormErrors errors={errors[t.id] ?? []} />
            </li>
          ))}
        </ul>
      )}
      <ErrorNotice error={failure} />
    </Section>
  );
}
