# One image for both processes and every CLI: the API (default command), the projector
# (`node --enable-source-maps dist/apps/projector/src/main.js`) and, with `docker compose run --rm api …`,
#   node dist/apps/api/src/cli/seed.js --scenarios
#   node dist/apps/api/src/cli/token.js --role supervisor --municipality GM0299
#   node dist/apps/projector/src/cli/rebuild-projections.js
#   node dist/apps/projector/src/cli/parked-events.js
#   node dist/apps/api/src/cli/verify-processing-log.js
# Node 24 LTS; the minor is pinned (and .nvmrc and .ci/run follow it): a new one is a commit, tested like any change.
ARG NODE_IMAGE=node:24.22-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts/build.js scripts/build.js
COPY apps apps
COPY libs libs
COPY seeds seeds
# SWC strips the types (seconds); the types are checked by `npm run typecheck` in CI, not here.
RUN npm run build

# Only the runtime dependencies, installed apart from the build's node_modules, so no dev tool reaches the image.
FROM ${NODE_IMAGE} AS runtime-dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE}
WORKDIR /app
ENV NODE_ENV=production
COPY package.json ./
COPY --from=runtime-dependencies /app/node_modules node_modules
# The compiled apps, libs and seeds (the seed CLI's scenarios are code: dist/seeds).
COPY --from=build /app/dist dist
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
CMD ["node", "--enable-source-maps", "dist/apps/api/src/main.js"]
