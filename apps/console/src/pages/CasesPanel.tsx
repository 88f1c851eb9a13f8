import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { channelOf } from '../auth';
import { Empty, ErrorNotice, Field, FormErrors, Section, Status } from '../components/ui';
import {
  ConsoleAddCaseNoteDocument,
  ConsoleAssignCaseDocument,
  ConsoleOpenCaseDocument,
  ConsoleReopenCaseDocument,
  ConsoleResolveCaseDocument,
  type SupportCaseFieldsFragment,
} from '../generated/graphql';
import { otherErrors, type UserError } from '../lib/errors';
import { formatDateTime, humanize } from '../lib/format';
import { useSession } from '../session';

interface Outcome {
  error?: Error;
  userErrors: UserError[];
}

/** Support cases on the customer page: open one, then assign, annotate, resolve or reopen it. */
export function CasesPanel({
  customerId,
  cases,
  orders,
}: {
  customerId: string;
  cases: readonly SupportCaseFieldsFragment[];
  orders: readonly { id: string; number: string }[];
}) {
  const [opening, setOpening] = useState(false);
  const open = cases.filter((c) => c.status !== 'RESOLVED');
  const resolved = cases.filter((c) => c.status === 'RESOLVED');
  return (
    <Section
      title={`Cases (${open.length} open)`}
      id="cases"
      actions={
        <button type="button" aria-expanded={opening} onClick={() => setOpening(!opening)}>
          Open a case
        </button>
      }
    >
      {opening && <OpenCaseForm customerId={customerId} orders={orders} onDone={() => setOpening(false)} />}
      {cases.length === 0 && <Empty>No support cases.</Empty>}
      {[...open, ...resolved].map((c) => (
        <CaseItem key={c.id} supportCase={c} orders={orders} />
      ))}
    </Section>
  );
}

function OpenCaseForm({
  customerId,
  orders,
  onDone,
}: {
  customerId: string;
  orders: readonly { id: string; number: string }[];
  onDone(): void;
}) {
  const { session } = useSession();
  const [, openCase] = useMutation(ConsoleOpenCaseDocument);
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [orderId, setOrderId] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ userErrors: [] });
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await openCase({
      input: {
        customerId,
        channel: channelOf(session),
        subject,
        ...(description ? { description } : {}),
        ...(orderId ? { orderId } : {}),
        agent: session.subject,
      },
    });
    setBusy(false);
    const userErrors = result.data?.openSupportCase.userErrors ?? [];
    setOutcome({ error: result.error, userErrors });
    if (result.data?.openSupportCase.supportCase && userErrors.length === 0) onDone();
  };

  return (
    <form className="panel" onSubmit={submit} aria-label="Open a case">
      <Field label="Subject" name="subject" errors={outcome.userErrors}>
        {(props) => <input {...props} value={subject} onChange={(e) => setSubject(e.target.value)} required maxLength={200} />}
      </Field>
      <Field label="Description" name="description" errors={outcome.userErrors}>
        {(props) => <textarea {...props} value={description} rows={3} onChange={(e) => setDescription(e.target.value)} />}
      </Field>
      <Field label="About order" name="orderId" errors={outcome.userErrors}>
        {(props) => (
          <select {...props} value={orderId} onChange={(e) => setOrderId(e.target.value)}>
            <option value="">No order</option>
            {orders.map((o) => (
              <option key={o.id} value={o.id}>
                {o.number}
              </option>
            ))}
          </select>
        )}
      </Field>
      <FormErrors errors={otherErrors(outcome.userErrors, ['subject', 'description', 'orderId'])} />
      <ErrorNotice error={outcome.error} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Opening…' : 'Open case'}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Close
        </button>
      </div>
    </form>
  );
}

type CaseAction = 'assign' | 'note' | 'resolve' | 'reopen';

const ACTION_LABELS: Record<CaseAction, { field: string; label: string; button: string }> = {
  assign: { field: 'assignee', label: 'Assign to', button: 'Assign' },
  note: { field: 'note', label: 'Note', button: 'Add note' },
  resolve: { field: 'resolution', label: 'Resolution', button: 'Resolve' },
  reopen: { field: 'reason', label: 'Why reopen', button: 'Reopen' },
};

