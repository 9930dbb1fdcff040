/** The channels an inbox can be (website chat first; the others land one by one). */
export const CHANNELS = ['website', 'email', 'api', 'wechat'] as const;
export type Channel = (typeof CHANNELS)[number];
