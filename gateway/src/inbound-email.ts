import type { ApolloServer } from '@apollo/server';
import { parseInboundEmail, RAW_EMAIL_MAX_BYTES, UnreadableEmailError } from '@omni/crm';
import { Channel, parseChannel, type Logger } from '@omni/platform';
import express from 'express';
import type { GatewayContext } from './data-sources';

const RECEIVE = /* GraphQL */ `
  mutation GatewayReceiveInboundEmail($input: InboundMessageInput!) {
    receiveInboundMessage(input: $input) {
      supportCase {
        id
      }
      message {
        id
      }
      threaded
      userErrors {
        field
        message
        code
      }
    }
  }
`;

interface Received {
  receiveInboundMessage: {
    supportCase: { id: string } | null;
    message: { id: string } | null;
    threaded: boolean | null;
    userErrors: { field: string[] | null; message: string; code: string }[];
  } | null;
}

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, RATE_LIMITED: 429 };

/**
 * `POST /inbound/email`: an e-mail provider's inbound hook posts the raw RFC 5322 message as the
 * body (`Content-Type: message/rfc822`, or `text/plain`), with a bearer token of a CSR (the hook's
 * own credentials, `pnpm dev-token --role CSR --subject mail-hook` in development) and optionally
 * `?channel=` (default CALL_CENTER). The gateway authenticates the caller (and counts it against
 * its rate limit) first, then reads the message with mailparser (CRM's `parseInboundEmail`) and
 * runs `receiveInboundMessage` through itself as that caller with what it found: sender, subject,
 * text, the addresses it went to, Message-ID, attachments' names and sizes. So a message of up to
 * 10 MB with attachments sends CRM a few kilobytes, never the attachments. Answers 200 `{ caseId,
 * messageId, threaded }`; 422 `{ userErrors }` for a message that cannot be recorded (a retry would
 * not help: UNREADABLE_EMAIL and the codes of `receiveInboundMessage`); 401/403 for the caller; 413
 * over 10 MB; 415 for another content type. A redelivery (the same Message-ID) answers the same case.
 */
export function inboundEmailRouter(options: {
  apollo: ApolloServer<GatewayContext>;
  context: (req: express.Request) => Promise<GatewayContext>;
  log: Logger;
}): express.Router {
  const router = express.Router();
  router.post(
    '/inbound/email',
    express.text({ type: ['message/rfc822', 'text/plain'], limit: RAW_EMAIL_MAX_BYTES }),
    async (req, res) => {
      if (typeof req.body !== 'string') {
        res.status(415).json({ error: 'post the raw message as message/rfc822 (or text/plain)' });
        return;
      }
      let contextValue: GatewayContext;
      try {
        contextValue = await options.context(req);
      } catch (error) {
        const code = (error as { extensions?: { code?: string } }).extensions?.code ?? 'UNAUTHENTICATED';
        res.status(STATUS[code] ?? 401).json({ error: (error as Error).message, code });
        return;
      }
      const channel = parseChannel(typeof req.query.channel === 'string' ? req.query.channel : null) ?? Channel.CALL_CENTER;
      let email: Awaited<ReturnType<typeof parseInboundEmail>>;
      try {
        email = await parseInboundEmail(req.body);
      } catch (error) {
        const reason = error instanceof UnreadableEmailError ? error.message : 'it is not an RFC 5322 message';
        res
          .status(422)
          .json({ userErrors: [{ field: null, message: `the e-mail cannot be read: ${reason}`, code: 'UNREADABLE_EMAIL' }] });
        return;
      }
      const input = { ...email, channel, receivedAt: email.receivedAt?.toISOString() ?? null };
      const response = await options.apollo.executeOperation<Received>(
        { query: RECEIVE, variables: { input }, operationName: 'GatewayReceiveInboundEmail' },
        { contextValue },
      );
      const result = response.body.kind === 'single' ? response.body.singleResult : null;
      const error = result?.errors?.[0];
      const payload = result?.data?.receiveInboundMessage;
      if (error || !payload) {
        const code = String(error?.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
        if (!STATUS[code]) options.log.error({ code, message: error?.message }, 'inbound e-mail failed');
        res.status(STATUS[code] ?? 500).json({ error: error?.message ?? 'no answer', code });
        return;
      }
      if (payload.userErrors.length) {
        res.status(422).json({ userErrors: payload.userErrors });
        return;
      }
      res.json({ caseId: payload.supportCase?.id, messageId: payload.message?.id, threaded: payload.threaded });
    },
  );
  // A body over the limit is answered in the endpoint's own terms.
  router.use(
    '/inbound/email',
    (error: { type?: string }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (error.type === 'entity.too.large') res.status(413).json({ error: `the message exceeds ${RAW_EMAIL_MAX_BYTES} bytes` });
      else next(error);
    },
  );
  return router;
}
