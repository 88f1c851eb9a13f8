import type { Caller, Channel } from '@omni/platform';
import { GraphQLError } from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { loyaltySettings } from './settings';

/**
 * Limits anonymous balance enquiries against guessing codes: at most `perMinute` per caller and
 * per code. In-memory, so per process: with several replicas each allows that many (a shared
 * store such as rate-limiter-flexible's RateLimiterRedis would make the limit global).
 */
export class BalanceEnquiryLimiter {
  private readonly byCaller: RateLimiterMemory;
  private readonly byCode: RateLimiterMemory;

  constructor(readonly perMinute: number) {
    this.byCaller = new RateLimiterMemory({ keyPrefix: 'gift-card-caller', points: perMinute, duration: 60 });
    this.byCode = new RateLimiterMemory({ keyPrefix: 'gift-card-code', points: perMinute, duration: 60 });
  }

  /**
   * Counts one enquiry by `caller` for the code keyed `codeKey` (its hash: codes are not kept
   * in memory); over either limit it throws `RATE_LIMITED` with the seconds to wait.
   */
  async check(caller: string, codeKey: string): Promise<void> {
    try {
      await this.byCaller.consume(caller);
      await this.byCode.consume(codeKey);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new GraphQLError(`Too many gift card balance enquiries: retry in ${retryAfterSeconds} s`, {
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds },
      });
    }
  }
}

/**
 * Who is asking, as the limit counts it: the signed-in subject, or one bucket per channel for
 * anonymous callers (the gateway does not forward the client's address to subgraphs).
 */
export function enquirerKey(caller: Caller, channel: Channel | null): string {
  return caller.subject ? `subject:${caller.subject}` : `anonymous:${channel ?? 'none'}`;
}

let limiter: BalanceEnquiryLimiter | null = null;

/** This process's limiter, sized by GIFT_CARD_BALANCE_RATE. */
export function balanceLimiter(): BalanceEnquiryLimiter {
  limiter ??= new BalanceEnquiryLimiter(loyaltySettings().balanceRatePerMinute);
  return limiter;
}
