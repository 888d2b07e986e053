import { PictureOutlined } from '@ant-design/icons';
import { Image, Spin } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useImages } from './image-store';

/** A customer's picture as a thumbnail (click to enlarge), fetched through the desk. */
export function MessageImage({ conversationId, imageId }: { conversationId: string; imageId: string }) {
  const { t } = useTranslation();
  const entry = useImages((s) => s.images[imageId]);
  const load = useImages((s) => s.load);

  useEffect(() => load(conversationId, imageId), [conversationId, imageId, load]);

  if (entry?.status === 'ready') {
    return <Image className="msg-image" src={entry.dataUrl} alt={t('message.image')} width={160} data-testid="message-image" data-state="ready" />;
  }
  if (entry?.status === 'error') {
    return (
      <button type="button" className="msg-image-box msg-image-failed" data-testid="message-image" data-state="error" onClick={() => load(conversationId, imageId, true)}>
        <PictureOutlined /> {t('message.imageFailed')}
      </button>
    );
  }
  return (
    <span className="msg-image-box" data-testid="message-image" data-state="loading" aria-label={t('message.imageLoading')}>
      <Spin size="small" />
    </span>
  );
}
