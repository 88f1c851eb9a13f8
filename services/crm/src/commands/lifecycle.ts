import { randomUUID } from 'node:crypto';
import { inTransaction, PersonalOfferGrantedEvent, recordEvent, type PersonalOfferGranted } from '@omni/platform';
import { In, LessThanOrEqual, MoreThan, type DataSource } from 'typeorm';
import { InteractionKind } from '../domain/interaction';
import {
  DEFAULT_TIME_ZONE,
  describeOffer,
  isBirthdayToday,
  isInactive,
  LifecycleKind,
  localDate,
  occasionKey,
  possibleBirthdays,
  renderTemplate,
} from '../domain/lifecycle';
import { MessageKind } from '../domain/messages';
import { Customer } from '../entities/customer';
import { CustomerEngagement, LifecycleOccasion, LifecycleTemplate } from '../entities/engagement';
import { Interaction } from '../entities/interaction';
import { lockCustomer } from './customers';
import { queueMessages } from './messages';

/** A welcome goes to customers who registered within this many days (so a new job does not greet everyone ever). */
export const WELCOME_WITHIN_DAYS = 7;
/** WIN_BACK without `inactiveDays` in its template. */
export const DEFAULT_INACTIVE_DAYS = 90;
/** Timeline entries that are the shopper's own doing (the retailer's messages are not activity). */
export const ACTIVITY_KINDS = [
  InteractionKind.STORE_VISIT,
  InteractionKind.CHAT,
  InteractionKind.CHATBOT,
  InteractionKind.PHONE_CALL,
  InteractionKind.SOCIAL_POST,
  InteractionKind.REVIEW,
  InteractionKind.ORDER_PLACED,
  InteractionKind.RETURN_RECEIVED,
];
const DAY_MS = 86_400_000;
const BATCH = 200;

export interface LifecycleRun {
  welcome: number;
  birthday: number;
  winBack: number;
}

interface Occasion {
  customerId: string;
  kind: LifecycleKind;
  occasion: string;
}

/**
 * Sends one lifecycle message for one occasion, in one transaction: nothing when it was sent
 * before, when the shopper opted out of the kind or has no marketing consent on any channel with
 * an address (then nothing is recorded, so consent given later still gets it while it is due).
 * A template with an offer grants it (`crm.offer.granted`: catalog makes it a promotion for her).
 */
async function send(db: DataSource, template: LifecycleTemplate, occasion: Occasion, now: Date): Promise<boolean> {
  return inTransaction(db, async (manager) => {
    const customer = await lockCustomer(manager, occasion.customerId);
    // A merged-away id is handled as its survivor's own occasion, not here.
    if (!customer || customer.id !== occasion.customerId || customer.erasedAt) return false;
    if (await manager.existsBy(LifecycleOccasion, { customerId: customer.id, occasion: occasion.occasion })) return false;
    const kind = MessageKind[occasion.kind];
    if ((customer.messageOptOuts ?? []).includes(kind)) return false;
    const ref = randomUUID();
    const offer =
      template.offerKind && template.offerValue && template.offerValidDays
        ? {
            kind: template.offerKind as 'PERCENT_OFF' | 'AMOUNT_OFF',
            value: template.offerValue,
            currency: template.offerCurrency,
            endsAt: new Date(now.getTime() + template.offerValidDays * DAY_MS),
          }
        : null;
    const values = {
      firstName: customer.firstName,
      offer: offer ? describeOffer(offer) : '',
      offerEndsOn: offer ? offer.endsAt.toISOString().slice(0, 10) : '',
    };
    const messages = await queueMessages(manager, customer, {
      trigger: {
        kind: kind as MessageKind.WELCOME | MessageKind.BIRTHDAY | MessageKind.WIN_BACK,
        subject: renderTemplate(template.subject, values),
        text: renderTemplate(template.body, values),
      },
      orderId: null,
      salesChannel: null,
      eventId: ref,
    });
    if (messages.length === 0) return false;
    await manager.insert(LifecycleOccasion, {
      customerId: customer.id,
      occasion: occasion.occasion,
      kind: occasion.kind,
      messageRef: ref,
      sentAt: now,
    });
    if (offer) {
      await recordEvent<PersonalOfferGranted>(
        manager,
        PersonalOfferGrantedEvent.type,
        {
          offerId: ref,
          customerId: customer.id,
          name: renderTemplate(template.subject, values).slice(0, 200),
          kind: offer.kind,
          value: offer.value,
          currency: offer.currency,
          startsAt: now.toISOString(),
          endsAt: offer.endsAt.toISOString(),
        },
        null,
      );
    }
    return true;
  });
}

async function sendAll(db: DataSource, template: LifecycleTemplate, occasions: Occasion[], now: Date): Promise<number> {
  let sent = 0;
  for (const occasion of occasions) if (await send(db, template, occasion, now)) sent++;
  return sent;
}

/** Occasions among `candidates` that were not sent yet (one read). */
async function notSentYet(db: DataSource, candidates: Occasion[]): Promise<Occasion[]> {
  if (candidates.length === 0) return [];
  const sent = await db.getRepository(LifecycleOccasion).findBy({
    customerId: In(candidates.map((c) => c.customerId)),
    occasion: In([...new Set(candidates.map((c) => c.occasion))]),
  });
  const done = new Set(sent.map((s) => `${s.customerId} ${s.occasion}`));
  return candidates.filter((c) => !done.has(`${c.customerId} ${c.occasion}`));
}

