// Real storage servers for the integration tier, all on loopback, started and stopped by the
// tests: s3rver (S3 API) with URLs presigned by the AWS SDK v3, Azurite (the Azure Storage
// emulator) with SAS URLs from @azure/storage-blob, and an https static file server
// (serve-static) with a self-signed certificate the action trusts via NODE_EXTRA_CA_CERTS.
// Each puts objects at the keys given and signs URLs for them; requests pass a recorder.
import { spawn, execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs'
import { createServer as createHttpsServer } from 'node:https'
import { createServer as createNetServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'
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
import { startRecorder } from './recorder.mjs'

const BUCKET = 'dvc-remote'

/** S3 via s3rver; objects: { key: Buffer }. */
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
  return {
    kind: 's3',
    recorder,
    pathOf: (key) => `/${BUCKET}/${key}`,
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

function freePort() {
  return new Promise((resolve) => {
    const s = createNetServer()
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })
}

const AZURITE = join(dirname(createRequire(import.meta.url).resolve('azurite/package.json')), 'dist/src/blob/main.js')
const ACCOUNT = 'devstoreaccount1'
// Azurite's documented, public development key.
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

/** Azure Blob via Azurite (a child process, in memory, telemetry off); objects: { key: Buffer }. */
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
  return {
    kind: 'azure',
    recorder,
    pathOf: (key) => `/${ACCOUNT}/${BUCKET}/${key}`,
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
 * that the server enforces, like a presigned http remote. Records requests, cuts on demand.
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
  const requests = []
  const cuts = new Map()
  const holds = new Map()
  const server = createHttpsServer({ key: readFileSync(keyFile), cert: readFileSync(caFile) }, async (req, res) => {
    const path = req.url.split('?')[0]
    const record = { method: req.method, url: req.url, path, headers: { ...req.headers }, status: 0 }
    requests.push(record)
    const hold = holds.get(path)
    if (hold !== undefined) {
      holds.delete(path)
      await new Promise((r) => setTimeout(r, hold))
    }
    res.on('finish', () => (record.status = res.statusCode))
    const expires = new URL(req.url, 'https://x').searchParams.get('Expires')
    if (expires && Number(expires) * 1000 <= Date.now()) {
      record.status = 403
      res.writeHead(403, { 'content-type': 'application/xml' })
      return res.end('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>')
    }
    const cut = cuts.get(path)
    if (cut !== undefined) {
      cuts.delete(path)
      // Let serve-static answer, then drop the connection part-way through the body.
      const write = res.write.bind(res)
      let sent = 0
      res.write = (chunk, ...rest) => {
        const limit = Math.floor(Number(res.getHeader('content-length')) * cut)
        if (sent >= limit) return true
        const part = Buffer.from(chunk).subarray(0, limit - sent)
        sent += part.length
        write(part, ...rest)
        if (sent >= limit) {
          record.cutAt = sent
          record.status = res.statusCode
          setTimeout(() => req.socket.destroy(), 20)
        }
        return true
      }
    }
    req.url = path
    serve(req, res, () => {
      res.writeHead(404)
      res.end('not found')
    })
  })
  const sockets = new Set()
  server.on('secureConnection', (s) => sockets.add(s))
  const port = await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)))
  return {
    kind: 'https',
    caFile,
    recorder: {
      requests,
      cutOnce: (path, fraction) => cuts.set(path, fraction),
      holdOnce: (path, ms) => holds.set(path, ms)
    },
    pathOf: (key) => `/${BUCKET}/${key}`,
    sign: async (key, seconds = 3600) =>
      `https://localhost:${port}/${BUCKET}/${key}?Expires=${Math.floor(Date.now() / 1000) + seconds}`,
    stop: async () => {
      for (const s of sockets) s.destroy()
      await new Promise((r) => server.close(() => r()))
      rmSync(root, { recursive: true, force: true })
    }
  }
}
