export * from './outlook-email.scopes';
export * from './scope-policy';
export * from './tenant-policy';
export * from './callback-url';
export * from './connector.view';
export * from './connectors.service';
export * from './connectors.module';
export * from './dto/put-outlook-email-connector.dto';
