// The service worker. Every listener is registered synchronously at the top
// of the script, because the browser may stop it at any time and wakes it
// again only for events that have a listener from the first turn.
import type { BackgroundDefinition } from 'wxt';
import { browser } from 'wxt/browser';
import type { Message } from '../background/messages';
import { onAlarm, onMessage, onNotificationButton, onNotificationClicked, onWake } from '../background/router';

// Annotated so the project's declaration output (tsc -b) can name the type.
const background: BackgroundDefinition = defineBackground(() => {
  browser.alarms.onAlarm.addListener((alarm) => void onAlarm(alarm));
  browser.notifications.onClicked.addListener((id) => void onNotificationClicked(id));
  browser.notifications.onButtonClicked?.addListener((id, button) => void onNotificationButton(id, button));
  browser.runtime.onInstalled.addListener(() => void onWake());
  browser.runtime.onStartup.addListener(() => void onWake());
  browser.runtime.onMessage.addListener((message: Message, _sender, sendResponse) => {
    void onMessage(message).then(sendResponse);
    return true; // keeps the channel open for the asynchronous reply
  });
});

export default background;
