import { describe, expect, it } from 'vitest';
import { buildTimeline, timelineChannels } from './timeline';

const sources = {
  orders: [{ id: 'o1', number: 'A-1', channel: 'WEB', status: 'PLACED', placedAt: '2026-01-02T10:00:00Z', totalText: '$10.00' }],
  interactions: [
    {
      id: 'i1',
      channel: 'CALL_CENTER',
      kind: 'PHONE_CALL',
      summary: 'Asked about sizes',
      occurredAt: '2026-01-03T10:00:00Z',
      agent: 'sam',
    },
  ],
  cases: [{ id: 'c1', channel: 'STORE', subject: 'Broken zip', status: 'OPEN', openedAt: '2026-01-01T10:00:00Z' }],
  messages: [
    {
      id: 'm1',
      channel: 'EMAIL',
      kind: 'ORDER_CONFIRMATION',
      subject: 'Your order',
      status: 'SENT',
      createdAt: '2026-01-02T10:01:00Z',
    },
  ],
  views: [{ channel: 'WEB', viewedAt: '2026-01-04T10:00:00Z', viewCount: 3, product: { id: 'p1', name: 'Tote' } }],
};

describe('buildTimeline', () => {
  it('merges every source, newest first', () => {
    expect(buildTimeline(sources).map((e) => e.kind)).toEqual(['PRODUCT_VIEW', 'INTERACTION', 'MESSAGE', 'ORDER', 'CASE']);
  });

  it('filters by channel', () => {
    expect(buildTimeline(sources, 'WEB').map((e) => e.id)).toEqual(['view-p1-WEB-2026-01-04T10:00:00Z', 'order-o1']);
  });

  it('lists the channels present', () => {
    expect(timelineChannels(buildTimeline(sources))).toEqual(['CALL_CENTER', 'EMAIL', 'STORE', 'WEB']);
  });
});
