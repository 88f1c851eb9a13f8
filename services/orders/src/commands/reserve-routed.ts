import { DomainError, type ServiceContext } from '@omni/platform';
import type { CandidateLocation, PlannedFulfillment } from '../domain/routing';
import { inventoryCandidates, reserveStock } from '../peers';

const ROUTING_ATTEMPTS = 3;

/**
 * Routes lines over inventory's candidates and reserves exactly what the routing chose, in one
 * inventory call, all or nothing. When stock moved between reading the candidates and reserving
 * (another order won it), routes again, up to 3 attempts; then `OUT_OF_STOCK` on `field`.
 * `route` turns the candidates into a plan (and its own routing refusals into userErrors).
 */
export async function reserveRouted<P extends PlannedFulfillment>(
  ctx: ServiceContext,
  orderId: string,
  skus: string[],
  route: (candidates: CandidateLocation[]) => P[],
  options: { field: string[]; atTill?: boolean },
): Promise<P[]> {
  for (let attempt = 1; ; attempt++) {
    const plan = route(await inventoryCandidates(ctx, [...new Set(skus)]));
    const reservation = await reserveStock(
      ctx,
      orderId,
      plan.flatMap((f) =>
        f.lines.map((l) => ({ lineId: l.lineId, sku: l.sku, quantity: l.quantity, locationId: f.sourceLocationId })),
      ),
      { atTill: options.atTill },
    );
    if (reservation.ok) return plan;
    if (attempt >= ROUTING_ATTEMPTS) throw new DomainError('OUT_OF_STOCK', reservation.message, options.field);
  }
}
