import { DomainError, type ServiceContext } from '@omni/platform';
import { MarketError, normalizeMarketCode, resolveMarket } from '../domain/markets';
import { Market, MarketLocation } from '../entities/market';

/**
 * The market of a cart or order (`resolveMarket`), read in one statement: the market named and the
 * location's market. Nothing named and no location: none, without a read.
 */
export async function marketFor(
  ctx: ServiceContext,
  request: { market?: string | null; locationId?: string | null },
  field: string[] = ['input'],
): Promise<Market | null> {
  const named = request.market ? normalizeMarketCode(request.market) : null;
  const locationId = request.locationId?.trim() || null;
  if (!named && !locationId) return null;
  const query = ctx.db.getRepository(Market).createQueryBuilder('m');
  if (named) query.where('m.code = :named', { named });
  if (locationId) {
    const sub = query
      .subQuery()
      .select('ml.market')
      .from(MarketLocation, 'ml')
      .where('ml.locationId = :locationId', { locationId })
      .getQuery();
    query.orWhere(`m.code IN ${sub}`);
  }
  const found = await query.getMany();
  const markets = new Map(found.map((m) => [m.code, m]));
  // Whatever came back besides the market named is the location's; the named one may be it too.
  const located = found.find((m) => m.code !== named)?.code ?? (named && markets.has(named) ? named : null);
  const marketOfLocation = new Map(locationId && located ? [[locationId, located]] : []);
  try {
    return resolveMarket({ market: named, locationId }, markets, marketOfLocation) as Market | null;
  } catch (error) {
    if (error instanceof MarketError) {
      throw new DomainError(error.code, error.message, [...field, error.code === 'UNKNOWN_MARKET' ? 'market' : 'locationId']);
    }
    throw error;
  }
}
