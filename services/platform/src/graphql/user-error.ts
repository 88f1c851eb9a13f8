import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { ERROR_CODES } from './error-codes';

/**
 * A business-rule violation reported in a mutation payload. `code` is stable and
 * machine-readable; `field` is the input path it concerns, when there is one.
 */
@Directive('@shareable')
@ObjectType({
  simpleResolvers: true,
  description:
    'A business-rule violation reported in a mutation payload (nothing was written). Mutations answer ' +
    'with `userErrors` instead of a GraphQL error for what the caller can fix; each mutation lists its codes.',
})
export class UserError {
  @Field(() => [String], {
    nullable: true,
    description:
      'The path of the input field it concerns, e.g. `["input", "lines", "0", "quantity"]`; null: the request as a whole.',
  })
  field?: string[] | null;

  @Field({
    description: 'A human-readable explanation in English, for logs and staff; show your own text per `code` to shoppers.',
  })
  message!: string;

  @Field({ description: 'Stable, machine-readable SCREAMING_SNAKE_CASE code (e.g. `OUT_OF_STOCK`): branch on this.' })
  code!: string;
}

/** Thrown inside a transaction to roll it back and report a user error instead. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string[],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  toUserError(): UserError {
    return userError(this.code, this.message, this.field);
  }
}

export function userError(code: string, message: string, field?: string[]): UserError {
  return Object.assign(new UserError(), { code, message, field: field ?? null });
}

/**
 * Runs a mutation body. A DomainError (thrown before or inside its transaction, so nothing was
 * written) becomes `userErrors`; anything else is a real failure and propagates.
 */
export async function attempt<T>(body: () => Promise<T>): Promise<{ result: T | null; userErrors: UserError[] }> {
  try {
    return { result: await body(), userErrors: [] };
  } catch (error) {
    if (error instanceof DomainError) return { result: null, userErrors: [error.toUserError()] };
    throw error;
  }
}

/**
 * The GraphQL type of one domain's user errors: `<Domain>UserError` with `code` typed by the
 * `<Domain>ErrorCode` enum of the codes it answers, so clients can switch over them exhaustively.
 * Payloads declare `@Field(() => [OrderUserError])`; at run time they carry the `UserError`
 * objects `attempt` makes. Each code's description comes from `ERROR_CODES`.
 */
export function userErrorType(domain: string, description: string, codes: readonly string[]) {
  const undescribed = codes.filter((code) => !ERROR_CODES[code]);
  if (undescribed.length) throw new Error(`describe ${undescribed.join(', ')} in ERROR_CODES`);
  const codeEnum = Object.fromEntries(codes.map((code) => [code, code]));
  registerEnumType(codeEnum, {
    name: `${domain}ErrorCode`,
    description: `Every code a ${description} mutation can answer in \`userErrors\`. New codes may be added: treat an unknown one as a generic failure.`,
    valuesConfig: Object.fromEntries(codes.map((code) => [code, { description: ERROR_CODES[code] }])),
  });

  @ObjectType(`${domain}UserError`, {
    simpleResolvers: true,
    description: `Why a ${description} mutation wrote nothing: a stable \`code\` and the input \`field\` it concerns.`,
  })
  class DomainUserError {
    @Field(() => [String], {
      nullable: true,
      description:
        'The path of the input field it concerns, e.g. `["input", "lines", "0", "quantity"]`; null: the request as a whole.',
    })
    field?: string[] | null;

    @Field({
      description: 'A human-readable explanation in English, for logs and staff; show your own text per `code` to shoppers.',
    })
    message!: string;

    @Field(() => codeEnum, { description: 'What went wrong, stable and machine-readable: branch on this.' })
    code!: string;
  }
  return Object.assign(DomainUserError, { codes });
}
