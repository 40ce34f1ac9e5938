import { render } from 'preact';
import { FeedbackApp } from '../../ui/FeedbackApp';

const key = new URLSearchParams(location.search).get('prompt') ?? undefined;
// The popup is narrow; the same page opened in a tab gets the full width.
if (!key) document.body.style.width = '380px';
render(<FeedbackApp initialKey={key} />, document.getElementById('app')!);
