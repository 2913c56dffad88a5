import { ApiKeyEntity } from './entities/api-key.entity';
import { ConnectorEntity } from './entities/connector.entity';
import { CustomerEntity } from './entities/customer.entity';

/** Listed explicitly: glob loading breaks under bundlers and path aliases. */
export const ENTITIES = [CustomerEntity, ApiKeyEntity, ConnectorEntity];
