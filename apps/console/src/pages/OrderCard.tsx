import { useState, type FormEvent } from 'react';
import { useClient, useMutation } from 'urql';
import { channelOf } from '../auth';
import { Badge, ErrorNotice, Field, FormErrors, Money, Status } from '../components/ui';
import {
  ConsoleAnnounceArrivalDocument,
  ConsoleCancelOrderDocument,
  ConsoleCollectPaymentDocument,
  ConsoleCreateReturnDocument,
  ConsoleModifyOrderDocument,
  VariantPriceDocument,
  type OrderFieldsFragment,
  type ReturnResolution,
} from '../generated/graphql';
import { fieldKey, otherErrors, type UserError } from '../lib/errors';
import { formatDate, formatDateTime, formatMoney, humanize } from '../lib/format';
import { estimateModification, type LineChange, type ModificationEstimate } from '../lib/modify';
import { useSession } from '../session';

type Panel = null | 'modify' | 'cancel' | 'return' | 'collect';

interface Payment {
  provider: string;
  token: string;
}

/** How the difference is paid: a card taken by phone or at a terminal, or cash at the till (the reference it gave). */
function PaymentFields({
  value,
  onChange,
  errors,
}: {
  value: Payment;
  onChange(value: Payment): void;
  errors: readonly UserError[];
}) {
  return (
    <div className="grid-2">
      <Field label="Paid with" name="payment.provider" errors={errors}>
        {(props) => (
          <select {...props} value={value.provider} onChange={(e) => onChange({ ...value, provider: e.target.value })}>
            <option value="manual">Card (terminal or phone)</option>
            <option value="cash">Cash</option>
          </select>
        )}
      </Field>
      <Field label="Payment reference" name="payment.token" errors={errors} hint="The authorization or receipt number">
        {(props) => (
          <input {...props} value={value.token} maxLength={200} onChange={(e) => onChange({ ...value, token: e.target.value })} />
        )}
      </Field>
    </div>
  );
}