function CaseItem({
  supportCase: c,
  orders,
}: {
  supportCase: SupportCaseFieldsFragment;
  orders: readonly { id: string; number: string }[];
}) {
  const { session } = useSession();
  const [action, setAction] = useState<CaseAction | null>(null);
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ userErrors: [] });
  const [busy, setBusy] = useState(false);
  const [, assign] = useMutation(ConsoleAssignCaseDocument);
  const [, note] = useMutation(ConsoleAddCaseNoteDocument);
  const [, resolve] = useMutation(ConsoleResolveCaseDocument);
  const [, reopen] = useMutation(ConsoleReopenCaseDocument);
  const order = orders.find((o) => o.id === c.orderId);
  const titleId = `case-${c.id}-title`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!action) return;
    setBusy(true);
    const common = { caseId: c.id, agent: session.subject, channel: channelOf(session) };
    let result: { error?: Error; userErrors?: UserError[] };
    if (action === 'assign') {
      const r = await assign({ input: { ...common, assignee: text } });
      result = { error: r.error, userErrors: r.data?.assignSupportCase.userErrors };
    } else if (action === 'note') {
      const r = await note({ input: { ...common, note: text } });
      result = { error: r.error, userErrors: r.data?.addSupportCaseNote.userErrors };
    } else if (action === 'resolve') {
      const r = await resolve({ input: { ...common, resolution: text } });
      result = { error: r.error, userErrors: r.data?.resolveSupportCase.userErrors };
    } else {
      const r = await reopen({ input: { ...common, ...(text ? { reason: text } : {}) } });
      result = { error: r.error, userErrors: r.data?.reopenSupportCase.userErrors };
    }
    setBusy(false);
    setOutcome({ error: result.error, userErrors: result.userErrors ?? [] });
    if (!result.error && result.userErrors && result.userErrors.length === 0) {
      setAction(null);
      setText('');
    }
  };

  const actions: CaseAction[] = c.status === 'RESOLVED' ? ['reopen'] : ['assign', 'note', 'resolve'];
  return (
    <article className="case" aria-labelledby={titleId} data-testid={`case-${c.id}`}>
      <h3 id={titleId}>
        {c.subject} <Status value={c.status} />
      </h3>
      <p className="muted">
        Opened {formatDateTime(c.openedAt)} via {humanize(c.channel)}
        {order ? ` · order ${order.number}` : ''}
        {c.assignee ? ` · assigned to ${c.assignee}` : ' · unassigned'}
      </p>
      {c.description && <p>{c.description}</p>}
      {c.resolution && <p>Resolution: {c.resolution}</p>}
      <details>
        <summary>History ({c.history.length})</summary>
        <ol>
          {c.history.map((h) => (
            <li key={h.id}>
              <time dateTime={h.at}>{formatDateTime(h.at)}</time> {humanize(h.action)}
              {h.note ? `: ${h.note}` : ''}
              <span className="muted">{h.actor ? ` · ${h.actor}` : ''}</span>
            </li>
          ))}
        </ol>
      </details>
      <div className="actions" role="group" aria-label={`Actions on case ${c.subject}`}>
        {actions.map((a) => (
          <button
            key={a}
            type="button"
            className="secondary"
            aria-expanded={action === a}
            onClick={() => {
              setAction(action === a ? null : a);
              setText(a === 'assign' ? session.subject : '');
              setOutcome({ userErrors: [] });
            }}
          >
            {ACTION_LABELS[a].button}…
          </button>
        ))}
      </div>
      {action && (
        <form className="panel" onSubmit={submit} aria-label={`${ACTION_LABELS[action].button} case ${c.subject}`}>
          <Field label={ACTION_LABELS[action].label} name={ACTION_LABELS[action].field} errors={outcome.userErrors}>
            {(props) =>
              action === 'assign' ? (
                <input {...props} value={text} onChange={(e) => setText(e.target.value)} required maxLength={100} />
              ) : (
                <textarea
                  {...props}
                  value={text}
                  rows={2}
                  onChange={(e) => setText(e.target.value)}
                  required={action !== 'reopen'}
                />
              )
            }
          </Field>
          <FormErrors errors={otherErrors(outcome.userErrors, [ACTION_LABELS[action].field])} />
          <ErrorNotice error={outcome.error} />
          <div className="actions">
            <button type="submit" disabled={busy}>
              {busy ? 'Saving…' : ACTION_LABELS[action].button}
            </button>
          </div>
        </form>
      )}
    </article>
  );
}
