import type { EmulatorState } from './state';

export interface EmulatorContext {
  state: EmulatorState;
  /** Base URL used in issuer, discovery and error_uri (no trailing slash). */
  publicUrl(): string;
  /** Enables the non-HTML consent shortcut (emulator_user / emulator_decision). */
  testMode: boolean;
  /** Enables /_emulator/* (test and sandbox modes). */
  controlApi: boolean;
}
