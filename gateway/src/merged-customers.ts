import type { Caller, Logger, Peers, RequestInfo } from '@omni/platform';

/**
 * Tokens of merged-away customers. A shopper's token names the customer id they signed up with;
 * when CRM merges that record into another (`mergeCustomers`), every subgraph's records move to
 * the survivor (`crm.customer.merged`), but the token keeps the old id until it is re-issued.
 *
 * The gateway maps the token's id to the survivor once per request, before anything runs, and
 * forwards that caller (signed like any other): `customerId` is the survivor, and
 * `mergedCustomerIds` keeps the id the token named, so an input naming it (`createCart(customerId:
 * <old id>)`) is still the shopper's own (`canSeeCustomer`). Why here, rather than:
 * - in each subgraph's context (platform `access.ts`): every subgraph would ask CRM on every
 *   request, four more dependencies on CRM instead of one;
 * - tombstone tables kept from `crm.customer.merged` in every subgraph: catalog and inventory
 *   would need a consumer, a table and a migration each, and each would be eventually right.
 * CRM is the one that knows merges; the gateway already depends on every subgraph.
 *
 * Only callers with the CUSTOMER role and a customer id are looked up, and the answer is kept
 * `ttlMs` (merges are rare: a token of a customer merged in the last `ttlMs` may still be refused
 * until then). When CRM does not answer, the token's own id is used: a merged-away token then
 * gets FORBIDDEN as before, every other request is served.
 */
export interface CustomerDirectory {
  /** The id `customerId` resolves to now (itself when live), or null when CRM knows no such customer. */
  survivorOf(customerId: string, info: RequestInfo): Promise<string | null>;
}

const SURVIVOR = /* GraphQL */ `
  query GatewayCustomerSurvivor($id: ID!) {
    customer(id: $id) {
      id
    }
  }
`;

/** Asks CRM (as the gateway, role SERVICE) which customer an id resolves to. */
export function crmDirectory(peers: Peers): CustomerDirectory {
  return {
    async survivorOf(customerId, info) {
      const data = await peers
        .get('crm')
        .request<{ customer: { id: string } | null }>(SURVIVOR, { id: customerId }, { service: 'gateway', ...info });
      return data.customer?.id ?? null;
    },
  };
}

export const MERGED_CUSTOMER_TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

/** Maps a verified caller to the survivor of a merged-away customer, with a bounded cache. */
export class MergedCustomers {
  private readonly survivors = new Map<string, { survivor: string; until: number }>();

  constructor(
    private readonly directory: CustomerDirectory,
    private readonly log?: Logger,
    private readonly ttlMs = MERGED_CUSTOMER_TTL_MS,
  ) {}

  async resolve(caller: Caller, info: Omit<RequestInfo, 'caller'>): Promise<Caller> {
    const id = caller.customerId;
    if (!id || !caller.roles.includes('CUSTOMER')) return caller;
    const survivor = await this.survivorOf(id, { ...info, caller });
    return survivor === id ? caller : { ...caller, customerId: survivor, mergedCustomerIds: [id] };
  }

  private async survivorOf(id: string, info: RequestInfo): Promise<string> {
    const now = Date.now();
    const cached = this.survivors.get(id);
    if (cached && cached.until > now) return cached.survivor;
    let survivor: string;
    try {
      survivor = (await this.directory.survivorOf(id, info)) ?? id;
    } catch (error) {
      this.log?.warn(
        { err: error, requestId: info.requestId },
        'CRM did not say whether the caller was merged: using the token as is',
      );
      return id;
    }
    this.survivors.delete(id);
    if (this.survivors.size >= MAX_ENTRIES) this.survivors.delete(this.survivors.keys().next().value!);
    this.survivors.set(id, { survivor, until: now + this.ttlMs });
    return survivor;
  }
}
