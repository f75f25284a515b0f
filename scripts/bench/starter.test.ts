import { spawnSync } from 'node:child_process'
import { existsSync, lstatSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import process from 'node:process'
import { afterAll, describe, expect, it } from 'vitest'
import { loadDeck } from '../lib/deck'
import { HOST_RULES, prepareStarter, TEMPLATE, TYPESCRIPT_HOOK, writeChromiumWrapper } from './starter'

const MODULES = resolve('node_modules')

describe('the starter deck', () => {
  const temp = mkdtempSync(join(tmpdir(), 'bench-starter-'))
  afterAll(() => rmSync(temp, { recursive: true, force: true }))

  it('is the create-slidev template with its .gitignore, this repository\'s packages linked one by one, and a Vite config allowing them', async () => {
    const folder = prepareStarter(join(temp, 'starter'), MODULES)
    expect(readFileSync(join(folder, 'slides.md'), 'utf8')).toBe(readFileSync(join(TEMPLATE, 'slides.md'), 'utf8'))
    expect(existsSync(join(folder, '.gitignore'))).toBe(true)
    expect(existsSync(join(folder, '_gitignore'))).toBe(false)
    expect(lstatSync(join(folder, 'node_modules')).isSymbolicLink()).toBe(false)
    expect(lstatSync(join(folder, 'node_modules', '@slidev')).isSymbolicLink()).toBe(true)
    expect(realpathSync(join(folder, 'node_modules', '@slidev', 'cli'))).toBe(realpathSync(join(MODULES, '@slidev', 'cli')))
    for (const cache of ['.vite', '.cache'])
      expect(existsSync(join(folder, 'node_modules', cache))).toBe(false)
    const config = (await import(join(folder, 'vite.config.mjs'))) as { default: { server: { fs: { allow: string[] } } } }
    expect(config.default.server.fs.allow).toEqual([folder, MODULES])
    expect((await loadDeck(folder)).slides.length).toBeGreaterThan(3)
  }, 60_000)

  it('gets TypeScript 6 through the hook, for import and require, where this repository has 5.9', () => {
    const probe = join(temp, 'probe.mjs')
    writeFileSync(probe, 'import { createRequire } from "node:module"\nimport ts from "typescript"\nconsole.log(ts.version, createRequire(import.meta.url)("typescript").version)\n')
    const hooked = spawnSync(process.execPath, ['--import', TYPESCRIPT_HOOK, probe], { encoding: 'utf8' })
    expect(hooked.stderr).toBe('')
    expect(hooked.stdout).toMatch(/^6\.\d+\.\d+ 6\.\d+\.\d+\n$/)
    const plain = spawnSync(process.execPath, ['-p', 'require("typescript").version'], { encoding: 'utf8' })
    expect(plain.stdout).toMatch(/^5\./)
  }, 60_000)
})

describe('the Chromium wrapper', () => {
  const temp = mkdtempSync(join(tmpdir(), 'bench-wrapper-'))
  afterAll(() => rmSync(temp, { recursive: true, force: true }))

  it('runs the browser with the host rules before the arguments slidev export passes', () => {
    const browser = join(temp, 'browser with space')
    writeFileSync(browser, '#!/bin/sh\nfor arg in "$@"; do echo "$arg"; done\n', { mode: 0o755 })
    const wrapper = writeChromiumWrapper(join(temp, 'chromium'), browser)
    const run = spawnSync(wrapper, ['--headless', 'about:blank'], { encoding: 'utf8' })
    expect(run.stdout.split('\n').filter(Boolean)).toEqual([HOST_RULES, '--headless', 'about:blank'])
  })
})
