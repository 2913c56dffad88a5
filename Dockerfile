# One image for the api, worker, migrate and sandbox services; docker-compose.yml picks the command.
# Node.js 26 (the Active LTS line engines.node names) comes with the image. The node-linux-* packages that give
# `npm run` the same Node on machines without it are optional dependencies: the build stage may use them, the
# runtime stage leaves them out (other optional packages, such as msgpackr's native parser, stay).
FROM node:26-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
COPY migrations ./migrations
RUN npm run build && npm prune --omit=dev && rm -rf node_modules/node-linux-* node_modules/.bin/node

FROM node:26-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The image's own unprivileged user; the app only reads its files.
USER node
# The API listens on 3000; the worker serves /metrics and its health on WORKER_METRICS_PORT (9464).
EXPOSE 3000 9464
CMD ["node", "dist/apps/api/apps/api/src/main.js"]
