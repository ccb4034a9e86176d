// Real storage servers for the integration tier, all on loopback, started and stopped by the
// tests: s3rver (S3 API) with URLs presigned by the AWS SDK v3, Azurite (the Azure Storage
// emulator) with SAS URLs from @azure/storage-blob, and an https static file server
// (serve-static) with a self-signed certificate the action trusts via NODE_EXTRA_CA_CERTS.
// Each puts objects at the keys given and signs URLs for them; requests are recorded, and faults
// from test-support/faults.mjs are applied to them.
import { spawn, execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs'
import { createServer as createHttpsServer } from 'node:https'
import { createServer as createNetServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'
// @ts-expect-error s3rver ships no types
import S3rver from 's3rver'
import { S3Client, CreateBucketCommand, PutObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import {
  BlobServiceClient,
  StorageSharedKeyCredential,
  generateBlobSASQueryParameters,
  BlobSASPermissions
} from '@azure/storage-blob'
import serveStatic from 'serve-static'
import { FaultQueue, cutBody, cutsBody, sleep } from './faults.mjs'
import { startRecorder } from './recorder.mjs'
/** @import { AddressInfo, Socket } from 'node:net' */
/** @import { Fault } from './faults.mjs' */
/** @import { RecordedExchange } from './recorder.mjs' */

/**
 * A storage service with objects in it.
 * @typedef {object} StorageBackend
 * @property {'s3' | 'azure' | 'https'} kind
 * @property {string} [caFile] the certificate to trust (NODE_EXTRA_CA_CERTS)
 * @property {RecordedExchange[]} requests every request that reached it, in order
 * @property {(key: string, ...faults: Fault[]) => void} inject queues faults for the next requests of an object
 * @property {(key: string) => string} pathOf the request path of an object
 * @property {(key: string, seconds?: number) => Promise<string>} sign a URL for an object, valid for `seconds`
 * @property {() => Promise<void>} stop
 */

const BUCKET = 'dvc-remote'

/**
 * S3 via s3rver.
 * @param {Record<string, Buffer>} objects key -> bytes
 * @returns {Promise<StorageBackend>}
 */
export async function startS3(objects) {
  const directory = mkdtempSync(join(tmpdir(), 's3rver-'))
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory })
  const { port } = await server.run()
  const client = new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }
  })
  await client.send(new CreateBucketCommand({ Bucket: BUCKET }))
  for (const [key, body] of Object.entries(objects))
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }))
  const recorder = await startRecorder(port)
  /** @param {string} key */
  const pathOf = (key) => `/${BUCKET}/${key}`
  return {
    kind: 's3',
    requests: recorder.requests,
    inject: (key, ...faults) => recorder.inject(pathOf(key), ...faults),
    pathOf,
    sign: async (key, seconds = 3600) =>
      recorder.route(
        await getSignedUrl(client, new GetObjectCommand({ Bucket: BUCKET, Key: key }), { expiresIn: seconds })
      ),
    stop: async () => {
      client.destroy()
      await recorder.stop()
      await server.close()
      rmSync(directory, { recursive: true, force: true })
    }
  }
}

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve) => {
    const s = createNetServer()
    s.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {AddressInfo} */ (s.address())
      s.close(() => resolve(port))
    })
  })
}

const AZURITE = join(dirname(createRequire(import.meta.url).resolve('azurite/package.json')), 'dist/src/blob/main.js')
const ACCOUNT = 'devstoreaccount1'
// Azurite's documented, public development key.
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

/**
 * Azure Blob beside the other services: its container, and SAS URLs of any permissions.
 * @typedef {StorageBackend & {
 *   container: import('@azure/storage-blob').ContainerClient,
 *   signWith: (key: string, permissions: string, seconds?: number) => Promise<string>
 * }} AzureBackend
 */

/**
 * Azure Blob via Azurite (a child process, in memory, telemetry off).
 * @param {Record<string, Buffer>} objects key -> bytes
 * @returns {Promise<AzureBackend>}
 */