/** One order from any channel: lines, fulfillments, money, history, and what can be done with it. */
export function OrderCard({ order, customerEmail }: { order: OrderFieldsFragment; customerEmail: string }) {
  const [panel, setPanel] = useState<Panel>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const open = order.status !== 'CANCELLED' && order.status !== 'COMPLETED';
  const titleId = `order-${order.id}-title`;
  const done = (message: string) => {
    setPanel(null);
    setNotice(message);
  };
  return (
    <article className="order" aria-labelledby={titleId} data-testid={`order-${order.number}`}>
      <header className="order-header">
        <h3 id={titleId}>
          Order {order.number} <Badge tone="info">{humanize(order.channel)}</Badge> <Status value={order.status} />
        </h3>
        <span className="muted">placed {formatDateTime(order.placedAt)}</span>
      </header>
      {notice && (
        <p className="notice success" role="status">
          {notice}
        </p>
      )}
      <table className="lines">
        <caption className="sr-only">Lines of order {order.number}</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">SKU</th>
            <th scope="col" className="num">
              Qty
            </th>
            <th scope="col" className="num">
              Unit
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((line) => (
            <tr key={line.id}>
              <td>{line.variant?.product.name ?? line.sku}</td>
              <td className="mono">{line.sku}</td>
              <td className="num">{line.quantity}</td>
              <td className="num">
                <Money value={line.unitPrice} />
                {line.discount.cents > 0 && <span className="muted"> −{formatMoney(line.discount)}</span>}
              </td>
              <td>
                <Status value={line.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="totals">
        <div>
          <dt>Subtotal</dt>
          <dd>
            <Money value={order.subtotal} />
          </dd>
        </div>
        {order.discount.cents > 0 && (
          <div>
            <dt>Discount</dt>
            <dd>
              −<Money value={order.discount} />
            </dd>
          </div>
        )}
        <div>
          <dt>Total</dt>
          <dd data-testid="order-total">
            <Money value={order.total} />
          </dd>
        </div>
        <div>
          <dt>Balance due</dt>
          <dd>
            <Money value={order.balanceDue} />
          </dd>
        </div>
      </dl>
      <h4>Fulfillments</h4>
      <ul className="plain">
        {order.fulfillments.map((f) => (
          <li key={f.id} data-testid={`fulfillment-${f.id}`}>
            {humanize(f.type)} <Status value={f.status} /> {f.location ? `at ${f.location.name}` : ''}
            {f.promisedDate && <span className="muted"> · promised {formatDate(f.promisedDate)}</span>}
            {f.trackingNumber && <span className="muted"> · tracking {f.trackingNumber}</span>}
            {f.arrivedAt && <Badge tone="warn">shopper here since {formatDateTime(f.arrivedAt)}</Badge>}
          </li>
        ))}
      </ul>
      {order.shippingAddress && (
        <p className="muted">
          Ships to {order.shippingAddress.line1}, {order.shippingAddress.city} {order.shippingAddress.postalCode},{' '}
          {order.shippingAddress.country}
        </p>
      )}
      <h4>Payments</h4>
      {order.payments.length === 0 ? (
        <p className="muted">No payment recorded.</p>
      ) : (
        <ul className="plain">
          {order.payments.map((p) => (
            <li key={p.id}>
              {humanize(p.method)}
              {p.giftCardLast4 ? ` ••${p.giftCardLast4}` : ''}
              {p.provider ? ` (${p.provider})` : ''} <Money value={p.amount} /> <Status value={p.status} />
              {p.points > 0 && <span className="muted"> · {p.points} points</span>}
            </li>
          ))}
        </ul>
      )}
      <details className="history">
        <summary>Order history ({order.history.length})</summary>
        <ol data-testid="order-history">
          {order.history.map((h, i) => (
            <li key={i}>
              <time dateTime={h.at}>{formatDateTime(h.at)}</time> {h.event}
              <span className="muted">
                {h.channel ? ` · ${humanize(h.channel)}` : ''}
                {h.actor ? ` · ${h.actor}` : ''}
              </span>
            </li>
          ))}
        </ol>
      </details>
      {open && (
        <div className="actions" role="group" aria-label={`Actions on order ${order.number}`}>
          <ArrivalButton order={order} onDone={done} />
          {order.balanceDue.cents > 0 && (
            <button
              type="button"
              aria-expanded={panel === 'collect'}
              onClick={() => setPanel(panel === 'collect' ? null : 'collect')}
            >
              Collect {formatMoney(order.balanceDue)}
            </button>
          )}
          <button type="button" aria-expanded={panel === 'modify'} onClick={() => setPanel(panel === 'modify' ? null : 'modify')}>
            Change order
          </button>
          <button
            type="button"
            className="secondary"
            aria-expanded={panel === 'return'}
            onClick={() => setPanel(panel === 'return' ? null : 'return')}
          >
            Return or exchange
          </button>
          <button
            type="button"
            className="danger"
            aria-expanded={panel === 'cancel'}
            onClick={() => setPanel(panel === 'cancel' ? null : 'cancel')}
          >
            Cancel…
          </button>
        </div>
      )}
      {!open && order.status === 'COMPLETED' && (
        <div className="actions">
          <button
            type="button"
            className="secondary"
            aria-expanded={panel === 'return'}
            onClick={() => setPanel(panel === 'return' ? null : 'return')}
          >
            Return or exchange
          </button>
        </div>
      )}
      {panel === 'modify' && <ModifyOrderForm order={order} onDone={done} onClose={() => setPanel(null)} />}
      {panel === 'cancel' && <CancelForm order={order} onDone={done} onClose={() => setPanel(null)} />}
      {panel === 'collect' && <CollectPaymentForm order={order} onDone={done} onClose={() => setPanel(null)} />}
      {panel === 'return' && (
        <ReturnForm order={order} customerEmail={customerEmail} onDone={done} onClose={() => setPanel(null)} />
      )}
    </article>
  );
}

const WAITING_PICKUP = ['PENDING', 'PICKING', 'PACKED', 'IN_TRANSIT', 'RECEIVED', 'READY_FOR_PICKUP'];

/** The shopper calls from the store's door: "I'm here" puts the pickup at the top of the store's queue. */
function ArrivalButton({ order, onDone }: { order: OrderFieldsFragment; onDone(message: string): void }) {
  const { session } = useSession();
  const [{ fetching, error, data }, announce] = useMutation(ConsoleAnnounceArrivalDocument);
  const pickup = order.fulfillments.find(
    (f) => f.type === 'PICKUP_IN_STORE' && WAITING_PICKUP.includes(f.status) && !f.arrivedAt,
  );
  if (!pickup) return null;
  const userErrors = data?.announcePickupArrival.userErrors ?? [];
  return (
    <>
      <button
        type="button"
        className="secondary"
        disabled={fetching}
        onClick={async () => {
          const result = await announce({ orderId: order.id, channel: channelOf(session) });
          if (result.data?.announcePickupArrival.userErrors.length === 0 && !result.error) {
            onDone(`${pickup.location?.name ?? 'The store'} knows the shopper is here.`);
          }
        }}
      >
        Shopper is at {pickup.location?.name ?? 'the store'}
      </button>
      <FormErrors errors={userErrors} />
      <ErrorNotice error={error} />
    </>
  );
}

interface FormProps {
  order: OrderFieldsFragment;
  onDone(message: string): void;
  onClose(): void;
}

const openLines = (order: OrderFieldsFragment) => order.lines.filter((l) => l.status === 'OPEN');

function ModifyOrderForm({ order, onDone, onClose }: FormProps) {
  const { session } = useSession();
  const client = useClient();
  const [, modify] = useMutation(ConsoleModifyOrderDocument);
  const lines = openLines(order);
  const promised = order.fulfillments.find((f) => f.promisedDate)?.promisedDate ?? '';
  const [deliveryDate, setDeliveryDate] = useState(promised);
  const [changeAddress, setChangeAddress] = useState(false);
  const [address, setAddress] = useState({
    line1: order.shippingAddress?.line1 ?? '',
    city: order.shippingAddress?.city ?? '',
    postalCode: order.shippingAddress?.postalCode ?? '',
    country: order.shippingAddress?.country ?? '',
  });
  const [changes, setChanges] = useState<Map<string, LineChange>>(
    () => new Map(lines.map((l) => [l.id, { quantity: l.quantity, sku: l.sku }])),
  );
  const [estimate, setEstimate] = useState<ModificationEstimate | null>(null);
  const [payment, setPayment] = useState<Payment>({ provider: 'manual', token: '' });
  const [errors, setErrors] = useState<UserError[]>([]);
  const [failure, setFailure] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  const setLine = (id: string, patch: Partial<LineChange>) => {
    setEstimate(null);
    setChanges((current) =>
      new Map(current).set(id, { ...current.get(id)!, ...patch, ...(patch.sku !== undefined ? { unitPrice: null } : {}) }),
    );
  };
  // userErrors name a change by its position in the changes sent.
  const [pendingKeys, setPendingKeys] = useState<ModificationEstimate | null>(null);
  const lineKey = (lineId: string, field: string) => {
    const index = (estimate ?? pendingKeys)?.changes.findIndex((c) => c.lineId === lineId) ?? -1;
    return `changes.${index}.${field}`;
  };

  const review = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    setErrors([]);
    const priced = new Map(changes);
    const unknown: string[] = [];
    for (const [id, change] of priced) {
      const line = lines.find((l) => l.id === id)!;
      const sku = change.sku.trim();
      if (sku && sku !== line.sku && !change.unitPrice) {
        const result = await client.query(VariantPriceDocument, { sku, channel: order.channel }).toPromise();
        if (result.error) setFailure(result.error);
        const variant = result.data?.variant;
        priced.set(id, { ...change, unitPrice: variant?.price ?? null });
        if (!variant) unknown.push(id);
      }
    }
    const next = estimateModification(order, priced);
    setChanges(priced);
    setBusy(false);
    if (unknown.length > 0) {
      // Said next to the SKU before anything is sent, with the key the API would use.
      setErrors(
        unknown.map((id) => ({
          field: ['input', 'changes', String(next.changes.findIndex((c) => c.lineId === id)), 'sku'],
          message: `no product has SKU ${priced.get(id)!.sku.trim()}`,
          code: 'UNKNOWN_SKU',
        })),
      );
      setPendingKeys(next);
      return;
    }
    setEstimate(next);
  };

  const confirm = async () => {
    if (!estimate) return;
    setBusy(true);
    const addressChanged = changeAddress && Object.values(address).every((v) => v.trim() !== '');
    const result = await modify({
      input: {
        orderId: order.id,
        channel: channelOf(session),
        actor: session.subject,
        changes: estimate.changes,
        ...(deliveryDate && deliveryDate !== promised ? { deliveryDate } : {}),
        ...(addressChanged ? { shippingAddress: address } : {}),
        ...(estimate.settlement.cents > 0 && payment.token.trim()
          ? { payment: { provider: payment.provider, token: payment.token.trim() } }
          : {}),
      },
    });
    setBusy(false);
    setFailure(result.error ?? null);
    const payload = result.data?.modifyOrder;
    if (!payload) return;
    setErrors(payload.userErrors);
    if (payload.userErrors.length === 0 && payload.order) {
      onDone(
        `Order ${order.number} changed: new total ${formatMoney(payload.order.total)}, balance due ${formatMoney(payload.order.balanceDue)}.`,
      );
    }
  };

  // A change's own errors (an unknown or shipped line, a duplicate) show at its line; 'changes' itself (NO_CHANGES, EMPTY_ORDER) above the buttons.
  const sentKeys = ((estimate ?? pendingKeys)?.changes ?? []).map((_, i) => `changes.${i}`);
  const keys = ['deliveryDate', 'shippingAddress', 'orderId', 'payment', ...sentKeys];
  const lineErrors = (lineId: string) => {
    const key = lineKey(lineId, '').slice(0, -1);
    return errors.filter((e) => fieldKey(e) === key || fieldKey(e) === `${key}.lineId`);
  };
  return (
    <form className="panel" onSubmit={review} aria-label={`Change order ${order.number}`}>
      <h4>Change order {order.number}</h4>
      <Field
        label="Delivery date"
        name="deliveryDate"
        errors={errors}
        hint={promised ? `Promised now: ${formatDate(promised)}` : undefined}
      >
        {(props) => (
          <input
            {...props}
            type="date"
            value={deliveryDate}
            onChange={(e) => {
              setEstimate(null);
              setDeliveryDate(e.target.value);
            }}
          />
        )}
      </Field>
      {order.shippingAddress && (
        <fieldset>
          <legend>Shipping address</legend>
          <label className="choice">
            <input type="checkbox" checked={changeAddress} onChange={(e) => setChangeAddress(e.target.checked)} /> Change the
            address
          </label>
          {changeAddress && (
            <div className="grid-2">
              {(['line1', 'city', 'postalCode', 'country'] as const).map((key) => (
                <Field
                  key={key}
                  label={{ line1: 'Street', city: 'City', postalCode: 'Postal code', country: 'Country (ISO code)' }[key]}
                  name={`shippingAddress.${key}`}
                  errors={errors}
                >
                  {(props) => (
                    <input
                      {...props}
                      value={address[key]}
                      onChange={(e) => {
                        setEstimate(null);
                        setAddress({ ...address, [key]: e.target.value });
                      }}
                      required
                    />
                  )}
                </Field>
              ))}
            </div>
          )}
        </fieldset>
      )}
      {lines.length > 0 && (
        <fieldset>
          <legend>Lines</legend>
          {lines.map((line) => (
            <div key={line.id} className="line-edit">
              <span className="line-name">{line.variant?.product.name ?? line.sku}</span>
              <FormErrors errors={lineErrors(line.id)} />
              <Field label={`Quantity of ${line.sku}`} name={lineKey(line.id, 'quantity')} errors={errors}>
                {(props) => (
                  <input
                    {...props}
                    type="number"
                    min={0}
                    max={999}
                    value={changes.get(line.id)!.quantity}
                    onChange={(e) => setLine(line.id, { quantity: Number(e.target.value) })}
                  />
                )}
              </Field>
              <Field label={`SKU instead of ${line.sku}`} name={lineKey(line.id, 'sku')} errors={errors}>
                {(props) => (
                  <input
                    {...props}
                    value={changes.get(line.id)!.sku}
                    onChange={(e) => setLine(line.id, { sku: e.target.value })}
                  />
                )}
              </Field>
              <span className="hint">0 removes the line.</span>
            </div>
          ))}
        </fieldset>
      )}
      {estimate && (
        <section className="estimate" aria-label="What the change costs" aria-live="polite">
          <dl className="totals">
            <div>
              <dt>Current total</dt>
              <dd>
                <Money value={order.total} />
              </dd>
            </div>
            <div>
              <dt>New total</dt>
              <dd data-testid="new-total">
                <Money value={estimate.total} />
              </dd>
            </div>
            <div>
              <dt>{estimate.settlement.cents >= 0 ? 'To charge' : 'To refund'}</dt>
              <dd data-testid="settlement">
                <Money value={{ ...estimate.settlement, cents: Math.abs(estimate.settlement.cents) }} />
              </dd>
            </div>
          </dl>
          <p className="hint">
            Promotions are applied again when the change is confirmed; the confirmed figures show on the order.
          </p>
          {estimate.settlement.cents > 0 && (
            <fieldset>
              <legend>Payment for the difference</legend>
              <PaymentFields value={payment} onChange={setPayment} errors={errors} />
              <p className="hint">Without a reference the order keeps a balance due, to collect later.</p>
            </fieldset>
          )}
        </section>
      )}
      <FormErrors errors={otherErrors(errors, keys)} />
      <ErrorNotice error={failure} />
      <div className="actions">
        {estimate ? (
          <button type="button" onClick={() => void confirm()} disabled={busy}>
            {busy ? 'Saving…' : 'Confirm change'}
          </button>
        ) : (
          <button type="submit" disabled={busy}>
            {busy ? 'Pricing…' : 'Review change'}
          </button>
        )}
        <button type="button" className="secondary" onClick={onClose}>
          Close
        </button>
      </div>
    </form>
  );
}

function CollectPaymentForm({ order, onDone, onClose }: FormProps) {
  const { session } = useSession();
  const [, collect] = useMutation(ConsoleCollectPaymentDocument);
  const [payment, setPayment] = useState<Payment>({
    provider: session.roles.includes('ASSOCIATE') ? 'cash' : 'manual',
    token: '',
  });
  const [errors, setErrors] = useState<UserError[]>([]);
  const [failure, setFailure] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await collect({
      input: { orderId: order.id, channel: channelOf(session), payment: { ...payment, token: payment.token.trim() } },
    });
    setBusy(false);
    setFailure(result.error ?? null);
    const payload = result.data?.collectPayment;
    setErrors(payload?.userErrors ?? []);
    if (payload?.order && payload.userErrors.length === 0)
      onDone(`Collected: balance due ${formatMoney(payload.order.balanceDue)}.`);
  };
  return (
    <form className="panel" onSubmit={submit} aria-label={`Collect payment for order ${order.number}`}>
      <h4>Collect {formatMoney(order.balanceDue)}</h4>
      <PaymentFields value={payment} onChange={setPayment} errors={errors} />
      <FormErrors errors={otherErrors(errors, ['payment'])} />
      <ErrorNotice error={failure} />
      <div className="actions">
        <button type="submit" disabled={busy || !payment.token.trim()}>
          {busy ? 'Collecting…' : 'Collect'}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          Close
        </button>
      </div>
    </form>
  );
}

function CancelForm({ order, onDone, onClose }: FormProps) {
  const { session } = useSession();
  const [, cancel] = useMutation(ConsoleCancelOrderDocument);
  const [, modify] = useMutation(ConsoleModifyOrderDocument);
  const lines = openLines(order);
  const [scope, setScope] = useState<'order' | 'lines'>('order');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<UserError[]>([]);
  const [failure, setFailure] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    if (scope === 'order') {
      const result = await cancel({ orderId: order.id, channel: channelOf(session), reason: reason || null });
      setFailure(result.error ?? null);
      const payload = result.data?.cancelOrder;
      setErrors(payload?.userErrors ?? []);
      if (payload && payload.userErrors.length === 0) onDone(`Order ${order.number} cancelled; the tenders are refunded.`);
    } else {
      const result = await modify({
        input: {
          orderId: order.id,
          channel: channelOf(session),
          actor: session.subject,
          changes: [...selected].map((lineId) => ({ lineId, quantity: 0 })),
        },
      });
      setFailure(result.error ?? null);
      const payload = result.data?.modifyOrder;
      setErrors(payload?.userErrors ?? []);
      if (payload && payload.userErrors.length === 0 && payload.order) {
        onDone(`Lines cancelled: new total ${formatMoney(payload.order.total)}.`);
      }
    }
    setBusy(false);
  };

  return (
    <form className="panel" onSubmit={submit} aria-label={`Cancel order ${order.number}`}>
      <h4>Cancel</h4>
      <fieldset>
        <legend>What to cancel</legend>
        <label className="choice">
          <input type="radio" name={`scope-${order.id}`} checked={scope === 'order'} onChange={() => setScope('order')} /> The
          whole order
        </label>
        <label className="choice">
          <input
            type="radio"
            name={`scope-${order.id}`}
            checked={scope === 'lines'}
            onChange={() => setScope('lines')}
            disabled={lines.length < 2}
          />{' '}
          Some lines
        </label>
        {scope === 'lines' &&
          lines.map((line) => (
            <label className="choice nested" key={line.id}>
              <input
                type="checkbox"
                checked={selected.has(line.id)}
                onChange={(e) => {
                  const next = new Set(selected);
                  if (e.target.checked) next.add(line.id);
                  else next.delete(line.id);
                  setSelected(next);
                }}
              />{' '}
              {line.quantity}× {line.variant?.product.name ?? line.sku}
            </label>
          ))}
      </fieldset>
      {scope === 'order' && (
        <Field label="Reason" name="reason" errors={errors}>
          {(props) => <input {...props} value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />}
        </Field>
      )}
      <FormErrors errors={otherErrors(errors, ['reason'])} />
      <ErrorNotice error={failure} />
      <div className="actions">
        <button type="submit" className="danger" disabled={busy || (scope === 'lines' && selected.size === 0)}>
          {busy ? 'Cancelling…' : scope === 'order' ? 'Cancel the order' : 'Cancel the lines'}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          Keep it
        </button>
      </div>
    </form>
  );
}

