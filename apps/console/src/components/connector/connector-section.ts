import type { FieldErrors } from '../../lib/field-errors';
import type { ConnectorForm } from '../../lib/connector-form';

/** Sets one form field. */
export type SetConnectorField = <K extends keyof ConnectorForm>(key: K, value: ConnectorForm[K]) => void;

/** What every section of the connector form gets: the form, its setter and the API's field errors. */
export interface ConnectorSectionProps {
  form: ConnectorForm;
  set: SetConnectorField;
  fields: FieldErrors;
}
