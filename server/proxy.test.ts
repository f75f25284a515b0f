import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import { clientAddress, isHttps, originAllowed, parsePublicOrigin } from './proxy'

function request(headers: Record<string, string>, remoteAddress = '10.0.0.2'): IncomingMessage {
  return { headers: Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value])), socket: { remoteAddress } } as unknown as IncomingMessage
}

describe('a reverse proxy in front', () => {
  const viaProxy = request({ 'Host': '127.0.0.1:3030', 'X-Forwarded-For': '198.51.100.9, 192.0.2.7', 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'talk.example.com' })

  it('is believed only with trustProxy, and then only for its own (last) entry', () => {
    expect(clientAddress(viaProxy, { trustProxy: true })).toBe('192.0.2.7')
    expect(clientAddress(viaProxy, {})).toBe('10.0.0.2')
    expect(clientAddress(request({}), { trustProxy: true })).toBe('10.0.0.2')
    // With the client's port, as some proxies send it: the address alone.
    expect(clientAddress(request({ 'X-Forwarded-For': '198.51.100.7:40000' }), { trustProxy: true })).toBe('198.51.100.7')
    expect(clientAddress(request({ 'X-Forwarded-For': '[2001:db8::1]:40000' }), { trustProxy: true })).toBe('2001:db8::1')
    // A header that is no address (here bytes Node reads as Latin-1) counts as the proxy's own: one budget, and nothing of it in the log.
    expect(clientAddress(request({ 'X-Forwarded-For': 'fake\u00E2\u0080\u00A8[sync] presenter joined' }), { trustProxy: true })).toBe('10.0.0.2')
    expect(clientAddress(request({ 'X-Forwarded-For': 'unknown' }), { trustProxy: true })).toBe('10.0.0.2')
    expect(isHttps(viaProxy, { trustProxy: true })).toBe(true)
    expect(isHttps(viaProxy, {})).toBe(false)
    expect(originAllowed('https://talk.example.com', viaProxy, { trustProxy: true })).toBe(true)
    expect(originAllowed('https://talk.example.com', viaProxy, {})).toBe(false)
    expect(originAllowed('http://127.0.0.1:3030', viaProxy, {})).toBe(true)
  })

  it('with a public origin, only that origin may open the channel, and it decides HTTPS', () => {
    const options = { publicOrigin: parsePublicOrigin('https://talk.example.com/') }
    expect(options.publicOrigin).toBe('https://talk.example.com')
    expect(originAllowed('https://talk.example.com', viaProxy, options)).toBe(true)
    expect(originAllowed('http://talk.example.com', viaProxy, options)).toBe(false)
    expect(originAllowed('https://talk.example.com.evil.example', viaProxy, options)).toBe(false)
    expect(originAllowed('null', viaProxy, options)).toBe(false)
    expect(isHttps(request({}), options)).toBe(true)
    expect(isHttps(request({}), { publicOrigin: 'http://talk.example.com' })).toBe(false)
  })

  it('refuses a public origin that is not just a scheme and a host', () => {
    for (const bad of ['talk.example.com', 'ftp://talk.example.com', 'https://talk.example.com/talk/', 'https://user@talk.example.com', 'https://talk.example.com/?x'])
      expect(() => parsePublicOrigin(bad), bad).toThrow('scheme and host')
  })
})
