import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { RequestHandler } from 'express';
import { refuseRequest } from './limits';

/** A client's malformed request: HTTP 400, BAD_USER_INPUT, nothing runs. */
export function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
}

/** The path of the first string holding a NUL character in `value`, or null (a path is built only when one is found). */
export function nulPath(value: unknown): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? [] : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i]);
      if (found) return [String(i), ...found];
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      const found = nulPath((value as Record<string, unknown>)[key]);
      if (found) return [key, ...found];
    }
  }
  return null;
}

/**
 * Refuses a NUL character in any variable or string literal before anything runs: no column can
 * keep one (PostgreSQL text refuses it), and no name, note or code needs one. Runs after the body
 * parser, before Apollo.
 */
export function nulCharacterMiddleware(): RequestHandler {
  return (req, res, next) => {
    const bodies: unknown[] = Array.isArray(req.body) ? req.body : [req.method === 'GET' ? req.query : req.body];
    for (const body of bodies) {
      if (!body || typeof body !== 'object') continue;
      const { query, variables } = body as { query?: unknown; variables?: unknown };
      // In a document a NUL can only arrive escaped inside a string literal (the lexer refuses a raw one).
      const inQuery = typeof query === 'string' && /\\u0000|\\u\{0+\}/i.test(query);
      const inVariables = nulPath(typeof variables === 'string' ? safeJson(variables) : variables);
      if (inQuery || inVariables) {
        const where = inVariables ? `variable ${['$' + inVariables[0], ...inVariables.slice(1)].join('.')}` : 'a string literal';
        refuseRequest(res, badInput(`${where} contains a NUL character (U+0000), which no field accepts`));
        return;
      }
    }
    next();
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * An `operationName` the document does not define is the client's mistake (HTTP 400), not a
 * failure of the gateway's query planner (which answers 500).
 */
export function operationNamePlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, operation }) {
          if (!operation && request.operationName) {
            throw badInput(`Unknown operation named "${request.operationName}": the document does not define it`);
          }
        },
      };
    },
  };
}
