// Every string the page shows, one dictionary per language. Values are plain
// text: they are only ever put on screen with textContent.

const zh = {
  title: '在线客服',
  welcome: '您好！请选择您要咨询的事项，我们会为您安排专业客服。',
  nameLabel: '怎么称呼您（选填）',
  namePlaceholder: '如：张先生',
  topicPrompt: '请选择咨询事项',
  'topic.new_business': '新保咨询',
  'topic.renewal': '续保',
  'topic.claim_report': '理赔报案',
  'topic.claim_progress': '理赔进度',
  'topic.complaint': '投诉',
  statusIdle: '请描述您的问题，我们将为您接入客服',
  statusWaiting: '正在为您接入客服，请稍候…',
  // {name} becomes a separate element (data-testid webchat-agent-name).
  statusAssigned: '客服 {name} 为您服务',
  'notice.closed': '本次服务已结束，感谢您的咨询。欢迎为本次服务评分。',
  'notice.transferred': '您的会话已转接给专门的客服，请稍候。',
  'notice.transferredTo': '您的会话已转接给客服 {name}，请稍候。',
  statusClosed: '本次服务已结束，如需帮助可继续留言',
  connection: '连接已断开，正在重连…',
  typing: '客服正在输入…',
  listLabel: '聊天记录',
  inputLabel: '输入消息',
  inputPlaceholder: '请输入您的问题',
  send: '发送',
  image: '发送图片',
  location: '发送位置',
  locating: '正在获取位置…',
  newConversation: '新的会话',
  'state.sending': '发送中',
  'state.sent': '未读',
  'state.read': '已读',
  'state.failed': '发送失败',
  retry: '重试',
  imageAlt: '图片',
  imageFailed: '图片加载失败',
  errTextTooLong: '消息不能超过 {max} 字（当前 {n} 字），请分开发送',
  errImageTooLarge: '图片不能超过 2 MB',
  errImageType: '只能发送 JPG、PNG、WebP 或 GIF 格式的图片',
  errGeoUnsupported: '您的浏览器无法获取位置',
  errGeoDenied: '您未允许获取位置，请在浏览器设置中开启后重试',
  errGeoUnavailable: '暂时无法获取您的位置，请稍后再试',
  errStart: '暂时无法连接客服，请检查网络后重试',
  errSend: '消息未能发送，请点击“重试”',
  errRatingScore: '请先选择评分',
  errRating: '评价提交失败，请稍后再试',
  ratingTitle: '请为本次服务评价',
  ratingStars: '评分',
  ratingStar: '{n} 星：{label}',
  'rating.1': '非常不满意',
  'rating.2': '不满意',
  'rating.3': '一般',
  'rating.4': '满意',
  'rating.5': '非常满意',
  ratingComment: '其他意见（选填）',
  ratingSubmit: '提交评价',
  ratingThanks: '感谢您的评价',
};

/** @type {typeof zh} */
const en = {
  title: 'Online service',
  welcome: 'Hello! Tell us what you need help with and we will connect you with the right agent.',
  nameLabel: 'Your name (optional)',
  namePlaceholder: 'e.g. Mr Zhang',
  topicPrompt: 'What is it about?',
  'topic.new_business': 'New policy',
  'topic.renewal': 'Renewal',
  'topic.claim_report': 'Report a claim',
  'topic.claim_progress': 'Claim progress',
  'topic.complaint': 'Complaint',
  statusIdle: 'Describe your question and we will connect you with an agent',
  statusWaiting: 'Connecting you with an agent, please wait…',
  statusAssigned: '{name} is serving you',
  'notice.closed': 'This conversation has ended. Thank you for contacting us; please rate our service.',
  'notice.transferred': 'Your conversation has been passed to a specialist. Please wait a moment.',
  'notice.transferredTo': 'Your conversation has been passed to {name}. Please wait a moment.',
  statusClosed: 'This chat has ended. Write again if you need more help',
  connection: 'Connection lost, reconnecting…',
  typing: 'The agent is typing…',
  listLabel: 'Chat messages',
  inputLabel: 'Message',
  inputPlaceholder: 'Type your question',
  send: 'Send',
  image: 'Send a picture',
  location: 'Send my location',
  locating: 'Finding your location…',
  newConversation: 'New conversation',
  'state.sending': 'Sending',
  'state.sent': 'Unread',
  'state.read': 'Read',
  'state.failed': 'Not sent',
  retry: 'Retry',
  imageAlt: 'Picture',
  imageFailed: 'The picture could not be loaded',
  errTextTooLong: 'A message can be at most {max} characters (this one has {n}); please split it',
  errImageTooLarge: 'Pictures can be at most 2 MB',
  errImageType: 'Only JPG, PNG, WebP or GIF pictures can be sent',
  errGeoUnsupported: 'Your browser cannot share your location',
  errGeoDenied: 'Location access was not allowed; enable it in your browser settings and try again',
  errGeoUnavailable: 'Your location is not available right now, please try again later',
  errStart: 'We cannot reach our service right now; check your connection and try again',
  errSend: 'The message was not sent; tap “Retry”',
  errRatingScore: 'Please choose a score first',
  errRating: 'Your rating could not be sent, please try again later',
  ratingTitle: 'How did we do?',
  ratingStars: 'Score',
  ratingStar: '{n} stars: {label}',
  'rating.1': 'Very dissatisfied',
  'rating.2': 'Dissatisfied',
  'rating.3': 'Neutral',
  'rating.4': 'Satisfied',
  'rating.5': 'Very satisfied',
  ratingComment: 'Anything else? (optional)',
  ratingSubmit: 'Submit',
  ratingThanks: 'Thank you for your feedback',
};

function pickLang() {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'en' || asked === 'zh' || asked === 'zh-CN') return asked === 'en' ? 'en' : 'zh-CN';
  return (navigator.language || '').toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

export const lang = pickLang();
const dict = lang === 'en' ? en : zh;

/** The string for key, with {placeholders} filled in. */
export function t(key, vars = {}) {
  const s = Object.hasOwn(dict, key) ? dict[key] : key;
  return s.replace(/\{(\w+)\}/g, (m, k) => (Object.hasOwn(vars, k) ? String(vars[k]) : m));
}

/** Fills every [data-i18n] element's text and [data-i18n-<attr>] attribute once at start. */
export function translatePage(root = document) {
  document.documentElement.lang = lang;
  document.title = t('title');
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const attr of ['placeholder', 'aria-label']) {
    for (const el of root.querySelectorAll(`[data-i18n-${attr}]`)) el.setAttribute(attr, t(el.getAttribute(`data-i18n-${attr}`)));
  }
}

const timeOnly = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', hour12: false });
const dayAndTime = new Intl.DateTimeFormat(lang, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });

/** "14:05" today, "3月2日 14:05" on another day. */
export function formatTime(ms) {
  const d = new Date(ms);
  return (d.toDateString() === new Date().toDateString() ? timeOnly : dayAndTime).format(d);
}
