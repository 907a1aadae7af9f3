/**
 * Dollars per million votes at list prices, from what the benchmark measured (capacity units and
 * request counts per counted vote). Prices: AWS list prices, us-east-1, on-demand, December 2026;
 * the assumptions that are not measured here are printed with the figures.
 */
export const PRICES = {
  /** DynamoDB on-demand, per write / read request unit. */
  wru: 0.625 / 1e6,
  rru: 0.125 / 1e6,
  /** SQS standard, per request (64 KB chunk). */
  sqsRequest: 0.4 / 1e6,
  /** Lambda arm64: per request, per GB-second. */
  lambdaRequest: 0.2 / 1e6,
  lambdaGbSecond: 0.0000133334,
  /** API Gateway REST API, per request (first 333 million a month). */
  apiRequest: 3.5 / 1e6,
  /** One SMS to a mainland mobile (¥0.045 at ¥7.1 to the dollar, a domestic provider's list price). */
  sms: 0.045 / 7.1,
} as const;

export const ASSUMPTIONS = {
  apiMemoryGb: 0.5,
  apiSeconds: 0.05,
  consumerMemoryGb: 0.5,
  consumerSecondsPerRun: 0.1,
  consumerSecondsPerMessage: 0.005,
  /** One code per voter and day, who casts 10 votes that day (5 per category). */
  smsPerVote: 1 / 10,
  /**
   * A code's own requests (POST /voter/otp, then POST /voter/session): two API requests and two Lambda runs, and the
   * code and session items it writes and reads (not measured here).
   */
  codeApiRequests: 2,
  codeWcu: 4,
  codeRcu: 2,
} as const;

export interface Measured {
  /** Counted votes in the phase. */
  votes: number;
  requests: number;
  consumerRuns: number;
  wcu: number;
  rcu: number;
}

/** Dollars per million counted votes, by service, for one measured phase. */
export const costPerMillionVotes = (m: Measured) => {
  const per = (n: number) => (n / m.votes) * 1e6;
  const a = ASSUMPTIONS;
  const lines = {
    dynamodb: per(m.wcu) * PRICES.wru + per(m.rcu) * PRICES.rru,
    // A SendMessage per request; a ReceiveMessage and a DeleteMessageBatch per consumer run.
    sqs: per(m.requests + 2 * m.consumerRuns) * PRICES.sqsRequest,
    lambda:
      per(m.requests + m.consumerRuns) * PRICES.lambdaRequest +
      per(m.requests) * a.apiMemoryGb * a.apiSeconds * PRICES.lambdaGbSecond +
      (per(m.consumerRuns) * a.consumerSecondsPerRun + per(m.requests) * a.consumerSecondsPerMessage) *
        a.consumerMemoryGb *
        PRICES.lambdaGbSecond,
    apiGateway: per(m.requests) * PRICES.apiRequest,
  };
  const total = Object.values(lines).reduce((s, v) => s + v, 0);
  return { ...lines, total };
};

/** Dollars per million votes for the voters' codes: the text messages, and the code and session requests. */
export const codeCostPerMillionVotes = () => {
  const a = ASSUMPTIONS;
  const codes = 1e6 * a.smsPerVote;
  return {
    codes,
    sms: codes * PRICES.sms,
    requests:
      codes *
      (a.codeApiRequests *
        (PRICES.apiRequest + PRICES.lambdaRequest + a.apiMemoryGb * a.apiSeconds * PRICES.lambdaGbSecond) +
        a.codeWcu * PRICES.wru +
        a.codeRcu * PRICES.rru),
  };
};

/** The cost lines as the benchmark prints them. */
export const formatCost = (label: string, m: Measured): string[] => {
  const c = costPerMillionVotes(m);
  return [
    `${label.padEnd(8)} $${c.total.toFixed(2)} per million votes: DynamoDB $${c.dynamodb.toFixed(2)}, SQS $${c.sqs.toFixed(2)}, Lambda $${c.lambda.toFixed(2)}, API Gateway $${c.apiGateway.toFixed(2)}`,
  ];
};

/** The voters' codes on a line of their own (the same whatever the traffic shape). */
export const formatCodeCost = (): string => {
  const c = codeCostPerMillionVotes();
  return `codes    $${(c.sms + c.requests).toFixed(0)} per million votes: SMS $${c.sms.toFixed(0)} (${c.codes.toLocaleString('en')} codes), their requests $${c.requests.toFixed(2)}`;
};

export const costAssumptions = (): string =>
  `assumed: Lambda arm64 ${ASSUMPTIONS.apiMemoryGb * 1024} MB, vote route ${ASSUMPTIONS.apiSeconds * 1000} ms, consumer ${ASSUMPTIONS.consumerSecondsPerRun * 1000} ms a run + ${ASSUMPTIONS.consumerSecondsPerMessage * 1000} ms a message; SQS one ReceiveMessage and one DeleteMessageBatch a run (idle polling left out); SMS one code per ${1 / ASSUMPTIONS.smsPerVote} votes at $${PRICES.sms.toFixed(4)}, each with ${ASSUMPTIONS.codeApiRequests} API requests, ${ASSUMPTIONS.codeWcu} WCU and ${ASSUMPTIONS.codeRcu} RCU; prices: DynamoDB on-demand $0.625/M WRU, $0.125/M RRU; SQS $0.40/M; Lambda $0.20/M + $0.0000133334/GB-s; API Gateway REST $3.50/M`;
