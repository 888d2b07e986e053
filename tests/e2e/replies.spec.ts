import { expect, test, type Page } from '@playwright/test';
import { chooseOption, composer, messages, openDesk, openSession, devHostForFile } from './desk';
import { HostSocket } from './host-socket';

const host = devHostForFile(['--demo']);

const PERSONAL_TITLE = '报案指示速记';
const PERSONAL_BODY = '{{customerName}}您好，已为您登记报案，报案号是{{claimNo}}，请保持电话畅通。';

async function createPersonalScript(page: Page): Promise<void> {
  await page.getByTestId('panel-tab-scripts').click();
  await page.getByTestId('script-create').click();
  const editor = page.getByTestId('script-editor');
  await expect(editor).toBeVisible();
  await chooseOption(page, editor.getByTestId('script-editor-stage'), '报案受理');
  await editor.getByTestId('script-editor-title').fill(PERSONAL_TITLE);
  await editor.getByTestId('script-editor-body').fill(PERSONAL_BODY);
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await expect(editor).toBeHidden();
}

test('knowledge search in Chinese opens an article beside the chat and quotes it', async ({ page }) => {
  await openDesk(page, host.url);
  await openSession(page, 0);
  await composer(page).fill('');

  await page.keyboard.press('Alt+K');
  const search = page.getByTestId('knowledge-search').locator('input');
  await expect(search).toBeFocused();
  await search.fill('三者险');
  await search.press('Enter');
  const hits = page.getByTestId('knowledge-hit');
  await expect(hits.first()).toBeVisible();
  await expect(hits.first()).toContainText('三者险');

  await search.fill('事故 材料');
  await search.press('Enter');
  await expect(hits.filter({ hasText: '交通事故理赔资料' })).toHaveCount(1);
  await hits.filter({ hasText: '交通事故理赔资料' }).click();

  const article = page.getByTestId('knowledge-article');
  await expect(article.getByTestId('knowledge-article-title')).toHaveText('交通事故理赔资料');
  // The article's internal code is not shown to the agent.
  const code = (await article.getAttribute('data-article-code'))!;
  expect(code).toMatch(/^[a-z]+\.[a-z0-9-]+$/);
  await expect(article).not.toContainText(code);
  const body = (await article.getByTestId('knowledge-article-body').innerText()).trim();
  expect(body.length).toBeGreaterThan(20);
  // The conversation stays in view next to the article.
  await expect(page.getByTestId('message-list')).toBeVisible();
  await expect(composer(page)).toBeVisible();

  await article.getByTestId('knowledge-insert-quote').click();
  const firstParagraph = (await article.locator('p').first().innerText()).trim();
  await expect(composer(page)).toHaveValue(new RegExp(firstParagraph.slice(0, 12).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

  await article.getByTestId('knowledge-back').click();
  await expect(hits.first()).toBeVisible();
});

test('scripts go in at the cursor from the panel and from /bazs, placeholders filled or highlighted', async ({ page }) => {
  await openDesk(page, host.url);
  const { customer } = await openSession(page, 3);
  await composer(page).fill('');
  await createPersonalScript(page);

  // Team scripts are read-only; the personal one can be edited.
  const mine = page.getByTestId('script-item').filter({ hasText: PERSONAL_TITLE });
  await expect(mine).toHaveAttribute('data-scope', 'personal');
  await expect(mine.getByTestId('script-edit')).toBeVisible();
  const team = page.locator('[data-testid="script-item"][data-scope="team"]').first();
  await expect(team.getByTestId('script-readonly')).toBeVisible();
  await expect(team.getByTestId('script-edit')).toHaveCount(0);

  // Panel search with pinyin initials.
  await page.getByTestId('script-search').fill('/bazs');
  await expect(page.getByTestId('script-item').filter({ hasText: '报案指示话术' })).toBeVisible();
  await expect(mine).toBeVisible();

  // Insert at the caret: after text typed first.
  await composer(page).fill('前缀。');
  await mine.getByTestId('script-insert').click();
  await expect(composer(page)).toHaveValue(`前缀。${customer}您好，已为您登记报案，报案号是{{claimNo}}，请保持电话畅通。`);
  const mark = page.getByTestId('composer-mirror').locator('mark');
  await expect(mark).toHaveCount(1);
  await expect(mark).toBeVisible();
  await expect(mark).toHaveText('{{claimNo}}');
  await expect(page.getByTestId('unfilled-placeholder')).toHaveText(['报案号']);

  // A second script at the start of the reply (caret moved there).
  await composer(page).press('Control+Home');
  await page.getByTestId('script-search').fill('/bzjsy');
  const closing = page.getByTestId('script-item').filter({ hasText: '标准结束语' });
  await closing.getByTestId('script-insert').click();
  const value = await composer(page).inputValue();
  expect(value.endsWith(`前缀。${customer}您好，已为您登记报案，报案号是{{claimNo}}，请保持电话畅通。`)).toBe(true);
  expect(value.length).toBeGreaterThan(`前缀。${customer}`.length + 30);
  expect(value).not.toContain('{{agentName}}');

  // Via the composer: `/bazs` at the start, arrow keys, Enter.
  await composer(page).fill('');
  await composer(page).pressSequentially('/bazs');
  const suggest = page.getByTestId('script-suggest');
  await expect(suggest).toBeVisible();
  const options = suggest.getByTestId('script-suggest-item');
  await expect(options.filter({ hasText: PERSONAL_TITLE })).toHaveCount(1);
  for (let i = 0; i < 8 && (await suggest.locator('[aria-selected="true"]').innerText()).indexOf(PERSONAL_TITLE) === -1; i++) {
    await composer(page).press('ArrowDown');
  }
  await expect(suggest.locator('[aria-selected="true"]')).toContainText(PERSONAL_TITLE);
  await composer(page).press('Enter');
  await expect(suggest).toBeHidden();
  await expect(composer(page)).toHaveValue(`${customer}您好，已为您登记报案，报案号是{{claimNo}}，请保持电话畅通。`);
  await expect(mark).toBeVisible();

  // Sending with an unfilled placeholder asks first; cancelling keeps the draft.
  const before = await messages(page).count();
  await composer(page).press('Enter');
  const confirm = page.getByTestId('unfilled-confirm');
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText('报案号');
  await page.getByTestId('unfilled-confirm-cancel').click();
  await expect(confirm).toBeHidden();
  await expect(composer(page)).toHaveValue(`${customer}您好，已为您登记报案，报案号是{{claimNo}}，请保持电话畅通。`);
  await expect(messages(page)).toHaveCount(before);

  // Fill it by hand and send: no question asked.
  await page.getByTestId('unfilled-placeholder').click();
  await page.keyboard.type('BA20261125001');
  await expect(page.getByTestId('unfilled-placeholder')).toHaveCount(0);
  await expect(mark).toHaveCount(0);
  await composer(page).press('Enter');
  await expect(messages(page).last()).toContainText(`${customer}您好，已为您登记报案，报案号是BA20261125001`);
  await expect(composer(page)).toHaveValue('');
});

test('a reply with an unfilled placeholder is sent after confirming', async ({ page }) => {
  await openDesk(page, host.url);
  await openSession(page, 2);
  await composer(page).fill('您的报案号是{{claimNo}}，稍后短信通知。');
  await page.getByTestId('send-button').click();
  await expect(page.getByTestId('unfilled-confirm')).toBeVisible();
  await page.getByTestId('unfilled-confirm-ok').click();
  await expect(messages(page).last()).toContainText('您的报案号是{{claimNo}}，稍后短信通知。');
  await expect(composer(page)).toHaveValue('');
});

test('a sent reply appears in the list and markup in it stays text', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await openDesk(page, host.url);
  const { id } = await openSession(page, 1);
  const body = '请看附件 <img src=x onerror=alert(1)> 以及 <b>bold</b> 文本';
  await composer(page).fill(body);
  await composer(page).press('Shift+Enter');
  await composer(page).pressSequentially('第二行');
  await composer(page).press('Enter');

  const last = messages(page).last();
  await expect(last).toHaveAttribute('data-direction', 'out');
  await expect(last.getByTestId('message-body')).toHaveText(`${body}\n第二行`);
  await expect(page.getByTestId('message-list').locator('img')).toHaveCount(0);
  await expect(page.getByTestId('message-list').locator('b')).toHaveCount(0);
  await expect(composer(page)).toHaveValue('');
  // The list shows it as the session's latest message, and a fresh page reads it back from the host.
  await expect(page.locator(`[data-testid="session-item"][data-conversation-id="${id}"] [data-testid="session-preview"]`)).toContainText('<img src=x onerror=alert(1)>');
  await page.reload();
  await page.locator(`[data-testid="session-item"][data-conversation-id="${id}"]`).click();
  await expect(messages(page).last().getByTestId('message-body')).toHaveText(`${body}\n第二行`);
  await expect(page.getByTestId('message-list').locator('img')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test('Enter on the unfilled-placeholder question goes back to the draft and never sends', async ({ page }) => {
  const socket = await HostSocket.attach(page);
  await openDesk(page, host.url);
  await openSession(page, 4);
  await composer(page).fill('');
  const before = await messages(page).count();
  // 报案号告知: the conversation cannot fill {{claimNo}}.
  await composer(page).pressSequentially('/bahgz');
  await expect(page.getByTestId('script-suggest-item').first()).toContainText('报案号告知');
  await composer(page).press('Enter');
  await expect(page.getByTestId('composer-mirror').locator('mark')).toHaveText('{{claimNo}}');
  const draft = await composer(page).inputValue();

  // Enter, Enter at once: the first asks, the second is the agent's reflex.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(500);
  expect(socket.callsTo('conversations.send')).toHaveLength(0);
  await expect(composer(page)).toHaveValue(draft);

  // Asked again, the safe choice has the focus, so Enter (and Enter again) still sends nothing.
  const confirm = page.getByTestId('unfilled-confirm');
  if (!(await confirm.isVisible())) await composer(page).press('Enter');
  await expect(confirm).toBeVisible();
  await expect(page.getByTestId('unfilled-confirm-cancel')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirm).toBeHidden();
  await expect(composer(page)).toHaveValue(draft);
  await page.keyboard.press('Enter');
  await expect(confirm).toBeVisible();
  await expect(page.getByTestId('unfilled-confirm-cancel')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirm).toBeHidden();

  await page.waitForTimeout(300);
  expect(socket.callsTo('conversations.send')).toHaveLength(0);
  await expect(messages(page)).toHaveCount(before);
  await expect(composer(page)).toHaveValue(draft);
});

test('script cards show placeholders by name, and the reply still gets the values', async ({ page }) => {
  await openDesk(page, host.url);
  await openSession(page, 5);
  await composer(page).fill('');
  await page.getByTestId('panel-tab-scripts').click();
  await page.getByTestId('script-search').fill('/pdjrzx');
  const card = page.getByTestId('script-item').filter({ hasText: '排队接入致谢' });
  await expect(card).toBeVisible();

  const body = card.getByTestId('script-body');
  await expect(body).not.toContainText('{{');
  await expect(body).not.toContainText('|');
  const chips = body.getByTestId('script-placeholder');
  await expect(chips.first()).toBeVisible();
  await expect(body.locator('[data-testid="script-placeholder"][data-key="companyName"]')).toHaveText('公司名称');
  await expect(body.locator('[data-testid="script-placeholder"][data-key="agentName"]')).toHaveText('坐席姓名');
  await expect(body).toHaveAttribute('title', /【公司名称】/);
  // Nothing in the list shows raw placeholder syntax.
  await page.getByTestId('script-search').fill('');
  await expect(page.getByTestId('script-item').first()).toBeVisible();
  for (const text of await page.getByTestId('script-body').allInnerTexts()) expect(text).not.toMatch(/\{\{|\}\}/);

  // Inserting fills what the desk knows, exactly as before.
  await page.getByTestId('script-search').fill('/pdjrzx');
  await card.getByTestId('script-insert').click();
  await expect(composer(page)).toHaveValue(/安行财产保险/);
  const value = await composer(page).inputValue();
  expect(value).not.toContain('公司名称');
  expect(value).not.toContain('{{companyName');
});

test('forbidden service wording asks first, offers the recommended phrasing, and goes only when the agent confirms', async ({ page }) => {
  await openDesk(page, host.url);
  await openSession(page, 2);
  const before = await messages(page).count();
  const body = '您搞错了，这是规定，没 办 法。';
  await composer(page).fill(body);
  await page.getByTestId('send-button').click();
  const ask = page.getByTestId('wording-confirm');
  await expect(ask).toBeVisible();
  await expect(ask.getByTestId('wording-phrase')).toHaveCount(3);
  await expect(ask.getByTestId('wording-phrase').filter({ hasText: '没办法' })).toContainText('我理解您的顾虑');
  // Going back keeps the draft and sends nothing.
  await page.getByTestId('wording-confirm-cancel').click();
  await expect(composer(page)).toHaveValue(body);
  await expect(messages(page)).toHaveCount(before);
  await page.getByTestId('send-button').click();
  await page.getByTestId('wording-confirm-ok').click();
  await expect(messages(page).last().getByTestId('message-body')).toHaveText(body);
  await expect(composer(page)).toHaveValue('');
});
