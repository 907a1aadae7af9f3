/**
 * Lambda gives a function its role's credentials in the environment (AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN). The SDK's default chain also carries SSO, INI files,
 * web identity, container and instance metadata providers (about 90 KB, with the nested STS and SSO
 * clients) that never run there. Deployed bundles alias `@aws-sdk/credential-provider-node` to this
 * module (infra/constructs/bundling.ts); the local system runs the sources, with the full chain.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = (init?: Parameters<typeof fromEnv>[0]) => fromEnv(init);
