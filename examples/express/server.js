// `npm run example`: the example app against a local Latchkey (`npm start`: the API on :3000, its sandbox on :4010).
//   LATCHKEY_API_KEY=lk_sk_... npm run example     then open http://localhost:3100
// Needs the customer's connector set up (README quick start, steps 1 and 2).
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
// In your app: require('@latchkey/node'), and serve @latchkey/connect from your bundle.
const { Latchkey } = require('../../packages/node/dist/cjs/index.js');
const { createApp } = require('./app');

const port = Number(process.env.PORT ?? 3100);
const origin = `http://localhost:${port}`;
const apiKey = process.env.LATCHKEY_API_KEY;
if (!apiKey) {
  console.error('Set LATCHKEY_API_KEY to a secret API key of your Latchkey customer (README quick start, step 1).');
  process.exit(1);
}
const latchkey = new Latchkey({ apiKey, baseUrl: process.env.LATCHKEY_URL ?? 'http://localhost:3000' });
let webhookSecret = process.env.LATCHKEY_WEBHOOK_SECRET;

/** The popup posts its result only to allowed origins, and webhooks need an endpoint: set both up for this app. */
async function prepare() {
  const settings = await latchkey.settings.get();
  if (!settings.allowedReturnOrigins.includes(origin)) {
    await latchkey.settings.update({ allowedReturnOrigins: [...settings.allowedReturnOrigins, origin] });
  }
  if (webhookSecret) return;
  const url = `${origin}/webhooks/latchkey`;
  for (const endpoint of await latchkey.webhookEndpoints.list()) {
    if (endpoint.url === url) await latchkey.webhookEndpoints.delete(endpoint.id);
  }
  webhookSecret = (await latchkey.webhookEndpoints.create({ url, description: 'Latchkey example app' })).secret;
}

prepare().then(
  () => {
    const connectScript = readFileSync(join(__dirname, '../../packages/connect/dist/index.js'), 'utf8');
    const app = createApp({ latchkey, graphUrl: process.env.GRAPH_URL ?? 'http://127.0.0.1:4010', connectScript, webhookSecret: () => webhookSecret });
    app.listen(port, () => console.log(`Example app on ${origin}`));
  },
  (error) => {
    console.error(`Could not reach Latchkey: ${error.message}`);
    process.exit(1);
  },
);
