import { DomainError, hasControlCharacters, inTransaction, type ServiceContext } from '@omni/platform';
import { pickProblem, type PickedLine } from '../domain/fulfillment-kpis';
import { FulfillmentStatus } from '../domain/status';
import { Fulfillment, FulfillmentLine } from '../entities/order';
import { appendHistory } from './history';

export interface RecordPickRequest {
  fulfillmentId: string;
  lines: PickedLine[];
}

/** Statuses in which the picker's findings may be written: picking, or packed and not yet gone. */
const PICKABLE = new Set([FulfillmentStatus.PICKING, FulfillmentStatus.PACKED]);

/**
 * What the picker found, line by line: fewer units than ordered (a short pick) or another SKU (a
 * substitution). Recorded on the fulfillment's lines for the fulfillment KPIs (pick accuracy) and
 * the order's history; the order itself is changed with `cancelOrder` or `modifyOrder`, as ever.
 * A later record of a line replaces the earlier one.
 */
export async function recordPick(ctx: ServiceContext, request: RecordPickRequest): Promise<Fulfillment> {
  return inTransaction(ctx.db, async (manager) => {
    const wellFormed = request.fulfillmentId.length <= 36 && !hasControlCharacters(request.fulfillmentId);
    const fulfillment = wellFormed ? await manager.findOneBy(Fulfillment, { id: request.fulfillmentId }) : null;
    if (!fulfillment) {
      throw new DomainError('UNKNOWN_FULFILLMENT', `no fulfillment ${request.fulfillmentId}`, ['input', 'fulfillmentId']);
    }
    if (!PICKABLE.has(fulfillment.status)) {
      throw new DomainError(
        'NOT_PICKING',
        `a pick is recorded while PICKING or PACKED; the fulfillment is ${fulfillment.status}`,
        ['input', 'fulfillmentId'],
      );
    }
    const lines = await manager.findBy(FulfillmentLine, { fulfillmentId: fulfillment.id });
    const problem = pickProblem(lines, request.lines);
    if (problem) throw new DomainError(problem.code, problem.message, ['input', 'lines', String(problem.index), problem.field]);
    const history: string[] = [];
    for (const picked of request.lines) {
      const line = lines.find((l) => l.orderLineId === picked.orderLineId)!;
      const substituteSku = picked.substituteSku?.trim() || null;
      await manager.update(
        FulfillmentLine,
        { fulfillmentId: fulfillment.id, orderLineId: line.orderLineId },
        { pickedQuantity: picked.pickedQuantity, substituteSku },
      );
      history.push(
        `picked ${picked.pickedQuantity} of ${line.quantity} ${line.sku}${substituteSku ? ` as ${substituteSku}` : ''} for fulfillment ${fulfillment.id.slice(0, 8)}`,
      );
    }
    await appendHistory(manager, {
      orderId: fulfillment.orderId,
      channel: ctx.channel,
      actor: ctx.caller.subject,
      event: history,
    });
    return fulfillment;
  });
}
