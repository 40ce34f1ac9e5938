// Programme set-up for a coordinator: import, invites, pairs.
import type { Api } from '../api';
import { useRemote } from '../remote';
import { AddPair } from './AddPair';
import { ImportCsv } from './ImportCsv';
import { ParticipantList } from './ParticipantList';
import { PromptSettings } from './PromptSettings';
import { Loaded } from './States';

export function SetupView(props: { api: Api }) {
  const [remote, reload] = useRemote(async () => {
    const [{ participants }, { pairs }] = await Promise.all([props.api.participants(), props.api.pairs()]);
    return { participants, pairs };
  }, [props.api]);
  return (
    <div class="view">
      <ImportCsv api={props.api} onImported={reload} />
      <Loaded remote={remote} what="participants and pairs" retry={reload}>
        {({ participants, pairs }) => (
          <>
            <ParticipantList api={props.api} participants={participants} onChanged={reload} />
            <AddPair api={props.api} participants={participants} pairs={pairs} onAdded={reload} />
          </>
        )}
      </Loaded>
      <PromptSettings api={props.api} />
    </div>
  );
}
