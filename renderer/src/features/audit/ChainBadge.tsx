import { SafetyCertificateOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAudit } from './audit-store';

/** Whether the hash chain holds: intact, broken at the first entry that does not match, or cut short of the recorded newest entry. */
export function ChainBadge() {
  const { t } = useTranslation();
  const chain = useAudit((s) => s.chain);
  const checking = useAudit((s) => s.checking);
  const state = chain === null ? 'unknown' : chain.ok ? 'intact' : chain.brokenAt === null && chain.truncated ? 'truncated' : 'broken';
  return (
    <span className="audit-chain">
      <Tag
        color={state === 'intact' ? 'success' : state === 'unknown' ? 'default' : 'error'}
        icon={state === 'broken' || state === 'truncated' ? <WarningOutlined /> : <SafetyCertificateOutlined />}
        data-testid="audit-chain"
        data-state={state}
        data-broken-at={chain?.brokenAt ?? undefined}
      >
        {state === 'intact'
          ? t('audit.chainIntact', { count: chain!.checked })
          : state === 'broken'
            ? t('audit.chainBroken', { seq: chain!.brokenAt })
            : state === 'truncated'
              ? t('audit.chainTruncated', { seq: chain!.head?.seq })
              : t('audit.chainUnknown')}
      </Tag>
      <Button size="small" loading={checking} onClick={() => void useAudit.getState().verify()} data-testid="audit-verify">
        {t('audit.verify')}
      </Button>
    </span>
  );
}
