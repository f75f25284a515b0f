# syntax=docker/dockerfile:1
#
# The hosted deck (`npm run serve`) in a container: the built deck, its PDF
# for the download button, and the sync server bundled into one file.
#
#   docker build -t deck .                          # for http://host:PORT/
#   docker build -t deck --build-arg BASE=/talk/ .  # for http://host:PORT/talk/
#   docker run --rm -p 3030:3030 -e DECK_SECRET='a-long-secret-of-yours' deck
#
# Audience: http://localhost:3030/ from this machine, http://<its address>:3030/
# from phones on the network (with BASE, add the path: /talk/).
# Presenter: open http://localhost:PORT/presenter/1 (PORT: the published one,
# 3030 above; with BASE, /talk/presenter/1) and type the secret.
# The links the server prints at start are the container's view: its own
# network address and port 3030, not what -p publishes. The presenter link it
# prints carries the secret (#secret=...), from DECK_SECRET or, without it, a
# new one generated at each start; so whoever reads `docker logs` can drive.
# DECK_SECRET must be at least 12 characters.

# ---- build: dist/, the PDFs (the slides PDF copied into dist/), serve.mjs ----
FROM node:22-bookworm-slim AS build

# Debian's Chromium for `npm run export`. The deck brings its own fonts
# (@fontsource Inter and Fira Code); fonts-liberation is Chromium's usual
# fallback (it would come as a recommend) so fontconfig has fonts to work with.
RUN apt-get update \
  && apt-get install -y --no-install-recommends chromium fonts-liberation \
  && rm -rf /var/lib/apt/lists/*

# scripts/lib/chromium.ts takes CHROMIUM_PATH first; no Playwright browser download.
ENV PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
    CHROMIUM_PATH=/usr/bin/chromium

WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY . .

# The deck for its base path (BASE=/talk/ to host it at /talk/), then the PDFs
# into exports/, the slides PDF copied into dist/ for the download button.
# The export prints the handout from dist/ served at the same BASE.
ARG BASE=/
ENV BASE=${BASE}
RUN npm run build && npm run export

# The server and its dependencies (ws, uqr) in one ES module.
RUN npm run build:server -- --outfile=/out/serve.mjs

# ---- runtime: node, the built deck and one server file ----
FROM node:22-alpine AS runtime

ARG BASE=/
ENV NODE_ENV=production \
    BASE=${BASE}

WORKDIR /app
# Left owned by root: the server (user node) reads them and cannot change them.
COPY --from=build /app/dist ./dist
COPY --from=build /out/serve.mjs ./serve.mjs

USER node
EXPOSE 3030

# /healthz is outside any base path; node's own fetch, so no curl or wget.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3030/healthz', { signal: AbortSignal.timeout(4000) }).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# The server handles SIGTERM (docker stop): it closes the sync connections
# with "going away" (decks reconnect) and exits 0.
CMD ["node", "serve.mjs", "--host", "0.0.0.0", "--port", "3030", "--dir", "dist"]
