function tone(text) {
  return text.includes("!") ? 0.1 : 0.5;
}
