import { useMemo, useState, type FormEvent } from 'react';
import { useClient, useMutation, useQuery, type CombinedError } from 'urql';
import { Badge, Empty, ErrorNotice, Field, FormErrors, Loading, Money, Section, Status } from '../components/ui';
import {
  ConsoleReceiveReturnDocument,
  Customer360Document,
  GiftCardLookupDocument,
  type Customer360Query,
} from '../generated/graphql';
import { isForbidden, otherErrors, type UserError } from '../lib/errors';
import { formatDate, formatDateTime, formatMoney, humanize } from '../lib/format';
import { buildTimeline, timelineChannels } from '../lib/timeline';
import { useSession } from '../session';
import { CasesPanel } from './CasesPanel';
import { OrderCard } from './OrderCard';

type Customer = NonNullable<Customer360Query['customer']>;

const REFRESHED_BY = ['Order', 'SupportCase', 'Return', 'Cart', 'Interaction', 'LoyaltyAccount'];

/** The 360-degree page: everything about one customer, loaded by one GraphQL request. */
export function CustomerPage({ id }: { id: string }) {
  // A mutation that returns any of these types refreshes the page, even when it showed none yet (a first case, a first return).
  const context = useMemo(() => ({ additionalTypenames: REFRESHED_BY }), []);
  const [{ data, fetching, error }] = useQuery({ query: Customer360Document, variables: { id }, context });
  const customer = data?.customer;
  if (!customer) {
    if (fetching) return <Loading label="Loading the customer" />;
    return (
      <div className="page">
        <ErrorNotice error={error} />
        {!error && <Empty>No customer with this id.</Empty>}
      </div>
    );
  }
  return (
    <div className="page customer" data-testid="customer-360">
      <CustomerHeader customer={customer} />
      {/* Parts of the page the role may not see are reported, the rest is shown. */}
      {error && <PartialError error={error} />}
      <div className="grid">
        <div className="col">
          <Timeline customer={customer} />
          <Orders customer={customer} />
          <Returns customer={customer} />
          <Carts customer={customer} />
        </div>
        <div className="col side">
          <Profile customer={customer} />
          <CasesPanel
            customerId={customer.id}
            cases={customer.supportCases}
            orders={(customer.orders?.edges ?? []).map((e) => ({ id: e.node.id, number: e.node.number }))}
          />
          <Loyalty customer={customer} />
          <Recommendations customer={customer} />
        </div>
      </div>
    </div>
  );
}

function PartialError({ error }: { error: CombinedError }) {
  return (
    <p className="notice warn" role="alert" data-code={isForbidden(error) ? 'FORBIDDEN' : ''}>
      {isForbidden(error) ? 'Some of this customer is not allowed for your role: ' : 'Some of this page could not be loaded: '}
      {error.graphQLErrors
        .map((e) => (e.path ?? []).join('.'))
        .filter(Boolean)
        .join(', ') || error.message}
    </p>
  );
}

function CustomerHeader({ customer }: { customer: Customer }) {
  return (
    <header className="customer-header">
      <h1>
        {customer.firstName} {customer.lastName}
      </h1>
      <p>
        <a href={`mailto:${customer.email}`}>{customer.email}</a>
        {customer.phone && (
          <>
            {' · '}
            <a href={`tel:${customer.phone}`}>{customer.phone}</a>
          </>
        )}
        {' · customer since '}
        {formatDate(customer.createdAt.slice(0, 10))}
      </p>
      <p className="chips" aria-label="Channels">
        {customer.channels.map((c) => (
          <Badge key={c} tone="info">
            {humanize(c)}
          </Badge>
        ))}
        {customer.loyalty && (
          <Badge tone="good">
            {humanize(customer.loyalty.tier)} · {customer.loyalty.pointsBalance} points
          </Badge>
        )}
        {customer.storeCredit && customer.storeCredit.cents > 0 && (
          <Badge tone="good">store credit {formatMoney(customer.storeCredit)}</Badge>
        )}
      </p>
    </header>
  );
}

