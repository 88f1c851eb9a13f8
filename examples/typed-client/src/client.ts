import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type OperationDefinitionNode } from 'graphql';

/** A GraphQL error as the gateway sends it: `extensions.code` is stable (FORBIDDEN, RATE_LIMITED, BAD_USER_INPUT...). */
export interface GatewayError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export class GraphQLRequestError extends Error {
  constructor(readonly errors: GatewayError[]) {
    super(errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; '));
    this.name = 'GraphQLRequestError';
  }
}

export interface ClientOptions {
  /** The gateway's endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  /** A bearer token (`pnpm dev-token --role CUSTOMER --sub <id>` locally); none: anonymous. */
  token?: string;
  /** The channel the app sells in, sent as `x-channel` (WEB, MOBILE_APP, STORE...). */
  channel?: string;
  fetch?: typeof fetch;
}

/**
 * The smallest typed client: a generated document carries its result and variables types, so
 * `request(PlaceOrderDocument, { input })` checks `input` against PlaceOrderInput and types the
 * answer. Any GraphQL client that accepts a TypedDocumentNode (Apollo Client, urql, graphql-request)
 * does the same.
 */
export function createClient(options: ClientOptions) {
  const doFetch = options.fetch ?? fetch;
  return async function request<TResult, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TResult, TVariables>,
    ...[variables]: TVariables extends Record<string, never> ? [] | [TVariables] : [TVariables]
  ): Promise<TResult> {
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
    const response = await doFetch(options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.channel ? { 'x-channel': options.channel } : {}),
      },
      body: JSON.stringify({ query: print(document), operationName: operation?.name?.value, variables: variables ?? {} }),
    });
    const body = (await response.json()) as { data?: TResult | null; errors?: GatewayError[] };
    if (body.errors?.length || body.data == null) throw new GraphQLRequestError(body.errors ?? []);
    return body.data;
  };
}
