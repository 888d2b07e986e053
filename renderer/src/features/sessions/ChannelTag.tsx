import { GlobalOutlined, MessageOutlined, MobileOutlined, PhoneOutlined, WechatOutlined, WeiboOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../../../shared/domain/channels';

const LOOK: Record<Channel, { icon: ReactNode; color: string }> = {
  app: { icon: <MobileOutlined />, color: 'blue' },
  wechat: { icon: <WechatOutlined />, color: 'green' },
  weibo: { icon: <WeiboOutlined />, color: 'volcano' },
  sms: { icon: <MessageOutlined />, color: 'purple' },
  webchat: { icon: <GlobalOutlined />, color: 'cyan' },
  phone: { icon: <PhoneOutlined />, color: 'gold' },
};

export function ChannelTag({ channel }: { channel: Channel }) {
  const { t } = useTranslation();
  const look = LOOK[channel];
  return (
    <Tag className="channel-tag" color={look.color} icon={look.icon} data-testid="channel-tag" data-channel={channel}>
      {t(`channels.${channel}`)}
    </Tag>
  );
}
