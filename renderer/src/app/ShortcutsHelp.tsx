import { QuestionCircleOutlined } from '@ant-design/icons';
import { Button, Popover } from 'antd';
import { useTranslation } from 'react-i18next';

const KEYS: [string[], string][] = [
  [['Alt', '1…9'], 'shortcuts.jump'],
  [['Alt', '↑ / ↓'], 'shortcuts.prevNext'],
  [['Ctrl', '/'], 'shortcuts.scriptSearch'],
  [['Alt', 'S'], 'shortcuts.scriptSearch'],
  [['Alt', 'K'], 'shortcuts.knowledgeSearch'],
  [['Alt', 'T'], 'shortcuts.tickets'],
  [['Enter'], 'shortcuts.send'],
  [['Shift', 'Enter'], 'shortcuts.newline'],
];

export function ShortcutsHelp() {
  const { t } = useTranslation();
  const content = (
    <div className="shortcuts-help" data-testid="shortcuts-help-content">
      <table>
        <tbody>
          {KEYS.map(([keys, label], i) => (
            <tr key={i}>
              <td className="shortcut-keys">
                {keys.map((k) => (
                  <kbd key={k}>{k}</kbd>
                ))}
              </td>
              <td>{t(label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="muted small shortcuts-note">
        <kbd>/bazs</kbd> {t('shortcuts.scriptCommand')}
      </div>
    </div>
  );
  return (
    <Popover content={content} title={t('shortcuts.title')} trigger="click" placement="bottomRight">
      <Button type="text" icon={<QuestionCircleOutlined />} className="header-button" aria-label={t('shortcuts.button')} data-testid="shortcuts-help">
        <span className="wide-only">{t('shortcuts.button')}</span>
      </Button>
    </Popover>
  );
}