function Profile({ customer }: { customer: Customer }) {
  return (
    <Section title="Profile" id="profile">
      <h3>Identities</h3>
      <ul className="plain">
        {customer.identities.map((i, n) => (
          <li key={n}>
            <span className="muted">{humanize(i.kind)}</span> {i.value}
            {i.channel && <span className="muted"> · {humanize(i.channel)}</span>}
          </li>
        ))}
      </ul>
      <h3>Addresses</h3>
      {customer.addresses.length === 0 ? (
        <Empty>No address.</Empty>
      ) : (
        <ul className="plain">
          {customer.addresses.map((a) => (
            <li key={a.id}>
              {a.line1}, {a.city} {a.postalCode}, {a.country}
            </li>
          ))}
        </ul>
      )}
      <h3>Consent</h3>
      {customer.marketingConsents.length === 0 ? (
        <Empty>No marketing consent recorded.</Empty>
      ) : (
        <ul className="plain">
          {customer.marketingConsents.map((c) => (
            <li key={c.channel}>
              {humanize(c.channel)}: {c.granted ? <Badge tone="good">granted</Badge> : <Badge tone="bad">withdrawn</Badge>}
              <span className="muted"> {formatDateTime(c.granted ? c.givenAt : c.withdrawnAt)}</span>
            </li>
          ))}
        </ul>
      )}
      {customer.messageOptOuts.length > 0 && (
        <p className="muted">Opted out of: {customer.messageOptOuts.map(humanize).join(', ')}</p>
      )}
    </Section>
  );
}

