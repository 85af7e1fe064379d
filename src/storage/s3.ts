// Receipt images in an S3 bucket, or any S3-compatible server (MinIO, Garage, R2, Ceph...).
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { Config } from '../config.ts';
import { assertValidKey, notFound, type Storage, unavailable } from './storage.ts';
import { webStreamOf } from './web-stream.ts';

export type S3Options = Omit<Extract<Config['storage'], { kind: 's3' }>, 'kind'> & {
  /** Per request; a server that does not answer in time counts as unavailable. */
  requestTimeoutMs?: number;
};

function isNotFound(error: unknown): boolean {
  if (!(error instanceof S3ServiceException)) return false;
  return error.$metadata.httpStatusCode === 404 || error.name === 'NotFound' || error.name === 'NoSuchKey';
}

export function createS3Client({
  endpoint,
  region,
  forcePathStyle,
  accessKeyId,
  secretAccessKey,
  requestTimeoutMs = 15_000,
}: S3Options): S3Client {
  return new S3Client({
    endpoint,
    region,
    forcePathStyle,
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
    maxAttempts: 3,
    requestHandler: { requestTimeout: requestTimeoutMs, connectionTimeout: Math.min(requestTimeoutMs, 5_000) },
  });
}

export function createS3Storage(options: S3Options, client = createS3Client(options)): Storage {
  const { bucket, prefix } = options;
  const objectKey = (key: string) => {
    assertValidKey(key);
    return prefix ? `${prefix}/${key}` : key;
  };
  const where = (key: string) => `s3://${bucket}/${objectKey(key)}`;

  async function getObject(key: string) {
    try {
      const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
      return response;
    } catch (error) {
      throw isNotFound(error) ? notFound(key, error) : unavailable(`reading ${where(key)}`, error);
    }
  }

  return {
    kind: 's3',
    async put(key, bytes, contentType) {
      try {
        await client.send(
          new PutObjectCommand({ Bucket: bucket, Key: objectKey(key), Body: bytes, ContentType: contentType }),
        );
      } catch (error) {
        throw unavailable(`writing ${where(key)}`, error);
      }
    },
    async get(key) {
      const response = await getObject(key);
      return Buffer.from(await response.Body!.transformToByteArray());
    },
    async stream(key) {
      const response = await getObject(key);
      return { body: webStreamOf(response.Body as Readable), size: Number(response.ContentLength ?? 0) };
    },
    async exists(key) {
      try {
        await client.send(new HeadObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw unavailable(`checking ${where(key)}`, error);
      }
    },
    async delete(key) {
      try {
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
      } catch (error) {
        throw unavailable(`deleting ${where(key)}`, error);
      }
    },
    async check() {
      try {
        await client.send(new HeadBucketCommand({ Bucket: bucket }));
      } catch (error) {
        throw unavailable(`bucket ${bucket}`, error);
      }
    },
  };
}
