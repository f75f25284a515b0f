/** The container column of `<Compare>` appears on this click. */
export const CONTAINERS_COLUMN_STEP = 1
export const COMPARE_CLICKS = CONTAINERS_COLUMN_STEP
