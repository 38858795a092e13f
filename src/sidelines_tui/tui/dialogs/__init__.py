"""Modal dialogs: pickers, the tag editor, prompts, confirmations, the note editor, help."""
