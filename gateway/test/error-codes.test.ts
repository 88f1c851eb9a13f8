import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES } from '@omni/platform';
import { CatalogUserError } from '../../services/catalog/src/resolvers/user-errors';
import { CustomerUserError } from '../../services/crm/src/resolvers/user-errors';
import { InventoryUserError } from '../../services/inventory/src/resolvers/user-errors';
import { LoyaltyUserError } from '../../services/loyalty/src/resolvers/user-errors';
import { OrderUserError } from '../../services/orders/src/resolvers/user-errors';

const SERVICES = join(__dirname, '..', '..', 'services');

function sources(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return name === 'migrations' ? [] : sources(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * The codes a source file can put in `userErrors`: the first argument of a DomainError (or a
 * domain error class) and the `code` of the problem objects the commands turn into one; and,
 * since a code also travels as an argument (`text(value, 200, 'INVALID_SUBJECT', field)`), every
 * SCREAMING_SNAKE literal that is not a value of one of the API's other enums.
 */
const CODE =
  /(?:DomainError|userError|Error)\(\s*'([A-Z][A-Z0-9_]+)'|code:\s*'([A-Z][A-Z0-9_]+)'|code\s*===?\s*'([A-Z][A-Z0-9_]+)'|return\s+'([A-Z][A-Z0-9_]+)'|Problem[^\n]*'([A-Z][A-Z0-9_]+)'|'([A-Z][A-Z0-9]*_[A-Z0-9_]+)'/g;

/** Every value of the API's enums but the ErrorCode ones: channels, statuses, kinds, topics... */
const ENUM_VALUES = new Set(
  [...readFileSync(join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8').matchAll(/^enum (\w+)[^{]*\{([^}]*)\}/gm)]
    .filter(([, name]) => !name!.endsWith('ErrorCode'))
    .flatMap(([, , body]) => [...body!.matchAll(/^\s+([A-Z][A-Z0-9_]*)\b/gm)].map((m) => m[1]!)),
);

/** Look-alikes that are not userError codes: GraphQL error codes, settings, SQL and internal words. */
const NOT_USER_ERRORS = new Set([
  'BAD_USER_INPUT',
  'FORBIDDEN',
  'INTERNAL_SERVER_ERROR',
  'RATE_LIMITED',
  'CURRENT_TIMESTAMP',
  'SMTP_FROM',
  'DEFAULT_PHONE_COUNTRY',
  'RFM_WINDOW_DAYS',
  'WEBHOOK_URL_POLICY',
  'WEBHOOK_MAX_ATTEMPTS',
  'WEBHOOK_RETRY_BASE_SECONDS',
  'WEBHOOK_TIMEOUT_MS',
  // what a help article's use was, and whether a promise was kept: counted, never answered
  'NOT_HELPFUL',
  'ON_TIME',
  // a lifecycle message kind, returned by a function that names the occasion
  'WELCOME',
]);

function codesIn(files: string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8').replace(/^\s*(\/\/|\*).*$/gm, '');
    for (const match of text.matchAll(CODE)) {
      const code = match.slice(1).find(Boolean)!;
      const onlyALiteral = match[6] !== undefined;
      if (NOT_USER_ERRORS.has(code) || (onlyALiteral && ENUM_VALUES.has(code)) || found.has(code)) continue;
      found.set(code, file.slice(SERVICES.length + 1));
    }
  }
  return found;
}

const own = (service: string) => sources(join(SERVICES, service, 'src'));
const files = (service: string, paths: string[]) => paths.map((path) => join(SERVICES, service, 'src', path));

/** Orders passes on what its peers answer when it prices, reserves, transfers and holds tenders. */
const RELAYED_TO_ORDERS = [
  ...files('catalog', ['domain/pricing.ts', 'domain/promotions.ts', 'domain/markets.ts']),
  ...files('inventory', ['commands/reservations.ts', 'domain/reservations.ts', 'domain/stock.ts', 'commands/transfers.ts']),
  ...files('loyalty', [
    'commands/holds.ts',
    'commands/stored-value.ts',
    'commands/payments.ts',
    'commands/wallet.ts',
    'domain/stored-value.ts',
  ]),
];

const unlisted = (codes: Map<string, string>, listed: readonly string[]) =>
  [...codes].filter(([code]) => !listed.includes(code)).map(([code, file]) => `${code} (${file})`);

describe('userErrors codes as enums', () => {
  // A code a service can answer but its enum lacks would fail to serialize at run time.
  it.each([
    ['crm', CustomerUserError.codes, own('crm')],
    ['catalog', CatalogUserError.codes, own('catalog')],
    ['inventory', InventoryUserError.codes, own('inventory')],
    ['loyalty', LoyaltyUserError.codes, own('loyalty')],
    ['orders', OrderUserError.codes, [...own('orders'), ...RELAYED_TO_ORDERS]],
  ])('%s lists every code it can answer in its ErrorCode enum', (_service, listed, paths) => {
    expect(unlisted(codesIn(paths), listed)).toEqual([]);
  });

  it('describes each code once, for every domain', () => {
    const listed = [CustomerUserError, CatalogUserError, InventoryUserError, LoyaltyUserError, OrderUserError].flatMap(
      (t) => t.codes,
    );
    expect(listed.filter((code) => !ERROR_CODES[code])).toEqual([]);
    expect(Object.keys(ERROR_CODES).filter((code) => !listed.includes(code))).toEqual([]);
  });
});
