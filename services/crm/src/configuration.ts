import { ConfigError, env, readConfig } from '@omni/platform';
import { normalizeEmail } from './domain/identity';
import { DEFAULT_PHONE_COUNTRY, phoneCountry, type CountryCode } from './domain/phone';
import { RecordingSender, SmtpSender, type MessageSender } from './messaging/sender';

export const DEFAULT_SMTP_FROM = 'Omni Retail <no-reply@omni.example>';

export interface CrmConfig {
  /** smtp:// or smtps:// URL (credentials and options in it, as nodemailer reads it); unset: the recording sender. */
  smtpUrl: string | null;
  /** The From header of customer email: an address, or `Name <address>`. */
  smtpFrom: string;
  /** Where a phone number written without `+` is read (ISO 3166-1 alpha-2, DEFAULT_PHONE_COUNTRY). */
  defaultPhoneCountry: CountryCode;
}

/** DEFAULT_PHONE_COUNTRY (default US): a country libphonenumber knows, or a `ConfigError`. */
export function readPhoneCountry(environment: NodeJS.ProcessEnv = process.env): CountryCode {
  const raw = environment.DEFAULT_PHONE_COUNTRY?.trim();
  if (!raw) return DEFAULT_PHONE_COUNTRY;
  const country = phoneCountry(raw);
  if (!country) {
    throw new ConfigError(
      'DEFAULT_PHONE_COUNTRY',
      `has an invalid value "${raw}": must be an ISO 3166-1 alpha-2 country code with a numbering plan (US, GB, DE, ...)`,
    );
  }
  return country;
}

/**
 * The country phone numbers are read in now. Read from the environment on each use (it is cheap
 * and lets a test set it); `readCrmConfig` validates it when the service starts, so a bad value
 * stops the start rather than failing requests.
 */
export function defaultPhoneCountry(): CountryCode {
  return readPhoneCountry(process.env);
}

/** CRM's settings from the environment; a malformed value is a `ConfigError` naming the variable. */
export function readCrmConfig(environment: NodeJS.ProcessEnv = process.env): CrmConfig {
  const config = readConfig({ SMTP_URL: env.url(['smtp', 'smtps']).optional() }, environment);
  const from = environment.SMTP_FROM?.trim() || DEFAULT_SMTP_FROM;
  const address = /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from;
  if (!normalizeEmail(address)) {
    throw new ConfigError('SMTP_FROM', `has an invalid value "${from}": must be an email address or "Name <address>"`);
  }
  return { smtpUrl: config.SMTP_URL ?? null, smtpFrom: from, defaultPhoneCountry: readPhoneCountry(environment) };
}

/** SMTP when SMTP_URL is set, the recording development sender otherwise. */
export function senderFromConfig(config: CrmConfig): MessageSender {
  return config.smtpUrl ? SmtpSender.fromUrl(config.smtpUrl, config.smtpFrom) : new RecordingSender();
}
