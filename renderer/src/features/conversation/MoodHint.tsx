import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ConversationSummary } from '../../../../shared/contract/schemas';
import { useUi } from '../../app/ui-store';
import { useScripts } from '../scripts/scripts-store';

/**
 * The customer sounds angry or anxious (their latest message): the course
 * asks to soothe first (同理-分析-解决-确认). One click shows the soothing scripts.
 */
export function MoodHint({ conversation }: { conversation: ConversationSummary }) {
  const { t } = useTranslation();
  if (!conversation.mood) return null;
  const showSoothing = () => {
    useUi.getState().setSidePanel('scripts');
    // The soothing stage as a list, whatever was searched before.
    useScripts.setState({ query: '' });
    useScripts.getState().setStage('complaintSoothe');
  };
  return (
    <div className={`mood-hint mood-${conversation.mood}`} data-testid="mood-hint" data-mood={conversation.mood} role="status">
      <span>{t(`mood.${conversation.mood}Hint`)}</span>
      <Button size="small" type="link" onClick={showSoothing} data-testid="mood-soothe">
        {t('mood.soothe')}
      </Button>
    </div>
  );
}
