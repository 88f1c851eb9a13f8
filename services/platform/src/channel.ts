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

registerEnumType(Channel, { name: 'Channel', description: 'A sales or service channel.' });

export function parseChannel(value: string | undefined | null): Channel | null {
  if (!value) return null;
  const upper = value.trim().toUpperCase();
  return (Object.values(Channel) as string[]).includes(upper) ? (upper as Channel) : null;
}
