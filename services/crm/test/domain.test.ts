import { IdentityKind, normalizeEmail, normalizeIdentity, normalizePhone } from '../src/domain/identity';

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

describe('normalizePhone', () => {
  it.each([
    '+1 (555) 010-2000',
    '15550102000',
    '1-555-010-2000',
    '+1.555.010.2000',
    '1 555 010 2000',
    '001 555 010 2000',
    '+001 (555) 010-2000',
    '  +1 555 0102000  ',
  ])('%j is the same phone as 15550102000', (raw) => {
    expect(normalizePhone(raw)).toBe('15550102000');
  });

  it('keeps different numbers apart', () => {
    expect(normalizePhone('+1 (555) 010-2001')).not.toBe(normalizePhone('+1 (555) 010-2000'));
    expect(normalizePhone('+44 20 7946 0000')).toBe('442079460000');
  });

  it('accepts 7 to 15 digits (E.164) and nothing outside that range', () => {
    expect(normalizePhone('555-0100')).toBe('5550100');
    expect(normalizePhone('123456')).toBeNull();
    expect(normalizePhone('123456789012345')).toBe('123456789012345');
    expect(normalizePhone('1234567890123456')).toBeNull();
    expect(normalizePhone('00 123456')).toBeNull();
  });

  it.each(['', '   ', '555-CALL-NOW', '+1 555 010 2000 ext 12', 'tel:+15550102000', '555_010_2000', '+1 555 010 2000#'])(
    'rejects %j',
    (raw) => {
      expect(normalizePhone(raw)).toBeNull();
    },
  );
});

describe('normalizeIdentity', () => {
  it('uses email rules for EMAIL', () => {
    expect(normalizeIdentity(IdentityKind.EMAIL, ' Ada@Example.com ')).toBe('ada@example.com');
    expect(normalizeIdentity(IdentityKind.EMAIL, 'not-an-email')).toBeNull();
  });

  it('uses phone rules for PHONE', () => {
    expect(normalizeIdentity(IdentityKind.PHONE, '+1 (555) 010-2000')).toBe(normalizeIdentity(IdentityKind.PHONE, '15550102000'));
    expect(normalizeIdentity(IdentityKind.PHONE, '+1 (555) 010-2000')).toBe('15550102000');
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
