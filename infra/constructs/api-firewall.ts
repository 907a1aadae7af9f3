/**
 * The WAFv2 web ACL in front of the API stage: AWS managed rules (common, known bad inputs) and
 * per-IP rate limits, the tight one on the voter and vote paths that vote brushing (刷票) hits.
 * A CAPTCHA rule for `POST /voter/otp` runs in COUNT mode: it only records how many requests a
 * CAPTCHA would challenge. Set context `otpCaptcha=true` to make it challenge for real, once the
 * voting page embeds the WAF CAPTCHA JavaScript API (scripts and API clients cannot solve one).
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
        {
          name: 'VoterPathsRatePerIp',
          priority: 1,
          action: { block: { customResponse: rateLimited } },
          statement: {
            rateBasedStatement: {
              limit: props.voterRateLimit,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
              scopeDownStatement: { orStatement: { statements: [uriContains('/voter/'), uriContains('/votes')] } },
            },
          },
          visibilityConfig: visibility('VoterPathsRatePerIp'),
        },
        {
          name: 'OverallRatePerIp',
          priority: 2,
          action: { block: { customResponse: rateLimited } },
          statement: {
            rateBasedStatement: { limit: props.overallRateLimit, evaluationWindowSec: 300, aggregateKeyType: 'IP' },
          },
          visibilityConfig: visibility('OverallRatePerIp'),
        },
        {
          name: 'VoterOtpCaptcha',
          priority: 3,
          action: props.otpCaptcha ? { captcha: {} } : { count: {} },
          statement: {
            andStatement: {
              statements: [
                {
                  byteMatchStatement: {
                    fieldToMatch: { method: {} },
                    positionalConstraint: 'EXACTLY',
                    searchString: 'POST',
                    textTransformations: [{ priority: 0, type: 'NONE' }],
                  },
                },
                {
                  byteMatchStatement: {
                    fieldToMatch: { uriPath: {} },
                    positionalConstraint: 'ENDS_WITH',
                    searchString: '/voter/otp',
                    textTransformations: lowercase,
                  },
                },
              ],
            },
          },
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
