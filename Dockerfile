# One image per service, built by Nx into dist/ and run from there (no TypeScript at run time):
#
#   docker build --build-arg SERVICE=ingestion -t dx-monitoring/ingestion .
#
# SERVICE: ingestion | computation | reporting | notification | demo (any app with a `build` target).
# docker-compose.yml builds all of them. The build stage compiles every app at once, so the five images
# share that layer; each runtime stage holds one app's bundle and only its production dependencies.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /workspace
COPY package.json package-lock.json ./
# no install scripts: nothing the build needs runs one (esbuild and nx find their platform binaries)
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN NX_DAEMON=false NX_TUI=false NX_NO_CLOUD=true npx nx run-many -t build --outputStyle=static

FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
RUN test -n "${SERVICE}" || { echo 'build with --build-arg SERVICE=<ingestion|computation|reporting|notification|demo>' >&2; exit 1; }
ENV NODE_ENV=production DX_SERVICE=${SERVICE} KAFKAJS_NO_PARTITIONER_WARNING=1
WORKDIR /app
# package.json and the pruned lock file that Nx generated for this app: its npm dependencies only
COPY --from=build /workspace/dist/apps/${SERVICE}/package.json /workspace/dist/apps/${SERVICE}/package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force >/dev/null 2>&1
COPY --from=build /workspace/dist/apps/${SERVICE}/ ./
COPY tools/containers/healthcheck.cjs tools/scripts/services.cjs ./
USER node
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=6 CMD ["node", "healthcheck.cjs"]
CMD ["node", "--enable-source-maps", "main.cjs"]
