import type { z } from 'zod';
import type { EventEnvelope } from '../envelope';

/**
 * One event type's contract: its type, the payload version producers write into the envelope
 * today, the versions a consumer reads, and the zod schema of the payload. The producer records
 * the schema's type (`recordEvent<OrderPlaced>`), every consumer parses with the schema
 * (`parsePayload`), so the shape is written down once, in `@omni/platform`.
 */
export interface EventDefinition<S extends z.ZodType = z.ZodType, T extends string = string> {
  readonly type: T;
  /** The version producers write today (the envelope's `version`). */
  readonly version: number;
  /** The envelope versions `schema` reads; an event of any other version is refused. */
  readonly versions: readonly number[];
  readonly schema: S;
}

/** The payload type of a definition. */
export type PayloadOf<D extends EventDefinition> = z.output<D['schema']>;

export function defineEvent<const T extends string, S extends z.ZodType>(
  type: T,
  version: number,
  schema: S,
  versions: readonly number[] = [version],
): EventDefinition<S, T> {
  return Object.freeze({ type, version, versions: Object.freeze([...versions]), schema });
}

/**
 * A payload that is not what its definition says: thrown by `parsePayload`, so the consumer's
 * transaction writes nothing, the bus redelivers, and after EVENT_MAX_DELIVERIES the event is
 * parked in `dead_letter` with this message.
 */
export class PayloadError extends Error {
  override readonly name = 'PayloadError';

  constructor(
    readonly type: string,
    readonly version: unknown,
    message: string,
    readonly issues: readonly z.core.$ZodIssue[] = [],
  ) {
    super(message);
  }
}

const MAX_ISSUES = 10;

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const shown = issues
    .slice(0, MAX_ISSUES)
    .map((issue) => `${issue.path.length ? issue.path.map(String).join('.') : '(payload)'}: ${issue.message}`);
  if (issues.length > MAX_ISSUES) shown.push(`... ${issues.length - MAX_ISSUES} more`);
  return shown.join('; ');
}

/**
 * The payload of `event`, checked against its definition: the envelope's type must be the
 * definition's, its version one the definition reads, and the payload must parse (unknown fields
 * are dropped). Anything else throws a `PayloadError`. Consumers call this instead of casting
 * `event.payload`.
 */
export function parsePayload<D extends EventDefinition>(definition: D, event: EventEnvelope): PayloadOf<D> {
  if (event.type !== definition.type) {
    throw new PayloadError(event.type, event.version, `an event of type ${event.type} read as ${definition.type}`);
  }
  if (typeof event.version !== 'number' || !definition.versions.includes(event.version)) {
    throw new PayloadError(
      event.type,
      event.version,
      `${event.type} version ${String(event.version)} is not one this consumer reads (${definition.versions.join(', ')})`,
    );
  }
  const parsed = definition.schema.safeParse(event.payload);
  if (!parsed.success) {
    throw new PayloadError(
      event.type,
      event.version,
      `malformed ${event.type} v${event.version} payload: ${describeIssues(parsed.error.issues)}`,
      parsed.error.issues,
    );
  }
  return parsed.data as PayloadOf<D>;
}

/**
 * For a consumer of several types: the definition of `event.type` among `definitions`, its
 * payload parsed. The result is narrowed by `type`.
 */
export function parseEvent<const D extends readonly EventDefinition[]>(
  definitions: D,
  event: EventEnvelope,
): { [K in keyof D]: D[K] extends EventDefinition ? { type: D[K]['type']; payload: PayloadOf<D[K]> } : never }[number] {
  const definition = definitions.find((d) => d.type === event.type);
  if (!definition) {
    throw new PayloadError(
      event.type,
      event.version,
      `an event of type ${event.type} read as ${definitions.map((d) => d.type).join(' or ')}`,
    );
  }
  return { type: definition.type, payload: parsePayload(definition, event) } as never;
}
