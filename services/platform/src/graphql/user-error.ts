import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * A business-rule violation reported in a mutation payload. `code` is stable and
 * machine-readable; `field` is the input path it concerns, when there is one.
 */
@Directive('@shareable')
@ObjectType({ simpleResolvers: true })
export class UserError {
  @Field(() => [String], { nullable: true })
  field?: string[] | null;

  @Field()
  message!: string;

  @Field()
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
