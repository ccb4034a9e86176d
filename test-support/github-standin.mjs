// A stand-in for GitHub's REST API on loopback, for a repository's tags: the two git-database
// endpoints the action reads, with GitHub's JSON shapes (matching-refs lists refs; a tag ref
// points at a tag object for an annotated tag, at the commit for a lightweight one; the tag
// object carries the tagger's date). Records every request with its headers.
import { createHash } from 'node:crypto'
import { createServer } from 'node:http'
/** @import { AddressInfo, Socket } from 'node:net' */
/** @import { IncomingHttpHeaders, ServerResponse } from 'node:http' */

/** @typedef {{ method: string, url: string, headers: IncomingHttpHeaders }} GithubRequest */
/** @typedef {{ name: string, commit: string, objectSha: string, time: number, annotated: boolean, message: string }} StoredTag */

/** @typedef {Awaited<ReturnType<typeof startGithubStandin>>} GithubStandin */

/** @param {string} text */
const sha1 = (text) => createHash('sha1').update(text).digest('hex')

/**
 * Options: token (requests must carry `Authorization: Bearer <token>`), owner, repo,
 * prefix (API path prefix, e.g. '/api/v3' as on GitHub Enterprise Server), pageSize (refs per
 * matching-refs page; pages are linked with `Link: <...>; rel="next"`), linkOrigin (the origin
 * the next-page links name; default this stand-in's own: another is a hostile or broken API).
 * @param {{ token?: string, owner?: string, repo?: string, prefix?: string, pageSize?: number, linkOrigin?: string }} [options]
 */
export async function startGithubStandin({
  token = 'github-test-token',
  owner = 'acme',
  repo = 'models',
  prefix = '',
  pageSize = 0,
  linkOrigin = undefined
} = {}) {
  /** @type {Map<string, StoredTag>} */
  const tags = new Map()
  /** @type {GithubRequest[]} */
  const requests = []
  /** @type {Array<{ status: number, body: unknown }>} Canned answers, used (one per request) before anything else */
  const answers = []
  const base = `${prefix}/repos/${owner}/${repo}/git/`
  let port = 0
  const origin = () => `http://127.0.0.1:${port}`

  /**
   * @param {ServerResponse} res @param {number} status @param {unknown} body
   * @param {Record<string, string>} [headers]
   */
  function send(res, status, body, headers = {}) {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
    res.end(JSON.stringify(body))
  }

  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: { ...req.headers } })
    const canned = answers.shift()
    if (canned) return send(res, canned.status, canned.body)
    if (token && req.headers.authorization !== `Bearer ${token}`) {
      return send(res, 401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401'
      })
    }
    const url = new URL(req.url ?? '/', origin())
    if (req.method !== 'GET' || !url.pathname.startsWith(base)) {
      return send(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' })
    }
    const rest = url.pathname.slice(base.length)
    if (rest.startsWith('matching-refs/tags/') || rest === 'matching-refs/tags') {
      const wanted = decodeURIComponent(rest.slice('matching-refs/tags/'.length))
      const refs = [...tags.values()]
        .filter((t) => t.name.startsWith(wanted))
        .sort((a, b) => (a.name < b.name ? -1 : 1))
        .map((t) => ({
          ref: `refs/tags/${t.name}`,
          node_id: `REF_${t.objectSha}`,
          url: `${origin()}${base}refs/tags/${encodeURIComponent(t.name)}`,
          object: {
            sha: t.objectSha,
            type: t.annotated ? 'tag' : 'commit',
            url: `${origin()}${base}${t.annotated ? 'tags' : 'commits'}/${t.objectSha}`
          }
        }))
      if (!pageSize) return send(res, 200, refs)
      const page = Number(url.searchParams.get('page') || '1')
      const slice = refs.slice((page - 1) * pageSize, page * pageSize)
      /** @type {Record<string, string>} */
      const headers = {}
      if (page * pageSize < refs.length) {
        const linked = linkOrigin ?? origin()
        headers.link = `<${linked}${url.pathname}?page=${page + 1}>; rel="next", <${linked}${url.pathname}?page=${Math.ceil(refs.length / pageSize)}>; rel="last"`
      }
      return send(res, 200, slice, headers)
    }
    const tagObject = /^tags\/([0-9a-f]{40})$/.exec(rest)
    const found = tagObject && [...tags.values()].find((t) => t.annotated && t.objectSha === tagObject[1])
    if (!found)
      return send(res, 404, {
        message: 'Not Found',
        documentation_url: 'https://docs.github.com/rest/git/tags#get-a-tag',
        status: '404'
      })
    return send(res, 200, {
      node_id: `TAG_${found.objectSha}`,
      sha: found.objectSha,
      url: `${origin()}${base}tags/${found.objectSha}`,
      tagger: {
        name: 'Registry Bot',
        email: 'bot@example.com',
        date: new Date(found.time).toISOString().replace(/\.\d{3}Z$/, 'Z')
      },
      object: { sha: found.commit, type: 'commit', url: `${origin()}${base}commits/${found.commit}` },
      tag: found.name,
      message: found.message,
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null }
    })
  })
  /** @type {Set<Socket>} */
  const sockets = new Set()
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  port = await new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(/** @type {AddressInfo} */ (server.address()).port))
  )

  return {
    port,
    requests,
    answers,
    tags,
    /** GITHUB_API_URL for this stand-in. */
    apiUrl: `${origin()}${prefix}`,
    /** A commit id from a label: `commit('c1')`. @param {string} label */
    commit: (label) => sha1(`commit ${label}`),
    /**
     * Pushes a tag; `time` is the tagger date (ms or ISO); lightweight tags have none.
     * @param {string} name
     * @param {{ commit: string, time?: number | string, annotated?: boolean, message?: string }} options
     */
    addTag(name, { commit, time = Date.now(), annotated = true, message = '' }) {
      const commitSha = /^[0-9a-f]{40}$/.test(commit) ? commit : sha1(`commit ${commit}`)
      const objectSha = annotated ? sha1(`tag ${name} ${commitSha} ${time}`) : commitSha
      tags.set(name, { name, commit: commitSha, objectSha, time: new Date(time).getTime(), annotated, message })
    },
    /** @returns {Promise<void>} */
    stop() {
      for (const s of sockets) s.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    }
  }
}
