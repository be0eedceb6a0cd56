/**
 * One gateway in its own process (forked by run.ts), so the tuned and the default gateway each
 * get a whole event loop and their own peak RSS, apart from the subgraphs.
 */
import { createGateway, type GatewayOptions } from '@finsam/gateway/gateway.js';
import { startDefaultGateway } from './default-gateway.js';
import { childConfig, serveBench } from './ipc.js';

export interface GatewayConfig {
  variant: 'tuned' | 'default';
  options: GatewayOptions;
}

const config = childConfig<GatewayConfig>();
process.env.LOG_LEVEL ??= 'warn';
const running = config.variant === 'tuned' ? await (await createGateway(config.options)).listen(0) : await startDefaultGateway(config.options);
serveBench(running.url, {}, running.stop);
