import { render } from 'preact';
import { OptionsApp } from '../../ui/OptionsApp';

render(<OptionsApp />, document.getElementById('app')!);
