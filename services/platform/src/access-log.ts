import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler, Response } from 'express';
import { pinoHttp } from 'pino-http';
import { HEADERS } from './context';
import type { Logger } from './logger';

/** A request id we accept from a caller; anything else (too long, odd characters) is replaced. */
const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Probes and scrapes every few seconds: logged at debug, not info. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** The request id of `req`: the caller's `x-request-id` when it is sane, otherwise a new one. */
export function requestIdOf(req: IncomingMessage): string {
  const existing = (req as { id?: unknown }).id;
  if (typeof existing === 'string') return existing;
  const sent = req.headers[HEADERS.requestId];
  const value = Array.isArray(sent) ? sent[0] : sent;
  return value && REQUEST_ID.test(value) ? value : randomUUID();
}

/** Who the request was served for, recorded by the context function (never the token itself). */
export function noteCaller(res: Response | undefined, subject: string | null): void {
  if (res) res.locals.caller = subject;
}

/** The operation name a client sent, or the one named in its document (`query Customer360 { … }`). */
function operationOf(req: IncomingMessage): string | undefined {
  const body = (req as { body?: { operationName?: unknown; query?: unknown } }).body;
  if (!body || typeof body !== 'object') return undefined;
  if (typeof body.operationName === 'string' && body.operationName) return body.operationName.slice(0, 100);
  if (typeof body.query === 'string') return /^\s*(?:query|mutation|subscription)\s+(\w+)/.exec(body.query)?.[1];
  return undefined;
}

/** The path asked for, without its query string (express rewrites `req.url` under a mount point). */
function pathOf(req: IncomingMessage): string {
  const url = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '/';
  return url.split('?')[0]!;
}

/**
 * One log line per HTTP request (pino-http): method, path (no query string), status, duration,
 * request id (the caller's `x-request-id` or a new one, echoed on the response), the GraphQL
 * operation name and the caller's subject. Headers and bodies are never logged, so neither is a
 * token. Install it first: the request id it settles is the one the context forwards.
 */
export function accessLog(log: Logger): RequestHandler {
  return pinoHttp({
    logger: log,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const id = requestIdOf(req);
      res.setHeader(HEADERS.requestId, id);
      return id;
    },
    customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
    wrapSerializers: false,
    serializers: {
      req: (req: IncomingMessage & { raw?: IncomingMessage }) => ({ method: req.method, path: pathOf(req) }),
      res: (res: ServerResponse) => ({ status: res.statusCode }),
    },
    customProps: (req: IncomingMessage, res: ServerResponse) => {
      const caller = (res as unknown as Response).locals?.caller as string | null | undefined;
      const operation = operationOf(req);
      return { ...(operation ? { operation } : {}), ...(caller ? { caller } : {}) };
    },
    customLogLevel: (req: IncomingMessage, res: ServerResponse, error?: Error) => {
      if (error || res.statusCode >= 500) return 'error';
      if (QUIET_PATHS.has(pathOf(req))) return 'debug';
      return 'info';
    },
    customSuccessMessage: (req: IncomingMessage, res: ServerResponse) => `${req.method} ${pathOf(req)} ${res.statusCode}`,
    customErrorMessage: (req: IncomingMessage, res: ServerResponse) => `${req.method} ${pathOf(req)} ${res.statusCode}`,
    quietReqLogger: true,
  }) as unknown as RequestHandler;
}
