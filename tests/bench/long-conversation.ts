export async function benchLongConversation(): Promise<Record<string, number>> {
  throw new Error('not measured yet');
}
