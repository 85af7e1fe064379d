# syntax=docker/dockerfile:1
# ticket-tracker: one image for `serve` and `worker`. Node runs the TypeScript sources directly.
FROM node:24-bookworm-slim AS deps
WORKDIR /app
# .npmrc: onnxruntime-node's install script would download binaries from outside the registry; the
# package already ships the CPU runtime.
COPY package.json package-lock.json .npmrc ./
COPY scripts/prisma-generate.ts scripts/
COPY prisma ./prisma
COPY prisma.config.ts ./
# Full install generates the Prisma client; dev tools are pruned afterwards.
# onnxruntime-node ships every platform's runtime (about 290 MB): only linux-x64 stays.
RUN npm ci --no-audit --no-fund && npm prune --omit=dev --no-audit --no-fund \
    && find node_modules/onnxruntime-node/bin -mindepth 2 -maxdepth 2 -type d ! -name linux -exec rm -rf {} + \
    && find node_modules/onnxruntime-node/bin -mindepth 3 -maxdepth 3 -type d ! -name x64 -exec rm -rf {} +

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    DATA_DIR=/data \
    PORT=3000
WORKDIR /app
# Fonts for the text in query charts (SVG rendered by sharp).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system app && useradd --system --gid app --home /app app \
    && mkdir -p /data && chown app:app /data
COPY --from=deps /app/node_modules ./node_modules
COPY --from=deps /app/src/generated ./src/generated
COPY package.json ./
COPY prisma ./prisma
COPY src ./src
USER app
VOLUME ["/data"]
EXPOSE 3000
# /readyz: healthy when the database, storage and queue answer (see docs/scaling.md#health-checks).
HEALTHCHECK --interval=30s --timeout=7s --start-period=60s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "src/cli.ts"]
CMD ["serve"]
