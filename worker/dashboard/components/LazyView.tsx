// A view that is fetched when it is first opened, so the page a coordinator
// lands on (pair health) does not carry the code of every other tab.
import type { ComponentType } from 'preact';
import { useRemote } from '../remote';
import { Loaded } from './States';

export function LazyView<P extends object>(props: { load: () => Promise<ComponentType<P>>; what: string; props: P }) {
  const [view, retry] = useRemote(props.load, [props.load]);
  return (
    <Loaded remote={view} what={props.what} retry={retry}>
      {(View) => <View {...props.props} />}
    </Loaded>
  );
}
