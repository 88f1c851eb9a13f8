import { ConfigError, env, readConfig } from '@omni/platform';
import { normalizeEmail } from './domain/identity';
import { RecordingSender, SmtpSender, type MessageSender } from './messaging/sender';

export const DEFAULT_SMTP_FROM = 'Omni Retail <no-reply@omni.example>';

export interface CrmConfig {
  /** smtp:// or smtps:// URL (credentials and options in it, as nodemailer reads it); unset: the recording sender. */
  smtpUrl: string | null;
  /** The From header of customer email: an address, or `Name <address>`. */
  smtpFrom: string;
}

/** CRM's settings from the environment; a malformed value is a `ConfigError` naming the variable. */
export function readCrmConfig(environment: NodeJS.ProcessEnv = process.env): CrmConfig {
  const config = readConfig({ SMTP_URL: env.url(['smtp', 'smtps']).optional() }, environment);
  const from = environment.SMTP_FROM?.trim() || DEFAULT_SMTP_FROM;
  const address = /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from;
  if (!normalizeEmail(address)) {
    throw new ConfigError('SMTP_FROM', `has an invalid value "${from}": must be an email address or "Name <address>"`);
  }
  return { smtpUrl: config.SMTP_URL ?? null, smtpFrom: from };
}

/** SMTP when SMTP_URL is set, the recording development sender otherwise. */
export function senderFromConfig(config: CrmConfig): MessageSender {
  return config.smtpUrl ? SmtpSender.fromUrl(config.smtpUrl, config.smtpFrom) : new RecordingSender();
}
