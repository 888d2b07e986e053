/** A channel's name in a desktop notification (the renderer has its own, in its i18n files). */
const LABELS: Record<string, { 'zh-CN': string; en: string }> = {
  app: { 'zh-CN': '官方APP', en: 'App' },
  wechat: { 'zh-CN': '微信', en: 'WeChat' },
  weibo: { 'zh-CN': '微博', en: 'Weibo' },
  sms: { 'zh-CN': '短信', en: 'SMS' },
  webchat: { 'zh-CN': '网页在线客服', en: 'Web chat' },
  phone: { 'zh-CN': '电话', en: 'Phone' },
};

export function channelLabel(channel: string, locale: 'zh-CN' | 'en'): string {
  return LABELS[channel]?.[locale] ?? channel;
}
