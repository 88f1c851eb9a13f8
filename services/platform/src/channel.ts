import { registerEnumType } from 'type-graphql';

/** Every channel a retailer sells through. Stored as the enum's string value. */
export enum Channel {
  WEB = 'WEB',
  MOBILE_APP = 'MOBILE_APP',
  STORE = 'STORE',
  CALL_CENTER = 'CALL_CENTER',
  MARKETPLACE = 'MARKETPLACE',
  SOCIAL = 'SOCIAL',
  PARTNER = 'PARTNER',
  KIOSK = 'KIOSK',
}

registerEnumType(Channel, {
  name: 'Channel',
  description: 'A sales or service channel.',
  valuesConfig: {
    WEB: { description: 'The web store.' },
    MOBILE_APP: { description: "The retailer's mobile app." },
    STORE: { description: 'A physical store: its associates, tills and POS.' },
    CALL_CENTER: { description: 'The contact center (CSR console).' },
    MARKETPLACE: { description: 'A third-party marketplace selling on our behalf.' },
    SOCIAL: { description: 'Social commerce (shops inside social networks).' },
    PARTNER: { description: 'A partner integration calling the API with a partner token.' },
    KIOSK: { description: 'A self-service kiosk in a store.' },
  },
});

export function parseChannel(value: string | undefined | null): Channel | null {
  if (!value) return null;
  const upper = value.trim().toUpperCase();
  return (Object.values(Channel) as string[]).includes(upper) ? (upper as Channel) : null;
}
