/**
 * One gateway in its own process (forked by run.ts), so the tuned and the default gateway each
 * get a whole event loop and their own peak RSS, apart from the subgraphs.
 * Configuration comes as JSON in BENCH_GATEWAY; the URL goes back over IPC.
 */
import { createGateway, type GatewayOptions } from '@finsam/gateway/gateway.js';
import { startDefaultGateway } from './default-gateway.js';

interface Config {
  variant: 'tuned' | 'default';
  options: GatewayOptions;
}

const config = JSON.parse(process.env.BENCH_GATEWAY!) as Config;
process.env.LOG_LEVEL ??= 'warn';
const url =
  config.variant === 'tuned' ? (await (await createGateway(config.options)).listen(0)).url : (await startDefaultGateway(config.options)).url;
process.send!({ url });
process.on('message', (message) => {
  if (message === 'rss') process.send!({ maxRssKb: process.resourceUsage().maxRSS });
});
process.on('disconnect', () => process.exit(0));
