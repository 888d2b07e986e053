import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The last verification code head office's SMS gateway (the log-file
 * adapter, one tab-separated line per message: time, number, ...) sent to
 * this mobile number, or undefined while none has gone out.
 */
export function smsCodeSentTo(dataDir: string, phone: string): string | undefined {
  const file = join(dataDir, 'channel-outbound', 'sms.log');
  if (!existsSync(file)) return undefined;
  const line = readFileSync(file, 'utf8').split('\n').filter((l) => l.split('\t')[1] === phone).at(-1);
  return line ? /验证码为 (\d{6})/.exec(line)?.[1] : undefined;
}
