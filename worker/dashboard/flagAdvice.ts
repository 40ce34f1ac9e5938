// What a coordinator can do about each flag (shared/metrics/README.md, "Flags"). The reason
// with the figures comes from the Worker; this adds the plain-words meaning and a next step.
import { type FlagName as Flag } from '../../shared/vocabulary';

export interface FlagAdvice {
  label: string;
  meaning: string;
  nextStep: string;
}

export const FLAG_ADVICE: Record<Flag, FlagAdvice> = {
  lapsed: {
    label: 'Lapsed',
    meaning: 'The pair has stopped meeting.',
    nextStep: 'Check in with both people and re-book a recurring slot.',
  },
  one_sided: {
    label: 'One-sided',
    meaning: 'Learning flows mostly one way.',
    nextStep: 'Ask each person to name one thing they can teach the other, and swap who leads the next session.',
  },
  helpline: {
    label: 'Helpline',
    meaning: 'One person mostly does the task for the other instead of building their independence.',
    nextStep: 'Coach the pair on showing rather than doing.',
  },
  guarded: {
    label: 'Guarded',
    meaning: 'People say they cannot speak openly.',
    nextStep: 'Talk to each person privately about trust, and agree ground rules on confidentiality with the pair.',
  },
  diverging: {
    label: 'Diverging',
    meaning: 'The two people value the sessions very differently.',
    nextStep: 'Ask both what they want from the sessions and help them reset shared goals.',
  },
  tool_tutoring: {
    label: 'Tool tutoring',
    meaning: 'Sessions are mostly about tools rather than ways of working, strategy or perspective.',
    nextStep: 'Suggest topics beyond tools: strategy, customers, ways of working, culture.',
  },
  silent: {
    label: 'Silent',
    meaning: 'Few people answer the feedback prompt.',
    nextStep: 'Remind both people that feedback is one click, and check the extension is connected to their calendar.',
  },
};

export function adviceFor(flag: string): FlagAdvice {
  return (
    FLAG_ADVICE[flag as Flag] ?? {
      label: flag.replace(/_/g, ' '),
      meaning: 'A warning raised by the Worker.',
      nextStep: 'Check in with the pair.',
    }
  );
}
