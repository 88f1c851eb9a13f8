/** A minimal GraphQL client for scripts and tests that talk to the gateway over HTTP. */
export interface GraphQLResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export class GatewayClient {
  constructor(
    readonly url: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  withHeaders(headers: Record<string, string>): GatewayClient {
    return new GatewayClient(this.url, { ...this.headers, ...headers });
  }

  async raw<T>(query: string, variables: Record<string, unknown> = {}, operationName?: string): Promise<GraphQLResponse<T>> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.headers },
      body: JSON.stringify({ query, variables, operationName }),
    });
    return (await response.json()) as GraphQLResponse<T>;
  }

  /** Runs an operation and returns its data; any GraphQL error is thrown. */
  async request<T>(query: string, variables: Record<string, unknown> = {}, operationName?: string): Promise<T> {
    const result = await this.raw<T>(query, variables, operationName);
    if (result.errors?.length) {
      throw new Error(`${operationName ?? 'operation'} failed: ${result.errors.map((e) => e.message).join('; ')}`);
    }
    return result.data as T;
  }

  /** Runs a mutation whose payload has `userErrors`; any user error is thrown. */
  async mutate<T extends Record<string, { userErrors: { code: string; message: string }[] }>>(
    query: string,
    variables: Record<string, unknown>,
    operationName?: string,
  ): Promise<T> {
    const data = await this.request<T>(query, variables, operationName);
    for (const payload of Object.values(data)) {
      if (payload.userErrors.length) {
        throw new Error(`${operationName ?? 'mutation'}: ${payload.userErrors.map((e) => `${e.code} ${e.message}`).join('; ')}`);
      }
    }
    return data;
  }
}
