/** Where a support case stands. */
export enum SupportCaseStatus {
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  RESOLVED = 'RESOLVED',
}

/** What happened to a case; its history is a list of these. */
export enum SupportCaseAction {
  OPENED = 'OPENED',
  ASSIGNED = 'ASSIGNED',
  NOTE = 'NOTE',
  RESOLVED = 'RESOLVED',
  REOPENED = 'REOPENED',
  /** A message from the shopper arrived on the case. */
  MESSAGE_RECEIVED = 'MESSAGE_RECEIVED',
  /** An agent answered the shopper. */
  REPLIED = 'REPLIED',
  /** Staff linked the case of an unknown sender to a customer. */
  CUSTOMER_LINKED = 'CUSTOMER_LINKED',
}

export class CaseTransitionError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The status after `action`. A resolved case takes no assignment, note or second resolution
 * until it is reopened; only a resolved case can be reopened. Reopening an assigned case puts
 * it back in progress with the same agent.
 */
export function nextCaseStatus(status: SupportCaseStatus, action: SupportCaseAction, assigned: boolean): SupportCaseStatus {
  if (action === SupportCaseAction.REOPENED) {
    if (status !== SupportCaseStatus.RESOLVED)
      throw new CaseTransitionError('CASE_NOT_RESOLVED', 'only a resolved case can be reopened');
    return assigned ? SupportCaseStatus.IN_PROGRESS : SupportCaseStatus.OPEN;
  }
  if (status === SupportCaseStatus.RESOLVED) {
    throw new CaseTransitionError('CASE_RESOLVED', 'the case is resolved: reopen it first');
  }
  switch (action) {
    case SupportCaseAction.ASSIGNED:
      return SupportCaseStatus.IN_PROGRESS;
    case SupportCaseAction.NOTE:
    case SupportCaseAction.REPLIED:
    case SupportCaseAction.MESSAGE_RECEIVED:
      return status;
    case SupportCaseAction.RESOLVED:
      return SupportCaseStatus.RESOLVED;
    default:
      throw new CaseTransitionError('INVALID_ACTION', `${action} is not an action on an existing case`);
  }
}