function ReturnForm({ order, onDone, onClose }: FormProps & { customerEmail: string }) {
  const { session } = useSession();
  const [, createReturn] = useMutation(ConsoleCreateReturnDocument);
  const returnable = order.lines.filter((l) => l.status === 'SHIPPED' || l.status === 'DELIVERED' || l.status === 'OPEN');
  const [method, setMethod] = useState<'MAIL' | 'IN_STORE'>(session.locationId ? 'IN_STORE' : 'MAIL');
  const [resolution, setResolution] = useState<ReturnResolution>('REFUND');
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [exchangeSkus, setExchangeSkus] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<UserError[]>([]);
  const [failure, setFailure] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(() => `console-return-${order.id}-${Date.now()}`);
  const chosen = returnable.filter((l) => (quantities[l.id] ?? 0) > 0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await createReturn({
      input: {
        orderId: order.id,
        channel: channelOf(session),
        idempotencyKey: key,
        method,
        ...(method === 'IN_STORE' && session.locationId ? { locationId: session.locationId } : {}),
        resolution,
        lines: chosen.map((l) => ({
          orderLineId: l.id,
          quantity: quantities[l.id]!,
          reason: reasons[l.id]?.trim() || 'not specified',
          ...(resolution === 'EXCHANGE' ? { exchangeSku: exchangeSkus[l.id]?.trim() || l.sku } : {}),
        })),
      },
    });
    setBusy(false);
    setFailure(result.error ?? null);
    const payload = result.data?.createReturn;
    setErrors(payload?.userErrors ?? []);
    if (payload?.return && payload.userErrors.length === 0) {
      const r = payload.return;
      onDone(
        `Return ${r.rmaNumber} created (${humanize(r.method)}, ${humanize(r.resolution)})${r.label ? `: label ${r.label.trackingNumber}` : ''}.`,
      );
    }
  };

  return (
    <form className="panel" onSubmit={submit} aria-label={`Return from order ${order.number}`}>
      <h4>Return or exchange</h4>
      <div className="grid-2">
        <Field label="How it comes back" name="method" errors={errors}>
          {(props) => (
            <select {...props} value={method} onChange={(e) => setMethod(e.target.value as 'MAIL' | 'IN_STORE')}>
              <option value="MAIL">By mail (a label is issued)</option>
              <option value="IN_STORE">In store</option>
            </select>
          )}
        </Field>
        <Field label="Resolution" name="resolution" errors={errors}>
          {(props) => (
            <select {...props} value={resolution} onChange={(e) => setResolution(e.target.value as ReturnResolution)}>
              <option value="REFUND">Refund to the tenders</option>
              <option value="STORE_CREDIT">Store credit</option>
              <option value="EXCHANGE">Exchange</option>
            </select>
          )}
        </Field>
      </div>
      <fieldset>
        <legend>Items</legend>
        {returnable.map((line, index) => {
          const i = chosen.indexOf(line);
          const key = i >= 0 ? `lines.${i}` : `lines.x${index}`;
          return (
            <div key={line.id} className="line-edit">
              <span className="line-name">{line.variant?.product.name ?? line.sku}</span>
              <FormErrors errors={errors.filter((e) => fieldKey(e) === key || fieldKey(e) === `${key}.orderLineId`)} />
              <Field label={`Units of ${line.sku} to return`} name={`${key}.quantity`} errors={errors}>
                {(props) => (
                  <input
                    {...props}
                    type="number"
                    min={0}
                    max={line.quantity}
                    value={quantities[line.id] ?? 0}
                    onChange={(e) => setQuantities({ ...quantities, [line.id]: Number(e.target.value) })}
                  />
                )}
              </Field>
              <Field label={`Reason for ${line.sku}`} name={`${key}.reason`} errors={errors}>
                {(props) => (
                  <input
                    {...props}
                    value={reasons[line.id] ?? ''}
                    maxLength={200}
                    onChange={(e) => setReasons({ ...reasons, [line.id]: e.target.value })}
                  />
                )}
              </Field>
              {resolution === 'EXCHANGE' && (
                <Field label={`Exchange ${line.sku} for SKU`} name={`${key}.exchangeSku`} errors={errors}>
                  {(props) => (
                    <input
                      {...props}
                      value={exchangeSkus[line.id] ?? ''}
                      placeholder={line.sku}
                      onChange={(e) => setExchangeSkus({ ...exchangeSkus, [line.id]: e.target.value })}
                    />
                  )}
                </Field>
              )}
            </div>
          );
        })}
      </fieldset>
      <FormErrors errors={otherErrors(errors, ['method', 'resolution', 'locationId', ...chosen.map((_, i) => `lines.${i}`)])} />
      <ErrorNotice error={failure} />
      <div className="actions">
        <button type="submit" disabled={busy || chosen.length === 0}>
          {busy ? 'Creating…' : 'Create return'}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          Close
        </button>
      </div>
    </form>
  );
}
