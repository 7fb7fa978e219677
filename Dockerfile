# syntax=docker/dockerfile:1
# The OTL companion server as an image: built in one stage, run from a slim one as a non-root user,
# its data (SQLite database and key file) on a volume, its liveness checked on /healthz.
#   docker build -t otl-server .
#   docker run -p 8787:8787 -v otl-data:/data -e OTL_API_KEY=… -e OTL_PUBLIC_URL=https://… otl-server
# With PostgreSQL, see compose.yaml.

FROM node:24-bookworm-slim AS build
WORKDIR /src
# pnpm at the version package.json pins (packageManager), through corepack.
RUN corepack enable
COPY . .
RUN pnpm install --frozen-lockfile \
  && pnpm --filter "@otl/server..." build \
  && pnpm --filter @otl/server deploy --prod --legacy /app

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    OTL_HOST=0.0.0.0 \
    OTL_PORT=8787 \
    OTL_DATA_DIR=/data \
    OTL_LOG_FORMAT=json
COPY --from=build /app /app
# The image's own unprivileged user owns the data volume; nothing runs as root.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 8787
# Node itself probes, so the image needs no curl; OTL_PORT may be changed at run time.
HEALTHCHECK --interval=10s --timeout=3s --start-period=15s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.OTL_PORT||8787)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# node is PID 1 and handles SIGTERM itself: `docker stop` lets requests in flight finish (up to 10 s).
ENTRYPOINT ["node", "/app/dist/bin.js"]
