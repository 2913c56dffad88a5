/** Shared @ApiProperty options of the view DTOs in this lib. */
export const DATE_TIME = { type: String, format: 'date-time' } as const;
export const NULLABLE_DATE_TIME = { ...DATE_TIME, nullable: true } as const;