async function welcomes(db: DataSource, template: LifecycleTemplate, now: Date): Promise<number> {
  const since = new Date(now.getTime() - WELCOME_WITHIN_DAYS * DAY_MS);
  let sent = 0;
  let after = '';
  for (;;) {
    const customers = await db
      .getRepository(Customer)
      .createQueryBuilder('c')
      .select(['c.id'])
      .where('c.createdAt > :since', { since })
      .andWhere('c.id > :after', { after })
      .andWhere('c.mergedIntoId IS NULL AND c.erasedAt IS NULL')
      .andWhere(
        (qb) =>
          `NOT EXISTS ${qb.subQuery().select('1').from(LifecycleOccasion, 'o').where('o.customerId = c.id').andWhere('o.occasion = :welcome').getQuery()}`,
        { welcome: occasionKey(LifecycleKind.WELCOME, {}) },
      )
      .orderBy('c.id', 'ASC')
      .limit(BATCH)
      .getMany();
    if (customers.length === 0) return sent;
    after = customers[customers.length - 1]!.id;
    sent += await sendAll(
      db,
      template,
      customers.map((c) => ({ customerId: c.id, kind: LifecycleKind.WELCOME, occasion: occasionKey(LifecycleKind.WELCOME, {}) })),
      now,
    );
  }
}

async function birthdays(db: DataSource, template: LifecycleTemplate, now: Date): Promise<number> {
  const rows = await db.getRepository(CustomerEngagement).find({
    select: { customerId: true, birthMonth: true, birthDay: true, timeZone: true },
    where: possibleBirthdays(now).map(({ month, day }) => ({ birthMonth: month, birthDay: day })),
  });
  const due = rows
    .filter((r) => isBirthdayToday({ month: r.birthMonth!, day: r.birthDay! }, r.timeZone ?? DEFAULT_TIME_ZONE, now))
    .map((r) => ({
      customerId: r.customerId,
      kind: LifecycleKind.BIRTHDAY,
      occasion: occasionKey(LifecycleKind.BIRTHDAY, { localYear: localDate(now, r.timeZone ?? DEFAULT_TIME_ZONE).year }),
    }));
  let sent = 0;
  for (let i = 0; i < due.length; i += BATCH)
    sent += await sendAll(db, template, await notSentYet(db, due.slice(i, i + BATCH)), now);
  return sent;
}

/**
 * Customers without activity for `inactiveDays`: the engagement row knows orders, returns, points
 * earned, views and registration; timeline entries of the shopper's own doing (a store visit, a
 * chat) are checked too, and move the activity forward when newer.
 */
async function winBacks(db: DataSource, template: LifecycleTemplate, now: Date): Promise<number> {
  const days = template.inactiveDays ?? DEFAULT_INACTIVE_DAYS;
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  let sent = 0;
  let after = '';
  for (;;) {
    const rows = await db.getRepository(CustomerEngagement).find({
      select: { customerId: true, lastActivityAt: true },
      where: { lastActivityAt: LessThanOrEqual(cutoff), customerId: MoreThan(after) },
      order: { customerId: 'ASC' },
      take: BATCH,
    });
    if (rows.length === 0) return sent;
    after = rows[rows.length - 1]!.customerId;
    const recent = await db
      .getRepository(Interaction)
      .createQueryBuilder('i')
      .select('i.customerId', 'customerId')
      .addSelect('MAX(i.occurredAt)', 'at')
      .where({ customerId: In(rows.map((r) => r.customerId)), kind: In(ACTIVITY_KINDS), occurredAt: MoreThan(cutoff) })
      .groupBy('i.customerId')
      .getRawMany<{ customerId: string; at: string | Date }>();
    for (const { customerId, at } of recent) {
      await db.getRepository(CustomerEngagement).update({ customerId }, { lastActivityAt: new Date(at) });
    }
    const active = new Set(recent.map((r) => r.customerId));
    const due = rows
      .filter((r) => !active.has(r.customerId) && isInactive(r.lastActivityAt, days, now))
      .map((r) => ({
        customerId: r.customerId,
        kind: LifecycleKind.WIN_BACK,
        occasion: occasionKey(LifecycleKind.WIN_BACK, { lastActivityAt: r.lastActivityAt }),
      }));
    sent += await sendAll(db, template, await notSentYet(db, due), now);
  }
}

/**
 * The lifecycle job: welcomes, birthday greetings and win-backs that are due at `now`, each
 * template only while it is active. Safe to run twice: an occasion is sent at most once.
 */
export async function runLifecycleMessages(db: DataSource, now: Date): Promise<LifecycleRun> {
  const templates = new Map(
    (await db.getRepository(LifecycleTemplate).findBy({ active: true })).map((t) => [t.kind, t] as const),
  );
  const welcome = templates.get(LifecycleKind.WELCOME);
  const birthday = templates.get(LifecycleKind.BIRTHDAY);
  const winBack = templates.get(LifecycleKind.WIN_BACK);
  return {
    welcome: welcome ? await welcomes(db, welcome, now) : 0,
    birthday: birthday ? await birthdays(db, birthday, now) : 0,
    winBack: winBack ? await winBacks(db, winBack, now) : 0,
  };
}
