import { IdentityKind, normalizeEmail, normalizeIdentity } from '../src/domain/identity';
import { legacyPhoneForms, phoneCountry, storedPhoneAsE164, toE164 } from '../src/domain/phone';

describe('normalizeEmail', () => {
  it('lower-cases and trims, so one address has one stored form', () => {
    expect(normalizeEmail('  Ada.Lovelace@Example.COM ')).toBe('ada.lovelace@example.com');
    expect(normalizeEmail('ADA.LOVELACE@EXAMPLE.COM')).toBe(normalizeEmail('ada.lovelace@example.com'));
    expect(normalizeEmail('\tada+web@example.co.uk\n')).toBe('ada+web@example.co.uk');
  });

  it.each([
    '',
    '   ',
    'ada',
    'ada@example',
    '@example.com',
    'ada@',
    'ada lovelace@example.com',
    'ada@@example.com',
    'ada@exa mple.com',
  ])('rejects %j', (raw) => {
    expect(normalizeEmail(raw)).toBeNull();
  });

  it('accepts up to 254 characters and rejects longer addresses', () => {
    const at254 = `${'a'.repeat(254 - '@example.com'.length)}@example.com`;
    expect(at254).toHaveLength(254);
    expect(normalizeEmail(at254)).toBe(at254);
    expect(normalizeEmail(`a${at254}`)).toBeNull();
  });

  it('measures the length after trimming', () => {
    const at254 = `${'a'.repeat(254 - '@example.com'.length)}@example.com`;
    expect(normalizeEmail(`   ${at254}   `)).toBe(at254);
  });
});

describe('toE164', () => {
  it.each([
    '+1 (555) 010-2000',
    '15550102000',
    '5550102000',
    '555-010-2000',
    '1-555-010-2000',
    '+1.555.010.2000',
    '1 555 010 2000',
    '001 555 010 2000',
    '+001 (555) 010-2000',
    '  +1 555 0102000  ',
  ])('%j is +15550102000 in the US', (raw) => {
    expect(toE164(raw, 'US')).toBe('+15550102000');
  });

  it('reads a number without + in the default country, and an international one in its own', () => {
    expect(toE164('212-555-7788', 'US')).toBe('+12125557788');
    expect(toE164('+1 212 555 7788', 'GB')).toBe('+12125557788');
    expect(toE164('020 7946 0000', 'GB')).toBe('+442079460000');
    expect(toE164('+44 (0)20 7946 0000', 'US')).toBe('+442079460000');
    expect(toE164('00 44 20 7946 0000', 'US')).toBe('+442079460000');
    expect(toE164('+1 (555) 010-2001')).not.toBe(toE164('+1 (555) 010-2000'));
  });

  it.each([
    '',
    '   ',
    '12',
    '555-0100',
    '020 7946 0000',
    '1234567890123456',
    '555-CALL-NOW',
    '+1 555 010 2000 ext 12',
    'tel:+15550102000',
    '555_010_2000',
    '+1 555 010 2000#',
  ])('rejects %j in the US', (raw) => {
    expect(toE164(raw, 'US')).toBeNull();
  });

  it('knows the stored forms of numbers written before normalization', () => {
    expect(legacyPhoneForms('+12125557788', 'US')).toEqual(['12125557788', '2125557788']);
    expect(legacyPhoneForms('+442079460000', 'US')).toEqual(['442079460000']);
    expect(storedPhoneAsE164('2125557788', 'US')).toBe('+12125557788');
    expect(storedPhoneAsE164('15550102000', 'US')).toBe('+15550102000');
    expect(storedPhoneAsE164('442079460101', 'US')).toBe('+442079460101');
    expect(storedPhoneAsE164('+442079460101', 'US')).toBe('+442079460101');
  });

  it('takes a configured country only when libphonenumber has its numbering plan', () => {
    expect(phoneCountry(' gb ')).toBe('GB');
    expect(phoneCountry('XX')).toBeNull();
    expect(phoneCountry('USA')).toBeNull();
  });
});

describe('normalizeIdentity', () => {
  it('uses email rules for EMAIL', () => {
    expect(normalizeIdentity(IdentityKind.EMAIL, ' Ada@Example.com ')).toBe('ada@example.com');
    expect(normalizeIdentity(IdentityKind.EMAIL, 'not-an-email')).toBeNull();
  });

  it('uses phone rules for PHONE', () => {
    expect(normalizeIdentity(IdentityKind.PHONE, '+1 (555) 010-2000')).toBe(normalizeIdentity(IdentityKind.PHONE, '15550102000'));
    expect(normalizeIdentity(IdentityKind.PHONE, '+1 (555) 010-2000')).toBe('+15550102000');
    expect(normalizeIdentity(IdentityKind.PHONE, '020 7946 0000', 'GB')).toBe('+442079460000');
    expect(normalizeIdentity(IdentityKind.PHONE, 'ada@example.com')).toBeNull();
  });

  it.each([IdentityKind.LOYALTY_CARD, IdentityKind.MARKETPLACE, IdentityKind.SOCIAL, IdentityKind.DEVICE])(
    'trims %s identifiers but keeps their case and inner characters',
    (kind) => {
      expect(normalizeIdentity(kind, '  Amz-Buyer 42  ')).toBe('Amz-Buyer 42');
    },
  );

  it('rejects empty and over-long opaque identifiers', () => {
    expect(normalizeIdentity(IdentityKind.DEVICE, '   ')).toBeNull();
    expect(normalizeIdentity(IdentityKind.SOCIAL, 'x'.repeat(200))).toBe('x'.repeat(200));
    expect(normalizeIdentity(IdentityKind.SOCIAL, 'x'.repeat(201))).toBeNull();
  });

  it('does not apply email or phone rules to other kinds', () => {
    expect(normalizeIdentity(IdentityKind.MARKETPLACE, 'Seller@Example.COM')).toBe('Seller@Example.COM');
  });
});
