export * from './webhook-url-policy';
export * from './webhook-endpoint.input';
export * from './webhook-endpoint.view';
export * from './webhook-endpoints.repository';
export * from './webhook-endpoints.service';
export * from './webhook-endpoints.module';
export * from './webhook-endpoint.dto';
export * from './webhook-endpoint.view.dto';
