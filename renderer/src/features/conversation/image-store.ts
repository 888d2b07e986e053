import { create } from 'zustand';
import { unwrap } from '../../app/call';
import { desk } from '../../app/desk-client';

export type ImageEntry = { status: 'loading' } | { status: 'ready'; dataUrl: string } | { status: 'error' };

interface ImagesState {
  /** Pictures customers sent, by image id: fetched once, kept while the desk runs. */
  images: Record<string, ImageEntry>;
  load(conversationId: string, imageId: string, again?: boolean): void;
}

export const useImages = create<ImagesState>((set, get) => ({
  images: {},

  load(conversationId, imageId, again = false) {
    const known = get().images[imageId];
    if (known && (known.status !== 'error' || !again)) return;
    const put = (entry: ImageEntry) => set((s) => ({ images: { ...s.images, [imageId]: entry } }));
    put({ status: 'loading' });
    unwrap(desk().conversations.image({ conversationId, imageId })).then(
      ({ dataUrl }) => put(/^data:image\//.test(dataUrl) ? { status: 'ready', dataUrl } : { status: 'error' }),
      () => put({ status: 'error' }),
    );
  },
}));
