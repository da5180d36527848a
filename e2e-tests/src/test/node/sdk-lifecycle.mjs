// A function's whole life through Scaleway's official JS SDK, against a running Stratus platform, as a user
// pointing the SDK at Stratus with a project id of their own would live it.
// Inputs (env): STRATUS_API_URL, STRATUS_GATEWAY_URL, STRATUS_SECRET_KEY, STRATUS_PROJECT_ID,
// STRATUS_ZIP (path of a code zip whose handler.handle answers "hello from <GREETING>").
// Prints one JSON line with what it observed; an SDK error or a missed deadline exits non-zero.
import { readFileSync } from 'node:fs'
import { request } from 'node:http'
import { createClient, Errors } from '@scaleway/sdk-client'
import { Functionv1beta1 } from '@scaleway/sdk-function'

const client = createClient({
  apiURL: process.env.STRATUS_API_URL,
  accessKey: 'SCWXXXXXXXXXXXXXXXXX',
  secretKey: process.env.STRATUS_SECRET_KEY,
  defaultProjectId: process.env.STRATUS_PROJECT_ID,
  defaultRegion: 'fr-par',
})
const api = new Functionv1beta1.API(client)
const quickly = { timeout: 120, minDelay: 1, maxDelay: 1 } // the SDK waits at least 1 s between probes
const seen = {}
const log = (...words) => console.error(new Date().toISOString(), ...words)

// a call through the gateway, addressed by Host header (fetch will not send a Host header of our choosing)
function call(domain, token) {
  const gateway = new URL(process.env.STRATUS_GATEWAY_URL)
  const headers = { host: domain }
  if (token) headers['x-auth-token'] = token
  return new Promise((resolve, reject) => {
    const req = request({ host: gateway.hostname, port: gateway.port, path: '/', method: 'GET', headers }, res => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', chunk => { body += chunk })
      res.on('end', () => resolve({ status: res.statusCode, body }))
    })
    req.setTimeout(60_000, () => req.destroy(new Error(`no answer from ${domain} in 60 s`)))
    req.on('error', reject)
    req.end()
  })
}

// Stratus's own record of a function's calls (not part of Scaleway's API, so not in the SDK)
async function invocations(functionId) {
  const url = `${process.env.STRATUS_API_URL}/functions/v1beta1/regions/fr-par/functions/${functionId}/invocations`
  const res = await fetch(url, { headers: { 'X-Auth-Token': process.env.STRATUS_SECRET_KEY } })
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${await res.text()}`)
  return (await res.json()).invocations
}

async function until(what, probe, seconds) {
  const deadline = Date.now() + seconds * 1000
  for (;;) {
    const value = await probe()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${seconds} s`)
    await new Promise(resolve => setTimeout(resolve, 250)) // pacing between probes of a polled condition
  }
}

const ns = await api.createNamespace({
  name: `sdk-e2e-${Math.random().toString(36).slice(2, 8)}`,
  environmentVariables: { GREETING: 'the sdk' },
})
seen.namespaceProject = ns.projectId
seen.namespaceStatus = (await api.waitForNamespace({ namespaceId: ns.id }, quickly)).status
log('namespace', ns.id, 'in project', ns.projectId)

const fn = await api.createFunction({ namespaceId: ns.id, name: 'hello', runtime: 'node22', privacy: 'public' })
const zip = readFileSync(process.env.STRATUS_ZIP)
const upload = await api.getFunctionUploadURL({ functionId: fn.id, contentLength: zip.length })
const put = await fetch(upload.url, {
  method: 'PUT', body: zip, headers: { 'Content-Type': 'application/octet-stream' },
})
seen.uploadStatus = put.status
await api.deployFunction({ functionId: fn.id })
const ready = await api.waitForFunction({ functionId: fn.id }, quickly)
seen.deployedStatus = ready.status
seen.domainName = ready.domainName
log('function', fn.id, ready.status, 'at', ready.domainName)

// the cron first: its first tick is up to a minute away, and the steps below run meanwhile
const cron = await api.createCron({
  functionId: fn.id, schedule: '* * * * *', args: { from: 'sdk cron' }, name: 'every-minute',
})
seen.cronStatus = (await api.waitForCron({ cronId: cron.id }, quickly)).status
log('cron', cron.id, seen.cronStatus)

const publicCall = await call(ready.domainName)
seen.publicCall = publicCall

const updated = await api.updateFunction({ functionId: fn.id, privacy: 'private' })
seen.updatedPrivacy = updated.privacy
const privateFn = await api.waitForFunction({ functionId: fn.id }, quickly)
seen.privateStatus = privateFn.status
// the gateway learns of the change through the platform's events: poll until it refuses
seen.withoutToken = await until('the gateway refusing calls without a token', async () => {
  const answer = await call(privateFn.domainName)
  return answer.status === 403 ? answer.status : undefined
}, 30)
const token = await api.createToken({
  functionId: fn.id, description: 'e2e', expiresAt: new Date(Date.now() + 3600_000),
})
seen.tokenStatus = (await api.waitForToken({ tokenId: token.id }, quickly)).status
seen.withToken = await call(privateFn.domainName, token.token)
log('private calls', seen.withoutToken, seen.withToken.status)

const fromCron = await until('a cron call', async () => {
  return (await invocations(fn.id)).find(i => i.source === 'cron')
}, 90)
seen.cronCall = { source: fromCron.source, status: fromCron.status }
log('cron call', JSON.stringify(fromCron))

seen.deletedCron = (await api.deleteCron({ cronId: cron.id })).status
seen.deletedFunction = (await api.deleteFunction({ functionId: fn.id })).status
await until('the function gone', async () => {
  try {
    await api.getFunction({ functionId: fn.id })
    return false
  } catch (e) {
    if (e instanceof Errors.ResourceNotFoundError) return true
    throw e
  }
}, 60)
seen.deletedNamespace = (await api.deleteNamespace({ namespaceId: ns.id })).status
seen.namespaceGone = await until('the namespace gone', async () => {
  try {
    await api.getNamespace({ namespaceId: ns.id })
    return false
  } catch (e) {
    if (e instanceof Errors.ResourceNotFoundError) return true
    throw e
  }
}, 60)

console.log(JSON.stringify(seen))
