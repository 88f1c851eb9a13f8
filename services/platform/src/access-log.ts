import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler, Response } from 'express';
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
 * One log line per HTTP request: method, path (no query string), status, duration, request id
 * (the caller's `x-request-id` or a new one, echoed on the response), the GraphQL operation name
 * and the caller's subject; a failed response (5xx, or the connection failing) at error with the
 * error. Headers and bodies are never logged, so neither is a token. Install it first: the request
 * id it settles is the one the context forwards. The line's fields are gathered only when its
 * level is logged: below it (LOG_LEVEL=warn) a request costs a listener and a clock reading.
 */
export function accessLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const started = Date.now();
    const id = requestIdOf(req);
    (req as { id?: string }).id = id;
    res.setHeader(HEADERS.requestId, id);
    let logged = false;
    const done = (error?: Error) => {
      if (logged) return;
      logged = true;
      const failed = error !== undefined || res.statusCode >= 500;
      const path = pathOf(req);
      const level = failed ? 'error' : QUIET_PATHS.has(path) ? 'debug' : 'info';
      if (!log.isLevelEnabled(level)) return;
      const caller = res.locals?.caller as string | null | undefined;
      const operation = operationOf(req);
      log[level](
        {
          requestId: id,
          req: { method: req.method, path },
          ...(operation ? { operation } : {}),
          ...(caller ? { caller } : {}),
          res: { status: res.statusCode },
          ...(failed ? { err: error ?? new Error(`failed with status code ${res.statusCode}`) } : {}),
          durationMs: Date.now() - started,
        },
        `${req.method} ${path} ${res.statusCode}`,
      );
    };
    res.once('finish', () => done());
    res.once('close', () => done());
    res.once('error', done);
    next();
  };
}
