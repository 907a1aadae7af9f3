/**
 * Read-only S3 for the hot paths: presigned GET URLs signed with SigV4 (`@smithy/signature-v4`, the
 * signer the SDK itself uses), and reading an object as a fetch of such a URL. The S3 client
 * (~150 KB bundled) stays out of the functions that only link to or read a few objects.
 * `AWS_ENDPOINT_URL_S3` (the local s3rver) is addressed path-style; otherwise virtual-hosted style
 * with the region's partition domain.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { SignatureV4 } from '@smithy/signature-v4';

type SourceData = string | ArrayBuffer | ArrayBufferView;

export interface S3Reader {
  /** A GET URL for `key`, valid for `expiresSeconds`. */
  presignGet(key: string, expiresSeconds: number): Promise<string>;
  /** The object's bytes, undefined when there is none. */
  get(key: string): Promise<Buffer | undefined>;
}

/** SHA-256 (or its HMAC with a secret) for the signer, from node's crypto. */
class Sha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', toBytes(this.secret));
  }
  update(data: Uint8Array): void {
    this.hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }
  reset(): void {
    this.hash = this.fresh();
  }
}

const toBytes = (data: SourceData): Uint8Array =>
  typeof data === 'string'
    ? Buffer.from(data, 'utf8')
    : ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);

/** RFC 3986 percent-encoding, as the SDK writes paths and query strings. */
const escapeUri = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Where `bucket` is addressed: the configured endpoint path-style, else `<bucket>.s3.<region>.<partition domain>`. */
const bucketLocation = (bucket: string, region: string, endpoint?: string) => {
  if (endpoint) {
    const url = new URL(endpoint);
    const base = url.pathname.replace(/\/$/, '');
    return {
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      prefix: `${base}/${bucket}`,
    };
  }
  const domain = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return { protocol: 'https:', hostname: `${bucket}.s3.${region}.${domain}`, port: undefined, prefix: '' };
};

export const createS3Reader = ({
  bucket,
  region = process.env.AWS_REGION ?? '',
  endpoint = process.env.AWS_ENDPOINT_URL_S3,
  credentials = fromEnv(),
  now = () => new Date(),
}: {
  bucket: string;
  region?: string;
  endpoint?: string;
  credentials?: ReturnType<typeof fromEnv>;
  now?: () => Date;
}): S3Reader => {
  const signer = new SignatureV4({ service: 's3', region, credentials, sha256: Sha256, uriEscapePath: false });
  const location = bucketLocation(bucket, region, endpoint);
  const presignGet = async (key: string, expiresSeconds: number): Promise<string> => {
    const { protocol, hostname, port, prefix } = location;
    const host = port === undefined ? hostname : `${hostname}:${port}`;
    const signed = await signer.presign(
      {
        method: 'GET',
        protocol,
        hostname,
        port,
        path: `${prefix}/${key.split('/').map(escapeUri).join('/')}`,
        // The SDK's GetObject adds `x-id`; kept so the URL is the one the SDK would sign.
        query: { 'x-id': 'GetObject' },
        headers: { host, 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD' },
      },
      { expiresIn: expiresSeconds, signingDate: now() },
    );
    const query = Object.entries(signed.query as Record<string, string>)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, value]) => `${escapeUri(name)}=${escapeUri(value)}`)
      .join('&');
    return `${protocol}//${host}${signed.path}?${query}`;
  };
  return {
    presignGet,
    async get(key) {
      const response = await fetch(await presignGet(key, 60));
      if (response.status === 404) return undefined;
      if (!response.ok) throw new Error(`S3 GET ${key} answered ${response.status}`);
      return Buffer.from(await response.arrayBuffer());
    },
  };
};
