import { Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ScriptStage } from '../../../../shared/contract/schemas';
import { useScripts, type ScriptDraft } from './scripts-store';

/** Create or edit a personal script (个人话术); team scripts never open here. */
export function ScriptEditor() {
  const { t } = useTranslation();
  const editing = useScripts((s) => s.editing);
  const saving = useScripts((s) => s.saving);
  const { save, cancelEdit, stage } = useScripts.getState();
  const [form] = Form.useForm<ScriptDraft>();

  useEffect(() => {
    if (!editing) return;
    form.resetFields();
    if (editing === 'new') form.setFieldsValue({ stage: stage ?? 'greeting', title: '', body: '' });
    else form.setFieldsValue({ stage: editing.stage, title: editing.title, body: editing.body });
  }, [editing, form, stage]);

  const submit = async () => {
    const values = await form.validateFields();
    await save(values);
  };

  return (
    <Modal
      open={editing !== null}
      title={editing === 'new' ? t('scripts.createTitle') : t('scripts.editTitle')}
      okText={t('scripts.save')}
      cancelText={t('scripts.cancel')}
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={cancelEdit}
      forceRender
      width={520}
    >
      <div data-testid="script-editor">
        <Form form={form} layout="vertical" requiredMark="optional">
          <Form.Item name="stage" label={t('scripts.stage')} rules={[{ required: true }]}>
            <Select data-testid="script-editor-stage" options={ScriptStage.options.map((s) => ({ value: s, label: t(`stages.${s}`) }))} />
          </Form.Item>
          <Form.Item name="title" label={t('scripts.title')} rules={[{ required: true, whitespace: true, message: t('scripts.titleRequired') }, { max: 60 }]}>
            <Input data-testid="script-editor-title" maxLength={60} />
          </Form.Item>
          <Form.Item
            name="body"
            label={t('scripts.body')}
            extra={t('scripts.bodyHint', { ph: '{{customerName}}' })}
            rules={[{ required: true, whitespace: true, message: t('scripts.bodyRequired') }, { max: 2000 }]}
          >
            <Input.TextArea data-testid="script-editor-body" autoSize={{ minRows: 4, maxRows: 10 }} maxLength={2000} />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
