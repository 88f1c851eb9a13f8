/** One row of the unified timeline: anything that happened between the shopper and the retailer. */
export interface TimelineEntry {
  id: string;
  at: string;
  /** A sales channel (WEB, STORE, ...) or, for messages, how they were sent (EMAIL, SMS, PUSH). */
  channel: string | null;
  kind: 'ORDER' | 'INTERACTION' | 'CASE' | 'MESSAGE' | 'PRODUCT_VIEW';
  title: string;
  detail: string;
}

export interface TimelineSources {
  orders: readonly { id: string; number: string; channel: string; status: string; placedAt: string; totalText: string }[];
  interactions: readonly {
    id: string;
    channel: string | null;
    kind: string;
    summary: string;
    occurredAt: string;
    agent: string | null;
  }[];
  cases: readonly { id: string; channel: string; subject: string; status: string; openedAt: string }[];
  messages: readonly { id: string; channel: string; kind: string; subject: string; status: string; createdAt: string }[];
  views: readonly { channel: string; viewedAt: string; viewCount: number; product: { id: string; name: string } | null }[];
}

/** Every source merged, newest first, optionally only one channel's. */
export function buildTimeline(sources: TimelineSources, channel: string | null = null): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...sources.orders.map((o) => ({
      id: `order-${o.id}`,
      at: o.placedAt,
      channel: o.channel,
      kind: 'ORDER' as const,
      title: `Order ${o.number}`,
      detail: `${o.status.toLowerCase().replace(/_/g, ' ')}, ${o.totalText}`,
    })),
    ...sources.interactions.map((i) => ({
      id: `interaction-${i.id}`,
      at: i.occurredAt,
      channel: i.channel,
      kind: 'INTERACTION' as const,
      title: i.kind.toLowerCase().replace(/_/g, ' '),
      detail: i.agent ? `${i.summary} (${i.agent})` : i.summary,
    })),
    ...sources.cases.map((c) => ({
      id: `case-${c.id}`,
      at: c.openedAt,
      channel: c.channel,
      kind: 'CASE' as const,
      title: `Case opened: ${c.subject}`,
      detail: c.status.toLowerCase().replace(/_/g, ' '),
    })),
    ...sources.messages.map((m) => ({
      id: `message-${m.id}`,
      at: m.createdAt,
      channel: m.channel,
      kind: 'MESSAGE' as const,
      title: m.subject,
      detail: `${m.kind.toLowerCase().replace(/_/g, ' ')}, ${m.status.toLowerCase()}`,
    })),
    ...sources.views.map((v) => ({
      id: `view-${v.product?.id ?? 'unknown'}-${v.channel}-${v.viewedAt}`,
      at: v.viewedAt,
      channel: v.channel,
      kind: 'PRODUCT_VIEW' as const,
      title: `Viewed ${v.product?.name ?? 'a product'}`,
      detail: v.viewCount > 1 ? `${v.viewCount} times` : 'once',
    })),
  ];
  return entries
    .filter((e) => channel === null || e.channel === channel)
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/** The channels present, for the filter. */
export function timelineChannels(entries: readonly TimelineEntry[]): string[] {
  return [...new Set(entries.map((e) => e.channel).filter((c): c is string => !!c))].sort();
}