export async function startAzure(objects) {
  const port = await freePort()
  const child = spawn(
    process.execPath,
    [
      AZURITE,
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      String(port),
      '--inMemoryPersistence',
      '--silent',
      '--disableTelemetry',
      '--skipApiVersionCheck'
    ],
    { stdio: 'ignore' }
  )
  const exited = new Promise((resolve) => child.on('exit', resolve))
  for (let i = 0; ; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/${ACCOUNT}?comp=list`)
      break
    } catch (error) {
      if (i > 300) throw new Error(`Azurite did not start: ${error}`)
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  const credential = new StorageSharedKeyCredential(ACCOUNT, ACCOUNT_KEY)
  const container = new BlobServiceClient(`http://127.0.0.1:${port}/${ACCOUNT}`, credential).getContainerClient(BUCKET)
  await container.create()
  for (const [key, body] of Object.entries(objects)) await container.getBlockBlobClient(key).uploadData(body)
  const recorder = await startRecorder(port)
  /** @param {string} key */
  const pathOf = (key) => `/${ACCOUNT}/${BUCKET}/${key}`
  return {
    kind: 'azure',
    requests: recorder.requests,
    inject: (key, ...faults) => recorder.inject(pathOf(key), ...faults),
    pathOf,
    container,
    sign: (key, seconds = 3600) => signAzure(key, 'r', seconds),
    /** A SAS URL with other permissions (e.g. 'cw' to upload), through the recorder. */
    signWith: (key, permissions, seconds = 3600) => signAzure(key, permissions, seconds),
    stop: async () => {
      await recorder.stop()
      child.kill()
      await exited
    }
  }
  /** @param {string} key @param {string} permissions @param {number} seconds */
  async function signAzure(key, permissions, seconds) {
    const sas = generateBlobSASQueryParameters(
      {
        containerName: BUCKET,
        blobName: key,
        permissions: BlobSASPermissions.parse(permissions),
        startsOn: new Date(Date.now() - 5 * 60_000),
        expiresOn: new Date(Date.now() + seconds * 1000)
      },
      credential
    ).toString()
    return recorder.route(`${container.getBlockBlobClient(key).url}?${sas}`)
  }
}

/**
 * Plain https remote: serve-static over a folder, TLS with a fresh self-signed certificate
 * (its path is `caFile`, for NODE_EXTRA_CA_CERTS). URLs carry an `Expires` (epoch seconds)
 * that the server enforces, like a presigned http remote.
 * @param {Record<string, Buffer>} objects key -> bytes
 * @returns {Promise<StorageBackend>}
 */
export async function startHttps(objects) {
  const root = mkdtempSync(join(tmpdir(), 'https-remote-'))
  const keyFile = join(root, 'key.pem')
  const caFile = join(root, 'cert.pem')
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      caFile,
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1'
    ],
    { stdio: 'ignore' }
  )
  const files = join(root, 'files')
  for (const [key, body] of Object.entries(objects)) {
    mkdirSync(dirname(join(files, BUCKET, key)), { recursive: true })
    writeFileSync(join(files, BUCKET, key), body)
  }
  const serve = serveStatic(files, { dotfiles: 'deny', index: false })
  /** @type {RecordedExchange[]} */
  const requests = []
  const faults = new FaultQueue()
  const server = createHttpsServer({ key: readFileSync(keyFile), cert: readFileSync(caFile) }, async (req, res) => {
    const url = req.url ?? '/'
    const path = url.split('?')[0]
    /** @type {RecordedExchange} */
    const record = { method: req.method ?? 'GET', url, path, headers: { ...req.headers }, status: 0 }
    requests.push(record)
    const fault = faults.take(path)
    if (fault.holdMs) await sleep(fault.holdMs)
    res.on('finish', () => (record.status = res.statusCode))
    const expires = new URL(url, 'https://x').searchParams.get('Expires')
    if (expires && Number(expires) * 1000 <= Date.now()) {
      record.status = 403
      res.writeHead(403, { 'content-type': 'application/xml' })
      res.end('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>')
      return
    }
    if (fault.status) {
      res.writeHead(fault.status, fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {})
      res.end(fault.body ?? `status ${fault.status}`)
      return
    }
    if (cutsBody(fault)) {
      // serve-static sets the status and Content-Length before the first write.
      cutBody(req, res, fault, {
        onCut: (sent) => {
          record.cutAt = sent
          record.status = res.statusCode
        }
      })
    }
    req.url = path
    serve(req, res, () => {
      res.writeHead(404)
      res.end('not found')
    })
  })
  /** @type {Set<Socket>} */
  const sockets = new Set()
  server.on('secureConnection', (s) => sockets.add(s))
  /** @type {number} */
  const port = await new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(/** @type {AddressInfo} */ (server.address()).port))
  )
  /** @param {string} key */
  const pathOf = (key) => `/${BUCKET}/${key}`
  return {
    kind: 'https',
    caFile,
    requests,
    inject: (key, ...queued) => faults.add(pathOf(key), ...queued),
    pathOf,
    sign: async (key, seconds = 3600) =>
      `https://localhost:${port}/${BUCKET}/${key}?Expires=${Math.floor(Date.now() / 1000) + seconds}`,
    stop: async () => {
      for (const s of sockets) s.destroy()
      await new Promise((resolve) => server.close(() => resolve(undefined)))
      rmSync(root, { recursive: true, force: true })
    }
  }
}
