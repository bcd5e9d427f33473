/** A UUID in its text form (any version): ids checked before PostgreSQL casts them to uuid (a bad one is a 500 there). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => UUID.test(value);
