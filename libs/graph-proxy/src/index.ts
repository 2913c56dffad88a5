export * from './graph-proxy.module';
export * from './graph-proxy.service';
export * from './graph-calls.log';
export * from './graph-call.view';
export * from './graph-call.view.dto';
