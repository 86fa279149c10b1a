"""Language handling shared by the assistant and the mail channel: folding, words, language, clean-up, splitting."""
