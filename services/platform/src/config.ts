import { z } from 'zod';

/**
 * Reads and validates configuration from the environment. A bad or missing value stops the
 * process with one line naming the variable: `ConfigError` is caught by `exitOnConfigError`.
 */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`configuration error: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

export function readConfig<S extends z.ZodRawShape>(shape: S, env: NodeJS.ProcessEnv = process.env): z.infer<z.ZodObject<S>> {
  const values: Record<string, string | undefined> = {};
  for (const key of Object.keys(shape)) {
    const raw = env[key];
    values[key] = raw === undefined || raw.trim() === '' ? undefined : raw.trim();
  }
  const parsed = z.object(shape).safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    const got = values[variable];
    const reason =
      got === undefined
        ? `is required (${issue.message})`
        : /SECRET|KEY|PASSWORD|TOKEN/.test(variable)
          ? `has an invalid value (not shown): ${issue.message}`
          : `has an invalid value ${JSON.stringify(redact(got))}: ${issue.message}`;
    throw new ConfigError(variable, reason);
  }
  return parsed.data;
}

/** A value as it may be printed: a URL's password is replaced. */
function redact(value: string): string {
  return value.replace(/(\/\/[^:/@\s]*:)[^@\s]*@/, '$1***@');
}

/** Zod pieces reused by every service's configuration. */
export const env = {
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  url: (protocols: string[]) =>
    z.string().refine(
      (v) => {
        try {
          return protocols.includes(new URL(v).protocol.replace(':', ''));
        } catch {
          return false;
        }
      },
      `must be a URL with scheme ${protocols.join(' or ')}`,
    ),
  positiveInt: (fallback: number) => z.coerce.number().int().positive().default(fallback),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
};

/** Runs `start`; a configuration error prints its one line and exits 2, without a stack trace. */
export async function exitOnConfigError(start: () => Promise<unknown>): Promise<void> {
  try {
    await start();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}
