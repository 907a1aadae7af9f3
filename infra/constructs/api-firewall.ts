/**
 * The WAFv2 web ACL in front of the API stage: AWS managed rules (common, known bad inputs) and
 * limits per client, never one shared bucket a few clients could empty for everyone:
 * - per IP on the code and session paths, on the voter and vote paths that vote brushing (刷票)
 *   hits, and on every path;
 * - per CAPTCHA token (`x-aws-waf-token`, one per solved CAPTCHA) on the code path, so a client
 *   behind a shared carrier address is limited by its own token, not its neighbours' requests.
 * Per phone number is not a WAF key: rate-based custom keys can be a header, cookie, query
 * argument, path, method, IP or label, never a field of a JSON body. A client-sent header with the
 * number would be the attacker's to vary, so the per-number limits live in the handler (DynamoDB
 * windows: 1 a minute, 5 an hour, 10 a day, and guesses per number and address).
 * `POST /voter/otp` must solve a CAPTCHA (the voting page embeds the WAF CAPTCHA JavaScript API);
 * context `otpCaptcha=false` turns it into a count-only rule for a pilot without that page.
 */
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface ApiFirewallProps {
  /** ARN of the API Gateway stage to protect. */
  stageArn: string;
  /** Requests per IP per 5 minutes on `/voter/...` and `.../votes...`. */
  voterRateLimit: number;
  /** Requests per IP per 5 minutes on every path. */
  overallRateLimit: number;
  /** Requests per IP per 5 minutes on `POST /voter/otp` and on `/voter/session`. */
  otpRateLimit: number;
  /** Requests per CAPTCHA token per 5 minutes on `POST /voter/otp`. */
  otpTokenRateLimit: number;
  /** true: `POST /voter/otp` must solve a CAPTCHA; false: the rule only counts. */
  otpCaptcha: boolean;
}

const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
  metricName,
  cloudWatchMetricsEnabled: true,
  sampledRequestsEnabled: true,
});

const lowercase = [{ priority: 0, type: 'LOWERCASE' }];
const uriContains = (text: string): wafv2.CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'CONTAINS',
    searchString: text,
    textTransformations: lowercase,
  },
});

const rateLimited = { responseCode: 429, customResponseBodyKey: 'rateLimited' };

const methodIs = (method: string): wafv2.CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { method: {} },
    positionalConstraint: 'EXACTLY',
    searchString: method,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});
const pathEndsWith = (text: string): wafv2.CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'ENDS_WITH',
    searchString: text,
    textTransformations: lowercase,
  },
});
const otpRequest: wafv2.CfnWebACL.StatementProperty = {
  andStatement: { statements: [methodIs('POST'), pathEndsWith('/voter/otp')] },
};

/** A rate rule (5-minute window) that answers 429 in API.md's format. */
const rateRule = (
  name: string,
  priority: number,
  limit: number,
  key: Pick<wafv2.CfnWebACL.RateBasedStatementProperty, 'aggregateKeyType' | 'customKeys'>,
  scopeDownStatement?: wafv2.CfnWebACL.StatementProperty,
): wafv2.CfnWebACL.RuleProperty => ({
  name,
  priority,
  action: { block: { customResponse: rateLimited } },
  statement: { rateBasedStatement: { limit, evaluationWindowSec: 300, ...key, scopeDownStatement } },
  visibilityConfig: visibility(name),
});

const managed = (
  name: string,
  priority: number,
  ruleActionOverrides?: wafv2.CfnWebACL.RuleActionOverrideProperty[],
): wafv2.CfnWebACL.RuleProperty => ({
  name,
  priority,
  overrideAction: { none: {} },
  statement: { managedRuleGroupStatement: { vendorName: 'AWS', name, ruleActionOverrides } },
  visibilityConfig: visibility(name),
});

export class ApiFirewall extends Construct {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('ApiWebAcl'),
      customResponseBodies: {
        rateLimited: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({
            error: { code: 'RATE_LIMITED', message: 'Too many requests from this address; try again in a few minutes' },
          }),
        },
      },
      rules: [
        rateRule(
          'OtpRatePerIp',
          1,
          props.otpRateLimit,
          { aggregateKeyType: 'IP' },
          {
            orStatement: { statements: [otpRequest, pathEndsWith('/voter/session')] },
          },
        ),
        rateRule(
          'OtpRatePerCaptchaToken',
          2,
          props.otpTokenRateLimit,
          {
            aggregateKeyType: 'CUSTOM_KEYS',
            customKeys: [{ header: { name: 'x-aws-waf-token', textTransformations: [{ priority: 0, type: 'NONE' }] } }],
          },
          otpRequest,
        ),
        rateRule(
          'VoterPathsRatePerIp',
          3,
          props.voterRateLimit,
          { aggregateKeyType: 'IP' },
          {
            orStatement: { statements: [uriContains('/voter/'), uriContains('/votes')] },
          },
        ),
        rateRule('OverallRatePerIp', 4, props.overallRateLimit, { aggregateKeyType: 'IP' }),
        {
          name: 'VoterOtpCaptcha',
          priority: 5,
          action: props.otpCaptcha ? { captcha: {} } : { count: {} },
          captchaConfig: { immunityTimeProperty: { immunityTime: 300 } },
          statement: otpRequest,
          visibilityConfig: visibility('VoterOtpCaptcha'),
        },
        // The common set blocks bodies over 8 KB; nomination forms in Chinese can be larger, and
        // the handlers enforce their own body limit (413), so that one rule only counts.
        managed('AWSManagedRulesCommonRuleSet', 10, [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }]),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 20),
      ],
    });
    new wafv2.CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}
