export * from './refresh-outcome';
export { isDue } from './refresh-policy';
export * from './token-refresher.service';
export * from './credential-check.service';
export * from './token.service';
export * from './token-answer.response';
export * from './read-tracker.service';
export * from './refresh-sweeper.service';
export * from './tokens.module';
