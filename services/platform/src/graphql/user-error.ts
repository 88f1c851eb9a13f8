import { Directive, Field, ObjectType } from 'type-graphql';

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
