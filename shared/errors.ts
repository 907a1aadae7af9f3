/**
 * Domain errors. The HTTP layer maps each class to its status with `instanceof`
 * (never by name); anything else that escapes a handler is a bug and becomes a generic 500.
 * `code` is the stable machine-readable code of API.md's error format.
 */
export type ErrorDetails = Record<string, unknown>;

/** A message a person reads: Chinese first (`message` in responses), English beside it (`messageEn`). */
export interface Bilingual {
  zh: string;
  en: string;
}

/** A user-facing message: `say('中文', 'English')`. */
export const say = (zh: string, en: string): Bilingual => ({ zh, en });

export abstract class DomainError extends Error {
  abstract readonly status: number;
  /** `text` is the message in both languages; `Error.message` is the English (logs). */
  constructor(
    readonly code: string,
    readonly text: Bilingual,
    readonly details?: ErrorDetails,
  ) {
    super(text.en);
  }
}

/** 400: malformed input (not JSON, wrong types, unknown fields). */
export class ValidationError extends DomainError {
  readonly status = 400;
  constructor(message: Bilingual, details?: ErrorDetails, code = 'VALIDATION_FAILED') {
    super(code, message, details);
  }
}

/** 422: well-formed input that breaks a rule of the campaign. */
export class RuleViolationError extends DomainError {
  readonly status = 422;
  constructor(code: string, message: Bilingual, details?: ErrorDetails) {
    super(code, message, details);
  }
}

/** 401: no credentials, or credentials that do not verify. */
export class UnauthorizedError extends DomainError {
  readonly status = 401;
  constructor(
    message: Bilingual = say('请先登录：此路径需要有效的令牌', 'Sign in first: this path needs a valid bearer token'),
    details?: ErrorDetails,
  ) {
    super('UNAUTHORIZED', message, details);
  }
}

/** 403: a known caller without the role, or not the owner. */
export class ForbiddenError extends DomainError {
  readonly status = 403;
  constructor(message: Bilingual, details?: ErrorDetails) {
    super('FORBIDDEN', message, details);
  }
}

/** 404: unknown id (also used where revealing existence would leak data). */
export class NotFoundError extends DomainError {
  readonly status = 404;
  constructor(message: Bilingual, details?: ErrorDetails) {
    super('NOT_FOUND', message, details);
  }
}

/** 409: wrong stage, state conflict, quota used. */
export class ConflictError extends DomainError {
  readonly status = 409;
  constructor(code: string, message: Bilingual, details?: ErrorDetails) {
    super(code, message, details);
  }
}

/** 413: body larger than the path accepts. */
export class PayloadTooLargeError extends DomainError {
  readonly status = 413;
  constructor(limitBytes: number) {
    super(
      'PAYLOAD_TOO_LARGE',
      say(`请求内容超过 ${limitBytes} 字节`, `The request body is larger than ${limitBytes} bytes`),
      {
        limitBytes,
      },
    );
  }
}

/** 429: rate limited; `retryAfterSeconds` becomes the `retry-after` header. */
export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  constructor(
    message: Bilingual,
    readonly retryAfterSeconds: number,
    details?: ErrorDetails,
  ) {
    super('RATE_LIMITED', message, { ...details, retryAfterSeconds });
  }
}

/**
 * 503: a service this one depends on cannot take the request now (the SMS budget of the day is
 * spent, the SMS provider refused); `retryAfterSeconds` becomes the `retry-after` header.
 */
export class ServiceUnavailableError extends DomainError {
  readonly status = 503;
  constructor(
    code: string,
    /** The CloudWatch metric counted each time (PascalCase). */
    readonly metric: string,
    message: Bilingual,
    readonly retryAfterSeconds: number,
    options?: { details?: ErrorDetails; cause?: unknown },
  ) {
    super(code, message, { ...options?.details, retryAfterSeconds });
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}
