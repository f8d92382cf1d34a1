// Notices from the interactive core: most become transcript entries; notice.diff opens the diff
// view, notice.reset starts over with a fresh transcript, notice.exit asks the view to unmount.
import type { Notice } from '../../protocol/interactive.ts';
import { initialState } from './initial.ts';
import { appendEntry } from './transcript.ts';
import type { ViewState } from './types.ts';

export function reduceNotice(state: ViewState, notice: Notice): ViewState {
  switch (notice.type) {
    case 'notice.diff':
      return { ...state, diff: notice.files.length > 0 ? notice.files : null };
    case 'notice.reset':
      return { ...initialState(notice.info, state.epoch + 1), exitCode: state.exitCode };
    case 'notice.exit':
      return { ...state, exitCode: notice.code };
    case 'notice.summary':
      // An empty summary says nothing worth a line.
      return notice.files.length === 0 ? state : appendEntry(state, { kind: 'notice', notice });
    default:
      return appendEntry(state, { kind: 'notice', notice });
  }
}
