export default defineBackground(() => {
  // Listeners are registered by the extension's modules; see extension/README.
});
