/** Where a customer conversation comes from (服务渠道). */
export const CHANNELS = ['app', 'wechat', 'weibo', 'sms', 'webchat', 'phone'] as const;
export type Channel = (typeof CHANNELS)[number];