function Timeline({ customer }: { customer: Customer }) {
  const [channel, setChannel] = useState('');
  const all = useMemo(
    () =>
      buildTimeline({
        orders: (customer.orders?.edges ?? []).map(({ node: o }) => ({ ...o, totalText: formatMoney(o.total) })),
        interactions: customer.interactions.edges.map((e) => e.node),
        cases: customer.supportCases,
        messages: customer.messages.edges.map((e) => e.node),
        views: customer.recentlyViewed,
      }),
    [customer],
  );
  const entries = channel ? all.filter((e) => e.channel === channel) : all;
  return (
    <Section
      title="Timeline"
      id="timeline"
      actions={
        <Field label="Channel" name="channel">
          {(props) => (
            <select {...props} value={channel} onChange={(e) => setChannel(e.target.value)}>
              <option value="">All channels</option>
              {timelineChannels(all).map((c) => (
                <option key={c} value={c}>
                  {humanize(c)}
                </option>
              ))}
            </select>
          )}
        </Field>
      }
    >
      {entries.length === 0 ? (
        <Empty>Nothing yet{channel ? ` on ${humanize(channel)}` : ''}.</Empty>
      ) : (
        // Scrolls on its own: focusable, so the keyboard can scroll it too.
        <ol className="timeline" data-testid="timeline" tabIndex={0} aria-label="Timeline entries, newest first">
          {entries.slice(0, 40).map((e) => (
            <li key={e.id} className={`t-${e.kind.toLowerCase()}`}>
              <time dateTime={e.at}>{formatDateTime(e.at)}</time>
              <Badge tone="neutral">{humanize(e.channel)}</Badge> <strong>{e.title}</strong>{' '}
              <span className="muted">{e.detail}</span>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

function Orders({ customer }: { customer: Customer }) {
  const orders = customer.orders?.edges.map((e) => e.node) ?? [];
  return (
    <Section title={`Orders (${customer.orders?.totalCount ?? 0})`} id="orders">
      {customer.orders === null && <p className="notice warn">Orders are not allowed for your role.</p>}
      {orders.length === 0 && customer.orders !== null && <Empty>No orders yet.</Empty>}
      {orders.map((order) => (
        <OrderCard key={order.id} order={order} customerEmail={customer.email} />
      ))}
      {customer.orders && customer.orders.totalCount > orders.length && (
        <p className="muted">
          The {orders.length} most recent of {customer.orders.totalCount}; find an older one by its number.
        </p>
      )}
    </Section>
  );
}

function Returns({ customer }: { customer: Customer }) {
  const returns = customer.returns ?? [];
  return (
    <Section title="Returns" id="returns">
      {returns.length === 0 ? (
        <Empty>No returns.</Empty>
      ) : (
        returns.map((r) => <ReturnItem key={r.id} value={r} email={customer.email} />)
      )}
    </Section>
  );
}

function ReturnItem({ value: r, email }: { value: NonNullable<Customer['returns']>[number]; email: string }) {
  const { session } = useSession();
  const [receiving, setReceiving] = useState(false);
  const label = r.label;
  const mailto = label
    ? `mailto:${email}?subject=${encodeURIComponent(`Return label for ${r.rmaNumber}`)}&body=${encodeURIComponent(
        `Your ${label.carrier} return label (tracking ${label.trackingNumber}): ${label.url}`,
      )}`
    : null;
  return (
    <article className="return" aria-label={`Return ${r.rmaNumber}`}>
      <h3>
        {r.rmaNumber} <Status value={r.status} /> <Badge>{humanize(r.method)}</Badge> <Badge>{humanize(r.resolution)}</Badge>
      </h3>
      <p className="muted">
        Order {r.order.number} · created {formatDateTime(r.createdAt)} via {humanize(r.channel)}
        {r.receivedAt ? ` · received ${formatDateTime(r.receivedAt)}` : ''} · refund {formatMoney(r.refund)}
        {r.exchangeOrder ? ` · exchange order ${r.exchangeOrder.number}` : ''}
      </p>
      <ul className="plain">
        {r.lines.map((l) => (
          <li key={l.orderLineId}>
            {l.quantity}× {l.sku} ({l.receivedQuantity} received) · {l.reason}
            {l.exchangeSku ? ` · for ${l.exchangeSku}` : ''}
          </li>
        ))}
      </ul>
      {label && (
        <p>
          Label: {label.carrier} {label.trackingNumber}{' '}
          <a href={label.url} target="_blank" rel="noreferrer">
            Print label
          </a>
          {' · '}
          <a href={mailto!}>Email label to the customer</a>
        </p>
      )}
      {r.status !== 'RECEIVED' && session.roles.includes('ASSOCIATE') && session.locationId && (
        <>
          <button type="button" className="secondary" aria-expanded={receiving} onClick={() => setReceiving(!receiving)}>
            Receive here…
          </button>
          {receiving && <ReceiveReturnForm value={r} locationId={session.locationId} onDone={() => setReceiving(false)} />}
        </>
      )}
    </article>
  );
}

/** An associate takes the goods back at their store: what came back, and whether it can be sold again. */
export function ReceiveReturnForm({
  value: r,
  locationId,
  onDone,
}: {
  value: {
    id: string;
    rmaNumber: string;
    lines: readonly { orderLineId: string; sku: string; quantity: number; receivedQuantity: number }[];
  };
  locationId: string;
  onDone(): void;
}) {
  const [, receive] = useMutation(ConsoleReceiveReturnDocument);
  const pending = r.lines.filter((l) => l.receivedQuantity < l.quantity);
  const [quantities, setQuantities] = useState<Record<string, number>>(() =>
    Object.fromEntries(pending.map((l) => [l.orderLineId, l.quantity - l.receivedQuantity])),
  );
  const [restockable, setRestockable] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(pending.map((l) => [l.orderLineId, true])),
  );
  const [errors, setErrors] = useState<UserError[]>([]);
  const [failure, setFailure] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await receive({
      input: {
        returnId: r.id,
        locationId,
        lines: pending
          .filter((l) => (quantities[l.orderLineId] ?? 0) > 0)
          .map((l) => ({
            orderLineId: l.orderLineId,
            quantity: quantities[l.orderLineId]!,
            restockable: restockable[l.orderLineId] ?? true,
          })),
      },
    });
    setBusy(false);
    setFailure(result.error ?? null);
    const userErrors = result.data?.receiveReturn.userErrors ?? [];
    setErrors(userErrors);
    if (result.data?.receiveReturn.return && userErrors.length === 0) onDone();
  };
  return (
    <form className="panel" onSubmit={submit} aria-label={`Receive return ${r.rmaNumber}`}>
      {pending.map((l, i) => (
        <div className="line-edit" key={l.orderLineId}>
          <Field label={`Units of ${l.sku} received`} name={`lines.${i}.quantity`} errors={errors}>
            {(props) => (
              <input
                {...props}
                type="number"
                min={0}
                max={l.quantity - l.receivedQuantity}
                value={quantities[l.orderLineId] ?? 0}
                onChange={(e) => setQuantities({ ...quantities, [l.orderLineId]: Number(e.target.value) })}
              />
            )}
          </Field>
          <label className="choice">
            <input
              type="checkbox"
              checked={restockable[l.orderLineId] ?? true}
              onChange={(e) => setRestockable({ ...restockable, [l.orderLineId]: e.target.checked })}
            />{' '}
            Can be sold again
          </label>
        </div>
      ))}
      <FormErrors
        errors={otherErrors(
          errors,
          pending.map((_, i) => `lines.${i}`),
        )}
      />
      <ErrorNotice error={failure} />
      <button type="submit" disabled={busy}>
        {busy ? 'Receiving…' : 'Receive'}
      </button>
    </form>
  );
}

function Carts({ customer }: { customer: Customer }) {
  const carts = (customer.carts ?? []).filter((c) => c.status !== 'CHECKED_OUT');
  return (
    <Section title="Open and abandoned carts" id="carts">
      {carts.length === 0 ? (
        <Empty>No open or abandoned cart.</Empty>
      ) : (
        <ul className="plain">
          {carts.map((cart) => (
            <li key={cart.id}>
              <Status value={cart.status} /> <Badge tone="info">{humanize(cart.channel)}</Badge> <Money value={cart.total} />{' '}
              <span className="muted">updated {formatDateTime(cart.updatedAt)}</span>
              <ul>
                {cart.lines.map((l) => (
                  <li key={l.sku}>
                    {l.quantity}× {l.variant?.product.name ?? l.sku} <span className="muted">({l.sku})</span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function Loyalty({ customer }: { customer: Customer }) {
  const loyalty = customer.loyalty;
  return (
    <Section title="Loyalty and wallet" id="loyalty">
      {loyalty ? (
        <>
          <dl className="facts">
            <div>
              <dt>Card</dt>
              <dd className="mono">{loyalty.cardNumber}</dd>
            </div>
            <div>
              <dt>Tier</dt>
              <dd>{humanize(loyalty.tier)}</dd>
            </div>
            <div>
              <dt>Balance</dt>
              <dd>{loyalty.pointsBalance} points</dd>
            </div>
            <div>
              <dt>Lifetime</dt>
              <dd>{loyalty.lifetimePoints} points</dd>
            </div>
          </dl>
          <details>
            <summary>Points ledger ({loyalty.ledger.totalCount})</summary>
            <table>
              <caption className="sr-only">Points ledger</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">What</th>
                  <th scope="col" className="num">
                    Points
                  </th>
                </tr>
              </thead>
              <tbody>
                {loyalty.ledger.edges.map(({ node: entry }) => (
                  <tr key={entry.id}>
                    <td>{formatDateTime(entry.occurredAt)}</td>
                    <td>
                      {humanize(entry.kind)} · {entry.reason}
                    </td>
                    <td className="num">{entry.points > 0 ? `+${entry.points}` : entry.points}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      ) : (
        <Empty>Not a loyalty member.</Empty>
      )}
      <p>
        Store credit: <Money value={customer.storeCredit ?? { cents: 0, currency: 'USD' }} />
      </p>
      <GiftCardCheck />
    </Section>
  );
}

function GiftCardCheck() {
  const client = useClient();
  const [code, setCode] = useState('');
  const [result, setResult] = useState<{ text: string } | null>(null);
  const [error, setError] = useState<CombinedError | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const r = await client.query(GiftCardLookupDocument, { code: code.trim() }, { requestPolicy: 'network-only' }).toPromise();
    setError(r.error ?? null);
    const card = r.data?.giftCard;
    setResult(
      card
        ? { text: `${card.maskedCode}: ${formatMoney(card.balance)}` }
        : r.error
          ? null
          : { text: 'No gift card with this code.' },
    );
  };
  return (
    <form className="inline" onSubmit={submit} aria-label="Gift card balance">
      <Field label="Gift card code" name="code">
        {(props) => <input {...props} value={code} onChange={(e) => setCode(e.target.value)} required autoComplete="off" />}
      </Field>
      <button type="submit" className="secondary">
        Check balance
      </button>
      <span aria-live="polite">{result?.text}</span>
      <ErrorNotice error={error} />
    </form>
  );
}

function Recommendations({ customer }: { customer: Customer }) {
  const recommended = customer.recommendations ?? [];
  const again = customer.buyAgain ?? [];
  return (
    <Section title="Recommendations" id="recommendations">
      {recommended.length === 0 && again.length === 0 && <Empty>No recommendations yet.</Empty>}
      {recommended.length > 0 && (
        <ul className="plain">
          {recommended.map((p) => (
            <li key={p.id}>
              {p.name} {p.brand && <span className="muted">· {p.brand}</span>}
            </li>
          ))}
        </ul>
      )}
      {again.length > 0 && (
        <>
          <h3>Buy again</h3>
          <ul className="plain">
            {again.map((b) => (
              <li key={b.sku}>
                {b.variant?.product.name ?? b.sku}{' '}
                <span className="muted">
                  · bought {b.timesBought}× · next around {formatDate(b.nextPurchaseOn)}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}
