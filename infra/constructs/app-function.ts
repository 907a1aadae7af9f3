/**
 * A Lambda function with the house defaults: a NodejsFunction on Node.js 22 arm64 (handler
 * `index.handler`), bundled locally by the project's esbuild with the settings of `bundling.ts`,
 * 512 MB, its own log group with a retention, and its own role that can only write to that log
 * group. Access to data comes only from `applyGrants` (grants.ts).
 */
import { join } from 'node:path';
import { Duration, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type BundleSettings, depsLockFilePath, nodejsBundling, projectRoot } from './bundling';

export interface AppFunctionProps {
  /** Handler module relative to the repository root; it exports `handler`. Synth fails when it does not exist. */
  entry: string;
  environment: Record<string, string>;
  /** Default 512 MB. */
  memoryMb?: number;
  /** Default 15 s (API Gateway gives up at 29 s). */
  timeout?: Duration;
  /** X-Ray active tracing; default off (the handlers do not load the Tracer). */
  tracing?: boolean;
  description?: string;
  /** Default the house settings (bundling.ts `bundleSettings`). */
  bundle?: BundleSettings;
}

export class AppFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  /**
   * The role's inline policy: grants go here rather than to a separate AWS::IAM::Policy, which
   * saves one CloudFormation resource per function (a stack holds at most 500).
   */
  readonly policy = new iam.PolicyDocument();

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.SIX_MONTHS });
    // Own role instead of the default one: the default attaches the AWS managed
    // AWSLambdaBasicExecutionRole, which may write to every log group in the account.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      inlinePolicies: { Access: this.policy },
    });
    this.allow(['logs:CreateLogStream', 'logs:PutLogEvents'], [logGroup.logGroupArn]);

    // NodejsFunction refuses an entry that does not exist ("Cannot find entry file"), even when bundling is skipped.
    this.function = new NodejsFunction(this, 'Function', {
      entry: join(projectRoot, props.entry),
      projectRoot,
      depsLockFilePath,
      bundling: nodejsBundling(props.bundle),
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memoryMb ?? 512,
      timeout: props.timeout ?? Duration.seconds(15),
      role: this.role,
      logGroup,
      tracing: props.tracing ? lambda.Tracing.ACTIVE : lambda.Tracing.DISABLED,
      description: props.description,
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
    });

    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 is the runtime the project targets and tests against (middy 6, Powertools 2, the pinned SDK); moving to a newer runtime is a deliberate one-line change in this construct once the suite runs on it.',
    });
    if (props.tracing) {
      Validations.of(this).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level permissions: AWS requires Resource "*".',
      });
    }
  }

  /** Allows the actions on the resources, and nothing else, in the function's inline policy. */
  allow(actions: string[], resources: string[]): void {
    this.policy.addStatements(new iam.PolicyStatement({ actions, resources }));
  }
}
